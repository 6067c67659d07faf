// Comparisons and logical ops. Their results are kBool and carry no gradient.

#include <cmath>

#include "../kernels/elementwise.h"
#include "../tensor/factories.h"

namespace xg {

namespace {
// Compares in the promoted dtype of both sides (bool compares as Long).
template <class F>
Tensor compare(const char* op, const Tensor& a, const Tensor& b, F f) {
  const ScalarType compute = detail::result_type(a, b);
  return detail::binary(op, a, b, compute == kBool ? kLong : compute, [f](auto x, auto y) -> bool { return f(x, y); });
}
template <class F>
Tensor compare(const char* op, const Tensor& a, const Scalar& b, F f) {
  const ScalarType compute = detail::result_type(a, b);
  return detail::binary_scalar(op, a, b, compute == kBool ? kLong : compute,
                               [f](auto x, auto y) -> bool { return f(x, y); });
}
template <class F>
Tensor map_to_bool(const Tensor& x, F f) {
  Tensor out = detail::empty(x.sizes(), kBool);
  dispatch_all(x.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::map_into<bool, T>(out, x, [f](T v) -> bool { return f(v); });
  });
  return out;
}
}  // namespace

#define XG_COMPARISON(name, op_symbol)                                                         \
  Tensor name(const Tensor& a, const Tensor& b) {                                              \
    return compare(#name, a, b, [](auto x, auto y) { return x op_symbol y; });                 \
  }                                                                                            \
  Tensor name(const Tensor& a, const Scalar& b) {                                              \
    return compare(#name, a, b, [](auto x, auto y) { return x op_symbol y; });                 \
  }                                                                                            \
  Tensor operator op_symbol(const Tensor& a, const Tensor& b) { return name(a, b); }          \
  Tensor operator op_symbol(const Tensor& a, const Scalar& b) { return name(a, b); }
XG_COMPARISON(eq, ==)
XG_COMPARISON(ne, !=)
XG_COMPARISON(lt, <)
XG_COMPARISON(le, <=)
XG_COMPARISON(gt, >)
XG_COMPARISON(ge, >=)
#undef XG_COMPARISON

Tensor logical_and(const Tensor& a, const Tensor& b) {
  return detail::binary("logical_and", ne(a, 0), ne(b, 0), kLong, [](auto x, auto y) -> bool { return x && y; });
}

Tensor logical_or(const Tensor& a, const Tensor& b) {
  return detail::binary("logical_or", ne(a, 0), ne(b, 0), kLong, [](auto x, auto y) -> bool { return x || y; });
}

Tensor logical_not(const Tensor& x) { return map_to_bool(x, [](auto v) { return !v; }); }

Tensor isnan(const Tensor& x) {
  return map_to_bool(x, [](auto v) { return v != v; });
}

Tensor isfinite(const Tensor& x) {
  return map_to_bool(x, [](auto v) {
    if constexpr (std::is_floating_point_v<decltype(v)>) return std::isfinite(v);
    else return true;
  });
}

// Whether some element of x is nonzero (nonzero = true) or zero (nonzero = false);
// stops at the first one.
static bool some_element(const Tensor& x, bool nonzero) {
  return dispatch_all(x.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    Tensor c = detail::contiguous_data(x);
    const T* p = detail::data<T>(c);
    for (int64_t i = 0, n = c.numel(); i < n; ++i)
      if ((p[i] != T(0)) == nonzero) return true;
    return false;
  });
}

/// True (0-d kBool) when every / some element is nonzero.
Tensor all(const Tensor& x) { return detail::scalar_tensor(!some_element(x, false), kBool); }

Tensor any(const Tensor& x) { return detail::scalar_tensor(some_element(x, true), kBool); }

Tensor isinf(const Tensor& x) {
  return map_to_bool(x, [](auto v) {
    if constexpr (std::is_floating_point_v<decltype(v)>) return std::isinf(v);
    else return false;
  });
}

// |a - b| <= atol + rtol * |b| elementwise in `compute` (floating); equal values (infinities
// included) are close, and NaNs are close to each other only when equal_nan.
static Tensor close_values(const char* op, const Tensor& a, const Tensor& b, ScalarType compute, double rtol,
                           double atol, bool equal_nan) {
  return detail::binary(op, a, b, compute, [=](auto x, auto y) -> bool {
    if (x != x || y != y) return equal_nan && x != x && y != y;
    if (x == y) return true;
    return std::abs(x - y) <= atol + rtol * std::abs(y);
  });
}

/// Elementwise closeness, kBool (shapes broadcast); a and b must have the same dtype, as in torch.
Tensor isclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  XG_CHECK(a.scalar_type() == b.scalar_type(), "isclose", a.scalar_type(), " did not match ", b.scalar_type());
  XG_CHECK(rtol >= 0, "isclose", "rtol must be greater than or equal to zero, but got ", rtol);
  XG_CHECK(atol >= 0, "isclose", "atol must be greater than or equal to zero, but got ", atol);
  // Integers compare in the default floating dtype, so that the tolerances apply to them too.
  return close_values("isclose", a, b, detail::floating_type(a.scalar_type()), rtol, atol, equal_nan);
}

/// True when every element is close (shapes broadcast; mixed dtypes compare promoted).
bool allclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  const ScalarType compute = promoteTypes(detail::floating_type(a.scalar_type()), b.scalar_type());
  return all(close_values("allclose", a, b, detail::floating_type(compute), rtol, atol, equal_nan)).item<bool>();
}

/// Same sizes and the same elements.
bool equal(const Tensor& a, const Tensor& b) {
  if (!a.sizes().equals(b.sizes())) return false;
  return all(eq(a, b)).item<bool>();
}

}  // namespace xg
