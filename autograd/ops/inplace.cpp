// In-place arithmetic (add_, mul_, ...).
//
// Without autograd they write straight into self's memory. When autograd
// records them, they compute the out-of-place op from a snapshot of self (which
// keeps self's old values and history for backward), write the result into self
// and give self the result's history, as PyTorch's in-place ops do.

#include "op_support.h"

namespace xg {

namespace {

// self = f(self, other) elementwise. `out_of_place(a, b)` computes the same value
// with autograd, from stand-ins `a` for self and `b` for other.
template <class F, class OutOfPlace>
Tensor& binary_inplace(const char* op, Tensor& self, const Tensor& other, F f, OutOfPlace out_of_place) {
  XG_CHECK(self.defined() && other.defined(), op, "called with an undefined tensor");
  const bool records = autograd::needs_grad(self, other);
  detail::check_inplace(op, self, records);
  detail::check_no_partial_overlap(op, self, other);
  const ScalarType compute = detail::result_type(self, other);
  if (!records && compute == self.scalar_type() && self.scalar_type() != kBool) {
    const SizeVector sizes = detail::broadcast_shapes(op, self.sizes(), other.sizes());
    XG_CHECK(IntArrayRef(sizes).equals(self.sizes()), op, "output with shape ", self.sizes(),
             " doesn't match the broadcast shape ", IntArrayRef(sizes));
    dispatch_numeric(compute, op, [&](auto tag) {
      using T = typename decltype(tag)::type;
      detail::zip_into<T, T>(self, self, detail::cast(other, compute), f);
    });
    detail::finish_inplace(self, Tensor());
    return self;
  }
  if (!records) {
    detail::commit_inplace(self, out_of_place(self, other));
  } else {
    // other shares self's memory (y.mul_(y), or a view written with its base): backward needs
    // other's values as they are now, which this op may overwrite; as in torch, the saved alias
    // lets backward report that instead of using the new ones. Saving other itself would also
    // make a cycle when self is a view: the base's new history (CopySlices) would own this
    // op's node, which would own other, which keeps the base.
    const bool shares_memory = other.unsafeGetTensorImpl()->storage() == self.unsafeGetTensorImpl()->storage();
    const Tensor other_now = shares_memory ? detail::alias_with_history(other) : other;
    detail::commit_inplace(self, out_of_place(detail::snapshot(self), other_now));
  }
  return self;
}

}  // namespace

/// self += alpha * other (other broadcast to self's shape); the gradients are add's.
Tensor& add_(Tensor& self, const Tensor& other, const Scalar& alpha) {
  const double k = alpha.toDouble();
  return binary_inplace("add_", self, other, [k](auto x, auto y) { return x + static_cast<decltype(x)>(k) * y; },
                        [&](const Tensor& a, const Tensor& b) { return xg::add(a, b, alpha); });
}

// The scalar forms compute with the scalar as a 0-d tensor, but record the scalar
// overload's node (AddBackward1, ...), as LibTorch does.
Tensor& add_(Tensor& self, const Scalar& other, const Scalar& alpha) {
  const double k = alpha.toDouble();
  return binary_inplace("add_", self, detail::wrapped_scalar(other, detail::result_type(self, other)),
                        [k](auto x, auto y) { return x + static_cast<decltype(x)>(k) * y; },
                        [&](const Tensor& a, const Tensor&) { return xg::add(a, other, alpha); });
}

/// self -= alpha * other; the gradients are sub's.
Tensor& sub_(Tensor& self, const Tensor& other, const Scalar& alpha) {
  const double k = alpha.toDouble();
  return binary_inplace("sub_", self, other, [k](auto x, auto y) { return x - static_cast<decltype(x)>(k) * y; },
                        [&](const Tensor& a, const Tensor& b) { return xg::sub(a, b, alpha); });
}

Tensor& sub_(Tensor& self, const Scalar& other, const Scalar& alpha) {
  const double k = alpha.toDouble();
  return binary_inplace("sub_", self, detail::wrapped_scalar(other, detail::result_type(self, other)),
                        [k](auto x, auto y) { return x - static_cast<decltype(x)>(k) * y; },
                        [&](const Tensor& a, const Tensor&) { return xg::sub(a, other, alpha); });
}

/// self *= other; the gradients are mul's.
Tensor& mul_(Tensor& self, const Tensor& other) {
  return binary_inplace("mul_", self, other, [](auto x, auto y) { return x * y; },
                        [](const Tensor& a, const Tensor& b) { return xg::mul(a, b); });
}

Tensor& mul_(Tensor& self, const Scalar& other) {
  return binary_inplace("mul_", self, detail::wrapped_scalar(other, detail::result_type(self, other)),
                        [](auto x, auto y) { return x * y; },
                        [&](const Tensor& a, const Tensor&) { return xg::mul(a, other); });
}

// div_ is true division, so self must be floating.
static void check_true_division(const Tensor& self) {
  XG_CHECK(isFloatingType(self.scalar_type()), "div_", "result type Float can't be cast to the desired output type ",
           self.scalar_type(), " (true division of an integer tensor in place)");
}

/// self /= other (floating self only); the gradients are div's.
Tensor& div_(Tensor& self, const Tensor& other) {
  check_true_division(self);
  return binary_inplace("div_", self, other, [](auto x, auto y) { return x / y; },
                        [](const Tensor& a, const Tensor& b) { return xg::div(a, b); });
}

Tensor& div_(Tensor& self, const Scalar& other) {
  check_true_division(self);
  return binary_inplace("div_", self, detail::wrapped_scalar(other, detail::floating_type(detail::result_type(self, other))),
                        [](auto x, auto y) { return x / y; },
                        [&](const Tensor& a, const Tensor&) { return xg::div(a, other); });
}

/// self = clamp(self, min, max); the gradient is clamp's.
Tensor& clamp_(Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  const bool records = autograd::needs_grad(self);
  detail::check_inplace("clamp_", self, records);
  detail::commit_inplace(self, xg::clamp(records ? detail::snapshot(self) : self, min, max));
  return self;
}

}  // namespace xg
