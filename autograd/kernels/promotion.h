#pragma once
// Type promotion: the dtype in which an op on mixed operands computes, as torch's
// result_type. Internal: not installed with the public headers.

#include "../tensor/tensor.h"

namespace xg::detail {

/// torch's result_type: dimensioned tensors outrank 0-d tensors, which outrank
/// wrapped C++ scalars, unless the weaker operand is of a higher category
/// (bool < integer < floating).
ScalarType result_type(const Tensor& a, const Tensor& b);
ScalarType result_type(const Tensor& a, const Scalar& b);
/// The dtype in which a floating op computes: the input's if floating, else float32.
inline ScalarType floating_type(ScalarType t) { return isFloatingType(t) ? t : default_dtype(); }

}  // namespace xg::detail
