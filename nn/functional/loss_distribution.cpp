// Losses that compare distributions: KL divergence, Poisson and Gaussian negative
// log-likelihoods. Each is written with differentiable ops, in the order LibTorch
// composes them, so the gradients and the recorded nodes are those of the ops.

#include <cmath>
#include <variant>
#include <vector>

#include "loss.h"

#include "../../autograd/graph/grad_mode.h"
#include "../../autograd/ops/loss_support.h"

namespace xg {

Tensor kl_div(const Tensor& self, const Tensor& target, int64_t reduction, bool log_target) {
  detail::check_reduction("kl_div", reduction);
  detail::check_elementwise_loss("kl_div", self, target);
  const Tensor losses = log_target ? exp(target) * (target - self) : xlogy(target, target) - target * self;
  return detail::reduce_loss(losses, reduction);
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool log_input, bool full, double eps,
                        int64_t reduction) {
  const char* op = "poisson_nll_loss";
  detail::check_reduction(op, reduction);
  detail::check_elementwise_loss(op, input, target);
  XG_CHECK(log_input || eps > 0, op, "eps must be positive when log_input is false, got ", eps);
  Tensor losses = log_input ? exp(input) - target * input : input - target * log(input + eps);
  if (full) {
    // Stirling's log(y!) ~ y log y - y + 0.5 log(2 pi y), only where it approximates well (y > 1).
    const Tensor stirling = target * log(target) - target + log(target * (2 * M_PI)) * 0.5;
    losses = losses + stirling.masked_fill(target <= 1, 0.0);
  }
  return detail::reduce_loss(losses, reduction);
}

namespace nn::functional {

namespace {

std::vector<int64_t> without_last_dim(IntArrayRef sizes) {
  std::vector<int64_t> out = sizes.vec();
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace

Tensor kl_div(const Tensor& input, const Tensor& target, const KLDivFuncOptions& options) {
  const bool batch_mean = std::holds_alternative<enumtype::kBatchMean>(options.reduction());
  // kBatchMean: the sum, divided below by the batch size.
  const int64_t reduction = batch_mean ? Reduction::Sum : reduction_enum(options.reduction());
  const Tensor reduced = xg::kl_div(input, target, reduction, options.log_target());
  return batch_mean && input.dim() != 0 ? reduced / input.size(0) : reduced;
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, const PoissonNLLLossFuncOptions& options) {
  return xg::poisson_nll_loss(input, target, options.log_input(), options.full(), options.eps(),
                              reduction_enum(options.reduction()));
}

Tensor gaussian_nll_loss(const Tensor& input, const Tensor& target, const Tensor& var,
                         const GaussianNLLLossFuncOptions& options) {
  const char* op = "gaussian_nll_loss";
  detail::check_elementwise_loss(op, input, target);
  XG_CHECK(var.defined(), op, "var must be defined");
  detail::check_loss_weight(op, "var", var, input);
  XG_CHECK(options.eps() > 0, op, "eps must be positive, got ", options.eps());
  Tensor v = var;
  if (var.sizes() != input.sizes()) {
    // One variance per row: var without the last dim of the input, or with a last dim of 1.
    const std::vector<int64_t> rows = without_last_dim(input.sizes());
    const bool short_by_one = input.dim() >= 1 && var.sizes() == rows;
    const bool last_is_one = input.dim() >= 1 && var.dim() == input.dim() && var.size(-1) == 1 &&
                             without_last_dim(var.sizes()) == rows;
    XG_CHECK(short_by_one || last_is_one, op, "var sizes ", var.sizes(), " fit neither the input sizes ",
             input.sizes(), " nor one variance per row (the input's sizes without the last dim, or with a last "
             "dim of 1)");
    if (short_by_one) v = v.unsqueeze(-1);
  }
  XG_CHECK(!(v < 0).any().item<bool>(), op, "var has negative entries");
  // Clamped for stability without stopping the gradient: the clone carries it through.
  v = v.clone();
  {
    NoGradGuard no_grad;
    v.clamp_(options.eps());
  }
  Tensor losses = (log(v) + (input - target).pow(2) / v) * 0.5;
  if (options.full()) losses = losses + 0.5 * std::log(2 * M_PI);
  return detail::reduce_loss(losses, reduction_enum(options.reduction()));
}

}  // namespace nn::functional
}  // namespace xg
