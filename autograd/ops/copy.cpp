// Copies and conversions: clone, contiguous, to(dtype), and the in-place
// writes copy_, fill_ and zero_.

#include "op_support.h"

namespace xg {

Tensor clone(const Tensor& x) {
  Tensor out = detail::snapshot(x.detach());
  if (needs_grad(x)) {
    record(names::CloneBackward0, {x}, out, [](const variable_list& g) -> variable_list { return {g[0]}; });
  }
  return out;
}

Tensor Tensor::clone() const { return xg::clone(*this); }

Tensor Tensor::contiguous() const { return is_contiguous() ? *this : clone(); }

Tensor Tensor::to(ScalarType dtype, bool /*non_blocking*/, bool copy) const {
  if (dtype == scalar_type() && !copy) return *this;
  XG_CHECK(!requires_grad() || isFloatingType(dtype) || !GradMode::is_enabled(), "to",
           "cannot convert a tensor that requires grad to ", dtype, "; detach() it first");
  Tensor out = detail::cast(detail::contiguous_data(*this), dtype);
  if (out.is_same(*this)) out = detail::snapshot(detach());
  if (needs_grad(*this)) {
    record(names::ToCopyBackward0, {*this}, out, [from = scalar_type()](const variable_list& g) -> variable_list {
      return {g[0].to(from)};
    });
  }
  return out;
}

Tensor Tensor::to(const TensorOptions& options, bool non_blocking, bool copy) const {
  return to(options.has_dtype() ? options.dtype() : scalar_type(), non_blocking, copy);
}

Tensor& Tensor::copy_(const Tensor& src, bool /*non_blocking*/) {
  XG_CHECK(src.defined(), "copy_", "source tensor is undefined");
  detail::broadcast_shapes("copy_", sizes(), src.sizes());
  const bool records = needs_grad(*this, src);
  detail::check_inplace("copy_", *this, records);
  // As a value, copy_ is src broadcast to self's shape; its history is src's.
  Tensor value = src.expand(sizes());
  detail::commit_inplace(*this, records ? value : value.detach());
  return *this;
}

namespace {

// fill_ and zero_, under the name the user called.
Tensor& fill_named(const char* op, Tensor& self, const Scalar& value) {
  XG_CHECK(self.defined(), op, "called on an undefined tensor");
  detail::check_inplace(op, self, needs_grad(self));
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::fill_into<T>(self, value.to<T>());
  });
  detail::finish_inplace(self, Tensor());  // self no longer depends on its history
  return self;
}

}  // namespace

Tensor& Tensor::fill_(const Scalar& value) { return fill_named("fill_", *this, value); }

Tensor& Tensor::zero_() { return fill_named("zero_", *this, 0); }

}  // namespace xg
