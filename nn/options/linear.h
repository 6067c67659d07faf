#pragma once
// Options of Linear, Flatten and Unflatten, with chained setters as in LibTorch:
// nn::LinearOptions(784, 10).bias(false).

#include <cstdint>
#include <utility>
#include <vector>

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

/// UnflattenOptions(dim, sizes): dim is split into dims of the given sizes (one of them may be -1).
struct UnflattenOptions {
  UnflattenOptions(int64_t dim, std::vector<int64_t> sizes) : dim_(dim), sizes_(std::move(sizes)) {}
  /// The dim to split.
  UnflattenOptions& dim(int64_t value) { dim_ = value; return *this; }
  int64_t dim() const noexcept { return dim_; }
  /// The sizes it is split into; their product must be the dim's size.
  UnflattenOptions& sizes(std::vector<int64_t> value) { sizes_ = std::move(value); return *this; }
  const std::vector<int64_t>& sizes() const noexcept { return sizes_; }

 private:
  int64_t dim_;
  std::vector<int64_t> sizes_;
};

}  // namespace xg::nn
