#pragma once
// Loss functions.
//
// Two spellings, as in LibTorch:
//   xg::mse_loss(x, y, xg::Reduction::Sum), xg::nll_loss(logp, target), ...   ATen-level, integer reduction
//   F::mse_loss(x, y, F::MSELossFuncOptions().reduction(xg::kSum)), ...        with options
// The loss modules (nn::MSELoss, ...) call the same code.
//
// Every loss computes one value per element (or per sample, for the
// class-index losses) and then reduces: kNone keeps them, kSum adds them,
// kMean averages them (a weighted average for nll_loss and cross_entropy).
// All are built from differentiable tensor ops. binary_cross_entropy is one
// itself (xg::binary_cross_entropy, autograd/ops/losses.cpp): its backward
// (x - y) / max(x (1 - x), 1e-12) stays finite when a saturated sigmoid gives
// x = 0 or 1 exactly.
//
// Bad arguments throw xg::Error naming the loss: "[cross_entropy] target 7 is
// out of range for 3 classes ...". Unlike torch, which broadcasts mismatched
// input and target shapes in the regression losses (with a warning), xgrad
// requires equal shapes there: the broadcast ([N, 1] against [N]) is almost
// always a bug.

#include <cstdint>
#include <optional>

#include "../../autograd/tensor/tensor.h"
#include "../enum.h"
#include "../options/loss.h"

namespace xg {

/// |x - y|, reduced; dx = g sign(x - y)
Tensor l1_loss(const Tensor& input, const Tensor& target, int64_t reduction = Reduction::Mean);
/// (x - y)^2, reduced; dx = 2 g (x - y)
Tensor mse_loss(const Tensor& input, const Tensor& target, int64_t reduction = Reduction::Mean);
/// z = |x - y|: 0.5 z^2 / beta if z < beta, else z - 0.5 beta (beta = 0: the L1 loss)
Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, int64_t reduction = Reduction::Mean,
                      double beta = 1.0);
/// z = |x - y|: 0.5 z^2 if z < delta, else delta (z - 0.5 delta); delta > 0
Tensor huber_loss(const Tensor& input, const Tensor& target, int64_t reduction = Reduction::Mean,
                  double delta = 1.0);
/// binary_cross_entropy(sigmoid(x), y) computed stably from the logits x:
/// w ((1 - y) x + (1 + (p - 1) y) log(1 + exp(-x))), p = pos_weight (broadcast along the last dim)
Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target, const Tensor& weight = {},
                                        const Tensor& pos_weight = {}, int64_t reduction = Reduction::Mean);
/// -w[t_i] logp[i, t_i] for log-probabilities logp [N, C] (or [C], or [N, C, d1, ...]) and class
/// indices t [N] (or [], or [N, d1, ...], kLong). Targets equal to ignore_index add nothing; the
/// mean divides by sum_i w[t_i] over the targets not ignored.
Tensor nll_loss(const Tensor& input, const Tensor& target, const Tensor& weight = {},
                int64_t reduction = Reduction::Mean, int64_t ignore_index = -100);
/// nll_loss(log_softmax(x, class dim), t) for class indices t, mixed with label smoothing s:
/// (1 - s) nll + s/C * sum_c (-w_c logp_c). With a floating target of x's shape (class
/// probabilities): -sum_c w_c y_c logp_c, the mean dividing by the number of samples.
Tensor cross_entropy_loss(const Tensor& input, const Tensor& target, const Tensor& weight = {},
                          int64_t reduction = Reduction::Mean, int64_t ignore_index = -100,
                          double label_smoothing = 0.0);

// ---- Distribution losses (loss_distribution.cpp) ----

/// KL divergence of the target distribution from the input's, per element, for log-probabilities
/// x (after log_softmax): y (log y - x) = xlogy(y, y) - y x, or exp(y) (y - x) with log_target
/// (y then log-probabilities too). dx = -g y (or -g exp(y)); the gradient for y comes from the
/// ops. Input and target of the same sizes.
Tensor kl_div(const Tensor& self, const Tensor& target, int64_t reduction = Reduction::Mean, bool log_target = false);
/// Poisson negative log-likelihood of counts y for rates given as log(rate) x: exp(x) - y x,
/// or for rates x (log_input false): x - y log(x + eps). full adds Stirling's approximation of
/// log(y!), y log y - y + 0.5 log(2 pi y), where y > 1. dx = g (exp(x) - y), or g (1 - y / (x + eps)).
Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool log_input, bool full, double eps,
                        int64_t reduction);

// ---- Margin losses (loss_margin.cpp) ----

/// max(0, -y (x1 - x2) + margin) for labels y = 1 (x1 should rank higher) or -1, all of the
/// same sizes; dx1 = -g y where the loss is positive, dx2 = -dx1.
Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target, double margin = 0.0,
                           int64_t reduction = Reduction::Mean);
/// With c = cos(x1, x2) along the last dim (rows of [N, D] with targets [N], or [D] with a 0-d
/// target): 1 - c where y = 1, max(0, c - margin) where y = -1. |x|^2 gets 1e-12 added, so a
/// zero row has a finite cosine.
Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target, double margin = 0.0,
                             int64_t reduction = Reduction::Mean);
/// max(0, margin + d(a, p) - d(a, n)) for anchors a, positives p and negatives n ([N, D] or
/// [D]), d(u, v) = ||u - v + eps||_p along the last dim; with swap, d(a, n) is replaced by
/// min(d(a, n), d(p, n)).
Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative, double margin = 1.0,
                           double p = 2, double eps = 1e-6, bool swap = false, int64_t reduction = Reduction::Mean);

namespace nn::functional {

Tensor l1_loss(const Tensor& input, const Tensor& target, const L1LossFuncOptions& options = {});
Tensor mse_loss(const Tensor& input, const Tensor& target, const MSELossFuncOptions& options = {});
/// `beta`, when given, overrides options.beta() (LibTorch 1.13 reads only this argument; the
/// options' beta is used here when it is absent).
Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, const SmoothL1LossFuncOptions& options = {},
                      std::optional<double> beta = std::nullopt);
Tensor huber_loss(const Tensor& input, const Tensor& target, const HuberLossFuncOptions& options = {});
Tensor binary_cross_entropy(const Tensor& input, const Tensor& target,
                            const BinaryCrossEntropyFuncOptions& options = {});
Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target,
                                        const BinaryCrossEntropyWithLogitsFuncOptions& options = {});
Tensor nll_loss(const Tensor& input, const Tensor& target, const NLLLossFuncOptions& options = {});
Tensor cross_entropy(const Tensor& input, const Tensor& target, const CrossEntropyFuncOptions& options = {});
/// kl_div; kBatchMean divides the sum by the batch size, input.size(0) (no division for a 0-d input).
Tensor kl_div(const Tensor& input, const Tensor& target, const KLDivFuncOptions& options = {});
Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, const PoissonNLLLossFuncOptions& options = {});
/// Gaussian negative log-likelihood of targets y under means x and variances v:
/// 0.5 (log v + (x - y)^2 / v), plus 0.5 log(2 pi) when full. v is clamped to at least eps
/// (the gradient passes through the clamp unchanged, as in PyTorch) and must not be negative.
/// v has x's sizes, or x's sizes without the last dim, or with a last dim of 1 (one variance
/// for every element of a row). PyTorch's, not LibTorch's (which has no gaussian_nll_loss).
Tensor gaussian_nll_loss(const Tensor& input, const Tensor& target, const Tensor& var,
                         const GaussianNLLLossFuncOptions& options = {});
Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           const MarginRankingLossFuncOptions& options = {});
Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             const CosineEmbeddingLossFuncOptions& options = {});
Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           const TripletMarginLossFuncOptions& options = {});
/// The mean over the C classes (last dim) of -w (y log sigmoid(x) + (1 - y) log sigmoid(-x)), for
/// logits x and 0/1 targets y of sizes [N, C] (or [C]): one loss per sample, then reduced.
Tensor multilabel_soft_margin_loss(const Tensor& input, const Tensor& target,
                                   const MultilabelSoftMarginLossFuncOptions& options = {});

}  // namespace nn::functional
}  // namespace xg
