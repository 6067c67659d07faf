#pragma once
// Making results: fresh tensors, 0-d scalars, dtype conversions and contiguous
// copies, none of them recorded by autograd. Internal: not installed.

#include <limits>
#include <type_traits>

#include "../tensor/tensor.h"

namespace xg::detail {

/// A fresh contiguous tensor with uninitialised elements. Sizes that are negative or too large
/// to count, and memory that cannot be had, are errors naming `op` (factories pass their name).
Tensor empty(IntArrayRef sizes, ScalarType dtype, const char* op = "empty");
/// A 0-d tensor holding `value`.
Tensor scalar_tensor(const Scalar& value, ScalarType dtype);
/// A 0-d tensor holding a C++ scalar; marked as a wrapped number, which makes
/// it weaker than real tensors in type promotion (float32 tensor * 2.0 is float32).
Tensor wrapped_scalar(const Scalar& value, ScalarType dtype);
/// A copy of `t` converted to `dtype` (plain data, not recorded by autograd);
/// `t` itself when it already has that dtype.
Tensor cast(const Tensor& t, ScalarType dtype);
/// A contiguous version of `t` (itself when already contiguous); not recorded.
Tensor contiguous_data(const Tensor& t);
/// `t` itself when it already has `dtype`, else a converted copy held by `converted`, a
/// temporary that lives to the end of the caller's full expression: how a kernel reads an
/// operand in its compute dtype without copying the handle (a reference count) when no
/// conversion is needed, e.g. zip_into<R, T>(out, in_dtype(a, compute), in_dtype(b, compute), f).
inline const Tensor& in_dtype(const Tensor& t, ScalarType dtype, Tensor&& converted = Tensor()) {
  if (t.scalar_type() == dtype) return t;
  converted = cast(t, dtype);
  return converted;
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

}  // namespace xg::detail
