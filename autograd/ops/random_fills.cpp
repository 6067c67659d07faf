// In-place random fills: uniform_ and normal_, what nn::init builds on. The
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

}  // namespace xg
