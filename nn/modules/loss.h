#pragma once
// Loss layers: forward(input, target) returns the loss. Each forwards to the
// function in nn/functional/loss.h, where the formulas are documented; the
// options (reduction, weights, ...) are kept in `options`, and class weights
// are also registered as buffers (so to(kDouble) converts them).

#include <ostream>
#include <utility>

#include "../cloneable.h"
#include "../options/loss.h"
#include "../pimpl.h"

namespace xg::nn {

/// mean |x - y| (or sum, or none); x and y of the same shape.
class L1LossImpl : public Cloneable<L1LossImpl> {
 public:
  explicit L1LossImpl(L1LossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::L1Loss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  L1LossOptions options;
};
XG_MODULE(L1Loss);

/// mean (x - y)^2 (or sum, or none); x and y of the same shape.
class MSELossImpl : public Cloneable<MSELossImpl> {
 public:
  explicit MSELossImpl(MSELossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::MSELoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  MSELossOptions options;
};
XG_MODULE(MSELoss);

/// z = |x - y|: 0.5 z^2 / beta where z < beta, z - beta / 2 elsewhere; reduced.
class SmoothL1LossImpl : public Cloneable<SmoothL1LossImpl> {
 public:
  explicit SmoothL1LossImpl(SmoothL1LossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::SmoothL1Loss".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  SmoothL1LossOptions options;
};
XG_MODULE(SmoothL1Loss);

/// z = |x - y|: 0.5 z^2 where z < delta, delta (z - delta / 2) elsewhere; reduced.
class HuberLossImpl : public Cloneable<HuberLossImpl> {
 public:
  explicit HuberLossImpl(HuberLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::HuberLoss".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  HuberLossOptions options;
};
XG_MODULE(HuberLoss);

/// -w (y log x + (1 - y) log(1 - x)) for probabilities x (after a Sigmoid); reduced.
class BCELossImpl : public Cloneable<BCELossImpl> {
 public:
  explicit BCELossImpl(BCELossOptions options_ = {});
  void reset() override;
  /// Prints "torch::nn::BCELoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  BCELossOptions options;
};
XG_MODULE(BCELoss);

/// BCELoss of sigmoid(x), computed stably from the logits x; with pos_weight p per class,
/// the positive term is weighted by p. Reduced.
class BCEWithLogitsLossImpl : public Cloneable<BCEWithLogitsLossImpl> {
 public:
  explicit BCEWithLogitsLossImpl(BCEWithLogitsLossOptions options_ = {});
  void reset() override;
  /// Prints "torch::nn::BCEWithLogitsLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  BCEWithLogitsLossOptions options;
  /// The buffers holding options.weight() and options.pos_weight() (undefined when not given).
  Tensor weight;
  Tensor pos_weight;
};
XG_MODULE(BCEWithLogitsLoss);

/// -w[t] logp[t] for log-probabilities [N, C] (after LogSoftmax) and class indices [N] (kLong).
class NLLLossImpl : public Cloneable<NLLLossImpl> {
 public:
  explicit NLLLossImpl(NLLLossOptions options_ = {});
  void reset() override;
  /// Prints "torch::nn::NLLLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  NLLLossOptions options;
  /// The buffer holding options.weight() (undefined when not given).
  Tensor weight;
};
XG_MODULE(NLLLoss);

/// NLLLoss of log_softmax(logits) for class indices (kLong), or the cross entropy with class
/// probabilities (a floating target of the logits' shape); with optional label smoothing.
class CrossEntropyLossImpl : public Cloneable<CrossEntropyLossImpl> {
 public:
  explicit CrossEntropyLossImpl(CrossEntropyLossOptions options_ = {});
  void reset() override;
  /// Prints "torch::nn::CrossEntropyLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  CrossEntropyLossOptions options;
  /// The buffer holding options.weight() (undefined when not given).
  Tensor weight;
};
XG_MODULE(CrossEntropyLoss);

/// KL divergence y (log y - x) of targets y from log-probabilities x (after LogSoftmax); reduced,
/// kBatchMean giving the sum over the batch size.
class KLDivLossImpl : public Cloneable<KLDivLossImpl> {
 public:
  explicit KLDivLossImpl(KLDivLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::KLDivLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  KLDivLossOptions options;
};
XG_MODULE(KLDivLoss);

/// Poisson negative log-likelihood exp(x) - y x of counts y for log-rates x (or rates x); reduced.
class PoissonNLLLossImpl : public Cloneable<PoissonNLLLossImpl> {
 public:
  explicit PoissonNLLLossImpl(PoissonNLLLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::PoissonNLLLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& log_input, const Tensor& targets);

  PoissonNLLLossOptions options;
};
XG_MODULE(PoissonNLLLoss);

/// Gaussian negative log-likelihood 0.5 (log v + (x - y)^2 / v) of targets y under means x and
/// variances v; reduced. (PyTorch's nn.GaussianNLLLoss; LibTorch 1.13 has none.)
class GaussianNLLLossImpl : public Cloneable<GaussianNLLLossImpl> {
 public:
  explicit GaussianNLLLossImpl(GaussianNLLLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::GaussianNLLLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target, const Tensor& var);

  GaussianNLLLossOptions options;
};
XG_MODULE(GaussianNLLLoss);

/// max(0, -y (x1 - x2) + margin) for labels y = 1 or -1; reduced.
class MarginRankingLossImpl : public Cloneable<MarginRankingLossImpl> {
 public:
  explicit MarginRankingLossImpl(MarginRankingLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::MarginRankingLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input1, const Tensor& input2, const Tensor& targets);

  MarginRankingLossOptions options;
};
XG_MODULE(MarginRankingLoss);

/// 1 - cos(x1, x2) for similar pairs (y = 1), max(0, cos(x1, x2) - margin) for dissimilar ones
/// (y = -1); reduced.
class CosineEmbeddingLossImpl : public Cloneable<CosineEmbeddingLossImpl> {
 public:
  explicit CosineEmbeddingLossImpl(CosineEmbeddingLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::CosineEmbeddingLoss(margin=0)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input1, const Tensor& input2, const Tensor& target);

  CosineEmbeddingLossOptions options;
};
XG_MODULE(CosineEmbeddingLoss);

/// max(0, margin + d(anchor, positive) - d(anchor, negative)) with the p-norm distance; reduced.
class TripletMarginLossImpl : public Cloneable<TripletMarginLossImpl> {
 public:
  explicit TripletMarginLossImpl(TripletMarginLossOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::TripletMarginLoss(margin=1, p=2, eps=1e-06, swap=false)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& anchor, const Tensor& positive, const Tensor& negative);

  TripletMarginLossOptions options;
};
XG_MODULE(TripletMarginLoss);

/// The class mean of the binary cross-entropy of sigmoid(x) against 0/1 targets, per sample
/// [N, C] -> [N]; reduced.
class MultiLabelSoftMarginLossImpl : public Cloneable<MultiLabelSoftMarginLossImpl> {
 public:
  explicit MultiLabelSoftMarginLossImpl(MultiLabelSoftMarginLossOptions options_ = {});
  void reset() override;
  /// Prints "torch::nn::MultiLabelSoftMarginLoss()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input, const Tensor& target);

  MultiLabelSoftMarginLossOptions options;
  /// The buffer holding options.weight() (undefined when not given).
  Tensor weight;
};
XG_MODULE(MultiLabelSoftMarginLoss);

}  // namespace xg::nn
