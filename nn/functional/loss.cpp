#include "loss.h"

#include <cmath>
#include <vector>

#include "../../autograd/tensor/factories.h"
#include "../../autograd/ops/loss_support.h"

namespace xg {

namespace {

// ---- Class-index targets ---------------------------------------------------------------------------

// The input moved to [N, C] (class dim last, every other dim folded into N) and the target to [N].
struct ClassView {
  Tensor input;          // [N, C]
  Tensor target;         // [N], kLong
  SizeVector out_sizes;  // the target's sizes: the shape of the unreduced loss
  int64_t classes;
};

ClassView class_view(const char* op, const Tensor& input, const Tensor& target) {
  XG_CHECK(input.defined() && target.defined(), op, "input and target must be defined");
  XG_CHECK(input.is_floating_point(), op, "expected a floating-point input, got ", input.scalar_type());
  XG_CHECK(target.scalar_type() == kLong, op, "expected a target of class indices with dtype Long, got ",
           target.scalar_type(), (target.is_floating_point() ? " (for class probabilities use cross_entropy with a "
                                                               "target of the input's shape)" : ""));
  XG_CHECK(input.dim() >= 1, op, "expected an input with a class dim ([C], [N, C] or [N, C, d1, ...]), got a 0-d tensor");
  ClassView view;
  view.out_sizes = target.sizes().vec();
  if (input.dim() == 1) {
    XG_CHECK(target.dim() == 0, op, "for an input of sizes ", input.sizes(), " (one sample) the target must be 0-d, got sizes ",
             target.sizes());
    view.input = input.unsqueeze(0);
    view.target = target.reshape({1});
    view.classes = input.size(0);
    return view;
  }
  XG_CHECK(target.dim() == input.dim() - 1, op, "expected a target with ", input.dim() - 1,
           " dims for an input of sizes ", input.sizes(), ", got target sizes ", target.sizes());
  XG_CHECK(target.size(0) == input.size(0), op, "input batch size (", input.size(0),
           ") does not match target batch size (", target.size(0), ")");
  for (int64_t d = 2; d < input.dim(); ++d)
    XG_CHECK(target.size(d - 1) == input.size(d), op, "target sizes ", target.sizes(), " do not match input sizes ",
             input.sizes(), " outside the class dim 1");
  view.classes = input.size(1);
  if (input.dim() == 2) {
    view.input = input;
    view.target = target;
  } else {
    std::vector<int64_t> order = {0};
    for (int64_t d = 2; d < input.dim(); ++d) order.push_back(d);
    order.push_back(1);
    view.input = input.permute(order).reshape({-1, view.classes});
    view.target = target.reshape({-1});
  }
  return view;
}

void check_class_weight(const char* op, const Tensor& weight, const Tensor& input, int64_t classes) {
  if (!weight.defined()) return;
  XG_CHECK(weight.dim() == 1 && weight.size(0) == classes, op, "weight must be a 1-D tensor with one entry per class (",
           classes, "), got sizes ", weight.sizes());
  detail::check_loss_weight(op, "weight", weight, input);
}

void check_targets_in_range(const char* op, const Tensor& target, int64_t classes, int64_t ignore_index) {
  const Tensor t = target.contiguous();
  const int64_t* values = t.data_ptr<int64_t>();
  for (int64_t i = 0; i < t.numel(); ++i) {
    XG_CHECK(values[i] == ignore_index || (values[i] >= 0 && values[i] < classes), op, "target ", values[i],
             " is out of range for ", classes, " classes (expected 0 to ", classes - 1,
             ", or ignore_index=", ignore_index, ")");
  }
}

// Each sample's target, with ignored ones (ignore_index) replaced by class 0 so that every row
// can be gathered, and the weight of each sample: w[t_i] (1 without class weights), 0 if ignored.
struct Targets {
  Tensor kept, index, weights;  // [N] Bool, Long, input's dtype
};
Targets targets_of(const ClassView& view, const Tensor& weight, int64_t ignore_index) {
  Targets t;
  t.kept = ne(view.target, ignore_index);
  t.index = where(t.kept, view.target, zeros_like(view.target));
  t.weights = t.kept.to(view.input.scalar_type());
  if (weight.defined()) t.weights = t.weights * weight.index_select(0, t.index);
  return t;
}

// nll_loss on the [N, C] view: -w[t_i] logp[i, t_i] for every sample not ignored. Picked with
// gather: a product with one-hot rows would make a -inf logp of another class 0 * -inf = nan.
Tensor nll_on_view(const char* op, const ClassView& view, const Tensor& weight, int64_t reduction,
                   int64_t ignore_index) {
  check_targets_in_range(op, view.target, view.classes, ignore_index);
  const Targets t = targets_of(view, weight, ignore_index);
  const Tensor picked = view.input.gather(1, t.index.unsqueeze(1)).squeeze(1);  // [N]: logp[i, t_i]
  const Tensor losses = where(t.kept, -picked * t.weights, zeros_like(picked));  // [N]
  if (reduction == Reduction::None) return losses.reshape(view.out_sizes);
  if (reduction == Reduction::Sum) return losses.sum();
  return losses.sum() / t.weights.sum();
}

}  // namespace

// ---- Regression losses --------------------------------------------------------------------------------

Tensor l1_loss(const Tensor& input, const Tensor& target, int64_t reduction) {
  detail::check_reduction("l1_loss", reduction);
  detail::check_elementwise_loss("l1_loss", input, target);
  return detail::reduce_loss(abs(input - target), reduction);
}

Tensor mse_loss(const Tensor& input, const Tensor& target, int64_t reduction) {
  detail::check_reduction("mse_loss", reduction);
  detail::check_elementwise_loss("mse_loss", input, target);
  return detail::reduce_loss(square(input - target), reduction);
}

Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, int64_t reduction, double beta) {
  detail::check_reduction("smooth_l1_loss", reduction);
  detail::check_elementwise_loss("smooth_l1_loss", input, target);
  XG_CHECK(beta >= 0, "smooth_l1_loss", "beta must not be negative, got ", beta);
  if (beta == 0) return detail::reduce_loss(abs(input - target), reduction);
  const Tensor z = abs(input - target);
  return detail::reduce_loss(where(z < beta, (z * 0.5) * z / beta, z - 0.5 * beta), reduction);
}

Tensor huber_loss(const Tensor& input, const Tensor& target, int64_t reduction, double delta) {
  detail::check_reduction("huber_loss", reduction);
  detail::check_elementwise_loss("huber_loss", input, target);
  XG_CHECK(delta > 0, "huber_loss", "delta must be positive, got ", delta);
  const Tensor z = abs(input - target);
  return detail::reduce_loss(where(z < delta, (z * 0.5) * z, (z - 0.5 * delta) * delta), reduction);
}

// ---- Binary classification ----------------------------------------------------------------------------

Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target, const Tensor& weight,
                                        const Tensor& pos_weight, int64_t reduction) {
  const char* op = "binary_cross_entropy_with_logits";
  detail::check_reduction(op, reduction);
  detail::check_elementwise_loss(op, input, target);
  detail::check_loss_weight(op, "weight", weight, input);
  detail::check_loss_weight(op, "pos_weight", pos_weight, input);
  // log(1 + exp(-x)) = m + log(exp(-m) + exp(-x - m)) with m = max(-x, 0): no exponent is positive.
  const Tensor m = (-input).clamp_min(0);
  const Tensor log_terms = log(exp(-m) + exp(-input - m));
  Tensor losses;
  if (pos_weight.defined()) {
    const Tensor log_weight = (pos_weight - 1) * target + 1;
    losses = (1 - target) * input + log_weight * (log_terms + m);
  } else {
    losses = ((1 - target) * input + m) + log_terms;
  }
  if (weight.defined()) losses = losses * weight;
  XG_CHECK(IntArrayRef(losses.sizes()) == input.sizes(), op, "weight or pos_weight changed the loss's sizes from ",
           input.sizes(), " to ", losses.sizes(), ": they must broadcast to the input's sizes");
  return detail::reduce_loss(losses, reduction);
}

// ---- Multi-class classification -------------------------------------------------------------------------

Tensor nll_loss(const Tensor& input, const Tensor& target, const Tensor& weight, int64_t reduction,
                int64_t ignore_index) {
  detail::check_reduction("nll_loss", reduction);
  const ClassView view = class_view("nll_loss", input, target);
  check_class_weight("nll_loss", weight, input, view.classes);
  return nll_on_view("nll_loss", view, weight, reduction, ignore_index);
}

Tensor cross_entropy_loss(const Tensor& input, const Tensor& target, const Tensor& weight, int64_t reduction,
                          int64_t ignore_index, double label_smoothing) {
  const char* op = "cross_entropy";
  detail::check_reduction(op, reduction);
  XG_CHECK(label_smoothing >= 0 && label_smoothing <= 1, op, "label_smoothing must be between 0.0 and 1.0, got ",
           label_smoothing);
  XG_CHECK(input.defined() && target.defined(), op, "input and target must be defined");
  XG_CHECK(input.dim() >= 1, op, "expected an input with a class dim ([C], [N, C] or [N, C, d1, ...]), got a 0-d tensor");
  const int64_t class_dim = input.dim() == 1 ? 0 : 1;
  const int64_t classes = input.size(class_dim);
  check_class_weight(op, weight, input, classes);

  if (target.is_floating_point()) {
    // Class probabilities: -sum_c w_c y_c logp_c per sample.
    XG_CHECK(input.is_floating_point(), op, "expected a floating-point input, got ", input.scalar_type());
    XG_CHECK(target.sizes() == input.sizes(), op, "a target of class probabilities must have the input's sizes ",
             input.sizes(), ", got ", target.sizes(), " (class indices must have dtype Long)");
    XG_CHECK(target.scalar_type() == input.scalar_type(), op, "target dtype ", target.scalar_type(),
             " differs from input dtype ", input.scalar_type());
    const Tensor logp = log_softmax(input, class_dim);
    const Tensor probabilities =
        label_smoothing > 0 ? target * (1 - label_smoothing) + label_smoothing / static_cast<double>(classes) : target;
    Tensor terms = logp * probabilities;
    if (weight.defined()) {
      std::vector<int64_t> shape(static_cast<size_t>(input.dim()), 1);
      shape[static_cast<size_t>(class_dim)] = classes;
      terms = terms * weight.view(shape);
    }
    if (reduction == Reduction::None) return -terms.sum({class_dim});
    if (reduction == Reduction::Sum) return -terms.sum();
    return -terms.sum() / static_cast<double>(input.numel() / classes);
  }

  const ClassView view = class_view(op, log_softmax(input, class_dim), target);
  const Tensor nll = nll_on_view(op, view, weight, reduction, ignore_index);
  if (label_smoothing == 0) return nll;

  // The smoothing term: -sum_c w_c logp_c for each sample that is not ignored.
  const Tensor kept = ne(view.target, ignore_index).to(input.scalar_type());  // [N]
  const Tensor class_terms = weight.defined() ? view.input * weight : view.input;
  const Tensor smooth = -class_terms.sum({1}) * kept;  // [N]
  Tensor reduced;
  if (reduction == Reduction::None) {
    reduced = smooth.reshape(view.out_sizes);
  } else if (reduction == Reduction::Sum) {
    reduced = smooth.sum();
  } else if (weight.defined()) {
    // normalised by the weights of the kept targets, as the nll term is
    reduced = smooth.sum() / targets_of(view, weight, ignore_index).weights.sum();
  } else {
    reduced = smooth.sum() / kept.sum();
  }
  return nll * (1 - label_smoothing) + reduced * (label_smoothing / static_cast<double>(classes));
}

// ---- The options spellings --------------------------------------------------------------------------------

namespace nn::functional {

Tensor l1_loss(const Tensor& input, const Tensor& target, const L1LossFuncOptions& options) {
  return xg::l1_loss(input, target, reduction_enum(options.reduction()));
}

Tensor mse_loss(const Tensor& input, const Tensor& target, const MSELossFuncOptions& options) {
  return xg::mse_loss(input, target, reduction_enum(options.reduction()));
}

Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, const SmoothL1LossFuncOptions& options,
                      std::optional<double> beta) {
  return xg::smooth_l1_loss(input, target, reduction_enum(options.reduction()), beta.value_or(options.beta()));
}

Tensor huber_loss(const Tensor& input, const Tensor& target, const HuberLossFuncOptions& options) {
  return xg::huber_loss(input, target, reduction_enum(options.reduction()), options.delta());
}

Tensor binary_cross_entropy(const Tensor& input, const Tensor& target, const BinaryCrossEntropyFuncOptions& options) {
  return xg::binary_cross_entropy(input, target, options.weight(), reduction_enum(options.reduction()));
}

Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target,
                                        const BinaryCrossEntropyWithLogitsFuncOptions& options) {
  return xg::binary_cross_entropy_with_logits(input, target, options.weight(), options.pos_weight(),
                                              reduction_enum(options.reduction()));
}

Tensor nll_loss(const Tensor& input, const Tensor& target, const NLLLossFuncOptions& options) {
  return xg::nll_loss(input, target, options.weight(), reduction_enum(options.reduction()), options.ignore_index());
}

Tensor cross_entropy(const Tensor& input, const Tensor& target, const CrossEntropyFuncOptions& options) {
  return xg::cross_entropy_loss(input, target, options.weight(), reduction_enum(options.reduction()),
                                options.ignore_index(), options.label_smoothing());
}

}  // namespace nn::functional
}  // namespace xg
