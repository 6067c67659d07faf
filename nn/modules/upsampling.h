#pragma once
// nn::Upsample: holds its options and calls F::interpolate (nn/functional/upsampling.h).
// No parameters.

#include <ostream>

#include "../cloneable.h"
#include "../options/upsampling.h"
#include "../pimpl.h"

namespace xg::nn {

/// Nearest or bilinear upsampling: [N, C, W] or [N, C, H, W] -> the same with the spatial
/// sizes of options.size() or scaled by options.scale_factor().
class UpsampleImpl : public Cloneable<UpsampleImpl> {
 public:
  explicit UpsampleImpl(const UpsampleOptions& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::Upsample(scale_factor=[2, 2], mode=kBilinear)" (or size=[...]).
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  UpsampleOptions options;
};
XG_MODULE(Upsample);

}  // namespace xg::nn
