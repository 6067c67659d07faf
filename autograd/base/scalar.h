#pragma once
// Scalar: a C++ number passed to a tensor op (x * 2.0, x.clamp(0, 1)), as c10::Scalar.
// It remembers whether it was written as a floating, integral or boolean value,
// because that decides the result dtype (int64 tensor * 2 stays int64,
// int64 tensor * 2.5 becomes float32).

#include <cstdint>
#include <ostream>
#include <type_traits>

#include "dtype.h"

namespace xg {

class Scalar {
 public:
  Scalar() : Scalar(int64_t(0)) {}
  Scalar(double v) : kind_(kDouble), d_(v) {}  // NOLINT: implicit like c10::Scalar
  Scalar(float v) : kind_(kDouble), d_(v) {}   // NOLINT
  Scalar(bool v) : kind_(kBool), i_(v) {}      // NOLINT
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Scalar(I v) : kind_(kLong), i_(static_cast<int64_t>(v)) {}  // NOLINT

  bool isFloatingPoint() const { return kind_ == kDouble; }
  bool isIntegral(bool include_bool) const { return kind_ == kLong || (include_bool && kind_ == kBool); }
  bool isBoolean() const { return kind_ == kBool; }
  /// Double for floating values, Long for integers, Bool for booleans.
  ScalarType type() const { return kind_; }

  double toDouble() const { return kind_ == kDouble ? d_ : static_cast<double>(i_); }
  float toFloat() const { return static_cast<float>(toDouble()); }
  int64_t toLong() const { return kind_ == kDouble ? static_cast<int64_t>(d_) : i_; }
  bool toBool() const { return kind_ == kDouble ? d_ != 0.0 : i_ != 0; }
  template <class T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) return toBool();
    else if constexpr (std::is_floating_point_v<T>) return static_cast<T>(toDouble());
    else return static_cast<T>(toLong());
  }

  Scalar operator-() const { return kind_ == kDouble ? Scalar(-d_) : Scalar(-i_); }

 private:
  ScalarType kind_;
  union {
    double d_;
    int64_t i_;
  };
};

inline std::ostream& operator<<(std::ostream& out, const Scalar& s) {
  if (s.isFloatingPoint()) return out << s.toDouble();
  if (s.isBoolean()) return out << (s.toBool() ? "true" : "false");
  return out << s.toLong();
}

}  // namespace xg
