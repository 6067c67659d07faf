#pragma once
// Options of BatchNorm1d/2d/3d (modules) and F::batch_norm (function), as in LibTorch:
// nn::BatchNorm2dOptions(64).eps(1e-3).momentum(0.01).affine(false).

#include <cstdint>
#include <optional>

#include "../../autograd/tensor/tensor.h"

namespace xg::nn {

/// BatchNormOptions(num_features); a bare number converts: nn::BatchNorm2d(64).
struct BatchNormOptions {
  BatchNormOptions(int64_t num_features) : num_features_(num_features) {}  // NOLINT: implicit as in LibTorch

  /// Channels C of the input [N, C, *].
  BatchNormOptions& num_features(int64_t value) { num_features_ = value; return *this; }
  int64_t num_features() const noexcept { return num_features_; }
  /// Added to the variance before its square root; default 1e-5.
  BatchNormOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// Weight of each batch's statistics in the running ones; default 0.1. std::nullopt makes
  /// them the cumulative average of all batches seen (weight 1 / num_batches_tracked).
  BatchNormOptions& momentum(std::optional<double> value) { momentum_ = value; return *this; }
  const std::optional<double>& momentum() const noexcept { return momentum_; }
  /// Whether the layer learns a per-channel weight (from 1) and bias (from 0); default true.
  BatchNormOptions& affine(bool value) { affine_ = value; return *this; }
  bool affine() const noexcept { return affine_; }
  /// Whether the layer keeps running statistics (buffers) for eval mode; default true.
  /// Without them it normalises with each batch's statistics in eval mode too.
  BatchNormOptions& track_running_stats(bool value) { track_running_stats_ = value; return *this; }
  bool track_running_stats() const noexcept { return track_running_stats_; }

 private:
  int64_t num_features_;
  double eps_ = 1e-5;
  std::optional<double> momentum_ = 0.1;
  bool affine_ = true;
  bool track_running_stats_ = true;
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;
using BatchNorm3dOptions = BatchNormOptions;

namespace functional {
/// F::BatchNormFuncOptions().weight(w).bias(b).training(true).momentum(0.1).eps(1e-5);
/// note training defaults to false (normalise with the running statistics).
struct BatchNormFuncOptions {
  BatchNormFuncOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  BatchNormFuncOptions& bias(Tensor value) { bias_ = std::move(value); return *this; }
  const Tensor& bias() const noexcept { return bias_; }
  BatchNormFuncOptions& training(bool value) { training_ = value; return *this; }
  bool training() const noexcept { return training_; }
  BatchNormFuncOptions& momentum(std::optional<double> value) { momentum_ = value; return *this; }
  const std::optional<double>& momentum() const noexcept { return momentum_; }
  BatchNormFuncOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

 private:
  Tensor weight_;
  Tensor bias_;
  bool training_ = false;
  std::optional<double> momentum_ = 0.1;
  double eps_ = 1e-5;
};
}  // namespace functional

}  // namespace xg::nn
