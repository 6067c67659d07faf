#include "conv.h"

namespace xg::nn::functional {

namespace {

// xg::conv1d or xg::conv2d (`conv`) with the options' padding: numbers, or kValid / kSame as
// the op's "valid" / "same".
template <size_t D, class Conv>
Tensor conv_with_options(const Tensor& input, const Tensor& weight, const ConvFuncOptions<D>& options, Conv conv) {
  return std::visit(
      [&](const auto& padding) {
        using P = std::decay_t<decltype(padding)>;
        if constexpr (std::is_same_v<P, enumtype::kValid>)
          return conv(input, weight, options.bias(), options.stride(), std::string_view("valid"),
                      options.dilation(), options.groups());
        else if constexpr (std::is_same_v<P, enumtype::kSame>)
          return conv(input, weight, options.bias(), options.stride(), std::string_view("same"),
                      options.dilation(), options.groups());
        else
          return conv(input, weight, options.bias(), options.stride(), IntArrayRef(*padding), options.dilation(),
                      options.groups());
      },
      options.padding());
}

}  // namespace

Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& options) {
  return conv_with_options(input, weight, options, [](const auto&... args) { return xg::conv1d(args...); });
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& options) {
  return conv_with_options(input, weight, options, [](const auto&... args) { return xg::conv2d(args...); });
}

Tensor conv_transpose1d(const Tensor& input, const Tensor& weight, const ConvTranspose1dFuncOptions& options) {
  return xg::conv_transpose1d(input, weight, options.bias(), options.stride(), options.padding(),
                              options.output_padding(), options.groups(), options.dilation());
}

Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const ConvTranspose2dFuncOptions& options) {
  return xg::conv_transpose2d(input, weight, options.bias(), options.stride(), options.padding(),
                              options.output_padding(), options.groups(), options.dilation());
}

}  // namespace xg::nn::functional
