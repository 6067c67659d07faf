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

Tensor& Tensor::uniform_(double from, double to) {
  XG_CHECK(defined(), "uniform_", "called on an undefined tensor");
  XG_CHECK(isFloatingType(scalar_type()), "uniform_", "expected a Float or Double tensor, got ", scalar_type());
  const double max = max_of(scalar_type());
  XG_CHECK(from >= -max && from <= max && to >= -max && to <= max, "uniform_", "from=", from, " and to=",
           to, " must be finite values of ", scalar_type());
  XG_CHECK(from <= to, "uniform_", "expects a [from, to) range, but found from=", from, " > to=", to);
  XG_CHECK(to - from <= max, "uniform_", "to - from exceeds the largest ", scalar_type(), " (from=", from,
           ", to=", to, ")");
  detail::check_inplace("uniform_", *this, autograd::needs_grad(*this));
  detail::fill_uniform(*this, from, to, detail::default_generator());
  detail::finish_inplace(*this, Tensor());  // the new values have no history
  return *this;
}

Tensor& Tensor::normal_(double mean, double std) {
  XG_CHECK(defined(), "normal_", "called on an undefined tensor");
  XG_CHECK(isFloatingType(scalar_type()), "normal_", "expected a Float or Double tensor, got ", scalar_type());
  XG_CHECK(std >= 0.0, "normal_", "expects std >= 0.0, but found std ", std);
  detail::check_inplace("normal_", *this, autograd::needs_grad(*this));
  detail::fill_normal(*this, mean, std, detail::default_generator());
  detail::finish_inplace(*this, Tensor());
  return *this;
}

}  // namespace xg
