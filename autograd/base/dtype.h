#pragma once
// Runtime element types (dtypes), their promotion rules, and the one place
// that turns a runtime dtype into a compile-time C++ type.

#include <cstdint>
#include <ostream>
#include <utility>

#include "error.h"

namespace xg {

/// The element types xgrad supports, named and ordered as in c10::ScalarType
/// (c10 also has Half, BFloat16 and complex types, which xgrad does not).
enum class ScalarType : int8_t { Byte, Char, Short, Int, Long, Float, Double, Bool };

constexpr ScalarType kByte = ScalarType::Byte;
constexpr ScalarType kUInt8 = ScalarType::Byte;
constexpr ScalarType kChar = ScalarType::Char;
constexpr ScalarType kInt8 = ScalarType::Char;
constexpr ScalarType kShort = ScalarType::Short;
constexpr ScalarType kInt16 = ScalarType::Short;
constexpr ScalarType kInt = ScalarType::Int;
constexpr ScalarType kInt32 = ScalarType::Int;
constexpr ScalarType kLong = ScalarType::Long;
constexpr ScalarType kInt64 = ScalarType::Long;
constexpr ScalarType kFloat = ScalarType::Float;
constexpr ScalarType kFloat32 = ScalarType::Float;
constexpr ScalarType kDouble = ScalarType::Double;
constexpr ScalarType kFloat64 = ScalarType::Double;
constexpr ScalarType kBool = ScalarType::Bool;

/// The dtype of floating results when none is given (float32, like torch).
constexpr ScalarType default_dtype() { return kFloat; }

/// "Byte", "Char", "Short", "Int", "Long", "Float", "Double", "Bool" (as c10's toString).
const char* toString(ScalarType t);
std::ostream& operator<<(std::ostream& out, ScalarType t);

constexpr bool isFloatingType(ScalarType t) { return t == kFloat || t == kDouble; }
constexpr bool isIntegralType(ScalarType t, bool include_bool) {
  return (t >= kByte && t <= kLong) || (include_bool && t == kBool);
}
size_t elementSize(ScalarType t);

/// The smallest type that can hold both, as c10::promoteTypes: Bool gives way to any
/// type, integers to floating types, narrower to wider; uint8 and int8 meet in int16.
constexpr ScalarType promoteTypes(ScalarType a, ScalarType b) {
  if (a == b || b == kBool) return a;
  if (a == kBool) return b;
  if ((a == kByte && b == kChar) || (a == kChar && b == kByte)) return kShort;
  if (a == kByte) return b;  // every other type holds all of uint8's values
  if (b == kByte) return a;
  return a > b ? a : b;  // the rest are ordered by width: Char < Short < Int < Long < Float < Double
}

/// C++ type -> dtype.
template <class T> constexpr ScalarType dtype_of();
template <> constexpr ScalarType dtype_of<bool>() { return kBool; }
template <> constexpr ScalarType dtype_of<uint8_t>() { return kByte; }
template <> constexpr ScalarType dtype_of<int8_t>() { return kChar; }
template <> constexpr ScalarType dtype_of<int16_t>() { return kShort; }
template <> constexpr ScalarType dtype_of<int32_t>() { return kInt; }
template <> constexpr ScalarType dtype_of<int64_t>() { return kLong; }
template <> constexpr ScalarType dtype_of<float>() { return kFloat; }
template <> constexpr ScalarType dtype_of<double>() { return kDouble; }

/// A tag carrying a C++ element type into a generic lambda: `using T = typename decltype(tag)::type;`
template <class T>
struct TypeTag {
  using type = T;
};

namespace detail {
/// The one switch over dtypes in the library: calls f(TypeTag<T>{}) for the C++
/// type T of `t`, with Bool left out (an error naming `op`) unless kWithBool.
template <bool kWithBool, class F>
decltype(auto) dispatch(ScalarType t, const char* op, F&& f) {
  switch (t) {
    case ScalarType::Byte: return f(TypeTag<uint8_t>{});
    case ScalarType::Char: return f(TypeTag<int8_t>{});
    case ScalarType::Short: return f(TypeTag<int16_t>{});
    case ScalarType::Int: return f(TypeTag<int32_t>{});
    case ScalarType::Long: return f(TypeTag<int64_t>{});
    case ScalarType::Float: return f(TypeTag<float>{});
    case ScalarType::Double: return f(TypeTag<double>{});
    case ScalarType::Bool:
      if constexpr (kWithBool) return f(TypeTag<bool>{});
      break;
  }
  fail(op, "not supported for ", toString(t), " tensors");
}
}  // namespace detail

/// Runtime dtype -> compile-time type: calls f(TypeTag<T>{}) for the matching T.
/// The variants below narrow the set of types an op accepts and name the op when
/// it does not.
template <class F>
decltype(auto) dispatch_all(ScalarType t, F&& f) {
  return detail::dispatch<true>(t, "dispatch", std::forward<F>(f));
}

/// Every dtype but Bool (no Bool arithmetic, as in torch).
template <class F>
decltype(auto) dispatch_numeric(ScalarType t, const char* op, F&& f) {
  return detail::dispatch<false>(t, op, std::forward<F>(f));
}

/// Float and Double only; anything else is an error naming `op`.
template <class F>
decltype(auto) dispatch_floating(ScalarType t, const char* op, F&& f) {
  if (t == kFloat) return f(TypeTag<float>{});
  if (t == kDouble) return f(TypeTag<double>{});
  detail::fail(op, "expected a floating-point tensor (Float or Double), got ", toString(t));
}

}  // namespace xg
