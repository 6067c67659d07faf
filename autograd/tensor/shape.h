#pragma once
// Shape arithmetic: element counts, row-major strides, dims and broadcasting.
// Plain functions of sizes, used by the tensor itself and by every op.

#include <cstdint>

#include "../base/array_ref.h"

namespace xg::detail {

/// Number of elements of a shape (already checked, see checked_numel).
int64_t numel_of(IntArrayRef sizes);
/// The number of elements of a tensor of `sizes`, checked: a negative size, or a count that
/// int64_t cannot hold, is an error naming `op` and the sizes. Every shape a tensor takes
/// passes through it (factories with their own name, views and internal results as "tensor").
int64_t checked_numel(const char* op, IntArrayRef sizes);
/// checked_numel, and the bytes the elements take at element_size each must fit in int64_t.
int64_t checked_nbytes(const char* op, IntArrayRef sizes, size_t element_size);
/// Row-major strides for a shape.
SizeVector contiguous_strides(IntArrayRef sizes);
/// A dim in [-ndim, ndim) made non-negative, or an error naming the op.
int64_t wrap_dim(const char* op, int64_t dim, int64_t ndim);
/// The broadcast shape of a and b, or an error naming the op.
SizeVector broadcast_shapes(const char* op, IntArrayRef a, IntArrayRef b);

}  // namespace xg::detail
