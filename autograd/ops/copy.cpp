// Copies and conversions: clone, contiguous, to(dtype or device), cpu, and the in-place
// writes copy_, fill_ and zero_.

#include "op_support.h"

namespace xg {

/// A copy with its own memory (contiguous). dx = g
Tensor clone(const Tensor& x) {
  Tensor out = detail::snapshot(x.detach());
  if (needs_grad(x)) {
    record("CloneBackward0", {x}, out, [](const variable_list& g) -> variable_list { return {g[0]}; });
  }
  return out;
}

/// This tensor when it is contiguous, else a contiguous copy.
Tensor Tensor::contiguous() const { return is_contiguous() ? *this : xg::clone(*this); }

/// The elements converted to `dtype` (this tensor itself when it has that dtype, unless
/// `copy`). dx = g converted back to x's dtype.
Tensor Tensor::to(ScalarType dtype, bool /*non_blocking*/, bool copy) const {
  if (dtype == scalar_type() && !copy) return *this;
  XG_CHECK(!requires_grad() || isFloatingType(dtype) || !GradMode::is_enabled(), "to",
           "cannot convert a tensor that requires grad to ", dtype, "; detach() it first");
  Tensor out = detail::cast(detail::contiguous_data(*this), dtype);
  if (out.is_same(*this)) out = detail::snapshot(detach());
  if (needs_grad(*this)) {
    record("ToCopyBackward0", {*this}, out, [from = scalar_type()](const variable_list& g) -> variable_list {
      return {g[0].to(from)};
    });
  }
  return out;
}

/// to(options.dtype()) on options.device(), which must be the CPU; options without a
/// dtype keep this tensor's.
Tensor Tensor::to(const TensorOptions& options, bool non_blocking, bool copy) const {
  check_cpu_device("to", options.device());
  return to(options.has_dtype() ? options.dtype() : scalar_type(), non_blocking, copy);
}

/// to(dtype) on `device`, which must be the CPU.
Tensor Tensor::to(Device device, ScalarType dtype, bool non_blocking, bool copy) const {
  check_cpu_device("to", device);
  return to(dtype, non_blocking, copy);
}

/// to(other's dtype) on other's device (always the CPU here): x.to(y) gives x y's type.
Tensor Tensor::to(const Tensor& other, bool non_blocking, bool copy) const {
  XG_CHECK(other.defined(), "to", "the tensor whose dtype to take is undefined");
  return to(other.device(), other.scalar_type(), non_blocking, copy);
}

/// to(other): the elements converted to other's dtype (this tensor itself when it has it).
Tensor Tensor::type_as(const Tensor& other) const {
  XG_CHECK(other.defined(), "type_as", "the tensor whose dtype to take is undefined");
  return to(other);
}

/// This tensor: it is already on the CPU (LibTorch's cpu() is to(kCPU), a no-op there too).
Tensor Tensor::cpu() const { return to(Device(kCPU)); }

/// Writes src (broadcast to self's shape, converted to self's dtype) into self. As a
/// value, self becomes src expanded, so dself_old = 0 and dsrc = g summed to src's shape
/// (and converted to src's dtype).
Tensor& copy_(Tensor& self, const Tensor& src, bool /*non_blocking*/) {
  XG_CHECK(src.defined(), "copy_", "source tensor is undefined");
  detail::broadcast_shapes("copy_", self.sizes(), src.sizes());
  detail::check_no_partial_overlap("copy_", self, src);
  const bool records = needs_grad(self, src);
  detail::check_inplace("copy_", self, records);
  if (!records) {
    detail::commit_inplace(self, src.expand(self.sizes()));
    return self;
  }
  Tensor value = detail::snapshot(src.detach().expand(self.sizes()));
  record("torch::autograd::CopyBackwards", {detail::alias_with_history(self), src}, value,
         [src_sizes = src.sizes().vec(), src_type = src.scalar_type()](const variable_list& g) -> variable_list {
           return {zeros_like(g[0]), detail::sum_to(g[0], src_sizes).to(src_type)};
         });
  detail::commit_inplace(self, value);
  return self;
}

namespace {

// fill_ and zero_, under the name the user called. Recorded, self's new value is a
// constant: the node `node` gives its old history a zero gradient, as LibTorch's does.
Tensor& fill_named(const char* op, const char* node, Tensor& self, const Scalar& value) {
  XG_CHECK(self.defined(), op, "called on an undefined tensor");
  const bool records = needs_grad(self);
  detail::check_inplace(op, self, records);
  Tensor old = records ? detail::alias_with_history(self) : Tensor();
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::fill_into<T>(self, value.to<T>());
  });
  Tensor history;
  if (records) {
    history = self.detach();
    record(node, {old}, history, [](const variable_list& g) -> variable_list { return {zeros_like(g[0])}; });
  }
  detail::finish_inplace(self, history);
  return self;
}

}  // namespace

/// Every element set to `value`; the gradient of self's old value is 0.
Tensor& fill_(Tensor& self, const Scalar& value) { return fill_named("fill_", "FillBackward2", self, value); }

/// fill_(0)
Tensor& zero_(Tensor& self) { return fill_named("zero_", "ZeroBackward0", self, 0); }

}  // namespace xg
