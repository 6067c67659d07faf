#include "kernels.h"

#include <limits>
#include <type_traits>

#include "autograd_meta.h"
#include "node.h"
#include "ops.h"

namespace xg::detail {

int64_t numel_of(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

SizeVector contiguous_strides(IntArrayRef sizes) {
  SizeVector strides(sizes.size());
  int64_t stride = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

int64_t span(const TensorImpl& impl) {
  if (impl.numel == 0) return 0;
  int64_t last = 0;
  for (size_t i = 0; i < impl.sizes.size(); ++i) last += (impl.sizes[i] - 1) * impl.strides[i];
  return last + 1;
}

SizeVector broadcast_strides(const Tensor& t, IntArrayRef sizes) {
  IntArrayRef own_sizes = t.sizes(), own_strides = t.strides();
  const size_t lead = sizes.size() - own_sizes.size();
  SizeVector strides(sizes.size(), 0);
  for (size_t i = 0; i < own_sizes.size(); ++i)
    if (own_sizes[i] != 1) strides[lead + i] = own_strides[i];
  return strides;
}

Tensor empty(IntArrayRef sizes, ScalarType dtype) {
  auto impl = std::make_shared<TensorImpl>();
  impl->sizes.assign(sizes.begin(), sizes.end());
  impl->strides = contiguous_strides(sizes);
  impl->numel = numel_of(sizes);
  impl->dtype = dtype;
  impl->storage = StorageImpl::allocate(dtype, impl->numel);
  return Tensor(std::move(impl));
}

Tensor adopt_storage(std::shared_ptr<StorageImpl> storage, IntArrayRef sizes, IntArrayRef strides) {
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = std::move(storage);
  impl->sizes.assign(sizes.begin(), sizes.end());
  impl->strides.assign(strides.begin(), strides.end());
  impl->dtype = impl->storage->dtype();
  impl->refresh_layout();
  return Tensor(std::move(impl));
}

Tensor scalar_tensor(const Scalar& value, ScalarType dtype) {
  Tensor t = empty({}, dtype);
  dispatch_all(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    *data<T>(t) = value.to<T>();
  });
  return t;
}

Tensor wrapped_scalar(const Scalar& value, ScalarType dtype) {
  Tensor t = scalar_tensor(value, dtype);
  t.unsafeGetTensorImpl()->is_wrapped_number = true;
  return t;
}

/// static_cast<R>(x), except that a NaN, infinite or out-of-range float converted to an
/// integer (undefined behaviour in C++) gives the minimum integer, as x86 CPUs, NumPy and
/// torch do.
template <class R, class T>
R convert(T x) {
  if constexpr (std::is_floating_point_v<T> && std::is_integral_v<R> && !std::is_same_v<R, bool>) {
    constexpr T limit = static_cast<T>(std::numeric_limits<R>::max()) + T(1);  // 2^63, exact
    if (!(x >= -limit && x < limit)) return std::numeric_limits<R>::min();
  }
  return static_cast<R>(x);
}

Tensor cast(const Tensor& t, ScalarType dtype) {
  if (t.scalar_type() == dtype) return t;
  Tensor out = empty(t.sizes(), dtype);
  dispatch_all(dtype, [&](auto out_tag) {
    using R = typename decltype(out_tag)::type;
    dispatch_all(t.scalar_type(), [&](auto in_tag) {
      using T = typename decltype(in_tag)::type;
      map_into<R, T>(out, t, [](T x) { return convert<R>(x); });
    });
  });
  return out;
}

Tensor contiguous_data(const Tensor& t) {
  if (t.is_contiguous()) return t;
  Tensor out = empty(t.sizes(), t.scalar_type());
  dispatch_all(t.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    map_into<T, T>(out, t, [](T x) { return x; });
  });
  return out;
}

namespace {
enum class Category { Bool, Integral, Floating };
Category category(ScalarType t) {
  return t == kBool ? Category::Bool : isFloatingType(t) ? Category::Floating : Category::Integral;
}
// The promoted dtype of one tier (dimensioned tensors, 0-d tensors, wrapped scalars).
struct Tier {
  std::optional<ScalarType> type;
  void add(ScalarType t) { type = type ? promoteTypes(*type, t) : t; }
};
// torch's combine_categories: a weaker tier only counts when its category is higher.
std::optional<ScalarType> combine(std::optional<ScalarType> higher, std::optional<ScalarType> lower) {
  if (!higher) return lower;
  if (!lower) return higher;
  if (category(*lower) > category(*higher)) return promoteTypes(*higher, *lower);
  return higher;
}
void add_to_tiers(const Tensor& t, Tier& dimensioned, Tier& zero_dim, Tier& wrapped) {
  XG_CHECK(t.defined(), "result_type", "an operand is an undefined tensor");
  const TensorImpl& impl = *t.unsafeGetTensorImpl();
  if (impl.is_wrapped_number) {
    // A C++ double counts as the default dtype, an integer as Long.
    wrapped.add(isFloatingType(impl.dtype) ? default_dtype() : impl.dtype);
  } else if (impl.sizes.empty()) {
    zero_dim.add(impl.dtype);
  } else {
    dimensioned.add(impl.dtype);
  }
}
}  // namespace

ScalarType result_type(const Tensor& a, const Tensor& b) {
  Tier dimensioned, zero_dim, wrapped;
  add_to_tiers(a, dimensioned, zero_dim, wrapped);
  add_to_tiers(b, dimensioned, zero_dim, wrapped);
  return *combine(dimensioned.type, combine(zero_dim.type, wrapped.type));
}

ScalarType result_type(const Tensor& a, const Scalar& b) {
  Tier dimensioned, zero_dim, wrapped;
  add_to_tiers(a, dimensioned, zero_dim, wrapped);
  wrapped.add(b.isFloatingPoint() ? default_dtype() : b.type());
  return *combine(dimensioned.type, combine(zero_dim.type, wrapped.type));
}

SizeVector broadcast_shapes(const char* op, IntArrayRef a, IntArrayRef b) {
  const size_t n = std::max(a.size(), b.size());
  SizeVector out(n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    const int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    XG_CHECK(da == db || da == 1 || db == 1, op, "shapes ", a, " and ", b,
             " cannot be broadcast: size ", da, " != ", db, " at dim ",
             static_cast<int64_t>(i) - static_cast<int64_t>(n));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

int64_t wrap_dim(const char* op, int64_t dim, int64_t ndim) {
  const int64_t extent = std::max<int64_t>(ndim, 1);  // 0-d tensors accept dim 0 and -1
  XG_CHECK(dim >= -extent && dim < extent, op, "dimension out of range (expected to be in range of [",
           -extent, ", ", extent - 1, "], but got ", dim, ")");
  return dim < 0 ? dim + extent : dim;
}

InputInfo::InputInfo(const Tensor& t) : sizes(t.sizes().begin(), t.sizes().end()), dtype(t.scalar_type()) {}

Tensor InputInfo::reduce(const Tensor& grad) const {
  Tensor g = sum_to(grad, sizes);
  return g.scalar_type() == dtype ? g : g.to(dtype);
}

Tensor sum_to(const Tensor& grad, IntArrayRef sizes) {
  IntArrayRef have = grad.sizes();
  if (have.equals(sizes)) return grad;
  const size_t lead = have.size() - sizes.size();  // dims broadcasting prepended
  std::vector<int64_t> dims;
  for (size_t i = 0; i < have.size(); ++i)
    if (i < lead || (sizes[i - lead] == 1 && have[i] != 1)) dims.push_back(static_cast<int64_t>(i));
  Tensor summed = dims.empty() ? grad : grad.sum(dims, /*keepdim=*/true);
  return summed.view(sizes);
}

void check_inplace(const char* op, const Tensor& self, bool records_grad) {
  XG_CHECK(self.defined(), op, "called on an undefined tensor");
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  for (size_t i = 0; i < impl.sizes.size(); ++i)
    XG_CHECK(impl.strides[i] != 0 || impl.sizes[i] <= 1, op,
             "unsupported operation: more than one element of the written-to tensor refers to a single memory "
             "location (it was made by expand); clone() it first");
  if (!records_grad) return;
  XG_CHECK(!(self.is_leaf() && self.requires_grad()), op,
           "a leaf Variable that requires grad is being used in an in-place operation; "
           "wrap the update in NoGradGuard or use an out-of-place op");
  XG_CHECK(!self.unsafeGetTensorImpl()->is_view, op,
           "in-place operation on a view while autograd records it is not supported by xgrad; "
           "use an out-of-place op or clone() the view first");
}

void commit_inplace(Tensor& self, const Tensor& result) {
  XG_CHECK(result.sizes().equals(self.sizes()), "inplace", "output with shape ", self.sizes(),
           " doesn't match the broadcast shape ", result.sizes());
  // torch's canCast: no float result into an integer tensor, nothing but Bool into a Bool tensor.
  const ScalarType to = self.scalar_type(), from = result.scalar_type();
  XG_CHECK((isFloatingType(to) || !isFloatingType(from)) && (to != kBool || from == kBool), "inplace",
           "result type ", from, " can't be cast to the desired output type ", to);
  dispatch_all(self.scalar_type(), [&](auto out_tag) {
    using R = typename decltype(out_tag)::type;
    dispatch_all(result.scalar_type(), [&](auto in_tag) {
      using T = typename decltype(in_tag)::type;
      map_into<R, T>(self, result, [](T x) { return convert<R>(x); });
    });
  });
  finish_inplace(self, result);
}

void finish_inplace(Tensor& self, const Tensor& result) {
  self.unsafeGetTensorImpl()->storage->bump_version();
  if (result.defined() && result.requires_grad()) {
    auto& meta = autograd::materialize_meta(self);
    meta.requires_grad = true;
    meta.grad_fn = result.grad_fn();
    meta.output_nr = result.output_nr();
  } else if (self.requires_grad() && !self.is_leaf() && GradMode::is_enabled()) {
    // Every value was replaced by something autograd does not track: self no
    // longer depends on its old history.
    self.unsafeGetTensorImpl()->autograd->grad_fn.reset();
    self.unsafeGetTensorImpl()->autograd->requires_grad = false;
  }
}

namespace {

// Gives `to` the autograd history `from` has now (none if from does not require grad).
void share_history(const Tensor& from, const Tensor& to) {
  if (!from.requires_grad()) return;
  auto& meta = autograd::materialize_meta(to);
  meta.requires_grad = true;
  meta.grad_fn = from.grad_fn();
  meta.output_nr = from.output_nr();
}

}  // namespace

Tensor snapshot(const Tensor& self) {
  Tensor copy = empty(self.sizes(), self.scalar_type());
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    map_into<T, T>(copy, self, [](T x) { return x; });
  });
  share_history(self, copy);
  return copy;
}

Tensor alias_with_history(const Tensor& self) {
  Tensor alias = self.detach();
  share_history(self, alias);
  return alias;
}

}  // namespace xg::detail
