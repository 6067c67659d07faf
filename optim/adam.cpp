#include "adam.h"

#include <cmath>

#include "../autograd/tensor/factories.h"
#include "pointwise.h"

namespace xg {
namespace optim {

void Adam::check_options(const AdamOptions& o) { detail::check_adam_options(o, kName); }

void detail::adam_update(Tensor& p, const Tensor& grad, AdamParamState& state, double lr,
                         const std::tuple<double, double>& betas, double eps, bool amsgrad) {
  const auto [beta1, beta2] = betas;
  if (!state.exp_avg().defined()) {  // first step: m_0 = v_0 = 0
    state.exp_avg(zeros_like(p));
    state.exp_avg_sq(zeros_like(p));
  }
  state.step(state.step() + 1);
  const double t = static_cast<double>(state.step());
  const double bias_correction1 = 1 - std::pow(beta1, t);
  const double bias_correction2 = 1 - std::pow(beta2, t);

  state.exp_avg().mul_(beta1).add_(grad, 1 - beta1);                      // m = β1 m + (1 - β1) g
  addcmul_(state.exp_avg_sq().mul_(beta2), grad, grad, 1 - beta2);         // v = β2 v + (1 - β2) g²
  Tensor second_moment = state.exp_avg_sq();
  if (amsgrad) {
    if (!state.max_exp_avg_sq().defined()) state.max_exp_avg_sq(zeros_like(p));  // v̂_0 = 0
    state.max_exp_avg_sq().copy_(maximum(state.max_exp_avg_sq(), state.exp_avg_sq()));  // v̂ = max(v̂, v)
    second_moment = state.max_exp_avg_sq();
  }
  Tensor denom = second_moment.sqrt().div(std::sqrt(bias_correction2)).add_(eps);  // √v̂ / √(1 - β2^t) + ε
  addcdiv_(p, state.exp_avg(), denom, -lr / bias_correction1);             // θ -= γ / (1 - β1^t) · m / denom
}

void Adam::update(Tensor& p, Tensor grad, ParamStateRef<AdamParamState> state, const AdamOptions& o) {
  if (o.weight_decay() != 0) grad = grad.add(p, o.weight_decay());  // g + λθ
  detail::adam_update(p, grad, *state, o.lr(), o.betas(), o.eps(), o.amsgrad());
}

}  // namespace optim
}  // namespace xg
