#include "pooling.h"

namespace xg::nn::functional {

namespace {
// The adaptive output sizes with each absent one replaced by the input's size there.
std::vector<int64_t> with_input_sizes(const Tensor& input, const ExpandingArrayWithOptionalElem<2>& output_size) {
  XG_CHECK(input.defined() && input.dim() >= 2, "adaptive_pool2d", "expected an input of at least 2 dims");
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < 2; ++i) sizes.push_back(output_size[i].value_or(input.size(input.dim() - 2 + i)));
  return sizes;
}
}  // namespace

Tensor max_pool2d(const Tensor& input, const MaxPool2dFuncOptions& options) {
  return xg::max_pool2d(input, options.kernel_size(), options.stride(), options.padding(), options.dilation(),
                        options.ceil_mode());
}

std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input, const MaxPool2dFuncOptions& options) {
  return xg::max_pool2d_with_indices(input, options.kernel_size(), options.stride(), options.padding(),
                                     options.dilation(), options.ceil_mode());
}

Tensor avg_pool2d(const Tensor& input, const AvgPool2dFuncOptions& options) {
  return xg::avg_pool2d(input, options.kernel_size(), options.stride(), options.padding(), options.ceil_mode(),
                        options.count_include_pad(), options.divisor_override());
}

Tensor max_pool1d(const Tensor& input, const MaxPool1dFuncOptions& options) {
  return xg::max_pool1d(input, options.kernel_size(), options.stride(), options.padding(), options.dilation(),
                        options.ceil_mode());
}

std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input, const MaxPool1dFuncOptions& options) {
  return xg::max_pool1d_with_indices(input, options.kernel_size(), options.stride(), options.padding(),
                                     options.dilation(), options.ceil_mode());
}

Tensor avg_pool1d(const Tensor& input, const AvgPool1dFuncOptions& options) {
  return xg::avg_pool1d(input, options.kernel_size(), options.stride(), options.padding(), options.ceil_mode(),
                        options.count_include_pad());
}

Tensor adaptive_avg_pool1d(const Tensor& input, const AdaptiveAvgPool1dFuncOptions& options) {
  return xg::adaptive_avg_pool1d(input, options.output_size());
}

Tensor adaptive_avg_pool2d(const Tensor& input, const AdaptiveAvgPool2dFuncOptions& options) {
  return xg::adaptive_avg_pool2d(input, with_input_sizes(input, options.output_size()));
}

Tensor adaptive_max_pool1d(const Tensor& input, const AdaptiveMaxPool1dFuncOptions& options) {
  return std::get<0>(adaptive_max_pool1d_with_indices(input, options));
}

std::tuple<Tensor, Tensor> adaptive_max_pool1d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool1dFuncOptions& options) {
  return xg::adaptive_max_pool1d(input, options.output_size());
}

Tensor adaptive_max_pool2d(const Tensor& input, const AdaptiveMaxPool2dFuncOptions& options) {
  return std::get<0>(adaptive_max_pool2d_with_indices(input, options));
}

std::tuple<Tensor, Tensor> adaptive_max_pool2d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool2dFuncOptions& options) {
  return xg::adaptive_max_pool2d(input, with_input_sizes(input, options.output_size()));
}

}  // namespace xg::nn::functional
