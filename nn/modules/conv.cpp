#include "conv.h"

#include "../../autograd/tensor/factories.h"
#include "../functional/conv.h"
#include "../init.h"

namespace xg::nn {

namespace {

// The checks Conv and ConvTranspose make of their channels and groups.
void check_channels(const char* op, int64_t in_channels, int64_t out_channels, int64_t groups) {
  XG_CHECK(in_channels > 0 && out_channels > 0, op, "in_channels and out_channels must be positive, got ",
           in_channels, " and ", out_channels);
  XG_CHECK(groups > 0, op, "groups must be positive, got ", groups);
  XG_CHECK(in_channels % groups == 0, op, "in_channels=", in_channels, " must be divisible by groups=", groups);
  XG_CHECK(out_channels % groups == 0, op, "out_channels=", out_channels, " must be divisible by groups=", groups);
}

// Registers weight [dim0, dim1, *kernel_size] and bias [bias_size] (or an undefined bias).
template <class Module, size_t D>
void register_weight_and_bias(Module& module, int64_t dim0, int64_t dim1, const ExpandingArray<D>& kernel_size,
                              bool with_bias, int64_t bias_size) {
  std::vector<int64_t> shape = {dim0, dim1};
  for (int64_t k : *kernel_size) shape.push_back(k);
  module.weight = module.register_parameter("weight", xg::empty(shape));
  module.bias = with_bias ? module.register_parameter("bias", xg::empty({bias_size}))
                          : module.register_parameter("bias", Tensor(), /*requires_grad=*/false);
}

// xg::pad's name of a padding mode other than kZeros.
std::string_view pad_mode_name(const conv_padding_mode_t& mode) {
  if (std::holds_alternative<enumtype::kReflect>(mode)) return "reflect";
  if (std::holds_alternative<enumtype::kReplicate>(mode)) return "replicate";
  return "circular";
}

// The padding of each spatial dim as F::pad's list (before, after), the last dim first: each
// amount twice, or for kSame dilation * (k - 1) split with the odd one after, or none for kValid.
template <size_t D>
std::vector<int64_t> reversed_padding_repeated_twice(const ConvOptions<D>& options) {
  std::vector<int64_t> pad;
  for (int64_t d = D - 1; d >= 0; --d) {
    int64_t before = 0, after = 0;
    if (const auto* amounts = std::get_if<ExpandingArray<D>>(&options.padding())) {
      before = after = (**amounts)[d];
    } else if (std::holds_alternative<enumtype::kSame>(options.padding())) {
      const int64_t total = (*options.dilation())[d] * ((*options.kernel_size())[d] - 1);
      before = total / 2;
      after = total - before;
    }
    pad.push_back(before);
    pad.push_back(after);
  }
  return pad;
}

}  // namespace

template <size_t D, class Derived>
ConvNdImpl<D, Derived>::ConvNdImpl(ConvOptions<D> options_) : options(std::move(options_)) {
  const char* op = D == 1 ? "Conv1d" : "Conv2d";
  check_channels(op, options.in_channels(), options.out_channels(), options.groups());
  if (std::holds_alternative<enumtype::kSame>(options.padding()))
    for (int64_t s : *options.stride())
      XG_CHECK(s == 1, op, "padding='same' is not supported for strided convolutions");
  reset();
}

template <size_t D, class Derived>
void ConvNdImpl<D, Derived>::reset() {
  register_weight_and_bias(*this, options.out_channels(), options.in_channels() / options.groups(),
                           options.kernel_size(), options.bias(), options.out_channels());
  reset_parameters();
}

template <size_t D, class Derived>
void ConvNdImpl<D, Derived>::reset_parameters() {
  init::detail::default_layer_init_(weight, bias);
}

template <size_t D, class Derived>
void ConvNdImpl<D, Derived>::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Conv" << D << "d(" << options.in_channels() << ", " << options.out_channels()
         << ", kernel_size=" << options.kernel_size() << ", stride=" << options.stride();
  if (const auto* amounts = std::get_if<ExpandingArray<D>>(&options.padding())) {
    if (*amounts != ExpandingArray<D>(0)) stream << ", padding=" << *amounts;
  } else {
    stream << ", padding='" << (std::holds_alternative<enumtype::kSame>(options.padding()) ? "same" : "valid") << "'";
  }
  if (options.dilation() != ExpandingArray<D>(1)) stream << ", dilation=" << options.dilation();
  if (options.groups() != 1) stream << ", groups=" << options.groups();
  if (!options.bias()) stream << ", bias=false";
  if (!std::holds_alternative<enumtype::kZeros>(options.padding_mode()))
    stream << ", padding_mode=" << enumtype::get_enum_name(options.padding_mode());
  stream << ")";
}

template <size_t D, class Derived>
template <class Conv>
Tensor ConvNdImpl<D, Derived>::padded_forward(const Tensor& input, Conv conv) {
  if (!std::holds_alternative<enumtype::kZeros>(options.padding_mode()))
    return conv(xg::pad(input, reversed_padding_repeated_twice(options), pad_mode_name(options.padding_mode())),
                ExpandingArray<D>(0));
  return conv(input, options.padding());
}

template class ConvNdImpl<1, Conv1dImpl>;
template class ConvNdImpl<2, Conv2dImpl>;

Tensor Conv1dImpl::forward(const Tensor& input) {
  return padded_forward(input, [this](const Tensor& x, const conv_padding_t<1>& padding) {
    return functional::conv1d(x, weight,
                              functional::Conv1dFuncOptions().bias(bias).stride(options.stride()).padding(padding)
                                  .dilation(options.dilation()).groups(options.groups()));
  });
}

Tensor Conv2dImpl::forward(const Tensor& input) {
  return padded_forward(input, [this](const Tensor& x, const conv_padding_t<2>& padding) {
    return functional::conv2d(x, weight,
                              functional::Conv2dFuncOptions().bias(bias).stride(options.stride()).padding(padding)
                                  .dilation(options.dilation()).groups(options.groups()));
  });
}

template <size_t D, class Derived>
ConvTransposeNdImpl<D, Derived>::ConvTransposeNdImpl(ConvTransposeOptions<D> options_) : options(std::move(options_)) {
  const char* op = D == 1 ? "ConvTranspose1d" : "ConvTranspose2d";
  check_channels(op, options.in_channels(), options.out_channels(), options.groups());
  XG_CHECK(std::holds_alternative<enumtype::kZeros>(options.padding_mode()), op,
           "Only `zeros` padding mode is supported for ConvTranspose", D, "d");
  reset();
}

template <size_t D, class Derived>
void ConvTransposeNdImpl<D, Derived>::reset() {
  register_weight_and_bias(*this, options.in_channels(), options.out_channels() / options.groups(),
                           options.kernel_size(), options.bias(), options.out_channels());
  reset_parameters();
}

template <size_t D, class Derived>
void ConvTransposeNdImpl<D, Derived>::reset_parameters() {
  init::detail::default_layer_init_(weight, bias);
}

template <size_t D, class Derived>
void ConvTransposeNdImpl<D, Derived>::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::ConvTranspose" << D << "d(" << options.in_channels() << ", " << options.out_channels()
         << ", kernel_size=" << options.kernel_size() << ", stride=" << options.stride();
  if (options.padding() != ExpandingArray<D>(0)) stream << ", padding=" << options.padding();
  if (options.dilation() != ExpandingArray<D>(1)) stream << ", dilation=" << options.dilation();
  if (options.output_padding() != ExpandingArray<D>(0)) stream << ", output_padding=" << options.output_padding();
  if (options.groups() != 1) stream << ", groups=" << options.groups();
  if (!options.bias()) stream << ", bias=false";
  stream << ")";
}

template <size_t D, class Derived>
std::vector<int64_t> ConvTransposeNdImpl<D, Derived>::output_padding_for(
    const Tensor& input, const std::optional<IntArrayRef>& output_size) const {
  if (!output_size) return (*options.output_padding()).vec();
  const char* op = D == 1 ? "ConvTranspose1d" : "ConvTranspose2d";
  XG_CHECK(input.dim() >= static_cast<int64_t>(D), op, "expected an input with ", D,
           " spatial dims, got sizes ", input.sizes());
  IntArrayRef sizes = *output_size;
  if (sizes.size() == D + 2) sizes = IntArrayRef(sizes.begin() + 2, D);  // drop the batch and channel dims
  XG_CHECK(sizes.size() == D, op, "output_size must have ", D, " or ", D + 2, " elements (got ",
           output_size->size(), ")");
  std::vector<int64_t> padding, smallest, largest;
  for (size_t d = 0; d < D; ++d) {
    const int64_t n = input.size(input.dim() - static_cast<int64_t>(D) + static_cast<int64_t>(d));
    const int64_t stride = (*options.stride())[d];
    smallest.push_back((n - 1) * stride - 2 * (*options.padding())[d] +
                       (*options.dilation())[d] * ((*options.kernel_size())[d] - 1) + 1);
    largest.push_back(smallest.back() + stride - 1);
  }
  for (size_t d = 0; d < D; ++d) {
    XG_CHECK(sizes[d] >= smallest[d] && sizes[d] <= largest[d], op, "requested an output size of ", sizes,
             ", but valid sizes range from ", IntArrayRef(smallest), " to ", IntArrayRef(largest), " (for an input of ",
             IntArrayRef(input.sizes().begin() + input.dim() - D, D), ")");
    padding.push_back(sizes[d] - smallest[d]);
  }
  return padding;
}

template class ConvTransposeNdImpl<1, ConvTranspose1dImpl>;
template class ConvTransposeNdImpl<2, ConvTranspose2dImpl>;

Tensor ConvTranspose1dImpl::forward(const Tensor& input, const std::optional<IntArrayRef>& output_size) {
  return xg::conv_transpose1d(input, weight, bias, options.stride(), options.padding(),
                              output_padding_for(input, output_size), options.groups(), options.dilation());
}

Tensor ConvTranspose2dImpl::forward(const Tensor& input, const std::optional<IntArrayRef>& output_size) {
  return xg::conv_transpose2d(input, weight, bias, options.stride(), options.padding(),
                              output_padding_for(input, output_size), options.groups(), options.dilation());
}

}  // namespace xg::nn
