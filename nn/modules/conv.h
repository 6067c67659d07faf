#pragma once
// Convolution layers: Conv1d and Conv2d hold their weight and bias and call xg::conv1d /
// xg::conv2d (autograd/ops/conv.cpp).

#include <ostream>

#include "../cloneable.h"
#include "../options/conv.h"
#include "../pimpl.h"

namespace xg::nn {

/// The layer shared by Conv1d and Conv2d: y = conv(x, weight, bias) with the options' stride,
/// padding, dilation and groups.
///
/// weight [out_channels, in_channels / groups, *kernel_size] starts as
/// kaiming_uniform_(a = sqrt(5)) and bias [out_channels] as U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
/// fan_in = in_channels / groups * prod(kernel_size), drawn weight first, then bias: after the
/// same manual_seed, xgrad and LibTorch start from the same numbers.
template <size_t D, class Derived>
class ConvNdImpl : public Cloneable<Derived> {
 public:
  explicit ConvNdImpl(ConvOptions<D> options_);
  /// Registers weight and bias and initialises them (reset_parameters).
  void reset() override;
  /// Draws fresh initial values for weight and bias.
  void reset_parameters();
  /// Prints "torch::nn::Conv2d(1, 10, kernel_size=[5, 5], stride=[1, 1])" (padding, dilation,
  /// groups and bias only when not their defaults).
  void pretty_print(std::ostream& stream) const override;

  ConvOptions<D> options;
  Tensor weight;
  /// [out_channels], or undefined with bias(false)
  Tensor bias;
};

/// [N, C, L] (or [C, L]) -> [N, out_channels, L_out]
class Conv1dImpl : public ConvNdImpl<1, Conv1dImpl> {
 public:
  Conv1dImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<1> kernel_size)
      : Conv1dImpl(Conv1dOptions(in_channels, out_channels, kernel_size)) {}
  explicit Conv1dImpl(Conv1dOptions options_) : ConvNdImpl(std::move(options_)) {}
  Tensor forward(const Tensor& input);
};
XG_MODULE(Conv1d);

/// [N, C, H, W] (or [C, H, W]) -> [N, out_channels, H_out, W_out]
class Conv2dImpl : public ConvNdImpl<2, Conv2dImpl> {
 public:
  Conv2dImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<2> kernel_size)
      : Conv2dImpl(Conv2dOptions(in_channels, out_channels, kernel_size)) {}
  explicit Conv2dImpl(Conv2dOptions options_) : ConvNdImpl(std::move(options_)) {}
  Tensor forward(const Tensor& input);
};
XG_MODULE(Conv2d);

}  // namespace xg::nn
