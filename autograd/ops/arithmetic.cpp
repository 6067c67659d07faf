// Arithmetic with broadcasting: forward and backward side by side.
//
// Broadcasting makes an input's gradient the shape of the output; InputInfo::reduce
// sums it back over the broadcast dims (and casts it back to the input's dtype).

#include <cmath>

#include "op_support.h"

namespace xg {

// ---- add / sub ------------------------------------------------------------------------

/// a + alpha * b, broadcast; da = g, db = alpha * g (each summed back to its input's shape)
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  Tensor out = detail::binary("add", a, b, detail::result_type(a, b), [k = alpha.toDouble()](auto x, auto y) {
    return x + static_cast<decltype(x)>(k) * y;
  });
  if (needs_grad(a, b)) {
    record("AddBackward0", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), alpha](const variable_list& g) -> variable_list {
             return {a_info.reduce(g[0]), b_info.reduce(alpha.toDouble() == 1.0 ? g[0] : g[0] * alpha)};
           });
  }
  return out;
}

// a + k for a C++ scalar k; the gradient passes through unchanged.
static Tensor add_scalar(const char* node_name, const Tensor& a, const Scalar& k) {
  Tensor out = detail::binary_scalar("add", a, k, detail::result_type(a, k), [](auto x, auto y) { return x + y; });
  if (needs_grad(a)) {
    record(node_name, {a}, out, [a_info = InputInfo(a)](const variable_list& g) -> variable_list {
      return {a_info.reduce(g[0])};
    });
  }
  return out;
}

// b * alpha, staying integral when both are.
static Scalar scaled(const Scalar& b, const Scalar& alpha) {
  if (b.isFloatingPoint() || alpha.isFloatingPoint()) return b.toDouble() * alpha.toDouble();
  return b.toLong() * alpha.toLong();
}

Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  return add_scalar("AddBackward1", a, scaled(b, alpha));
}

namespace {

// a - alpha * b, recorded as `node` (sub's SubBackward0, rsub's RsubBackward0).
Tensor subtract(const char* op, const char* node, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  XG_CHECK(a.scalar_type() != kBool || b.scalar_type() != kBool, op,
           "subtraction with two bool tensors is not supported; use logical_xor() instead");
  Tensor out = detail::binary(op, a, b, detail::result_type(a, b), [k = alpha.toDouble()](auto x, auto y) {
    return x - static_cast<decltype(x)>(k) * y;
  });
  if (needs_grad(a, b)) {
    record(node, {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), alpha](const variable_list& g) -> variable_list {
             return {a_info.reduce(g[0]), b_info.reduce(alpha.toDouble() == 1.0 ? -g[0] : g[0] * -alpha)};
           });
  }
  return out;
}

}  // namespace

/// a - alpha * b; da = g, db = -alpha * g
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) { return subtract("sub", "SubBackward0", a, b, alpha); }

Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  return add_scalar("SubBackward1", a, scaled(b, -alpha));
}

/// b - alpha * a (reverse subtraction)
Tensor rsub(const Tensor& a, const Tensor& b, const Scalar& alpha) { return subtract("rsub", "RsubBackward0", b, a, alpha); }

Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  Tensor out = detail::binary_scalar("rsub", a, b, detail::result_type(a, b),
                                     [k = alpha.toDouble()](auto x, auto y) { return y - static_cast<decltype(x)>(k) * x; });
  if (needs_grad(a)) {
    record("RsubBackward1", {a}, out, [a_info = InputInfo(a), alpha](const variable_list& g) -> variable_list {
      return {a_info.reduce(g[0] * -alpha)};
    });
  }
  return out;
}

// ---- mul / div ------------------------------------------------------------------------

/// a * b; da = g * b, db = g * a
Tensor mul(const Tensor& a, const Tensor& b) {
  Tensor out = detail::binary("mul", a, b, detail::result_type(a, b), [](auto x, auto y) { return x * y; });
  if (needs_grad(a, b)) {
    // d(a*b)/da = b and d(a*b)/db = a: keep each only if the other side needs it.
    const bool need_a = a.requires_grad(), need_b = b.requires_grad();
    record("MulBackward0", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), a_saved = SavedVariable(need_b ? a : Tensor(), false),
            b_saved = SavedVariable(need_a ? b : Tensor(), false)](const variable_list& g) -> variable_list {
             Tensor ga = b_saved.defined() ? a_info.reduce(g[0] * b_saved.unpack()) : Tensor();
             Tensor gb = a_saved.defined() ? b_info.reduce(g[0] * a_saved.unpack()) : Tensor();
             return {ga, gb};
           });
  }
  return out;
}

Tensor mul(const Tensor& a, const Scalar& b) {
  Tensor out = detail::binary_scalar("mul", a, b, detail::result_type(a, b), [](auto x, auto y) { return x * y; });
  if (needs_grad(a)) {
    record("MulBackward1", {a}, out, [a_info = InputInfo(a), b](const variable_list& g) -> variable_list {
      return {a_info.reduce(g[0] * b)};
    });
  }
  return out;
}

/// a / b (true division: integer inputs give float); da = g / b, db = -g * a / b^2
Tensor div(const Tensor& a, const Tensor& b) {
  const ScalarType compute = detail::floating_type(detail::result_type(a, b));  // true division
  Tensor out = detail::binary("div", a, b, compute, [](auto x, auto y) { return x / y; });
  if (needs_grad(a, b)) {
    const bool need_a = a.requires_grad();
    record("DivBackward0", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), need_a,
            a_saved = SavedVariable(b.requires_grad() ? a : Tensor(), false),
            b_saved = SavedVariable(b, false)](const variable_list& g) -> variable_list {
             Tensor b = b_saved.unpack();
             Tensor ga = need_a ? a_info.reduce(g[0] / b) : Tensor();
             Tensor gb = a_saved.defined() ? b_info.reduce(-g[0] * a_saved.unpack() / (b * b)) : Tensor();
             return {ga, gb};
           });
  }
  return out;
}

Tensor div(const Tensor& a, const Scalar& b) {
  const ScalarType compute = detail::floating_type(detail::result_type(a, b));
  Tensor out = detail::binary_scalar("div", a, b, compute, [](auto x, auto y) { return x / y; });
  if (needs_grad(a)) {
    record("DivBackward1", {a}, out, [a_info = InputInfo(a), b](const variable_list& g) -> variable_list {
      return {a_info.reduce(g[0] / b)};
    });
  }
  return out;
}

/// s / x for a C++ scalar s; ds/dx = -s / x^2 = -out / x
static Tensor scalar_div(const Scalar& s, const Tensor& x) {
  const ScalarType compute = detail::floating_type(detail::result_type(x, s));
  Tensor out = detail::binary_scalar("div", x, s, compute, [](auto v, auto k) { return k / v; });
  if (needs_grad(x)) {
    record("DivBackward0", {x}, out,
           [x_info = InputInfo(x), x_saved = SavedVariable(x, false),
            out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             return {x_info.reduce(-g[0] * out_saved.unpack() / x_saved.unpack())};
           });
  }
  return out;
}

/// -a; da = -g
Tensor neg(const Tensor& a) {
  XG_CHECK(a.scalar_type() != kBool, "neg", "negation, the `-` operator, on a bool tensor is not supported");
  Tensor out = detail::unary_numeric("neg", a, [](auto x) { return -x; });
  if (needs_grad(a)) {
    record("NegBackward0", {a}, out, [](const variable_list& g) -> variable_list { return {-g[0]}; });
  }
  return out;
}

// ---- pow --------------------------------------------------------------------------------

namespace {
/// x^p for integers, p >= 0, by repeated squaring (log2 p steps, so any exponent is quick);
/// wraps around on overflow as torch's integer pow does.
template <class T>
T integer_pow(T x, T p) {
  XG_CHECK(p >= 0, "pow", "integers to negative integer powers are not allowed, got exponent ", p);
  using U = std::make_unsigned_t<T>;
  U result = 1, base = static_cast<U>(x);
  for (auto e = static_cast<U>(p); e != 0; e >>= 1, base *= base)
    if (e & 1) result *= base;
  return static_cast<T>(result);
}
}  // namespace

/// a^p; da = g * p * a^(p-1), dp = g * a^p * log(a)
Tensor pow(const Tensor& a, const Scalar& exponent) {
  ScalarType compute = detail::result_type(a, exponent);
  Tensor out = detail::binary_scalar("pow", a, exponent, compute, [](auto x, auto p) {
    using T = decltype(x);
    if constexpr (std::is_integral_v<T>) {
      return integer_pow(x, p);
    } else {
      return p == T(2) ? x * x : std::pow(x, p);
    }
  });
  if (needs_grad(a)) {
    record("PowBackward0", {a}, out,
           [a_saved = SavedVariable(a, false), exponent](const variable_list& g) -> variable_list {
             if (exponent.toDouble() == 0.0) return {zeros_like(g[0])};
             Tensor x = a_saved.unpack();
             return {g[0] * (exponent.toDouble() == 2.0 ? x * 2 : pow(x, exponent.toDouble() - 1) * exponent)};
           });
  }
  return out;
}

Tensor pow(const Tensor& a, const Tensor& exponent) {
  Tensor out = detail::binary("pow", a, exponent, detail::result_type(a, exponent), [](auto x, auto p) {
    using T = decltype(x);
    if constexpr (std::is_integral_v<T>)
      return integer_pow(x, p);
    else
      return static_cast<T>(std::pow(x, p));
  });
  if (needs_grad(a, exponent)) {
    const bool need_a = a.requires_grad(), need_p = exponent.requires_grad();
    record("PowBackward1", {a, exponent}, out,
           [a_info = InputInfo(a), p_info = InputInfo(exponent), need_a, need_p, a_saved = SavedVariable(a, false),
            p_saved = SavedVariable(exponent, false),
            out_saved = SavedVariable(need_p ? out : Tensor(), true)](const variable_list& g) -> variable_list {
             Tensor x = a_saved.unpack(), p = p_saved.unpack();
             Tensor ga = need_a ? a_info.reduce(g[0] * p * pow(x, p - 1)) : Tensor();
             // d(x^p)/dp = x^p log x, taken as 0 where x == 0 (the limit for p > 0).
             Tensor gp = need_p ? p_info.reduce(where(x == 0, zeros_like(g[0]), g[0] * out_saved.unpack() * log(x))) : Tensor();
             return {ga, gp};
           });
  }
  return out;
}

Tensor pow(const Scalar& base, const Tensor& exponent) {
  Tensor out = detail::binary_scalar("pow", exponent, base, detail::floating_type(detail::result_type(exponent, base)),
                                     [](auto p, auto b) { return std::pow(b, p); });
  if (needs_grad(exponent)) {
    record("PowBackward2", {exponent}, out,
           [out_saved = SavedVariable(out, true), base](const variable_list& g) -> variable_list {
             return {g[0] * out_saved.unpack() * std::log(base.toDouble())};
           });
  }
  return out;
}

// ---- operators ----------------------------------------------------------------------------

Tensor operator-(const Tensor& a) { return neg(a); }
Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
Tensor operator+(const Tensor& a, const Scalar& b) { return add(a, b); }
Tensor operator+(const Scalar& a, const Tensor& b) { return add(b, a); }
Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
Tensor operator-(const Tensor& a, const Scalar& b) { return sub(a, b); }
// a - b is a tensor filled with a, minus b, in LibTorch: it records SubBackward0.
Tensor operator-(const Scalar& a, const Tensor& b) {
  return sub(detail::wrapped_scalar(a, detail::result_type(b, a)), b);
}
Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
Tensor operator*(const Tensor& a, const Scalar& b) { return mul(a, b); }
Tensor operator*(const Scalar& a, const Tensor& b) { return mul(b, a); }
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator/(const Tensor& a, const Scalar& b) { return div(a, b); }
Tensor operator/(const Scalar& a, const Tensor& b) { return scalar_div(a, b); }

}  // namespace xg
