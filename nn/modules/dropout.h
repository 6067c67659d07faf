#pragma once
// Dropout layer.

#include <ostream>

#include "../cloneable.h"
#include "../options/dropout.h"
#include "../pimpl.h"

namespace xg::nn {

/// In training mode, zeroes each element with probability p (drawn from the global
/// generator) and scales the rest by 1 / (1 - p); in eval mode, y = x. Any shape.
class DropoutImpl : public Cloneable<DropoutImpl> {
 public:
  explicit DropoutImpl(const DropoutOptions& options_ = {});
  void reset() override;
  /// Prints "torch::nn::Dropout(p=0.5, inplace=false)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  DropoutOptions options;
};
XG_MODULE(Dropout);

/// In training mode, zeroes each channel (feature map) of [N, C, H, W] (or [C, H, W]) with
/// probability p, one draw per channel from the global generator, and scales the rest by
/// 1 / (1 - p); in eval mode, y = x.
class Dropout2dImpl : public Cloneable<Dropout2dImpl> {
 public:
  explicit Dropout2dImpl(const Dropout2dOptions& options_ = {});
  void reset() override;
  /// Prints "torch::nn::Dropout2d(p=0.5, inplace=false)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  Dropout2dOptions options;
};
XG_MODULE(Dropout2d);

}  // namespace xg::nn
