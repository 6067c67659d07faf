#pragma once
// Options of nn::Fold and nn::Unfold (modules) and of F::fold and F::unfold (functions), as in
// LibTorch: nn::FoldOptions({8, 8}, {3, 3}).dilation(2).padding({2, 1}).stride(2).

#include <cstdint>

#include "../expanding_array.h"

namespace xg::nn {

/// FoldOptions(output_size, kernel_size).dilation(1).padding(0).stride(1)
struct FoldOptions {
  FoldOptions(ExpandingArray<2> output_size, ExpandingArray<2> kernel_size)
      : output_size_(std::move(output_size)), kernel_size_(std::move(kernel_size)) {}

  /// The spatial size {H, W} of the image the blocks are added into (several sizes can have
  /// the same number of blocks when the stride is above 1).
  FoldOptions& output_size(ExpandingArray<2> value) { output_size_ = std::move(value); return *this; }
  const ExpandingArray<2>& output_size() const noexcept { return output_size_; }
  /// The size of each block.
  FoldOptions& kernel_size(ExpandingArray<2> value) { kernel_size_ = std::move(value); return *this; }
  const ExpandingArray<2>& kernel_size() const noexcept { return kernel_size_; }
  /// Spacing between the elements of a block; default 1.
  FoldOptions& dilation(ExpandingArray<2> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<2>& dilation() const noexcept { return dilation_; }
  /// Implicit zeros on both sides of each spatial dim; default 0.
  FoldOptions& padding(ExpandingArray<2> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<2>& padding() const noexcept { return padding_; }
  /// Step between blocks; default 1.
  FoldOptions& stride(ExpandingArray<2> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<2>& stride() const noexcept { return stride_; }

 private:
  ExpandingArray<2> output_size_;
  ExpandingArray<2> kernel_size_;
  ExpandingArray<2> dilation_ = 1;
  ExpandingArray<2> padding_ = 0;
  ExpandingArray<2> stride_ = 1;
};

/// UnfoldOptions(kernel_size).dilation(1).padding(0).stride(1)
struct UnfoldOptions {
  UnfoldOptions(ExpandingArray<2> kernel_size) : kernel_size_(std::move(kernel_size)) {}  // NOLINT

  /// The size of each block.
  UnfoldOptions& kernel_size(ExpandingArray<2> value) { kernel_size_ = std::move(value); return *this; }
  const ExpandingArray<2>& kernel_size() const noexcept { return kernel_size_; }
  /// Spacing between the elements of a block; default 1.
  UnfoldOptions& dilation(ExpandingArray<2> value) { dilation_ = std::move(value); return *this; }
  const ExpandingArray<2>& dilation() const noexcept { return dilation_; }
  /// Implicit zeros on both sides of each spatial dim; default 0.
  UnfoldOptions& padding(ExpandingArray<2> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<2>& padding() const noexcept { return padding_; }
  /// Step between blocks; default 1.
  UnfoldOptions& stride(ExpandingArray<2> value) { stride_ = std::move(value); return *this; }
  const ExpandingArray<2>& stride() const noexcept { return stride_; }

 private:
  ExpandingArray<2> kernel_size_;
  ExpandingArray<2> dilation_ = 1;
  ExpandingArray<2> padding_ = 0;
  ExpandingArray<2> stride_ = 1;
};

namespace functional {
using FoldFuncOptions = FoldOptions;
using UnfoldFuncOptions = UnfoldOptions;
}  // namespace functional

}  // namespace xg::nn
