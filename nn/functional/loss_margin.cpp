// Losses with a margin, for ranking and embeddings: margin ranking, cosine embedding,
// triplet margin, and the multi-label soft margin. Each is written with differentiable
// ops, in the order LibTorch composes them, so the gradients and the recorded nodes
// are those of the ops.

#include "loss.h"

#include "../../autograd/ops/loss_support.h"
#include "../../autograd/tensor/factories.h"

namespace xg {

namespace {

// Inputs of a pairwise loss: defined, floating, of one dtype and one set of sizes.
void check_same_inputs(const char* op, const Tensor& a, const Tensor& b, const char* names) {
  XG_CHECK(a.defined() && b.defined(), op, names, " must be defined");
  XG_CHECK(a.is_floating_point(), op, "expected floating-point inputs, got ", a.scalar_type());
  XG_CHECK(a.scalar_type() == b.scalar_type(), op, names, " differ in dtype: ", a.scalar_type(), " and ",
           b.scalar_type());
  XG_CHECK(a.sizes() == b.sizes(), op, names, " differ in sizes: ", a.sizes(), " and ", b.sizes());
}

// ||x1 - x2 + eps||_p along the last dim, as torch::pairwise_distance (eps keeps the norm
// differentiable where x1 == x2).
Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, double p, double eps) {
  return norm(x1 - x2 + eps, p, {x1.dim() - 1});
}

}  // namespace

Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target, double margin,
                           int64_t reduction) {
  const char* op = "margin_ranking_loss";
  detail::check_reduction(op, reduction);
  check_same_inputs(op, input1, input2, "input1 and input2");
  check_same_inputs(op, input1, target, "input1 and target");
  return detail::reduce_loss((-target * (input1 - input2) + margin).clamp_min(0), reduction);
}

Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target, double margin,
                             int64_t reduction) {
  const char* op = "cosine_embedding_loss";
  detail::check_reduction(op, reduction);
  check_same_inputs(op, input1, input2, "input1 and input2");
  XG_CHECK(target.defined(), op, "target must be defined");
  XG_CHECK(target.dim() <= 1, op, "expected a 0-d or 1-d target (one label per pair), got sizes ", target.sizes());
  XG_CHECK(input1.dim() == target.dim() + 1, op, "a ", target.dim(), "-d target expects ", target.dim() + 1,
           "-d inputs, got inputs of sizes ", input1.sizes());
  XG_CHECK(target.dim() == 0 || target.size(0) == input1.size(0), op, "target sizes ", target.sizes(),
           " do not match the ", input1.size(0), " pairs of the inputs");
  XG_CHECK(margin >= -1 && margin <= 1, op, "margin must be between -1 and 1 (a cosine's range), got ", margin);
  const int64_t dim = target.dim();
  constexpr double kEpsilon = 1e-12;  // keeps the cosine of a zero vector finite
  const Tensor prod_sum = (input1 * input2).sum({dim});
  const Tensor mag_square1 = (input1 * input1).sum({dim}) + kEpsilon;
  const Tensor mag_square2 = (input2 * input2).sum({dim}) + kEpsilon;
  const Tensor cos = prod_sum / sqrt(mag_square1 * mag_square2);
  const Tensor zeros = zeros_like(cos);
  const Tensor pos = 1 - cos;
  const Tensor neg = (cos - margin).clamp_min(0);
  const Tensor losses = where(target == 1, pos, zeros) + where(target == -1, neg, zeros);
  return detail::reduce_loss(losses, reduction);
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative, double margin,
                           double p, double eps, bool swap, int64_t reduction) {
  const char* op = "triplet_margin_loss";
  detail::check_reduction(op, reduction);
  check_same_inputs(op, anchor, positive, "anchor and positive");
  check_same_inputs(op, anchor, negative, "anchor and negative");
  XG_CHECK(anchor.dim() >= 1, op, "expected inputs of sizes [N, D] or [D], got 0-d tensors");
  XG_CHECK(p > 0, op, "the norm's order p must be positive, got ", p);
  XG_CHECK(eps >= 0, op, "eps must not be negative, got ", eps);
  const Tensor dist_pos = pairwise_distance(anchor, positive, p, eps);
  Tensor dist_neg = pairwise_distance(anchor, negative, p, eps);
  if (swap) dist_neg = minimum(dist_neg, pairwise_distance(positive, negative, p, eps));
  return detail::reduce_loss((dist_pos + margin - dist_neg).clamp_min(0), reduction);
}

namespace nn::functional {

Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           const MarginRankingLossFuncOptions& options) {
  return xg::margin_ranking_loss(input1, input2, target, options.margin(), reduction_enum(options.reduction()));
}

Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             const CosineEmbeddingLossFuncOptions& options) {
  return xg::cosine_embedding_loss(input1, input2, target, options.margin(), reduction_enum(options.reduction()));
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           const TripletMarginLossFuncOptions& options) {
  return xg::triplet_margin_loss(anchor, positive, negative, options.margin(), options.p(), options.eps(),
                                 options.swap(), reduction_enum(options.reduction()));
}

Tensor multilabel_soft_margin_loss(const Tensor& input, const Tensor& target,
                                   const MultilabelSoftMarginLossFuncOptions& options) {
  const char* op = "multilabel_soft_margin_loss";
  detail::check_elementwise_loss(op, input, target);
  XG_CHECK(input.dim() >= 1, op, "expected an input of sizes [N, C] or [C], got a 0-d tensor");
  const Tensor& weight = options.weight();
  detail::check_loss_weight(op, "weight", weight, input);
  const int64_t class_dim = input.dim() - 1;
  const int64_t classes = input.size(class_dim);
  XG_CHECK(!weight.defined() || (weight.dim() == 1 && weight.size(0) == classes), op,
           "weight must be a 1-D tensor with one entry per class (", classes, "), got sizes ", weight.sizes());
  Tensor losses = -(target * log_sigmoid(input) + (1 - target) * log_sigmoid(-input));
  if (weight.defined()) losses = losses * weight;
  return detail::reduce_loss(losses.sum({class_dim}) / classes, reduction_enum(options.reduction()));
}

}  // namespace nn::functional
}  // namespace xg
