#include "shape.h"

#include <algorithm>

#include "../base/error.h"

namespace xg::detail {

int64_t numel_of(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

int64_t checked_numel(const char* op, IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) XG_CHECK(s >= 0, op, "Trying to create tensor with negative dimension ", s, ": ", sizes);
  for (int64_t s : sizes)  // in order, as PyTorch: a 0 before the overflow makes the count 0
    XG_CHECK(!__builtin_mul_overflow(n, s, &n), op, "sizes ", sizes,
             " have more elements than int64_t can count (2^63 - 1)");
  return n;
}

int64_t checked_nbytes(const char* op, IntArrayRef sizes, size_t element_size) {
  const int64_t n = checked_numel(op, sizes);
  int64_t bytes = 0;
  XG_CHECK(!__builtin_mul_overflow(n, static_cast<int64_t>(element_size), &bytes), op, "sizes ", sizes, " (", n,
           " elements of ", element_size, " bytes) need more bytes than int64_t can count (2^63 - 1)");
  return bytes;
}

SizeVector contiguous_strides(IntArrayRef sizes) {
  SizeVector strides(sizes.size());
  int64_t stride = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

int64_t wrap_dim(const char* op, int64_t dim, int64_t ndim) {
  const int64_t extent = std::max<int64_t>(ndim, 1);  // 0-d tensors accept dim 0 and -1
  XG_CHECK(dim >= -extent && dim < extent, op, "dimension out of range (expected to be in range of [",
           -extent, ", ", extent - 1, "], but got ", dim, ")");
  return dim < 0 ? dim + extent : dim;
}

SizeVector broadcast_shapes(const char* op, IntArrayRef a, IntArrayRef b) {
  const size_t n = std::max(a.size(), b.size());
  SizeVector out(n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    const int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    XG_CHECK(da == db || da == 1 || db == 1, op, "shapes ", a, " and ", b,
             " cannot be broadcast: size ", da, " != ", db, " at dim ",
             static_cast<int64_t>(i) - static_cast<int64_t>(n));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

}  // namespace xg::detail
