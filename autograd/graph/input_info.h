#pragma once
// InputInfo: the shape and dtype of an op's input, which its backward needs to
// give that input a gradient of the right shape (after broadcasting) and dtype.

#include "../tensor/tensor.h"

namespace xg::detail {

/// Shape and dtype of an op input, kept by backward to shape that input's gradient.
struct InputInfo {
  SizeVector sizes;
  ScalarType dtype;
  explicit InputInfo(const Tensor& t);
  /// Sums a broadcast gradient back to this shape and casts it to this dtype
  /// (differentiable, so it works under create_graph). Taken by value: a gradient
  /// that already fits is passed through, moved when the caller hands over a temporary.
  Tensor reduce(Tensor grad) const;
};

/// sum_to(g, sizes): sum g over the dims that broadcasting added or expanded
/// (differentiable: it is a sum).
Tensor sum_to(const Tensor& grad, IntArrayRef sizes);

}  // namespace xg::detail
