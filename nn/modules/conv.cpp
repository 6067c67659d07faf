#include "conv.h"

#include "../../autograd/tensor/factories.h"
#include "../functional/conv.h"
#include "../init.h"

namespace xg::nn {

template <size_t D, class Derived>
ConvNdImpl<D, Derived>::ConvNdImpl(ConvOptions<D> options_) : options(std::move(options_)) {
  const char* op = D == 1 ? "Conv1d" : "Conv2d";
  XG_CHECK(options.in_channels() > 0 && options.out_channels() > 0, op,
           "in_channels and out_channels must be positive, got ", options.in_channels(), " and ",
           options.out_channels());
  XG_CHECK(options.groups() > 0, op, "groups must be positive, got ", options.groups());
  XG_CHECK(options.in_channels() % options.groups() == 0, op, "in_channels=", options.in_channels(),
           " must be divisible by groups=", options.groups());
  XG_CHECK(options.out_channels() % options.groups() == 0, op, "out_channels=", options.out_channels(),
           " must be divisible by groups=", options.groups());
  reset();
}

template <size_t D, class Derived>
void ConvNdImpl<D, Derived>::reset() {
  std::vector<int64_t> shape = {options.out_channels(), options.in_channels() / options.groups()};
  for (int64_t k : *options.kernel_size()) shape.push_back(k);
  weight = this->register_parameter("weight", xg::empty(shape));
  bias = options.bias() ? this->register_parameter("bias", xg::empty({options.out_channels()}))
                        : this->register_parameter("bias", Tensor(), /*requires_grad=*/false);
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
  if (options.padding() != ExpandingArray<D>(0)) stream << ", padding=" << options.padding();
  if (options.dilation() != ExpandingArray<D>(1)) stream << ", dilation=" << options.dilation();
  if (options.groups() != 1) stream << ", groups=" << options.groups();
  if (!options.bias()) stream << ", bias=false";
  stream << ")";
}

template class ConvNdImpl<1, Conv1dImpl>;
template class ConvNdImpl<2, Conv2dImpl>;

Tensor Conv1dImpl::forward(const Tensor& input) {
  return xg::conv1d(input, weight, bias, options.stride(), options.padding(), options.dilation(), options.groups());
}

Tensor Conv2dImpl::forward(const Tensor& input) {
  return xg::conv2d(input, weight, bias, options.stride(), options.padding(), options.dilation(), options.groups());
}

}  // namespace xg::nn
