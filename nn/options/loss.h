#pragma once
// Options of the loss modules and functions, with LibTorch's defaults.
//
// Every loss has a reduction: xg::kNone (one loss per element or sample),
// xg::kMean (their mean, the default) or xg::kSum. A reduction converts to
// options directly, so nn::MSELoss(xg::kSum) and F::mse_loss(x, y, xg::kSum)
// work. The F:: spellings are the same structs under LibTorch's functional names.

#include <cstdint>
#include <utility>
#include <variant>

#include "../../autograd/tensor/tensor.h"
#include "../enum.h"

namespace xg::nn {

/// What every loss option has: the reduction. Derived is the options struct itself, so
/// that reduction(...) returns it for further chaining.
template <class Derived>
struct LossReductionOptions {
  using reduction_t = std::variant<enumtype::kNone, enumtype::kMean, enumtype::kSum>;

  LossReductionOptions() = default;
  LossReductionOptions(enumtype::kNone) : reduction_(kNone) {}  // NOLINT: implicit as in LibTorch
  LossReductionOptions(enumtype::kMean) : reduction_(kMean) {}  // NOLINT
  LossReductionOptions(enumtype::kSum) : reduction_(kSum) {}    // NOLINT

  /// kNone, kMean (default) or kSum.
  Derived& reduction(reduction_t value) {
    reduction_ = value;
    return static_cast<Derived&>(*this);
  }
  const reduction_t& reduction() const noexcept { return reduction_; }

 private:
  reduction_t reduction_ = kMean;
};

/// The integer form of a reduction (xg::Reduction::Mean, ...).
template <class Variant>
Reduction::Reduction reduction_enum(const Variant& reduction) {
  if (std::holds_alternative<enumtype::kNone>(reduction)) return Reduction::None;
  if (std::holds_alternative<enumtype::kSum>(reduction)) return Reduction::Sum;
  return Reduction::Mean;
}

struct L1LossOptions : LossReductionOptions<L1LossOptions> {
  using LossReductionOptions::LossReductionOptions;
};

struct MSELossOptions : LossReductionOptions<MSELossOptions> {
  using LossReductionOptions::LossReductionOptions;
};

struct SmoothL1LossOptions : LossReductionOptions<SmoothL1LossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Where the loss changes from quadratic to linear; default 1. 0 gives the L1 loss.
  SmoothL1LossOptions& beta(double value) { beta_ = value; return *this; }
  double beta() const noexcept { return beta_; }

 private:
  double beta_ = 1.0;
};

struct HuberLossOptions : LossReductionOptions<HuberLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Where the loss changes from quadratic to linear; default 1; must be > 0.
  HuberLossOptions& delta(double value) { delta_ = value; return *this; }
  double delta() const noexcept { return delta_; }

 private:
  double delta_ = 1.0;
};

struct BCELossOptions : LossReductionOptions<BCELossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Rescaling weight of each element (broadcast to the target's shape); default none.
  BCELossOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }

 private:
  Tensor weight_;
};

struct BCEWithLogitsLossOptions : LossReductionOptions<BCEWithLogitsLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Rescaling weight of each element (broadcast to the target's shape); default none.
  BCEWithLogitsLossOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  /// Weight of the positive term, one per class (broadcast along the last dim); default none.
  BCEWithLogitsLossOptions& pos_weight(Tensor value) { pos_weight_ = std::move(value); return *this; }
  const Tensor& pos_weight() const noexcept { return pos_weight_; }

 private:
  Tensor weight_;
  Tensor pos_weight_;
};

struct NLLLossOptions : LossReductionOptions<NLLLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Weight of each class, a 1-D tensor of size C; default none (all 1).
  NLLLossOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  /// Targets equal to this value add nothing to the loss or the mean's denominator; default -100.
  NLLLossOptions& ignore_index(int64_t value) { ignore_index_ = value; return *this; }
  int64_t ignore_index() const noexcept { return ignore_index_; }

 private:
  Tensor weight_;
  int64_t ignore_index_ = -100;
};

struct CrossEntropyLossOptions : LossReductionOptions<CrossEntropyLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Weight of each class, a 1-D tensor of size C; default none (all 1).
  CrossEntropyLossOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }
  /// Class-index targets equal to this value are ignored; default -100.
  CrossEntropyLossOptions& ignore_index(int64_t value) { ignore_index_ = value; return *this; }
  int64_t ignore_index() const noexcept { return ignore_index_; }
  /// Mixes the target with the uniform distribution: (1 - s) target + s / C; default 0.
  CrossEntropyLossOptions& label_smoothing(double value) { label_smoothing_ = value; return *this; }
  double label_smoothing() const noexcept { return label_smoothing_; }

 private:
  Tensor weight_;
  int64_t ignore_index_ = -100;
  double label_smoothing_ = 0.0;
};

namespace functional {
using L1LossFuncOptions = L1LossOptions;
using MSELossFuncOptions = MSELossOptions;
using SmoothL1LossFuncOptions = SmoothL1LossOptions;
using HuberLossFuncOptions = HuberLossOptions;
using BinaryCrossEntropyFuncOptions = BCELossOptions;
using BinaryCrossEntropyWithLogitsFuncOptions = BCEWithLogitsLossOptions;
using NLLLossFuncOptions = NLLLossOptions;
using CrossEntropyFuncOptions = CrossEntropyLossOptions;
}  // namespace functional

}  // namespace xg::nn
