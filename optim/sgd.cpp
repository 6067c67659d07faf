#include "sgd.h"

namespace xg {
namespace optim {

SGDOptions::SGDOptions(double lr) : lr_(lr) {}

namespace {

// Plain momentum (no weight decay, no nesterov) on a contiguous float or double
// parameter is W4's and most training loops' case. Its three updates, b *= μ,
// b += (1 - τ) g, θ += (-γ) b, each stream the whole parameter through memory;
// this does them in one pass, element by element, with the same arithmetic in
// the same order (so the same numbers) and about half the memory traffic.
// Returns false, doing nothing, when the tensors do not fit that case.
bool fused_momentum_step(Tensor& p, const Tensor& g, Tensor& buf, const SGDOptions& o) {
  const ScalarType dtype = p.scalar_type();
  if (o.weight_decay() != 0 || o.nesterov() || (dtype != kFloat && dtype != kDouble) || g.scalar_type() != dtype ||
      buf.scalar_type() != dtype || !p.is_contiguous() || !g.is_contiguous() || !buf.is_contiguous() ||
      !g.sizes().equals(p.sizes()) || !buf.sizes().equals(p.sizes()))
    return false;
  auto update = [&](auto zero) {
    using T = decltype(zero);
    T* theta = p.data_ptr<T>();
    T* b = buf.data_ptr<T>();
    const T* grad = g.data_ptr<T>();
    const T mu = static_cast<T>(o.momentum()), keep = static_cast<T>(1 - o.dampening()), step = static_cast<T>(-o.lr());
    for (int64_t i = 0, n = p.numel(); i < n; ++i) {
      b[i] = b[i] * mu + keep * grad[i];
      theta[i] = theta[i] + step * b[i];
    }
  };
  if (dtype == kFloat) update(0.0f);
  else update(0.0);
  // as the in-place ops would: autograd sees both tensors changed
  p.unsafeGetTensorImpl()->bump_version();
  buf.unsafeGetTensorImpl()->bump_version();
  return true;
}

}  // namespace

void SGD::check_options(const SGDOptions& o) {
  detail::check_non_negative(kName, {{"learning rate", o.lr()}, {"momentum value", o.momentum()},
                                     {"weight_decay value", o.weight_decay()}});
  XG_CHECK(!o.nesterov() || (o.momentum() > 0 && o.dampening() == 0), kName,
           "nesterov momentum requires a momentum and zero dampening, got momentum ", o.momentum(),
           " and dampening ", o.dampening());
}

void SGD::update(Tensor& p, Tensor grad, ParamStateRef<SGDParamState> state, const SGDOptions& o) {
  Tensor d_p = grad;
  if (o.weight_decay() != 0) d_p = d_p.add(p, o.weight_decay());  // g + λθ
  if (o.momentum() != 0) {
    Tensor& buf = state->momentum_buffer();
    if (!buf.defined()) {
      buf = d_p.clone();                                        // b_1 = g_1
    } else if (fused_momentum_step(p, d_p, buf, o)) {
      return;                                                   // b and θ updated in one pass
    } else {
      buf.mul_(o.momentum()).add_(d_p, 1 - o.dampening());      // b = μ b + (1 - τ) g
    }
    d_p = o.nesterov() ? d_p.add(buf, o.momentum()) : buf;      // d = g + μ b, or d = b
  }
  p.add_(d_p, -o.lr());                                         // θ = θ - γ d
}

}  // namespace optim
}  // namespace xg
