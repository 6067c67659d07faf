#pragma once
// Shape arithmetic: element counts, row-major strides, dims and broadcasting.
// Plain functions of sizes, used by the tensor itself and by every op.

#include <cstdint>

#include "../base/array_ref.h"

namespace xg::detail {

/// Number of elements of a shape.
int64_t numel_of(IntArrayRef sizes);
/// Row-major strides for a shape.
SizeVector contiguous_strides(IntArrayRef sizes);
/// A dim in [-ndim, ndim) made non-negative, or an error naming the op.
int64_t wrap_dim(const char* op, int64_t dim, int64_t ndim);
/// The broadcast shape of a and b, or an error naming the op.
SizeVector broadcast_shapes(const char* op, IntArrayRef a, IntArrayRef b);

}  // namespace xg::detail
