#pragma once
// Identity, Linear, Flatten and Unflatten layers.

#include <ostream>

#include "../cloneable.h"
#include "../options/linear.h"
#include "../pimpl.h"

namespace xg::nn {

/// y = x: a placeholder layer (handy to switch a part of a model off).
class IdentityImpl : public Cloneable<IdentityImpl> {
 public:
  void reset() override {}
  /// Prints "torch::nn::Identity()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
XG_MODULE(Identity);

/// y = x W^T + b, [*, in_features] -> [*, out_features].
///
/// weight [out_features, in_features] starts as kaiming_uniform_(a = sqrt(5)), i.e.
/// U(-1/sqrt(in), 1/sqrt(in)), and bias [out_features] as U(-1/sqrt(in), 1/sqrt(in)),
/// drawn weight first, then bias, from the global generator: after the same
/// manual_seed, xgrad and torch start from the same numbers. Without bias, `bias`
/// is undefined (and not among the parameters).
class LinearImpl : public Cloneable<LinearImpl> {
 public:
  LinearImpl(int64_t in_features, int64_t out_features) : LinearImpl(LinearOptions(in_features, out_features)) {}
  explicit LinearImpl(const LinearOptions& options_);

  /// Registers weight and bias and initialises them (reset_parameters).
  void reset() override;
  /// Draws fresh initial values for weight and bias.
  void reset_parameters();
  /// Prints "torch::nn::Linear(in_features=3, out_features=2, bias=true)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  LinearOptions options;
  /// [out_features, in_features]
  Tensor weight;
  /// [out_features], or undefined with bias(false)
  Tensor bias;
};
XG_MODULE(Linear);

/// Flattens dims start_dim..end_dim into one: [N, C, H, W] -> [N, C*H*W] with the defaults (1, -1).
class FlattenImpl : public Cloneable<FlattenImpl> {
 public:
  explicit FlattenImpl(const FlattenOptions& options_ = {});
  void reset() override {}
  /// Prints "torch::nn::Flatten(start_dim=1, end_dim=-1)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  FlattenOptions options;
};
XG_MODULE(Flatten);

/// Splits one dim into several: Unflatten(UnflattenOptions(1, {2, 3})) takes [N, 6, ...] to [N, 2, 3, ...].
class UnflattenImpl : public Cloneable<UnflattenImpl> {
 public:
  explicit UnflattenImpl(UnflattenOptions options_);
  UnflattenImpl(int64_t dim, std::vector<int64_t> sizes) : UnflattenImpl(UnflattenOptions(dim, std::move(sizes))) {}
  void reset() override {}
  /// Prints "torch::nn::Unflatten(dim=1, unflattened_size={2, 3})".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  UnflattenOptions options;
};
XG_MODULE(Unflatten);

}  // namespace xg::nn
