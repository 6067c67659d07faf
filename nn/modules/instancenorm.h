#pragma once
// Instance normalisation layers: InstanceNorm1d, InstanceNorm2d and InstanceNorm3d call
// xg::instance_norm (autograd/ops/norm.cpp); their state is NormImplBase's (batchnorm.h).

#include <ostream>

#include "batchnorm.h"

namespace xg::nn {

/// y = (x - mean) / sqrt(var + eps) * weight + bias for each channel of each sample of
/// [N, C, *] (or unbatched [C, *]), with the sample's own statistics in training mode, or
/// without track_running_stats; with the running statistics in eval mode. No weight and bias
/// by default (affine = false), and no running statistics (track_running_stats = false).
template <size_t D, class Derived>
class InstanceNormImpl : public NormImplBase<D, Derived, InstanceNormOptions> {
 public:
  using NormImplBase<D, Derived, InstanceNormOptions>::NormImplBase;
  Tensor forward(const Tensor& input);
  /// Prints "torch::nn::InstanceNorm2d(64, eps=1e-05, momentum=0.1, affine=false, track_running_stats=false)".
  void pretty_print(std::ostream& stream) const override;
};

/// [N, C, L] or unbatched [C, L]
class InstanceNorm1dImpl : public InstanceNormImpl<1, InstanceNorm1dImpl> {
 public:
  using InstanceNormImpl<1, InstanceNorm1dImpl>::InstanceNormImpl;
};
XG_MODULE(InstanceNorm1d);

/// [N, C, H, W] or unbatched [C, H, W]
class InstanceNorm2dImpl : public InstanceNormImpl<2, InstanceNorm2dImpl> {
 public:
  using InstanceNormImpl<2, InstanceNorm2dImpl>::InstanceNormImpl;
};
XG_MODULE(InstanceNorm2d);

/// [N, C, D, H, W] or unbatched [C, D, H, W]
class InstanceNorm3dImpl : public InstanceNormImpl<3, InstanceNorm3dImpl> {
 public:
  using InstanceNormImpl<3, InstanceNorm3dImpl>::InstanceNormImpl;
};
XG_MODULE(InstanceNorm3d);

}  // namespace xg::nn
