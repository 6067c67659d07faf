// Arithmetic with broadcasting: forward and backward side by side.
//
// Broadcasting makes an input's gradient the shape of the output; InputInfo::reduce
// sums it back over the broadcast dims (and casts it back to the input's dtype).

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "op_support.h"

namespace xg {

// ---- add / sub ------------------------------------------------------------------------

/// a + alpha * b, broadcast; da = g, db = alpha * g (each summed back to its input's shape)
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  const ScalarType compute = detail::result_type(a, b);
  if (compute == kBool) return logical_or(a, alpha.toDouble() != 0 ? b : zeros_like(b));  // as torch: bools add by or
  Tensor out = detail::binary("add", a, b, compute, [k = alpha.toDouble()](auto x, auto y) {
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
  const ScalarType compute = detail::result_type(a, b);
  if (compute == kBool) return logical_and(a, b);  // as torch: bools multiply by and
  Tensor out = detail::binary("mul", a, b, compute, [](auto x, auto y) { return x * y; });
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

// True division (integer inputs give float), recorded under the node name of the overload that asks.
static Tensor true_divide(const char* node_name, const Tensor& a, const Tensor& b) {
  const ScalarType compute = detail::floating_type(detail::result_type(a, b));
  Tensor out = detail::binary("div", a, b, compute, [](auto x, auto y) { return x / y; });
  if (needs_grad(a, b)) {
    const bool need_a = a.requires_grad();
    record(node_name, {a, b}, out,
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

static Tensor true_divide(const char* node_name, const Tensor& a, const Scalar& b) {
  const ScalarType compute = detail::floating_type(detail::result_type(a, b));
  Tensor out = detail::binary_scalar("div", a, b, compute, [](auto x, auto y) { return x / y; });
  if (needs_grad(a)) {
    record(node_name, {a}, out, [a_info = InputInfo(a), b](const variable_list& g) -> variable_list {
      return {a_info.reduce(g[0] / b)};
    });
  }
  return out;
}

/// a / b (true division: integer inputs give float); da = g / b, db = -g * a / b^2
Tensor div(const Tensor& a, const Tensor& b) { return true_divide("DivBackward0", a, b); }
Tensor div(const Tensor& a, const Scalar& b) { return true_divide("DivBackward1", a, b); }

// ---- div with a rounding mode -------------------------------------------------------------

namespace {

enum class Rounding { none, trunc, floor };

Rounding parse_rounding(std::optional<std::string_view> mode) {
  if (!mode) return Rounding::none;
  if (*mode == "trunc") return Rounding::trunc;
  if (*mode == "floor") return Rounding::floor;
  detail::fail("div", "expected rounding_mode to be one of None, 'trunc', or 'floor' but found '", std::string(*mode), "'");
}

// Integer division by zero is an error, as in torch (the CPU would trap).
void check_divisor(const char* op, ScalarType compute, const Tensor& b) {
  if (isFloatingType(compute)) return;
  XG_CHECK(!any(eq(b, 0)).item<bool>(), op, "ZeroDivisionError: integer division by zero");
}

void check_divisor(const char* op, ScalarType compute, const Scalar& b) {
  XG_CHECK(isFloatingType(compute) || b.toDouble() != 0, op, "ZeroDivisionError: integer division by zero");
}

// a / b rounded toward zero (trunc) or down (floor, Python's //).
template <Rounding mode>
struct RoundedDivide {
  template <class T>
  T operator()(T x, T y) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (mode == Rounding::trunc) return std::trunc(x / y);
      if (y == 0) return x / y;
      // torch's floor division goes through fmod, so 1 // 0.1 is 9 as in Python (x / y rounds up to 10).
      const T mod = std::fmod(x, y);
      T quotient = (x - mod) / y;
      if (mod != 0 && ((y < 0) != (mod < 0))) quotient -= 1;
      if (quotient == 0) return std::copysign(T(0), x / y);
      const T floored = std::floor(quotient);
      return quotient - floored > T(0.5) ? floored + 1 : floored;
    } else {
      if constexpr (std::is_signed_v<T>) {
        // x / -1 is -x; written in unsigned arithmetic so the most negative x wraps instead of trapping.
        if (y == -1) return static_cast<T>(0u - static_cast<std::make_unsigned_t<T>>(x));
      }
      T q = static_cast<T>(x / y);
      if (mode == Rounding::floor && x % y != 0 && ((x < 0) != (y < 0))) q -= 1;
      return q;
    }
  }
};

// Runs f with the functor for a trunc or floor mode.
template <class F>
Tensor with_rounding(Rounding mode, F f) {
  return mode == Rounding::trunc ? f(RoundedDivide<Rounding::trunc>()) : f(RoundedDivide<Rounding::floor>());
}

}  // namespace

/// a / b rounded as rounding_mode says: "trunc" toward zero, "floor" down (Python's //), or
/// std::nullopt for true division. Rounded division keeps integer dtypes; its derivative is zero
/// wherever it exists, so both inputs get zero gradients, as in PyTorch.
Tensor div(const Tensor& a, const Tensor& b, std::optional<std::string_view> rounding_mode) {
  const Rounding mode = parse_rounding(rounding_mode);
  if (mode == Rounding::none) return true_divide("DivBackward2", a, b);
  const ScalarType compute = detail::result_type(a, b);
  check_divisor("div", compute, b);
  Tensor out = with_rounding(mode, [&](auto f) { return detail::binary("div", a, b, compute, f); });
  if (needs_grad(a, b)) {
    record("DivBackward2", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), need_a = a.requires_grad(),
            need_b = b.requires_grad()](const variable_list&) -> variable_list {
             return {need_a ? zeros(a_info.sizes, a_info.dtype) : Tensor(),
                     need_b ? zeros(b_info.sizes, b_info.dtype) : Tensor()};
           });
  }
  return out;
}

Tensor div(const Tensor& a, const Scalar& b, std::optional<std::string_view> rounding_mode) {
  const Rounding mode = parse_rounding(rounding_mode);
  if (mode == Rounding::none) return true_divide("DivBackward3", a, b);
  const ScalarType compute = detail::result_type(a, b);
  check_divisor("div", compute, b);
  Tensor out = with_rounding(mode, [&](auto f) { return detail::binary_scalar("div", a, b, compute, f); });
  if (needs_grad(a)) {
    record("DivBackward3", {a}, out, [a_info = InputInfo(a)](const variable_list&) -> variable_list {
      return {zeros(a_info.sizes, a_info.dtype)};
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
             // p * x^(p-1) is 0 * inf at x = 0, p = 0: taken as 0 (x^0 does not depend on x), as PyTorch.
             Tensor ga = need_a ? a_info.reduce(where(p == 0, zeros_like(g[0]), g[0] * p * pow(x, p - 1))) : Tensor();
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

// ---- atan2 / fmod / remainder ------------------------------------------------------------

/// The angle of the point (b, a), in (-pi, pi]; with r2 = a^2 + b^2: da = g b / r2, db = -g a / r2
Tensor atan2(const Tensor& a, const Tensor& b) {
  const ScalarType compute = detail::floating_type(detail::result_type(a, b));
  Tensor out = detail::binary("atan2", a, b, compute, [](auto y, auto x) { return std::atan2(y, x); });
  if (needs_grad(a, b)) {
    record("Atan2Backward0", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), a_saved = SavedVariable(a, false),
            b_saved = SavedVariable(b, false)](const variable_list& g) -> variable_list {
             const Tensor y = a_saved.unpack(), x = b_saved.unpack();
             const Tensor r2 = y * y + x * x;
             return {a_info.reduce(g[0] * x / r2), b_info.reduce(-g[0] * y / r2)};
           });
  }
  return out;
}

/// x log(y), and 0 where x == 0 (unless y is NaN), so that 0 log 0 = 0 as in entropies;
/// dx = g log(y), 0 where x == 0 and y <= 0; dy = g x / y (as LibTorch)
Tensor xlogy(const Tensor& a, const Tensor& b) {
  const ScalarType compute = detail::floating_type(detail::result_type(a, b));
  Tensor out = detail::binary("xlogy", a, b, compute, [](auto x, auto y) {
    using T = decltype(x);
    return (x == T(0) && !std::isnan(y)) ? T(0) : static_cast<T>(x * std::log(y));
  });
  if (needs_grad(a, b)) {
    record("XlogyBackward0", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), a_saved = SavedVariable(a, false),
            b_saved = SavedVariable(b, false), need_a = a.requires_grad(),
            need_b = b.requires_grad()](const variable_list& g) -> variable_list {
             const Tensor x = a_saved.unpack(), y = b_saved.unpack();
             // d/dx x log y = log y, also at x == 0; xlogy(g, y) avoids 0 * inf where g == 0. At
             // x == 0 and y <= 0, where log y is -inf or NaN, LibTorch gives 0.
             Tensor ga = need_a ? a_info.reduce(xlogy(g[0], y).masked_fill(logical_and(eq(x, 0), le(y, 0)), 0.0))
                                : Tensor();
             Tensor gb = need_b ? b_info.reduce(g[0] * x / y) : Tensor();
             return {ga, gb};
           });
  }
  return out;
}

namespace {

// a mod b with the sign of a (fmod, C's %) or of b (remainder, Python's %).
template <bool sign_of_divisor>
struct Modulo {
  template <class T>
  T operator()(T x, T y) const {
    if constexpr (std::is_floating_point_v<T>) {
      return sign_of_divisor ? x - y * std::floor(x / y) : std::fmod(x, y);  // torch's formulas
    } else {
      if constexpr (std::is_signed_v<T>) {
        if (y == -1) return 0;  // the most negative x % -1 would trap
      }
      T r = x % y;
      if (sign_of_divisor && r != 0 && ((r < 0) != (y < 0))) r += y;
      return r;
    }
  }
};

// fmod or remainder of two tensors; db = -g * q, q the quotient rounded as the op rounds it.
template <bool sign_of_divisor>
Tensor modulo_op(const char* op, const char* node_name, const Tensor& a, const Tensor& b) {
  const ScalarType compute = detail::result_type(a, b);
  check_divisor(op, compute, b);
  Tensor out = detail::binary(op, a, b, compute, Modulo<sign_of_divisor>());
  if (needs_grad(a, b)) {
    record(node_name, {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), a_saved = SavedVariable(a, false),
            b_saved = SavedVariable(b, false), need_b = b.requires_grad()](const variable_list& g) -> variable_list {
             Tensor gb;
             if (need_b) {
               const Tensor q = div(a_saved.unpack(), b_saved.unpack());
               gb = b_info.reduce(-g[0] * (sign_of_divisor ? floor(q) : trunc(q)));
             }
             return {a_info.reduce(g[0]), gb};
           });
  }
  return out;
}

// fmod or remainder by a C++ scalar; da = g.
template <bool sign_of_divisor>
Tensor modulo_op(const char* op, const char* node_name, const Tensor& a, const Scalar& b) {
  const ScalarType compute = detail::result_type(a, b);
  check_divisor(op, compute, b);
  Tensor out = detail::binary_scalar(op, a, b, compute, Modulo<sign_of_divisor>());
  if (needs_grad(a)) {
    record(node_name, {a}, out, [](const variable_list& g) -> variable_list { return {g[0]}; });
  }
  return out;
}

}  // namespace

/// a - trunc(a / b) * b, the remainder with the sign of a (C's fmod); da = g, db = -g trunc(a / b)
Tensor fmod(const Tensor& a, const Tensor& b) { return modulo_op<false>("fmod", "FmodBackward1", a, b); }
Tensor fmod(const Tensor& a, const Scalar& b) { return modulo_op<false>("fmod", "FmodBackward0", a, b); }

/// a - floor(a / b) * b, the remainder with the sign of b (Python's %); da = g, db = -g floor(a / b)
Tensor remainder(const Tensor& a, const Tensor& b) { return modulo_op<true>("remainder", "RemainderBackward1", a, b); }
Tensor remainder(const Tensor& a, const Scalar& b) { return modulo_op<true>("remainder", "RemainderBackward0", a, b); }

// ---- lerp / addcmul / addcdiv --------------------------------------------------------------
// Their forwards are compositions run without recording; each then records its one node, as LibTorch does.

namespace {
void check_same_dtype(const char* op, const char* name, const Tensor& self, const Tensor& other) {
  XG_CHECK(self.scalar_type() == other.scalar_type(), op, "expected dtype ", self.scalar_type(), " for `", name,
           "` but got dtype ", other.scalar_type());
}
// Checks up front that the three inputs broadcast, so that a mismatch names this op, not a step of its forward.
void check_broadcast(const char* op, const Tensor& a, const Tensor& b, const Tensor& c) {
  detail::broadcast_shapes(op, a.sizes(), detail::broadcast_shapes(op, b.sizes(), c.sizes()));
}
}  // namespace

/// a + w (b - a); da = g (1 - w), db = g w
Tensor lerp(const Tensor& a, const Tensor& b, const Scalar& weight) {
  XG_CHECK(isFloatingType(a.scalar_type()), "lerp", "expected a floating point tensor, but got ", a.scalar_type());
  check_same_dtype("lerp", "end", a, b);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = add(a, sub(b, a), weight);
  }
  if (needs_grad(a, b)) {
    record("LerpBackward0", {a, b}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), w = weight.toDouble()](const variable_list& g) -> variable_list {
             return {a_info.reduce(g[0] * (1 - w)), b_info.reduce(g[0] * w)};
           });
  }
  return out;
}

/// a + w (b - a) with a tensor weight w; da = g (1 - w), db = g w, dw = g (b - a)
Tensor lerp(const Tensor& a, const Tensor& b, const Tensor& weight) {
  XG_CHECK(isFloatingType(a.scalar_type()), "lerp", "expected a floating point tensor, but got ", a.scalar_type());
  check_same_dtype("lerp", "end", a, b);
  check_same_dtype("lerp", "weight", a, weight);
  check_broadcast("lerp", a, b, weight);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = add(a, mul(weight, sub(b, a)));
  }
  if (needs_grad(a, b, weight)) {
    record("LerpBackward1", {a, b, weight}, out,
           [a_info = InputInfo(a), b_info = InputInfo(b), w_info = InputInfo(weight), a_saved = SavedVariable(a, false),
            b_saved = SavedVariable(b, false), w_saved = SavedVariable(weight, false)](const variable_list& g) -> variable_list {
             const Tensor w = w_saved.unpack();
             return {a_info.reduce(g[0] * (1 - w)), b_info.reduce(g[0] * w),
                     w_info.reduce(g[0] * (b_saved.unpack() - a_saved.unpack()))};
           });
  }
  return out;
}

namespace {
// a + value * f(t1, t2) for f = mul or div; `partials(g, t1, t2)` gives g times f's two partial derivatives.
template <class F, class Partials>
Tensor add_combined(const char* op, const char* node_name, const Tensor& a, const Tensor& t1, const Tensor& t2,
                    const Scalar& value, F f, Partials partials) {
  check_broadcast(op, a, t1, t2);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = add(a, f(t1, t2), value);
  }
  if (needs_grad(a, t1, t2)) {
    record(node_name, {a, t1, t2}, out,
           [a_info = InputInfo(a), t1_info = InputInfo(t1), t2_info = InputInfo(t2), t1_saved = SavedVariable(t1, false),
            t2_saved = SavedVariable(t2, false), value, partials](const variable_list& g) -> variable_list {
             const auto [d1, d2] = partials(g[0] * value, t1_saved.unpack(), t2_saved.unpack());
             return {a_info.reduce(g[0]), t1_info.reduce(d1), t2_info.reduce(d2)};
           });
  }
  return out;
}
}  // namespace

/// a + value * t1 * t2; da = g, dt1 = g value t2, dt2 = g value t1
Tensor addcmul(const Tensor& a, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return add_combined("addcmul", "AddcmulBackward0", a, t1, t2, value,
                      [](const Tensor& x, const Tensor& y) { return mul(x, y); },
                      [](const Tensor& gv, const Tensor& x, const Tensor& y) { return std::pair(gv * y, gv * x); });
}

/// a + value * t1 / t2; da = g, dt1 = g value / t2, dt2 = -g value t1 / t2^2
Tensor addcdiv(const Tensor& a, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  XG_CHECK(isFloatingType(t1.scalar_type()) || isFloatingType(t2.scalar_type()), "addcdiv",
           "Integer division with addcdiv is no longer supported; cast tensor1 or tensor2 to a floating dtype");
  return add_combined("addcdiv", "AddcdivBackward0", a, t1, t2, value,
                      [](const Tensor& x, const Tensor& y) { return div(x, y); },
                      [](const Tensor& gv, const Tensor& x, const Tensor& y) {
                        return std::pair(gv / y, -gv * x / (y * y));
                      });
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
