#pragma once
// Runtime element types (dtypes), their promotion rules, and the one place
// that turns a runtime dtype into a compile-time C++ type.

#include <cstdint>
#include <ostream>

#include "error.h"

namespace xg {

/// The four element types xgrad supports, named as in c10::ScalarType.
enum class ScalarType : int8_t { Bool, Long, Float, Double };

constexpr ScalarType kBool = ScalarType::Bool;
constexpr ScalarType kLong = ScalarType::Long;
constexpr ScalarType kInt64 = ScalarType::Long;
constexpr ScalarType kFloat = ScalarType::Float;
constexpr ScalarType kFloat32 = ScalarType::Float;
constexpr ScalarType kDouble = ScalarType::Double;
constexpr ScalarType kFloat64 = ScalarType::Double;

/// The dtype of floating results when none is given (float32, like torch).
constexpr ScalarType default_dtype() { return kFloat; }

/// "Float", "Double", "Long", "Bool" (as c10's toString).
const char* toString(ScalarType t);
std::ostream& operator<<(std::ostream& out, ScalarType t);

constexpr bool isFloatingType(ScalarType t) { return t == kFloat || t == kDouble; }
constexpr bool isIntegralType(ScalarType t, bool include_bool) {
  return t == kLong || (include_bool && t == kBool);
}
size_t elementSize(ScalarType t);

/// The smaller type that can hold both: Bool < Long < Float < Double.
constexpr ScalarType promoteTypes(ScalarType a, ScalarType b) {
  return static_cast<int8_t>(a) > static_cast<int8_t>(b) ? a : b;
}

/// C++ type -> dtype.
template <class T> constexpr ScalarType dtype_of();
template <> constexpr ScalarType dtype_of<bool>() { return kBool; }
template <> constexpr ScalarType dtype_of<int64_t>() { return kLong; }
template <> constexpr ScalarType dtype_of<float>() { return kFloat; }
template <> constexpr ScalarType dtype_of<double>() { return kDouble; }

/// A tag carrying a C++ element type into a generic lambda: `using T = typename decltype(tag)::type;`
template <class T>
struct TypeTag {
  using type = T;
};

/// Runtime dtype -> compile-time type: calls f(TypeTag<T>{}) for the matching T.
/// This is the only switch over dtypes in the library; the variants below only
/// narrow the set of types an op accepts and name the op when it does not.
template <class F>
decltype(auto) dispatch_all(ScalarType t, F&& f) {
  switch (t) {
    case ScalarType::Bool: return f(TypeTag<bool>{});
    case ScalarType::Long: return f(TypeTag<int64_t>{});
    case ScalarType::Float: return f(TypeTag<float>{});
    case ScalarType::Double: return f(TypeTag<double>{});
  }
  detail::fail("dispatch", "unknown dtype");
}

/// Float and Double only; anything else is an error naming `op`.
template <class F>
decltype(auto) dispatch_floating(ScalarType t, const char* op, F&& f) {
  if (t == kFloat) return f(TypeTag<float>{});
  if (t == kDouble) return f(TypeTag<double>{});
  detail::fail(op, "expected a floating-point tensor (Float or Double), got ", toString(t));
}

/// Long, Float and Double (no Bool arithmetic, as in torch).
template <class F>
decltype(auto) dispatch_numeric(ScalarType t, const char* op, F&& f) {
  if (t == kLong) return f(TypeTag<int64_t>{});
  if (t == kFloat) return f(TypeTag<float>{});
  if (t == kDouble) return f(TypeTag<double>{});
  detail::fail(op, "not supported for ", toString(t), " tensors");
}

}  // namespace xg
