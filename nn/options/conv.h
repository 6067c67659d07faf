#pragma once
// Options of Conv1d/Conv2d (modules) and F::conv1d/F::conv2d (functions), with chained
// setters as in LibTorch: nn::Conv2dOptions(1, 10, 5).stride(1).padding(2).bias(false).

#include <cstdint>

#include "../../autograd/tensor/tensor.h"
#include "../expanding_array.h"

namespace xg::nn {

/// ConvOptions<D>(in_channels, out_channels, kernel_size): kernel_size, stride, padding and
/// dilation take one number (used for every spatial dim) or D of them.
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
  /// Zeros added on both sides of each spatial dim; default 0.
  ConvOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& padding() const noexcept { return padding_; }
  /// Spacing between the taps of a filter; default 1.
  ConvOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }
  /// Blocks of channels convolved independently; default 1.
  ConvOptions& groups(int64_t value) { groups_ = value; return *this; }
  int64_t groups() const noexcept { return groups_; }
  /// Whether the layer learns an additive bias; default true.
  ConvOptions& bias(bool value) { bias_ = value; return *this; }
  bool bias() const noexcept { return bias_; }

 private:
  int64_t in_channels_;
  int64_t out_channels_;
  ExpandingArray<D> kernel_size_;
  ExpandingArray<D> stride_ = 1;
  ExpandingArray<D> padding_ = 0;
  ExpandingArray<D> dilation_ = 1;
  int64_t groups_ = 1;
  bool bias_ = true;
};
using Conv1dOptions = ConvOptions<1>;
using Conv2dOptions = ConvOptions<2>;

namespace functional {
/// F::Conv2dFuncOptions().bias(b).stride(2).padding(1).dilation(1).groups(1)
template <size_t D>
struct ConvFuncOptions {
  /// Added to every output position of its channel; default undefined (none).
  ConvFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  ConvFuncOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  ConvFuncOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& padding() const noexcept { return padding_; }
  ConvFuncOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }
  ConvFuncOptions& groups(int64_t value) { groups_ = value; return *this; }
  int64_t groups() const noexcept { return groups_; }

 private:
  Tensor bias_;
  ExpandingArray<D> stride_ = 1;
  ExpandingArray<D> padding_ = 0;
  ExpandingArray<D> dilation_ = 1;
  int64_t groups_ = 1;
};
using Conv1dFuncOptions = ConvFuncOptions<1>;
using Conv2dFuncOptions = ConvFuncOptions<2>;
}  // namespace functional

}  // namespace xg::nn
