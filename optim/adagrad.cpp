#include "adagrad.h"

#include "../autograd/tensor/factories.h"
#include "pointwise.h"

namespace xg {
namespace optim {

AdagradOptions::AdagradOptions(double lr) : lr_(lr) {}

void Adagrad::check_options(const AdagradOptions& o) {
  detail::check_non_negative(kName, {{"learning rate", o.lr()}, {"lr_decay value", o.lr_decay()},
                                     {"weight_decay value", o.weight_decay()},
                                     {"initial_accumulator_value value", o.initial_accumulator_value()},
                                     {"epsilon value", o.eps()}});
}

void Adagrad::update(Tensor& p, Tensor grad, ParamStateRef<AdagradParamState> state, const AdagradOptions& o) {
  if (!state->sum().defined()) state->sum(full_like(p, o.initial_accumulator_value()));  // s_0
  state->step(state->step() + 1);

  if (o.weight_decay() != 0) grad = grad.add(p, o.weight_decay());                    // g + λθ
  const double clr = o.lr() / (1 + static_cast<double>(state->step() - 1) * o.lr_decay());  // γ_t
  detail::addcmul_(state->sum(), grad, grad);                                           // s += g²
  Tensor denom = state->sum().sqrt().add_(o.eps());                                     // √s + ε
  detail::addcdiv_(p, grad, denom, -clr);                                               // θ -= γ_t g / (√s + ε)
}

}  // namespace optim
}  // namespace xg
