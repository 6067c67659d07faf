#pragma once
// Options of MaxPool2d and AvgPool2d (modules) and F::max_pool2d and F::avg_pool2d
// (functions): nn::MaxPool2dOptions(2).stride(2).padding(0). The stride defaults to the
// kernel size (windows side by side), as in LibTorch.

#include <cstdint>
#include <optional>

#include "../expanding_array.h"

namespace xg::nn {

/// MaxPoolOptions<D>(kernel_size).stride(kernel_size).padding(0).dilation(1).ceil_mode(false)
template <size_t D>
struct MaxPoolOptions {
  MaxPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}  // NOLINT

  MaxPoolOptions& kernel_size(ExpandingArray<D> value) { kernel_size_ = std::move(value); return *this; }
  const ExpandingArray<D>& kernel_size() const noexcept { return kernel_size_; }
  /// Step between windows; default the kernel size.
  MaxPoolOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  /// Implicit -infinity added on both sides; at most half the kernel; default 0.
  MaxPoolOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& padding() const noexcept { return padding_; }
  /// Spacing between the elements of a window; default 1.
  MaxPoolOptions& dilation(ExpandingArray<D> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<D>& dilation() const noexcept { return dilation_; }
  /// Round the output size up (a last, partial window) instead of down; default false.
  MaxPoolOptions& ceil_mode(bool value) { ceil_mode_ = value; return *this; }
  bool ceil_mode() const noexcept { return ceil_mode_; }

 private:
  ExpandingArray<D> kernel_size_;
  ExpandingArray<D> stride_;
  ExpandingArray<D> padding_ = 0;
  ExpandingArray<D> dilation_ = 1;
  bool ceil_mode_ = false;
};
using MaxPool2dOptions = MaxPoolOptions<2>;

/// AvgPoolOptions<D>(kernel_size).stride(kernel_size).padding(0).ceil_mode(false)
///   .count_include_pad(true).divisor_override(nullopt)
template <size_t D>
struct AvgPoolOptions {
  AvgPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}  // NOLINT

  AvgPoolOptions& kernel_size(ExpandingArray<D> value) { kernel_size_ = std::move(value); return *this; }
  const ExpandingArray<D>& kernel_size() const noexcept { return kernel_size_; }
  /// Step between windows; default the kernel size.
  AvgPoolOptions& stride(ExpandingArray<D> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<D>& stride() const noexcept { return stride_; }
  /// Zeros added on both sides; at most half the kernel; default 0.
  AvgPoolOptions& padding(ExpandingArray<D> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D>& padding() const noexcept { return padding_; }
  /// Round the output size up instead of down; default false.
  AvgPoolOptions& ceil_mode(bool value) { ceil_mode_ = value; return *this; }
  bool ceil_mode() const noexcept { return ceil_mode_; }
  /// Count the padding's zeros in the divisor; default true.
  AvgPoolOptions& count_include_pad(bool value) { count_include_pad_ = value; return *this; }
  bool count_include_pad() const noexcept { return count_include_pad_; }
  /// Divide every window's sum by this instead; default none.
  AvgPoolOptions& divisor_override(std::optional<int64_t> value) { divisor_override_ = value; return *this; }
  std::optional<int64_t> divisor_override() const noexcept { return divisor_override_; }

 private:
  ExpandingArray<D> kernel_size_;
  ExpandingArray<D> stride_;
  ExpandingArray<D> padding_ = 0;
  bool ceil_mode_ = false;
  bool count_include_pad_ = true;
  std::optional<int64_t> divisor_override_;
};
using AvgPool2dOptions = AvgPoolOptions<2>;

namespace functional {
/// F::max_pool2d(x, F::MaxPool2dFuncOptions(2)): the module's options, as in LibTorch.
using MaxPool2dFuncOptions = MaxPool2dOptions;
using AvgPool2dFuncOptions = AvgPool2dOptions;
}  // namespace functional

}  // namespace xg::nn
