#pragma once
// Pooling layers: MaxPool2d and AvgPool2d hold their options and call xg::max_pool2d /
// xg::avg_pool2d (autograd/ops/pool.cpp). No parameters.

#include <ostream>

#include "../cloneable.h"
#include "../options/pooling.h"
#include "../pimpl.h"

namespace xg::nn {

/// The largest element of each window: [N, C, H, W] (or [C, H, W]) -> [N, C, H_out, W_out].
class MaxPool2dImpl : public Cloneable<MaxPool2dImpl> {
 public:
  MaxPool2dImpl(ExpandingArray<2> kernel_size) : MaxPool2dImpl(MaxPool2dOptions(kernel_size)) {}  // NOLINT
  explicit MaxPool2dImpl(const MaxPool2dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::MaxPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0], dilation=[1, 1], ceil_mode=false)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
  /// The maxima and their positions h * W + w in their planes.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);

  MaxPool2dOptions options;
};
XG_MODULE(MaxPool2d);

/// The mean of each window: [N, C, H, W] (or [C, H, W]) -> [N, C, H_out, W_out].
class AvgPool2dImpl : public Cloneable<AvgPool2dImpl> {
 public:
  AvgPool2dImpl(ExpandingArray<2> kernel_size) : AvgPool2dImpl(AvgPool2dOptions(kernel_size)) {}  // NOLINT
  explicit AvgPool2dImpl(const AvgPool2dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::AvgPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  AvgPool2dOptions options;
};
XG_MODULE(AvgPool2d);

}  // namespace xg::nn
