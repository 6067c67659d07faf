#include "rmsprop.h"

#include "../autograd/tensor/factories.h"
#include "pointwise.h"

namespace xg {
namespace optim {

RMSpropOptions::RMSpropOptions(double lr) : lr_(lr) {}

void RMSprop::check_options(const RMSpropOptions& o) {
  detail::check_non_negative(kName, {{"learning rate", o.lr()}, {"epsilon value", o.eps()},
                                     {"momentum value", o.momentum()}, {"weight_decay value", o.weight_decay()},
                                     {"alpha value", o.alpha()}});
}

void RMSprop::update(Tensor& p, Tensor grad, ParamStateRef<RMSpropParamState> state, const RMSpropOptions& o) {
  if (!state->square_avg().defined()) state->square_avg(zeros_like(p));
  if (o.momentum() > 0 && !state->momentum_buffer().defined()) state->momentum_buffer(zeros_like(p));
  if (o.centered() && !state->grad_avg().defined()) state->grad_avg(zeros_like(p));
  state->step(state->step() + 1);

  if (o.weight_decay() != 0) grad = grad.add(p, o.weight_decay());          // g + λθ
  Tensor& square_avg = state->square_avg();
  detail::addcmul_(square_avg.mul_(o.alpha()), grad, grad, 1 - o.alpha());    // v = α v + (1 - α) g²
  Tensor avg;
  if (o.centered()) {
    Tensor& grad_avg = state->grad_avg();
    grad_avg.mul_(o.alpha()).add_(grad, 1 - o.alpha());                       // ḡ = α ḡ + (1 - α) g
    avg = square_avg.sub(grad_avg.mul(grad_avg)).sqrt().add_(o.eps());        // √(v - ḡ²) + ε
  } else {
    avg = square_avg.sqrt().add_(o.eps());                                    // √v + ε
  }
  if (o.momentum() > 0) {
    Tensor& buf = state->momentum_buffer();
    detail::addcdiv_(buf.mul_(o.momentum()), grad, avg);                      // b = μ b + g / a
    p.add_(buf, -o.lr());                                                     // θ -= γ b
  } else {
    detail::addcdiv_(p, grad, avg, -o.lr());                                  // θ -= γ g / a
  }
}

}  // namespace optim
}  // namespace xg
