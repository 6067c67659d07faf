#pragma once
// InputInfo: the shape and dtype of an op's input, which its backward needs to
// give that input a gradient of the right shape (after broadcasting) and dtype.

#include "tensor.h"

namespace xg::detail {

/// Shape and dtype of an op input, kept by backward to shape that input's gradient.
struct InputInfo {
  SizeVector sizes;
  ScalarType dtype;
  explicit InputInfo(const Tensor& t);
  /// Sums a broadcast gradient back to this shape and casts it to this dtype
  /// (differentiable, so it works under create_graph).
  Tensor reduce(const Tensor& grad) const;
};

}  // namespace xg::detail
