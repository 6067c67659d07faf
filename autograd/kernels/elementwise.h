#pragma once
// What the ops' forwards share: elementwise functions with broadcasting and type
// promotion (binary, unary_floating, ...), built from the loops (loops.h), the
// result makers (make.h) and promotion (promotion.h). Internal: not installed.

#include <type_traits>
#include <utility>

#include "loops.h"
#include "make.h"
#include "promotion.h"

namespace xg::detail {

/// The element type of f(T, T)'s results: bool for predicates, else T itself (C++
/// promotes int8_t + int8_t to int; the tensor stays int8, wrapping as torch's does).
template <class F, class T>
using result_element_t = std::conditional_t<std::is_same_v<decltype(std::declval<F>()(T(), T())), bool>, bool, T>;

/// f(a, b) elementwise with broadcasting, computed in `compute` (a and b are
/// converted to it where needed); the result dtype is what f returns (bool for comparisons).
template <class F>
Tensor binary(const char* op, const Tensor& a, const Tensor& b, ScalarType compute, F f) {
  const SizeVector sizes = broadcast_shapes(op, a.sizes(), b.sizes());
  return dispatch_numeric(compute, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    using R = result_element_t<F, T>;
    Tensor out = empty(sizes, dtype_of<R>());
    zip_into<R, T>(out, in_dtype(a, compute), in_dtype(b, compute), [f](T x, T y) { return static_cast<R>(f(x, y)); });
    return out;
  });
}

/// f(a, s) elementwise for a C++ scalar s, computed in `compute`.
template <class F>
Tensor binary_scalar(const char* op, const Tensor& a, const Scalar& s, ScalarType compute, F f) {
  return dispatch_numeric(compute, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    using R = result_element_t<F, T>;
    Tensor out = empty(a.sizes(), dtype_of<R>());
    const T value = s.to<T>();
    map_into<R, T>(out, in_dtype(a, compute), [f, value](T x) { return static_cast<R>(f(x, value)); });
    return out;
  });
}

/// f(x) elementwise for floating functions (exp, tanh, ...): integer inputs compute in float32.
template <class F>
Tensor unary_floating(const char* op, const Tensor& x, F f) {
  const ScalarType compute = floating_type(x.scalar_type());
  return dispatch_floating(compute, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    Tensor out = empty(x.sizes(), compute);
    map_into<T, T>(out, in_dtype(x, compute), [f](T v) { return static_cast<T>(f(v)); });
    return out;
  });
}

/// f(x) elementwise keeping the dtype (abs, neg, sign, ...); Bool is rejected.
template <class F>
Tensor unary_numeric(const char* op, const Tensor& x, F f) {
  return dispatch_numeric(x.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    Tensor out = empty(x.sizes(), x.scalar_type());
    map_into<T, T>(out, x, [f](T v) { return static_cast<T>(f(v)); });
    return out;
  });
}

}  // namespace xg::detail
