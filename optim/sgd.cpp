#include "sgd.h"

#include "../autograd/grad_mode.h"

namespace xg {
namespace optim {

SGDOptions::SGDOptions(double lr) : lr_(lr) {}

namespace {
void check_options(const SGDOptions& o) {
  XG_CHECK(o.lr() >= 0, "SGD", "invalid learning rate: ", o.lr());
  XG_CHECK(o.momentum() >= 0, "SGD", "invalid momentum value: ", o.momentum());
  XG_CHECK(o.weight_decay() >= 0, "SGD", "invalid weight_decay value: ", o.weight_decay());
  XG_CHECK(!o.nesterov() || (o.momentum() > 0 && o.dampening() == 0), "SGD",
           "nesterov momentum requires a momentum and zero dampening, got momentum ", o.momentum(),
           " and dampening ", o.dampening());
}
}  // namespace

SGD::SGD(std::vector<OptimizerParamGroup> param_groups, SGDOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<SGDOptions>(defaults)) {
  check_options(defaults);
  for (const OptimizerParamGroup& group : param_groups_) check_options(detail::options_as<SGDOptions>(group, "SGD"));
}

SGD::SGD(std::vector<Tensor> params, SGDOptions defaults)
    : SGD(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}

Tensor SGD::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  check_grads("SGD");
  for (OptimizerParamGroup& group : param_groups_) {
    const SGDOptions& o = detail::options_as<SGDOptions>(group, "SGD");
    for (Tensor& p : group.params()) {
      if (!p.grad().defined()) continue;
      Tensor d_p = p.grad();
      if (o.weight_decay() != 0) d_p = d_p.add(p, o.weight_decay());  // g + λθ
      if (o.momentum() != 0) {
        Tensor& buf = state_of<SGDParamState>(p).momentum_buffer();
        if (!buf.defined()) {
          buf = d_p.clone();                                        // b_1 = g_1
        } else {
          buf.mul_(o.momentum()).add_(d_p, 1 - o.dampening());      // b = μ b + (1 - τ) g
        }
        d_p = o.nesterov() ? d_p.add(buf, o.momentum()) : buf;      // d = g + μ b, or d = b
      }
      p.add_(d_p, -o.lr());                                         // θ = θ - γ d
    }
  }
  return loss;
}

}  // namespace optim
}  // namespace xg
