#include "adam.h"

#include <cmath>

#include "../autograd/tensor/factories.h"
#include "../autograd/graph/grad_mode.h"
#include "../autograd/tensor/ops.h"
#include "pointwise.h"

namespace xg {
namespace optim {

namespace {
void check_options(const AdamOptions& o) {
  const auto [beta1, beta2] = o.betas();
  XG_CHECK(o.lr() >= 0, "Adam", "invalid learning rate: ", o.lr());
  XG_CHECK(o.eps() >= 0, "Adam", "invalid epsilon value: ", o.eps());
  XG_CHECK(0 <= beta1 && beta1 < 1, "Adam", "invalid beta parameter at index 0: ", beta1);
  XG_CHECK(0 <= beta2 && beta2 < 1, "Adam", "invalid beta parameter at index 1: ", beta2);
  XG_CHECK(o.weight_decay() >= 0, "Adam", "invalid weight_decay value: ", o.weight_decay());
}
}  // namespace

Adam::Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamOptions>(defaults)) {
  check_options(defaults);
  for (const OptimizerParamGroup& group : param_groups_) check_group_options(group);
}

Adam::Adam(std::vector<Tensor> params, AdamOptions defaults)
    : Adam(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}

void Adam::check_group_options(const OptimizerParamGroup& group) const {
  check_options(detail::options_as<AdamOptions>(group, "Adam"));
}

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

Tensor Adam::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  check_grads("Adam");
  for (OptimizerParamGroup& group : param_groups_) {
    const AdamOptions& o = detail::options_as<AdamOptions>(group, "Adam");
    for (Tensor& p : group.params()) {
      if (!p.grad().defined()) continue;
      Tensor grad = p.grad();
      if (o.weight_decay() != 0) grad = grad.add(p, o.weight_decay());  // g + λθ
      detail::adam_update(p, grad, state_of<AdamParamState>(p), o.lr(), o.betas(), o.eps(), o.amsgrad());
    }
  }
  return loss;
}

}  // namespace optim
}  // namespace xg
