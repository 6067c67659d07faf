#pragma once
// Options of Conv1d/Conv2d and ConvTranspose1d/ConvTranspose2d (modules) and F::conv1d,
// F::conv2d, F::conv_transpose1d, F::conv_transpose2d (functions), with chained setters as in
// LibTorch: nn::Conv2dOptions(1, 10, 5).stride(1).padding(2).bias(false).

#include <cstdint>
#include <variant>

#include "../../autograd/tensor/tensor.h"
#include "../enum.h"
#include "../expanding_array.h"

namespace xg::nn {

/// ConvOptions<D>(in_channels, out_channels, kernel_size): kernel_size, stride, padding and
/// dilation take one number (used for every spatial dim) or D of them.
/// A convolution's padding: zeros per spatial dim, or xg::kValid (none) or xg::kSame (the
/// output as large as the input).
template <size_t D>
using conv_padding_t = std::variant<ExpandingArray<D>, enumtype::kValid, enumtype::kSame>;
/// What a convolution layer pads its input with: zeros, or its reflection, its edge, its
/// other end (F::pad's modes).
using conv_padding_mode_t = std::variant<enumtype::kZeros, enumtype::kReflect, enumtype::kReplicate, enumtype::kCircular>;

template <size_t D>
struct ConvOptions {
  ConvOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(std::move(kernel_size)) {}

  /// Channels of the input.
  ConvOptions& in_channels(int64_t value) { in_channels_ = value; return *this; }
  int64_t in_channels() const noexcept { return in_channels_; }
  /// Channels of the output (the number of filters).
  ConvOptions& out_channels(int64_t value) { out_channels_ = value; return *this; }
  int64_t out_channels() const noexcept { return out_channels_; }
  /// Size of each filter.
  ConvOptions& kernel_size(ExpandingArray<D> value) { kernel_size_ = std::move(value); return *this; }
  const ExpandingArray<D>& kernel_size() const noexcept { return kernel_size_; }
  /// Step between windows; default 1.
  ConvOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  /// Added on both sides of each spatial dim (see padding_mode), or kValid / kSame; default 0.
  ConvOptions& padding(conv_padding_t<D> value) { padding_ = std::move(value); return *this; }
  /// Also takes a braced list or one number, as ExpandingArray does.
  ConvOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  ConvOptions& padding(int64_t value) { padding_ = ExpandingArray<D>(value); return *this; }
  const conv_padding_t<D>& padding() const noexcept { return padding_; }
  /// Spacing between the taps of a filter; default 1.
  ConvOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }
  /// Blocks of channels convolved independently; default 1.
  ConvOptions& groups(int64_t value) { groups_ = value; return *this; }
  int64_t groups() const noexcept { return groups_; }
  /// Whether the layer learns an additive bias; default true.
  ConvOptions& bias(bool value) { bias_ = value; return *this; }
  bool bias() const noexcept { return bias_; }
  /// What the padding is made of; default kZeros.
  ConvOptions& padding_mode(conv_padding_mode_t value) { padding_mode_ = value; return *this; }
  const conv_padding_mode_t& padding_mode() const noexcept { return padding_mode_; }

 private:
  int64_t in_channels_;
  int64_t out_channels_;
  ExpandingArray<D> kernel_size_;
  ExpandingArray<D> stride_ = 1;
  conv_padding_t<D> padding_ = ExpandingArray<D>(0);
  ExpandingArray<D> dilation_ = 1;
  int64_t groups_ = 1;
  bool bias_ = true;
  conv_padding_mode_t padding_mode_ = enumtype::kZeros{};
};
using Conv1dOptions = ConvOptions<1>;
using Conv2dOptions = ConvOptions<2>;

/// ConvTransposeOptions<D>(in_channels, out_channels, kernel_size), the options of
/// ConvTranspose1d/ConvTranspose2d; padding_mode can only be kZeros, as in LibTorch.
template <size_t D>
struct ConvTransposeOptions {
  ConvTransposeOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(std::move(kernel_size)) {}

  ConvTransposeOptions& in_channels(int64_t value) { in_channels_ = value; return *this; }
  int64_t in_channels() const noexcept { return in_channels_; }
  ConvTransposeOptions& out_channels(int64_t value) { out_channels_ = value; return *this; }
  int64_t out_channels() const noexcept { return out_channels_; }
  ConvTransposeOptions& kernel_size(ExpandingArray<D> value) { kernel_size_ = std::move(value); return *this; }
  const ExpandingArray<D>& kernel_size() const noexcept { return kernel_size_; }
  /// Step between the patches the input pixels are spread onto; default 1.
  ConvTransposeOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  /// Cropped from both sides of each spatial dim of the output (the padding of the
  /// convolution this one is the transpose of); default 0.
  ConvTransposeOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& padding() const noexcept { return padding_; }
  /// Added to one side of each spatial dim of the output, to pick one of the sizes a strided
  /// convolution maps onto the same size; default 0.
  ConvTransposeOptions& output_padding(ExpandingArray<D> value) { output_padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& output_padding() const noexcept { return output_padding_; }
  ConvTransposeOptions& groups(int64_t value) { groups_ = value; return *this; }
  int64_t groups() const noexcept { return groups_; }
  ConvTransposeOptions& bias(bool value) { bias_ = value; return *this; }
  bool bias() const noexcept { return bias_; }
  ConvTransposeOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }
  ConvTransposeOptions& padding_mode(conv_padding_mode_t value) { padding_mode_ = value; return *this; }
  const conv_padding_mode_t& padding_mode() const noexcept { return padding_mode_; }

 private:
  int64_t in_channels_;
  int64_t out_channels_;
  ExpandingArray<D> kernel_size_;
  ExpandingArray<D> stride_ = 1;
  ExpandingArray<D> padding_ = 0;
  ExpandingArray<D> output_padding_ = 0;
  int64_t groups_ = 1;
  bool bias_ = true;
  ExpandingArray<D> dilation_ = 1;
  conv_padding_mode_t padding_mode_ = enumtype::kZeros{};
};
using ConvTranspose1dOptions = ConvTransposeOptions<1>;
using ConvTranspose2dOptions = ConvTransposeOptions<2>;

namespace functional {
/// F::Conv2dFuncOptions().bias(b).stride(2).padding(1).dilation(1).groups(1)
template <size_t D>
struct ConvFuncOptions {
  /// Added to every output position of its channel; default undefined (none).
  ConvFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  ConvFuncOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  ConvFuncOptions& padding(conv_padding_t<D> value) { padding_ = std::move(value); return *this; }
  ConvFuncOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  ConvFuncOptions& padding(int64_t value) { padding_ = ExpandingArray<D>(value); return *this; }
  const conv_padding_t<D>& padding() const noexcept { return padding_; }
  ConvFuncOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }
  ConvFuncOptions& groups(int64_t value) { groups_ = value; return *this; }
  int64_t groups() const noexcept { return groups_; }

 private:
  Tensor bias_;
  ExpandingArray<D> stride_ = 1;
  conv_padding_t<D> padding_ = ExpandingArray<D>(0);
  ExpandingArray<D> dilation_ = 1;
  int64_t groups_ = 1;
};
using Conv1dFuncOptions = ConvFuncOptions<1>;
using Conv2dFuncOptions = ConvFuncOptions<2>;

/// F::ConvTranspose2dFuncOptions().bias(b).stride(2).padding(1).output_padding(1).groups(1).dilation(1)
template <size_t D>
struct ConvTransposeFuncOptions {
  ConvTransposeFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  ConvTransposeFuncOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  ConvTransposeFuncOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& padding() const noexcept { return padding_; }
  ConvTransposeFuncOptions& output_padding(ExpandingArray<D> value) { output_padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& output_padding() const noexcept { return output_padding_; }
  ConvTransposeFuncOptions& groups(int64_t value) { groups_ = value; return *this; }
  int64_t groups() const noexcept { return groups_; }
  ConvTransposeFuncOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }

 private:
  Tensor bias_;
  ExpandingArray<D> stride_ = 1;
  ExpandingArray<D> padding_ = 0;
  ExpandingArray<D> output_padding_ = 0;
  int64_t groups_ = 1;
  ExpandingArray<D> dilation_ = 1;
};
using ConvTranspose1dFuncOptions = ConvTransposeFuncOptions<1>;
using ConvTranspose2dFuncOptions = ConvTransposeFuncOptions<2>;
}  // namespace functional

}  // namespace xg::nn
