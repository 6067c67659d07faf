#include "make.h"

#include "loops.h"

#include <new>

#include "../tensor/shape.h"

namespace xg::detail {

Tensor empty(IntArrayRef sizes, ScalarType dtype, const char* op) {
  const int64_t bytes = checked_nbytes(op, sizes, elementSize(dtype));
  auto impl = std::make_shared<TensorImpl>();
  impl->set_sizes_contiguous(sizes);
  impl->set_dtype(dtype);
  try {
    impl->set_storage(StorageImpl::allocate(dtype, impl->numel()));
  } catch (const std::bad_alloc&) {
    fail(op, "out of memory: cannot allocate ", bytes, " bytes for a ", toString(dtype), " tensor of sizes ", sizes);
  }
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
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
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

}  // namespace xg::detail
