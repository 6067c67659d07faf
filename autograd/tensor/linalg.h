#pragma once
// torch::linalg's short names (xg::linalg::inv(A)): as in LibTorch's torch/linalg.h, each
// forwards to the op named linalg_<name> in the op list (autograd/tensor/ops.def).

#include "tensor.h"

namespace xg::linalg {

/// linalg_inv(A): A^-1 of each square matrix of A [..., n, n]
inline Tensor inv(const Tensor& A) { return linalg_inv(A); }
/// linalg_det(A): det A of each square matrix of A [..., n, n] -> [...]
inline Tensor det(const Tensor& A) { return linalg_det(A); }
/// linalg_solve(A, B, left): X with A X = B (left) or X A = B
inline Tensor solve(const Tensor& A, const Tensor& B, bool left) { return linalg_solve(A, B, left); }

}  // namespace xg::linalg
