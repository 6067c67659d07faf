#include "adamw.h"

namespace xg {
namespace optim {

void AdamW::check_options(const AdamWOptions& o) { detail::check_adam_options(o, kName); }

void AdamW::update(Tensor& p, Tensor grad, ParamStateRef<AdamWParamState> state, const AdamWOptions& o) {
  if (o.weight_decay() != 0) p.mul_(1 - o.lr() * o.weight_decay());  // θ = θ (1 - γλ)
  detail::adam_update(p, grad, *state, o.lr(), o.betas(), o.eps(), o.amsgrad());
}

}  // namespace optim
}  // namespace xg
