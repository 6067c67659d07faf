#pragma once
// PaddingString: the padding argument of conv1d/conv2d's string overloads ("valid", "same").
//
// A plain std::string_view there would make conv2d(x, w, {}, 1, 0) ambiguous: the literal 0
// converts both to IntArrayRef (padding 0) and, as a null pointer, to std::string_view. A
// PaddingString is made from a string literal, a std::string_view or a std::string, never
// from an integer, so 0 can only mean padding 0.

#include <cstddef>
#include <string>
#include <string_view>

namespace xg {

class PaddingString {
 public:
  template <size_t N>
  PaddingString(const char (&literal)[N]) : value_(literal, N - 1) {}  // NOLINT: implicit like a string_view
  PaddingString(std::string_view value) : value_(value) {}             // NOLINT
  PaddingString(const std::string& value) : value_(value) {}           // NOLINT
  operator std::string_view() const { return value_; }                 // NOLINT
  std::string_view view() const { return value_; }

 private:
  std::string_view value_;
};

}  // namespace xg
