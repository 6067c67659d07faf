#include "adagrad.h"

#include "../autograd/tensor/factories.h"
#include "../autograd/graph/grad_mode.h"
#include "pointwise.h"

namespace xg {
namespace optim {

AdagradOptions::AdagradOptions(double lr) : lr_(lr) {}

namespace {
void check_options(const AdagradOptions& o) {
  XG_CHECK(o.lr() >= 0, "Adagrad", "invalid learning rate: ", o.lr());
  XG_CHECK(o.lr_decay() >= 0, "Adagrad", "invalid lr_decay value: ", o.lr_decay());
  XG_CHECK(o.weight_decay() >= 0, "Adagrad", "invalid weight_decay value: ", o.weight_decay());
  XG_CHECK(o.initial_accumulator_value() >= 0, "Adagrad", "invalid initial_accumulator_value value: ",
           o.initial_accumulator_value());
  XG_CHECK(o.eps() >= 0, "Adagrad", "invalid epsilon value: ", o.eps());
}
}  // namespace

Adagrad::Adagrad(std::vector<OptimizerParamGroup> param_groups, AdagradOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdagradOptions>(defaults)) {
  check_options(defaults);
  for (const OptimizerParamGroup& group : param_groups_) check_group_options(group);
}

Adagrad::Adagrad(std::vector<Tensor> params, AdagradOptions defaults)
    : Adagrad(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}

void Adagrad::check_group_options(const OptimizerParamGroup& group) const {
  check_options(detail::options_as<AdagradOptions>(group, "Adagrad"));
}

Tensor Adagrad::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  check_grads("Adagrad");
  for (OptimizerParamGroup& group : param_groups_) {
    const AdagradOptions& o = detail::options_as<AdagradOptions>(group, "Adagrad");
    for (Tensor& p : group.params()) {
      if (!p.grad().defined()) continue;
      AdagradParamState& state = state_of<AdagradParamState>(p);
      if (!state.sum().defined()) state.sum(full_like(p, o.initial_accumulator_value()));  // s_0
      state.step(state.step() + 1);

      Tensor grad = p.grad();
      if (o.weight_decay() != 0) grad = grad.add(p, o.weight_decay());                  // g + λθ
      const double clr = o.lr() / (1 + static_cast<double>(state.step() - 1) * o.lr_decay());  // γ_t
      detail::addcmul_(state.sum(), grad, grad);                                          // s += g²
      Tensor denom = state.sum().sqrt().add_(o.eps());                                    // √s + ε
      detail::addcdiv_(p, grad, denom, -clr);                                              // θ -= γ_t g / (√s + ε)
    }
  }
  return loss;
}

}  // namespace optim
}  // namespace xg
