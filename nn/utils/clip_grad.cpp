#include "clip_grad.h"

#include <cmath>
#include <limits>

#include "../../autograd/tensor/factories.h"
#include "../../autograd/graph/grad_mode.h"

namespace xg::nn::utils {

namespace {

// The p-norm of all elements of `t` (a 0-d tensor of t's dtype).
Tensor p_norm(const Tensor& t, double p) {
  if (p == 1 || p == 2 || std::isinf(p)) return t.norm(p);
  return t.abs().pow(p).sum().pow(1.0 / p);
}

}  // namespace

Tensor get_total_norm(const std::vector<Tensor>& tensors, double norm_type) {
  NoGradGuard no_grad;
  std::vector<Tensor> defined;
  for (const Tensor& t : tensors)
    if (t.defined()) defined.push_back(t);
  if (defined.empty()) return full({}, 0.0, kDouble);
  if (norm_type == 0) return full({}, static_cast<double>(defined.size()), kDouble);

  // One norm per tensor, then the norm of those norms: the norm of everything at once.
  std::vector<Tensor> norms;
  norms.reserve(defined.size());
  for (const Tensor& t : defined) norms.push_back(p_norm(t, norm_type));
  if (norms.size() == 1) return norms[0];
  if (std::isinf(norm_type)) return stack(norms).max();
  return p_norm(stack(norms), norm_type);
}

double clip_grad_norm_(std::vector<Tensor> parameters, double max_norm, double norm_type, bool error_if_nonfinite) {
  NoGradGuard no_grad;
  std::vector<Tensor> grads;
  for (const Tensor& parameter : parameters)
    if (parameter.grad().defined()) grads.push_back(parameter.grad());
  if (grads.empty()) return 0.0;

  const Tensor total_norm = get_total_norm(grads, norm_type);
  const double total = total_norm.item<double>();
  XG_CHECK(!error_if_nonfinite || std::isfinite(total), "clip_grad_norm_", "the total norm of order ", norm_type,
           " of the gradients is non-finite (", total, "), so it cannot be clipped; pass error_if_nonfinite=false "
           "to scale the gradients by it anyway");
  const Tensor clip_coef = (max_norm / (total_norm + 1e-6)).clamp_max(1.0);
  for (Tensor& grad : grads) grad.mul_(clip_coef.to(grad.scalar_type()));
  return total;
}

double clip_grad_norm_(std::initializer_list<Tensor> parameters, double max_norm, double norm_type,
                       bool error_if_nonfinite) {
  return clip_grad_norm_(std::vector<Tensor>(parameters), max_norm, norm_type, error_if_nonfinite);
}

double clip_grad_norm_(Tensor parameter, double max_norm, double norm_type, bool error_if_nonfinite) {
  return clip_grad_norm_(std::vector<Tensor>{std::move(parameter)}, max_norm, norm_type, error_if_nonfinite);
}

void clip_grad_value_(std::vector<Tensor> parameters, double clip_value) {
  NoGradGuard no_grad;
  for (const Tensor& parameter : parameters) {
    Tensor grad = parameter.grad();
    if (grad.defined()) grad.clamp_(-clip_value, clip_value);
  }
}

void clip_grad_value_(std::initializer_list<Tensor> parameters, double clip_value) {
  clip_grad_value_(std::vector<Tensor>(parameters), clip_value);
}

void clip_grad_value_(Tensor parameter, double clip_value) {
  clip_grad_value_(std::vector<Tensor>{std::move(parameter)}, clip_value);
}

}  // namespace xg::nn::utils
