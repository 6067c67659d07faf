#pragma once
// ExpandingArray<D>: D values that may be written as one, repeated (ExpandingArray<2>(3) is
// {3, 3}): the kernel sizes, strides and paddings of the conv and pooling options, as in
// LibTorch's torch/expanding_array.h.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <vector>

#include "../autograd/base/array_ref.h"
#include "../autograd/base/error.h"

namespace xg {

template <size_t D, class T = int64_t>
class ExpandingArray {
 public:
  /*implicit*/ ExpandingArray(T single) : values_(D, single) {}  // NOLINT
  /*implicit*/ ExpandingArray(std::initializer_list<T> list) : ExpandingArray(std::vector<T>(list)) {}  // NOLINT
  /*implicit*/ ExpandingArray(std::vector<T> values) : values_(std::move(values)) {  // NOLINT
    if (values_.size() != D) detail::fail("ExpandingArray", "expected ", D, " values, got ", values_.size());
  }
  /// The values, as a list to pass to ops.
  ArrayRef<T> operator*() const { return values_; }
  const T& operator[](size_t i) const { return values_.at(i); }
  size_t size() const noexcept { return D; }
  operator ArrayRef<T>() const { return values_; }  // NOLINT: implicit as in LibTorch
  bool operator==(const ExpandingArray& other) const { return values_ == other.values_; }
  bool operator!=(const ExpandingArray& other) const { return values_ != other.values_; }

 private:
  std::vector<T> values_;
};

/// Prints "[5, 5]" (and one value bare, "5"), as LibTorch.
template <size_t D, class T>
std::ostream& operator<<(std::ostream& stream, const ExpandingArray<D, T>& a) {
  if (D == 1) return stream << a[0];
  stream << '[';
  for (size_t i = 0; i < D; ++i) stream << (i ? ", " : "") << a[i];
  return stream << ']';
}

}  // namespace xg

// ---- sizes that may be left to the input (adaptive pooling) ------------------------------------------------

#include <optional>

namespace xg {

/// D values each of which may be absent (nullopt, printed None): the output sizes of
/// adaptive pooling, where an absent size keeps the input's, as LibTorch's
/// ExpandingArrayWithOptionalElem: AdaptiveAvgPool2dOptions({3, std::nullopt}).
template <size_t D, class T = int64_t>
class ExpandingArrayWithOptionalElem : public ExpandingArray<D, std::optional<T>> {
 public:
  using ExpandingArray<D, std::optional<T>>::ExpandingArray;
  /*implicit*/ ExpandingArrayWithOptionalElem(T single)  // NOLINT
      : ExpandingArray<D, std::optional<T>>(std::optional<T>(single)) {}
  /*implicit*/ ExpandingArrayWithOptionalElem(std::initializer_list<T> list)  // NOLINT
      : ExpandingArray<D, std::optional<T>>(std::vector<std::optional<T>>(list.begin(), list.end())) {}
};

/// Prints "[3, None]".
template <size_t D, class T>
std::ostream& operator<<(std::ostream& stream, const ExpandingArrayWithOptionalElem<D, T>& a) {
  stream << '[';
  for (size_t i = 0; i < D; ++i) {
    stream << (i ? ", " : "");
    if (a[i]) stream << *a[i]; else stream << "None";
  }
  return stream << ']';
}

}  // namespace xg
