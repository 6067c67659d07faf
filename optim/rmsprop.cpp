#include "rmsprop.h"

#include "../autograd/tensor/factories.h"
#include "../autograd/graph/grad_mode.h"
#include "pointwise.h"

namespace xg {
namespace optim {

RMSpropOptions::RMSpropOptions(double lr) : lr_(lr) {}

namespace {
void check_options(const RMSpropOptions& o) {
  XG_CHECK(o.lr() >= 0, "RMSprop", "invalid learning rate: ", o.lr());
  XG_CHECK(o.eps() >= 0, "RMSprop", "invalid epsilon value: ", o.eps());
  XG_CHECK(o.momentum() >= 0, "RMSprop", "invalid momentum value: ", o.momentum());
  XG_CHECK(o.weight_decay() >= 0, "RMSprop", "invalid weight_decay value: ", o.weight_decay());
  XG_CHECK(o.alpha() >= 0, "RMSprop", "invalid alpha value: ", o.alpha());
}
}  // namespace

RMSprop::RMSprop(std::vector<OptimizerParamGroup> param_groups, RMSpropOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<RMSpropOptions>(defaults)) {
  check_options(defaults);
  for (const OptimizerParamGroup& group : param_groups_) check_group_options(group);
}

RMSprop::RMSprop(std::vector<Tensor> params, RMSpropOptions defaults)
    : RMSprop(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}

void RMSprop::check_group_options(const OptimizerParamGroup& group) const {
  check_options(detail::options_as<RMSpropOptions>(group, "RMSprop"));
}

Tensor RMSprop::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  check_grads("RMSprop");
  for (OptimizerParamGroup& group : param_groups_) {
    const RMSpropOptions& o = detail::options_as<RMSpropOptions>(group, "RMSprop");
    for (Tensor& p : group.params()) {
      if (!p.grad().defined()) continue;
      RMSpropParamState& state = state_of<RMSpropParamState>(p);
      if (!state.square_avg().defined()) state.square_avg(zeros_like(p));
      if (o.momentum() > 0 && !state.momentum_buffer().defined()) state.momentum_buffer(zeros_like(p));
      if (o.centered() && !state.grad_avg().defined()) state.grad_avg(zeros_like(p));
      state.step(state.step() + 1);

      Tensor grad = p.grad();
      if (o.weight_decay() != 0) grad = grad.add(p, o.weight_decay());          // g + λθ
      Tensor& square_avg = state.square_avg();
      detail::addcmul_(square_avg.mul_(o.alpha()), grad, grad, 1 - o.alpha());    // v = α v + (1 - α) g²
      Tensor avg;
      if (o.centered()) {
        Tensor& grad_avg = state.grad_avg();
        grad_avg.mul_(o.alpha()).add_(grad, 1 - o.alpha());                       // ḡ = α ḡ + (1 - α) g
        avg = square_avg.sub(grad_avg.mul(grad_avg)).sqrt().add_(o.eps());        // √(v - ḡ²) + ε
      } else {
        avg = square_avg.sqrt().add_(o.eps());                                    // √v + ε
      }
      if (o.momentum() > 0) {
        Tensor& buf = state.momentum_buffer();
        detail::addcdiv_(buf.mul_(o.momentum()), grad, avg);                      // b = μ b + g / a
        p.add_(buf, -o.lr());                                                     // θ -= γ b
      } else {
        detail::addcdiv_(p, grad, avg, -o.lr());                                  // θ -= γ g / a
      }
    }
  }
  return loss;
}

}  // namespace optim
}  // namespace xg
