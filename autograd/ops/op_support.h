#pragma once
// What the ops' files share: the kernels (forward) and the autograd recording
// helpers (backward), under short names. Internal, not installed.

#include "../graph/inplace.h"
#include "../graph/input_info.h"
#include "../graph/node.h"
#include "../graph/saved_variable.h"
#include "../kernels/elementwise.h"
#include "../tensor/factories.h"

namespace xg {

using autograd::needs_grad;
using autograd::record;
using autograd::SavedVariable;
using autograd::variable_list;
using detail::InputInfo;

namespace detail {
/// view(self, shape), recording the node `node` instead of ViewBackward0: LibTorch's ops
/// that end in a reshape of their own result record the name of the op they use there
/// (UnsafeViewBackward0 for matmul's _unsafe_view, ...). Defined in view.cpp.
Tensor view_recorded_as(const char* node, const Tensor& self, IntArrayRef shape);
/// select(self, dim, index), recording the node `node` (unbind's slices record UnbindBackward0).
Tensor select_recorded_as(const char* node, const Tensor& self, int64_t dim, int64_t index);
/// out = a b for matrices a [M,K] and b [K,N] into out [M,N], whose rows are contiguous and
/// N apart (a slice of a fresh tensor): BLAS for float and double, not recorded. Defined in
/// linalg.cpp.
void mm_into(const Tensor& a, const Tensor& b, const Tensor& out);
/// C = op(A) op(B) + beta C on raw row-major matrices, op(A) [M,K], op(B) [K,N], C [M,N],
/// op transposing when asked (BLAS reads the transpose in place); float and double only.
/// lda, ldb, ldc are the distances between rows as stored. Defined in linalg.cpp; the
/// convolutions run their per-image products through it.
template <class T>
void gemm(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, const T* a, int64_t lda, const T* b,
          int64_t ldb, T beta, T* c, int64_t ldc);
/// slice(self, dim, start, end, step), recording the node `node` (split's pieces record SplitBackward0).
Tensor slice_recorded_as(const char* node, const Tensor& self, int64_t dim, std::optional<int64_t> start,
                         std::optional<int64_t> end, int64_t step);
/// Zeros of in_sizes with `grad` written on diagonal(offset, dim1, dim2): the gradient of
/// diagonal and of diag (recorded as DiagonalBackwardBackward0 when grad needs a gradient).
Tensor diagonal_backward(const Tensor& grad, IntArrayRef in_sizes, int64_t offset, int64_t dim1, int64_t dim2);
/// The in-place form of an out-of-place op: `out_of_place` computes self's new values, from a
/// snapshot of self when recorded (see graph/inplace.h), and they are written into self.
template <class OutOfPlace>
Tensor& write_inplace(const char* op, Tensor& self, bool records, OutOfPlace out_of_place) {
  check_inplace(op, self, records);
  commit_inplace(self, out_of_place(records ? snapshot(self) : self));
  return self;
}
}  // namespace detail

using detail::write_inplace;

}  // namespace xg
