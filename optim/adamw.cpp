#include "adamw.h"

#include "../autograd/graph/grad_mode.h"

namespace xg {
namespace optim {

namespace {
void check_options(const AdamWOptions& o) {
  const auto [beta1, beta2] = o.betas();
  XG_CHECK(o.lr() >= 0, "AdamW", "invalid learning rate: ", o.lr());
  XG_CHECK(o.eps() >= 0, "AdamW", "invalid epsilon value: ", o.eps());
  XG_CHECK(0 <= beta1 && beta1 < 1, "AdamW", "invalid beta parameter at index 0: ", beta1);
  XG_CHECK(0 <= beta2 && beta2 < 1, "AdamW", "invalid beta parameter at index 1: ", beta2);
  XG_CHECK(o.weight_decay() >= 0, "AdamW", "invalid weight_decay value: ", o.weight_decay());
}
}  // namespace

AdamW::AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamWOptions>(defaults)) {
  check_options(defaults);
  for (const OptimizerParamGroup& group : param_groups_) check_group_options(group);
}

AdamW::AdamW(std::vector<Tensor> params, AdamWOptions defaults)
    : AdamW(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}

void AdamW::check_group_options(const OptimizerParamGroup& group) const {
  check_options(detail::options_as<AdamWOptions>(group, "AdamW"));
}

Tensor AdamW::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  check_grads("AdamW");
  for (OptimizerParamGroup& group : param_groups_) {
    const AdamWOptions& o = detail::options_as<AdamWOptions>(group, "AdamW");
    for (Tensor& p : group.params()) {
      if (!p.grad().defined()) continue;
      const Tensor& grad = p.grad();
      if (o.weight_decay() != 0) p.mul_(1 - o.lr() * o.weight_decay());  // θ = θ (1 - γλ)
      detail::adam_update(p, grad, state_of<AdamWParamState>(p), o.lr(), o.betas(), o.eps(), o.amsgrad());
    }
  }
  return loss;
}

}  // namespace optim
}  // namespace xg
