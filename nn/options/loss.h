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

// ---- Distribution losses (nn/functional/loss_distribution.cpp) ----------------------------------------

/// KL divergence options. The reduction may also be kBatchMean: the sum divided by the batch
/// size (dim 0), which is the true KL divergence per sample; kMean divides by every element.
struct KLDivLossOptions {
  using reduction_t = std::variant<enumtype::kNone, enumtype::kBatchMean, enumtype::kSum, enumtype::kMean>;

  KLDivLossOptions() = default;
  KLDivLossOptions(enumtype::kNone) : reduction_(kNone) {}            // NOLINT: implicit as in LibTorch
  KLDivLossOptions(enumtype::kBatchMean) : reduction_(kBatchMean) {}  // NOLINT
  KLDivLossOptions(enumtype::kSum) : reduction_(kSum) {}              // NOLINT
  KLDivLossOptions(enumtype::kMean) : reduction_(kMean) {}            // NOLINT

  /// kNone, kBatchMean, kSum or kMean (default).
  KLDivLossOptions& reduction(reduction_t value) { reduction_ = value; return *this; }
  const reduction_t& reduction() const noexcept { return reduction_; }
  /// Whether the target holds log-probabilities rather than probabilities; default false.
  KLDivLossOptions& log_target(bool value) { log_target_ = value; return *this; }
  bool log_target() const noexcept { return log_target_; }

 private:
  reduction_t reduction_ = kMean;
  bool log_target_ = false;
};

struct PoissonNLLLossOptions : LossReductionOptions<PoissonNLLLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Whether the input is log(rate) (loss exp(x) - y x) or the rate (x - y log(x + eps)); default true.
  PoissonNLLLossOptions& log_input(bool value) { log_input_ = value; return *this; }
  bool log_input() const noexcept { return log_input_; }
  /// Whether to add Stirling's approximation of log(y!) for targets > 1; default false.
  PoissonNLLLossOptions& full(bool value) { full_ = value; return *this; }
  bool full() const noexcept { return full_; }
  /// Added to the rate inside the log when log_input is false; default 1e-8.
  PoissonNLLLossOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

 private:
  bool log_input_ = true;
  bool full_ = false;
  double eps_ = 1e-8;
};

/// Options of the Gaussian negative log-likelihood, with PyTorch's (Python) defaults: LibTorch
/// 1.13 has no GaussianNLLLoss.
struct GaussianNLLLossOptions : LossReductionOptions<GaussianNLLLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Whether to add the constant 0.5 log(2 pi); default false.
  GaussianNLLLossOptions& full(bool value) { full_ = value; return *this; }
  bool full() const noexcept { return full_; }
  /// The variance is clamped to at least eps (without stopping its gradient); default 1e-6.
  GaussianNLLLossOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

 private:
  bool full_ = false;
  double eps_ = 1e-6;
};

// ---- Margin losses (nn/functional/loss_margin.cpp) -------------------------------------------------------

struct MarginRankingLossOptions : LossReductionOptions<MarginRankingLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// How far x1 must exceed x2 (where y = 1) before the loss is 0; default 0.
  MarginRankingLossOptions& margin(double value) { margin_ = value; return *this; }
  double margin() const noexcept { return margin_; }

 private:
  double margin_ = 0.0;
};

struct CosineEmbeddingLossOptions : LossReductionOptions<CosineEmbeddingLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Dissimilar pairs (y = -1) add max(0, cos - margin); between -1 and 1, default 0.
  CosineEmbeddingLossOptions& margin(double value) { margin_ = value; return *this; }
  double margin() const noexcept { return margin_; }

 private:
  double margin_ = 0.0;
};

struct TripletMarginLossOptions : LossReductionOptions<TripletMarginLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// How much closer the positive must be than the negative; default 1.
  TripletMarginLossOptions& margin(double value) { margin_ = value; return *this; }
  double margin() const noexcept { return margin_; }
  /// The order of the norm of the pairwise distance; default 2.
  TripletMarginLossOptions& p(double value) { p_ = value; return *this; }
  double p() const noexcept { return p_; }
  /// Added to the differences before their norm is taken, so that it is differentiable; default 1e-6.
  TripletMarginLossOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// Use the smaller of d(anchor, negative) and d(positive, negative) (the distance swap); default false.
  TripletMarginLossOptions& swap(bool value) { swap_ = value; return *this; }
  bool swap() const noexcept { return swap_; }

 private:
  double margin_ = 1.0;
  double p_ = 2.0;
  double eps_ = 1e-6;
  bool swap_ = false;
};

struct MultiLabelSoftMarginLossOptions : LossReductionOptions<MultiLabelSoftMarginLossOptions> {
  using LossReductionOptions::LossReductionOptions;
  /// Weight of each class, a 1-D tensor of size C; default none (all 1).
  MultiLabelSoftMarginLossOptions& weight(Tensor value) { weight_ = std::move(value); return *this; }
  const Tensor& weight() const noexcept { return weight_; }

 private:
  Tensor weight_;
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
using KLDivFuncOptions = KLDivLossOptions;
using PoissonNLLLossFuncOptions = PoissonNLLLossOptions;
using GaussianNLLLossFuncOptions = GaussianNLLLossOptions;
using MarginRankingLossFuncOptions = MarginRankingLossOptions;
using CosineEmbeddingLossFuncOptions = CosineEmbeddingLossOptions;
using TripletMarginLossFuncOptions = TripletMarginLossOptions;
using MultilabelSoftMarginLossFuncOptions = MultiLabelSoftMarginLossOptions;
}  // namespace functional

}  // namespace xg::nn
