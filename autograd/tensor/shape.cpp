#include "shape.h"

#include <algorithm>

#include "../base/error.h"

namespace xg::detail {

int64_t numel_of(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
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
