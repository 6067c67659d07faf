#pragma once
// Options of Linear and Flatten, with chained setters as in LibTorch:
// nn::LinearOptions(784, 10).bias(false).

#include <cstdint>

namespace xg::nn {

/// LinearOptions(in_features, out_features).bias(true)
struct LinearOptions {
  LinearOptions(int64_t in_features, int64_t out_features)
      : in_features_(in_features), out_features_(out_features) {}

  /// Size of each input sample (the last dim of the input).
  LinearOptions& in_features(int64_t value) { in_features_ = value; return *this; }
  int64_t in_features() const noexcept { return in_features_; }
  /// Size of each output sample.
  LinearOptions& out_features(int64_t value) { out_features_ = value; return *this; }
  int64_t out_features() const noexcept { return out_features_; }
  /// Whether the layer learns an additive bias; default true.
  LinearOptions& bias(bool value) { bias_ = value; return *this; }
  bool bias() const noexcept { return bias_; }

 private:
  int64_t in_features_;
  int64_t out_features_;
  bool bias_ = true;
};

/// FlattenOptions().start_dim(1).end_dim(-1)
struct FlattenOptions {
  /// First dim to flatten; default 1 (keeps the batch dim).
  FlattenOptions& start_dim(int64_t value) { start_dim_ = value; return *this; }
  int64_t start_dim() const noexcept { return start_dim_; }
  /// Last dim to flatten; default -1.
  FlattenOptions& end_dim(int64_t value) { end_dim_ = value; return *this; }
  int64_t end_dim() const noexcept { return end_dim_; }

 private:
  int64_t start_dim_ = 1;
  int64_t end_dim_ = -1;
};

}  // namespace xg::nn
