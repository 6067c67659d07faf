#pragma once
// Pooling layers: MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool1d/2d and AdaptiveMaxPool1d/2d
// hold their options and call the functional forms (nn/functional/pooling.h), which call the
// ops of autograd/ops/pool.cpp. No parameters.

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

/// The largest element of each window: [N, C, L] (or [C, L]) -> [N, C, L_out].
class MaxPool1dImpl : public Cloneable<MaxPool1dImpl> {
 public:
  MaxPool1dImpl(ExpandingArray<1> kernel_size) : MaxPool1dImpl(MaxPool1dOptions(kernel_size)) {}  // NOLINT
  explicit MaxPool1dImpl(const MaxPool1dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::MaxPool1d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=false)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
  /// The maxima and their positions along L.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);

  MaxPool1dOptions options;
};
XG_MODULE(MaxPool1d);

/// The mean of each window: [N, C, L] (or [C, L]) -> [N, C, L_out].
class AvgPool1dImpl : public Cloneable<AvgPool1dImpl> {
 public:
  AvgPool1dImpl(ExpandingArray<1> kernel_size) : AvgPool1dImpl(AvgPool1dOptions(kernel_size)) {}  // NOLINT
  explicit AvgPool1dImpl(const AvgPool1dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::AvgPool1d(kernel_size=3, stride=3, padding=0)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  AvgPool1dOptions options;
};
XG_MODULE(AvgPool1d);

/// The mean of each adaptive window: [N, C, L] -> [N, C, output_size].
class AdaptiveAvgPool1dImpl : public Cloneable<AdaptiveAvgPool1dImpl> {
 public:
  AdaptiveAvgPool1dImpl(ExpandingArray<1> output_size)  // NOLINT
      : AdaptiveAvgPool1dImpl(AdaptiveAvgPool1dOptions(output_size)) {}
  explicit AdaptiveAvgPool1dImpl(const AdaptiveAvgPool1dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::AdaptiveAvgPool1d(output_size=3)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  AdaptiveAvgPool1dOptions options;
};
XG_MODULE(AdaptiveAvgPool1d);

/// The mean of each adaptive window: [N, C, H, W] -> [N, C, output_size].
class AdaptiveAvgPool2dImpl : public Cloneable<AdaptiveAvgPool2dImpl> {
 public:
  AdaptiveAvgPool2dImpl(ExpandingArrayWithOptionalElem<2> output_size)  // NOLINT
      : AdaptiveAvgPool2dImpl(AdaptiveAvgPool2dOptions(output_size)) {}
  explicit AdaptiveAvgPool2dImpl(const AdaptiveAvgPool2dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::AdaptiveAvgPool2d(output_size=[3, None])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  AdaptiveAvgPool2dOptions options;
};
XG_MODULE(AdaptiveAvgPool2d);

/// The largest element of each adaptive window: [N, C, L] -> [N, C, output_size].
class AdaptiveMaxPool1dImpl : public Cloneable<AdaptiveMaxPool1dImpl> {
 public:
  AdaptiveMaxPool1dImpl(ExpandingArray<1> output_size)  // NOLINT
      : AdaptiveMaxPool1dImpl(AdaptiveMaxPool1dOptions(output_size)) {}
  explicit AdaptiveMaxPool1dImpl(const AdaptiveMaxPool1dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::AdaptiveMaxPool1d(output_size=3)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
  /// The maxima and their positions along L.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);

  AdaptiveMaxPool1dOptions options;
};
XG_MODULE(AdaptiveMaxPool1d);

/// The largest element of each adaptive window: [N, C, H, W] -> [N, C, output_size].
class AdaptiveMaxPool2dImpl : public Cloneable<AdaptiveMaxPool2dImpl> {
 public:
  AdaptiveMaxPool2dImpl(ExpandingArrayWithOptionalElem<2> output_size)  // NOLINT
      : AdaptiveMaxPool2dImpl(AdaptiveMaxPool2dOptions(output_size)) {}
  explicit AdaptiveMaxPool2dImpl(const AdaptiveMaxPool2dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::AdaptiveMaxPool2d(output_size=[4, 4])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
  /// The maxima and their positions h * W + w in their planes.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);

  AdaptiveMaxPool2dOptions options;
};
XG_MODULE(AdaptiveMaxPool2d);

}  // namespace xg::nn
