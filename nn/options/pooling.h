#pragma once
// Options of the pooling modules (MaxPool2d, AvgPool1d, AdaptiveAvgPool2d, ...) and
// functions (F::max_pool2d, ...): nn::MaxPool2dOptions(2).stride(2).padding(0). The stride defaults to the
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
using MaxPool1dOptions = MaxPoolOptions<1>;

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
using AvgPool1dOptions = AvgPoolOptions<1>;

/// AdaptiveAvgPoolOptions<output_size_t>(output_size): the output's spatial sizes; the
/// windows follow from them (see autograd/ops/pool.cpp).
template <class output_size_t>
struct AdaptiveAvgPoolOptions {
  AdaptiveAvgPoolOptions(output_size_t output_size) : output_size_(std::move(output_size)) {}  // NOLINT
  AdaptiveAvgPoolOptions& output_size(output_size_t value) { output_size_ = std::move(value); return *this; }
  const output_size_t& output_size() const noexcept { return output_size_; }

 private:
  output_size_t output_size_;
};
using AdaptiveAvgPool1dOptions = AdaptiveAvgPoolOptions<ExpandingArray<1>>;
/// A size left nullopt keeps the input's.
using AdaptiveAvgPool2dOptions = AdaptiveAvgPoolOptions<ExpandingArrayWithOptionalElem<2>>;

/// AdaptiveMaxPoolOptions<output_size_t>(output_size), as AdaptiveAvgPoolOptions.
template <class output_size_t>
struct AdaptiveMaxPoolOptions {
  AdaptiveMaxPoolOptions(output_size_t output_size) : output_size_(std::move(output_size)) {}  // NOLINT
  AdaptiveMaxPoolOptions& output_size(output_size_t value) { output_size_ = std::move(value); return *this; }
  const output_size_t& output_size() const noexcept { return output_size_; }

 private:
  output_size_t output_size_;
};
using AdaptiveMaxPool1dOptions = AdaptiveMaxPoolOptions<ExpandingArray<1>>;
using AdaptiveMaxPool2dOptions = AdaptiveMaxPoolOptions<ExpandingArrayWithOptionalElem<2>>;

namespace functional {
/// F::max_pool2d(x, F::MaxPool2dFuncOptions(2)): the module's options, as in LibTorch.
using MaxPool2dFuncOptions = MaxPool2dOptions;
using AvgPool2dFuncOptions = AvgPool2dOptions;
using MaxPool1dFuncOptions = MaxPool1dOptions;
using AvgPool1dFuncOptions = AvgPool1dOptions;
using AdaptiveAvgPool1dFuncOptions = AdaptiveAvgPool1dOptions;
using AdaptiveAvgPool2dFuncOptions = AdaptiveAvgPool2dOptions;
using AdaptiveMaxPool1dFuncOptions = AdaptiveMaxPool1dOptions;
using AdaptiveMaxPool2dFuncOptions = AdaptiveMaxPool2dOptions;
}  // namespace functional

}  // namespace xg::nn
