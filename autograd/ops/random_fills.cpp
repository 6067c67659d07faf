// Random fills: uniform_ and normal_, what nn::init builds on, and bernoulli. The
// numbers come from the global generator through the kernels of random.cpp,
// which match torch's CPU generator bit for bit.

#include <limits>

#include "../tensor/random.h"
#include "op_support.h"

namespace xg {

namespace {
// The largest finite value of a floating dtype.
double max_of(ScalarType dtype) {
  return dtype == kFloat ? std::numeric_limits<float>::max() : std::numeric_limits<double>::max();
}
}  // namespace

/// Fills with samples of U[from, to) from the global generator, drawn exactly as torch's
/// uniform_ draws them (Float and Double tensors).
Tensor& Tensor::uniform_(double from, double to) const {
  Tensor& self = const_cast<Tensor&>(*this);  // a handle: const says nothing of the elements
  XG_CHECK(self.defined(), "uniform_", "called on an undefined tensor");
  XG_CHECK(isFloatingType(self.scalar_type()), "uniform_", "expected a Float or Double tensor, got ", self.scalar_type());
  const double max = max_of(self.scalar_type());
  XG_CHECK(from >= -max && from <= max && to >= -max && to <= max, "uniform_", "from=", from, " and to=",
           to, " must be finite values of ", self.scalar_type());
  XG_CHECK(from <= to, "uniform_", "expects a [from, to) range, but found from=", from, " > to=", to);
  XG_CHECK(to - from <= max, "uniform_", "to - from exceeds the largest ", self.scalar_type(), " (from=", from,
           ", to=", to, ")");
  detail::check_inplace("uniform_", self, autograd::needs_grad(self));
  detail::fill_uniform(self, from, to, detail::default_generator());
  detail::finish_inplace(self, Tensor());  // the new values have no history
  return self;
}

/// Fills with samples of N(mean, std^2) from the global generator, drawn exactly as
/// torch's normal_ draws them (Float and Double tensors).
Tensor& Tensor::normal_(double mean, double std) const {
  Tensor& self = const_cast<Tensor&>(*this);  // a handle: const says nothing of the elements
  XG_CHECK(self.defined(), "normal_", "called on an undefined tensor");
  XG_CHECK(isFloatingType(self.scalar_type()), "normal_", "expected a Float or Double tensor, got ", self.scalar_type());
  XG_CHECK(std >= 0.0, "normal_", "expects std >= 0.0, but found std ", std);
  detail::check_inplace("normal_", self, autograd::needs_grad(self));
  detail::fill_normal(self, mean, std, detail::default_generator());
  detail::finish_inplace(self, Tensor());
  return self;
}

namespace {

// p's values, checked to be probabilities, as a contiguous tensor of `sizes`.
Tensor probabilities(const char* op, const Tensor& p, IntArrayRef sizes) {
  XG_CHECK(isFloatingType(p.scalar_type()), op, "expected p to be a Float or Double tensor, got ", p.scalar_type());
  const int64_t extra = static_cast<int64_t>(sizes.size()) - p.dim();
  bool broadcasts = extra >= 0;
  for (int64_t d = 0; broadcasts && d < p.dim(); ++d) broadcasts = p.size(d) == 1 || p.size(d) == sizes[extra + d];
  XG_CHECK(broadcasts, op, "p of shape ", p.sizes(), " does not broadcast to the shape ", sizes);
  const Tensor values = p.detach();
  XG_CHECK(logical_and(values >= 0, values <= 1).all().item<bool>(), op, "expects all of p to be in [0, 1]");
  return values.expand(sizes).contiguous();
}

// out, recording `node` whose gradient is zero: the draws do not move with p.
Tensor with_zero_gradient(const char* node, const Tensor& input, const Tensor& out) {
  if (needs_grad(input))
    record(node, {input}, out, [](const variable_list& g) -> variable_list { return {zeros_like(g[0])}; });
  return out;
}

}  // namespace

/// 1 with probability self[i], else 0, in each element, drawn as torch's bernoulli draws
/// (Float and Double). Its gradient is zero, as LibTorch records it.
Tensor bernoulli(const Tensor& self) {
  XG_CHECK(isFloatingType(self.scalar_type()), "bernoulli", "expected a Float or Double tensor, got ", self.scalar_type());
  const Tensor p = probabilities("bernoulli", self, self.sizes());
  Tensor out = detail::empty(self.sizes(), self.scalar_type());
  detail::fill_bernoulli(out, p, detail::default_generator());
  return with_zero_gradient("BernoulliBackward0", self, out);
}

/// A tensor of self's shape and dtype with 1 with probability p in each element, else 0.
/// Not differentiable (LibTorch records no node).
Tensor bernoulli(const Tensor& self, double p) {
  XG_CHECK(p >= 0 && p <= 1, "bernoulli", "expects p to be in [0, 1], but got p=", p);
  Tensor out = detail::empty(self.sizes(), self.scalar_type());
  detail::fill_bernoulli(out, p, detail::default_generator());
  return out;
}

/// self's elements replaced by 1 with probability p[i] (p broadcast to self's shape), else 0.
Tensor& bernoulli_(Tensor& self, const Tensor& p) {
  const Tensor probs = probabilities("bernoulli_", p, self.sizes());
  return write_inplace("bernoulli_", self, needs_grad(self), [&](const Tensor& s) {
    Tensor out = detail::empty(s.sizes(), s.scalar_type());
    detail::fill_bernoulli(out, probs, detail::default_generator());
    return with_zero_gradient("BernoulliBackward1", s, out);
  });
}

/// self's elements replaced by 1 with probability p, else 0.
Tensor& bernoulli_(Tensor& self, double p) {
  XG_CHECK(p >= 0 && p <= 1, "bernoulli_", "expects p to be in [0, 1], but got p=", p);
  return write_inplace("bernoulli_", self, needs_grad(self), [&](const Tensor& s) {
    Tensor out = detail::empty(s.sizes(), s.scalar_type());
    detail::fill_bernoulli(out, p, detail::default_generator());
    return with_zero_gradient("BernoulliBackward2", s, out);
  });
}

}  // namespace xg
