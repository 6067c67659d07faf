#pragma once
// Options of InstanceNorm1d/2d/3d (modules) and F::instance_norm (function), as in LibTorch:
// nn::InstanceNorm2dOptions(64).affine(true).track_running_stats(true).

#include <cstdint>

#include "../../autograd/tensor/tensor.h"

namespace xg::nn {

/// InstanceNormOptions(num_features); a bare number converts: nn::InstanceNorm2d(64).
struct InstanceNormOptions {
  InstanceNormOptions(int64_t num_features) : num_features_(num_features) {}  // NOLINT: implicit as in LibTorch

  /// Channels C of the input [N, C, *].
  InstanceNormOptions& num_features(int64_t value) { num_features_ = value; return *this; }
  int64_t num_features() const noexcept { return num_features_; }
  /// Added to the variance before its square root; default 1e-5.
  InstanceNormOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// Weight of each batch's statistics in the running ones; default 0.1.
  InstanceNormOptions& momentum(double value) { momentum_ = value; return *this; }
  double momentum() const noexcept { return momentum_; }
  /// Whether the layer learns a per-channel weight and bias; default false.
  InstanceNormOptions& affine(bool value) { affine_ = value; return *this; }
  bool affine() const noexcept { return affine_; }
  /// Whether the layer keeps running statistics for eval mode; default false.
  InstanceNormOptions& track_running_stats(bool value) { track_running_stats_ = value; return *this; }
  bool track_running_stats() const noexcept { return track_running_stats_; }

 private:
  int64_t num_features_;
  double eps_ = 1e-5;
  double momentum_ = 0.1;
  bool affine_ = false;
  bool track_running_stats_ = false;
};
using InstanceNorm1dOptions = InstanceNormOptions;
using InstanceNorm2dOptions = InstanceNormOptions;
using InstanceNorm3dOptions = InstanceNormOptions;

namespace functional {
/// F::InstanceNormFuncOptions().running_mean(m).running_var(v).weight(w).bias(b)
/// .use_input_stats(true).momentum(0.1).eps(1e-5)
struct InstanceNormFuncOptions {
  InstanceNormFuncOptions& running_mean(Tensor value) { running_mean_ = std::move(value); return *this; }
  const Tensor& running_mean() const noexcept { return running_mean_; }
  InstanceNormFuncOptions& running_var(Tensor value) { running_var_ = std::move(value); return *this; }
  const Tensor& running_var() const noexcept { return running_var_; }
  InstanceNormFuncOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  InstanceNormFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  /// Normalise with each sample's statistics (true) or the running ones (false); default true.
  InstanceNormFuncOptions& use_input_stats(bool value) { use_input_stats_ = value; return *this; }
  bool use_input_stats() const noexcept { return use_input_stats_; }
  InstanceNormFuncOptions& momentum(double value) { momentum_ = value; return *this; }
  double momentum() const noexcept { return momentum_; }
  InstanceNormFuncOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

 private:
  Tensor running_mean_;
  Tensor running_var_;
  Tensor weight_;
  Tensor bias_;
  bool use_input_stats_ = true;
  double momentum_ = 0.1;
  double eps_ = 1e-5;
};
}  // namespace functional

}  // namespace xg::nn
