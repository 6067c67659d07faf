#pragma once
// Batch normalisation layers: BatchNorm1d, BatchNorm2d and BatchNorm3d hold their weight, bias
// and running statistics and call xg::batch_norm (autograd/ops/norm.cpp). NormImplBase, the
// state they share with InstanceNorm1d/2d/3d (instancenorm.h), lives here too, as in LibTorch.

#include <ostream>

#include "../cloneable.h"
#include "../options/batchnorm.h"
#include "../options/instancenorm.h"
#include "../pimpl.h"

namespace xg::nn {

/// What batch and instance normalisation layers hold, as in LibTorch:
///   weight [num_features] (from 1), bias [num_features] (from 0)       with affine
///   running_mean [num_features] (from 0), running_var (from 1) and      with track_running_stats
///   num_batches_tracked (a 0-d kLong tensor, from 0), all three buffers
/// Without affine (or track_running_stats) they are registered undefined, so state_dict names
/// match LibTorch's in every configuration.
template <size_t D, class Derived, class Options>
class NormImplBase : public Cloneable<Derived> {
 public:
  explicit NormImplBase(const Options& options_);
  /// Registers the parameters and buffers and initialises them (reset_parameters).
  void reset() override;
  /// running_mean = 0, running_var = 1, num_batches_tracked = 0 (with track_running_stats).
  void reset_running_stats();
  /// reset_running_stats(), then weight = 1 and bias = 0 (with affine).
  void reset_parameters();

  Options options;
  Tensor weight;
  Tensor bias;
  Tensor running_mean;
  Tensor running_var;
  Tensor num_batches_tracked;
};

/// y = (x - mean) / sqrt(var + eps) * weight + bias per channel of [N, C, *]: in training mode
/// with the batch's statistics (and the running statistics updated: momentum, or the
/// cumulative average when momentum is nullopt; num_batches_tracked counts the batches), in
/// eval mode with the running statistics (or the batch's, without track_running_stats).
template <size_t D, class Derived>
class BatchNormImplBase : public NormImplBase<D, Derived, BatchNormOptions> {
 public:
  using NormImplBase<D, Derived, BatchNormOptions>::NormImplBase;
  Tensor forward(const Tensor& input);
  /// Prints "torch::nn::BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=true, track_running_stats=true)"
  /// (momentum=None for the cumulative average).
  void pretty_print(std::ostream& stream) const override;
};

/// [N, C] or [N, C, L]
class BatchNorm1dImpl : public BatchNormImplBase<1, BatchNorm1dImpl> {
 public:
  using BatchNormImplBase<1, BatchNorm1dImpl>::BatchNormImplBase;
};
XG_MODULE(BatchNorm1d);

/// [N, C, H, W]
class BatchNorm2dImpl : public BatchNormImplBase<2, BatchNorm2dImpl> {
 public:
  using BatchNormImplBase<2, BatchNorm2dImpl>::BatchNormImplBase;
};
XG_MODULE(BatchNorm2d);

/// [N, C, D, H, W]
class BatchNorm3dImpl : public BatchNormImplBase<3, BatchNorm3dImpl> {
 public:
  using BatchNormImplBase<3, BatchNorm3dImpl>::BatchNormImplBase;
};
XG_MODULE(BatchNorm3d);

}  // namespace xg::nn
