#pragma once
// Options of LayerNorm and GroupNorm (modules) and F::layer_norm / F::group_norm (functions),
// as in LibTorch: nn::LayerNormOptions({10}).eps(1e-6), nn::GroupNormOptions(4, 32).affine(false).

#include <cstdint>
#include <vector>

#include "../../autograd/tensor/tensor.h"

namespace xg::nn {

/// LayerNormOptions(normalized_shape): the trailing dims each sample is normalised over.
struct LayerNormOptions {
  LayerNormOptions(std::vector<int64_t> normalized_shape)  // NOLINT: implicit as in LibTorch
      : normalized_shape_(std::move(normalized_shape)) {}

  LayerNormOptions& normalized_shape(std::vector<int64_t> value) { normalized_shape_ = std::move(value); return *this; }
  const std::vector<int64_t>& normalized_shape() const noexcept { return normalized_shape_; }
  /// Added to the variance before its square root; default 1e-5.
  LayerNormOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// Whether the layer learns a weight (from 1) and bias (from 0) of normalized_shape; default true.
  LayerNormOptions& elementwise_affine(bool value) { elementwise_affine_ = value; return *this; }
  bool elementwise_affine() const noexcept { return elementwise_affine_; }

 private:
  std::vector<int64_t> normalized_shape_;
  double eps_ = 1e-5;
  bool elementwise_affine_ = true;
};

/// GroupNormOptions(num_groups, num_channels): num_groups must divide num_channels.
struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels) : num_groups_(num_groups), num_channels_(num_channels) {}

  GroupNormOptions& num_groups(int64_t value) { num_groups_ = value; return *this; }
  int64_t num_groups() const noexcept { return num_groups_; }
  /// Channels C of the input [N, C, *].
  GroupNormOptions& num_channels(int64_t value) { num_channels_ = value; return *this; }
  int64_t num_channels() const noexcept { return num_channels_; }
  /// Added to the variance before its square root; default 1e-5.
  GroupNormOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// Whether the layer learns a per-channel weight (from 1) and bias (from 0); default true.
  GroupNormOptions& affine(bool value) { affine_ = value; return *this; }
  bool affine() const noexcept { return affine_; }

 private:
  int64_t num_groups_;
  int64_t num_channels_;
  double eps_ = 1e-5;
  bool affine_ = true;
};

namespace functional {
/// F::LayerNormFuncOptions({10}).weight(w).bias(b).eps(1e-5)
struct LayerNormFuncOptions {
  LayerNormFuncOptions(std::vector<int64_t> normalized_shape)  // NOLINT: implicit as in LibTorch
      : normalized_shape_(std::move(normalized_shape)) {}
  LayerNormFuncOptions& normalized_shape(std::vector<int64_t> value) { normalized_shape_ = std::move(value); return *this; }
  const std::vector<int64_t>& normalized_shape() const noexcept { return normalized_shape_; }
  LayerNormFuncOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  LayerNormFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  LayerNormFuncOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

 private:
  std::vector<int64_t> normalized_shape_;
  Tensor weight_;
  Tensor bias_;
  double eps_ = 1e-5;
};

/// F::GroupNormFuncOptions(num_groups).weight(w).bias(b).eps(1e-5)
struct GroupNormFuncOptions {
  GroupNormFuncOptions(int64_t num_groups) : num_groups_(num_groups) {}  // NOLINT: implicit as in LibTorch
  GroupNormFuncOptions& num_groups(int64_t value) { num_groups_ = value; return *this; }
  int64_t num_groups() const noexcept { return num_groups_; }
  GroupNormFuncOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  GroupNormFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  GroupNormFuncOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

 private:
  int64_t num_groups_;
  Tensor weight_;
  Tensor bias_;
  double eps_ = 1e-5;
};
}  // namespace functional

}  // namespace xg::nn
