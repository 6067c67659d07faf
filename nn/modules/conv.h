#pragma once
// Convolution layers: Conv1d and Conv2d hold their weight and bias and call xg::conv1d /
// xg::conv2d (autograd/ops/conv.cpp), padding the input first with F::pad when padding_mode
// is not kZeros; ConvTranspose1d and ConvTranspose2d call xg::conv_transpose1d/2d
// (autograd/ops/conv_transpose.cpp).

#include <optional>
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
  /// groups, bias and padding_mode only when not their defaults).
  void pretty_print(std::ostream& stream) const override;

  ConvOptions<D> options;
  Tensor weight;
  /// [out_channels], or undefined with bias(false)
  Tensor bias;

 protected:
  /// input padded as padding_mode says (for a mode other than kZeros), then convolved by `conv`.
  template <class Conv>
  Tensor padded_forward(const Tensor& input, Conv conv);
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

/// The layer shared by ConvTranspose1d and ConvTranspose2d: y = conv_transpose(x, weight, bias)
/// with the options' stride, padding, output_padding, groups and dilation.
///
/// weight [in_channels, out_channels / groups, *kernel_size] and bias [out_channels] start as
/// Conv's do, fan_in = out_channels / groups * prod(kernel_size) (weight's dim 1, as LibTorch
/// computes it).
template <size_t D, class Derived>
class ConvTransposeNdImpl : public Cloneable<Derived> {
 public:
  explicit ConvTransposeNdImpl(ConvTransposeOptions<D> options_);
  void reset() override;
  void reset_parameters();
  /// Prints "torch::nn::ConvTranspose2d(3, 4, kernel_size=[3, 3], stride=[1, 1])" (padding,
  /// dilation, output_padding, groups and bias only when not their defaults).
  void pretty_print(std::ostream& stream) const override;

  ConvTransposeOptions<D> options;
  Tensor weight;
  Tensor bias;

 protected:
  /// The output_padding that gives output_size (D sizes, or D + 2 with the batch and channel
  /// dims), or options.output_padding() without one.
  std::vector<int64_t> output_padding_for(const Tensor& input, const std::optional<IntArrayRef>& output_size) const;
};

/// [N, C, L] (or [C, L]) -> [N, out_channels, L_out]
class ConvTranspose1dImpl : public ConvTransposeNdImpl<1, ConvTranspose1dImpl> {
 public:
  ConvTranspose1dImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<1> kernel_size)
      : ConvTranspose1dImpl(ConvTranspose1dOptions(in_channels, out_channels, kernel_size)) {}
  explicit ConvTranspose1dImpl(ConvTranspose1dOptions options_) : ConvTransposeNdImpl(std::move(options_)) {}
  /// output_size picks among the lengths that stride maps onto the input's.
  Tensor forward(const Tensor& input, const std::optional<IntArrayRef>& output_size = std::nullopt);
};
XG_MODULE(ConvTranspose1d);

/// [N, C, H, W] (or [C, H, W]) -> [N, out_channels, H_out, W_out]
class ConvTranspose2dImpl : public ConvTransposeNdImpl<2, ConvTranspose2dImpl> {
 public:
  ConvTranspose2dImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<2> kernel_size)
      : ConvTranspose2dImpl(ConvTranspose2dOptions(in_channels, out_channels, kernel_size)) {}
  explicit ConvTranspose2dImpl(ConvTranspose2dOptions options_) : ConvTransposeNdImpl(std::move(options_)) {}
  Tensor forward(const Tensor& input, const std::optional<IntArrayRef>& output_size = std::nullopt);
};
XG_MODULE(ConvTranspose2d);

}  // namespace xg::nn
