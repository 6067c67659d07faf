#pragma once
// Layer and group normalisation layers: LayerNorm and GroupNorm hold their weight and bias and
// call xg::layer_norm / xg::group_norm (autograd/ops/norm.cpp). No running statistics: they
// normalise each sample with its own statistics in training and eval mode alike.

#include <ostream>

#include "../cloneable.h"
#include "../options/normalization.h"
#include "../pimpl.h"

namespace xg::nn {

namespace detail {
/// Registers `weight` and `bias` of `shape` on `module` when `affine` (their values are set by
/// the layer's reset_parameters), else registers both undefined, as LibTorch's normalisation
/// layers do, so that their state_dict names are the same in every configuration.
void register_affine(Module& module, IntArrayRef shape, bool affine, Tensor& weight, Tensor& bias);
}  // namespace detail

/// y = (x - mean) / sqrt(var + eps) * weight + bias over the last dims (normalized_shape) of
/// each sample of [*, normalized_shape]; weight (from 1) and bias (from 0) of normalized_shape
/// with elementwise_affine.
class LayerNormImpl : public Cloneable<LayerNormImpl> {
 public:
  LayerNormImpl(std::vector<int64_t> normalized_shape)  // NOLINT: implicit as in LibTorch
      : LayerNormImpl(LayerNormOptions(std::move(normalized_shape))) {}
  explicit LayerNormImpl(LayerNormOptions options_);
  void reset() override;
  /// weight = 1, bias = 0 (with elementwise_affine).
  void reset_parameters();
  /// Prints "torch::nn::LayerNorm([5, 6], eps=1e-05, elementwise_affine=true)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  LayerNormOptions options;
  Tensor weight;
  Tensor bias;
};
XG_MODULE(LayerNorm);

/// y = (x - mean) / sqrt(var + eps) * weight_c + bias_c, the statistics over each group of
/// num_channels / num_groups channels of each sample of [N, C, *]; weight and bias
/// [num_channels] (from 1 and 0) with affine.
class GroupNormImpl : public Cloneable<GroupNormImpl> {
 public:
  GroupNormImpl(int64_t num_groups, int64_t num_channels)
      : GroupNormImpl(GroupNormOptions(num_groups, num_channels)) {}
  explicit GroupNormImpl(const GroupNormOptions& options_);
  void reset() override;
  /// weight = 1, bias = 0 (with affine).
  void reset_parameters();
  /// Prints "torch::nn::GroupNorm(3, 6, eps=1e-05, affine=true)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  GroupNormOptions options;
  Tensor weight;
  Tensor bias;
};
XG_MODULE(GroupNorm);

}  // namespace xg::nn
