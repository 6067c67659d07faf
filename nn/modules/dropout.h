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

}  // namespace xg::nn
