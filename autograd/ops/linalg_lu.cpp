// Inverse, determinant and linear solves, through the LU factorisation P A = L U that
// LAPACK's getrf computes (OpenBLAS ships LAPACK; its Fortran routines are declared
// below, so no other library is needed). Batched over leading dims, Float and Double.
//
// LAPACK stores matrices column-major. A row-major copy of A^T is A in column-major
// order, so each routine works on transposed contiguous copies of its inputs.

#include <limits>
#include <string>

#include "op_support.h"

extern "C" {
// Fortran LAPACK: every argument by pointer; a character argument is followed by its
// hidden length at the end of the list.
void sgetrf_(const int* m, const int* n, float* a, const int* lda, int* ipiv, int* info);
void dgetrf_(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info);
void sgetrs_(const char* trans, const int* n, const int* nrhs, const float* a, const int* lda, const int* ipiv,
             float* b, const int* ldb, int* info, size_t trans_len);
void dgetrs_(const char* trans, const int* n, const int* nrhs, const double* a, const int* lda, const int* ipiv,
             double* b, const int* ldb, int* info, size_t trans_len);
}

namespace xg {

namespace {

void getrf(int n, float* a, int* ipiv, int* info) { sgetrf_(&n, &n, a, &n, ipiv, info); }
void getrf(int n, double* a, int* ipiv, int* info) { dgetrf_(&n, &n, a, &n, ipiv, info); }
void getrs(int n, int nrhs, const float* a, const int* ipiv, float* b, int* info) {
  sgetrs_("N", &n, &nrhs, a, &n, ipiv, b, &n, info, 1);
}
void getrs(int n, int nrhs, const double* a, const int* ipiv, double* b, int* info) {
  dgetrs_("N", &n, &nrhs, a, &n, ipiv, b, &n, info, 1);
}

SizeVector batch_of(const Tensor& t) { return SizeVector(t.sizes().begin(), t.sizes().end() - 2); }

SizeVector with_matrix(SizeVector batch, int64_t rows, int64_t cols) {
  batch.insert(batch.end(), {rows, cols});
  return batch;
}

// A fresh contiguous [..., cols, rows] tensor holding t^T: the column-major layout of t,
// which LAPACK may overwrite (never the caller's storage).
Tensor column_major_copy(const Tensor& t) {
  const Tensor tt = t.detach().transpose(-2, -1);
  Tensor out = detail::empty(tt.sizes(), t.scalar_type());
  out.copy_(tt);
  return out;
}

// Batches of square matrices of a floating dtype, as linalg's ops take them.
void check_square(const char* op, const Tensor& a) {
  XG_CHECK(a.dim() >= 2, op, "The input tensor A must have at least 2 dimensions, got ", a.dim());
  XG_CHECK(a.size(-1) == a.size(-2), op, "A must be batches of square matrices, but they are ", a.size(-2),
           " by ", a.size(-1), " matrices");
  XG_CHECK(a.scalar_type() == kFloat || a.scalar_type() == kDouble, op,
           "Expected a floating point tensor (Float or Double) as input, got ", a.scalar_type());
}

// Where a singular matrix stops a solve: the (1-based) zero of U's diagonal that getrf reports.
[[noreturn]] void fail_singular(const char* op, const char* what, int64_t batch_index, int64_t batch, int info) {
  const std::string where = batch > 1 ? "(Batch element " + std::to_string(batch_index) + "): " : "";
  detail::fail(op, where, "The diagonal element ", info, " is zero, the ", what,
               " could not be completed because the input matrix is singular.");
}

// X = A^-1 B for A [..., n, n] and B [..., n, k] with the same batch dims, into a fresh
// tensor of out_sizes (X's shape, or without its last dim when k is 1); not recorded.
Tensor solve_matrices(const char* op, const char* what, const Tensor& a, const Tensor& b, IntArrayRef out_sizes) {
  const int64_t n = a.size(-1), k = b.size(-1);
  Tensor lu = column_major_copy(a), x = column_major_copy(b);  // [B.., n, n] and [B.., k, n]
  const int64_t batch = detail::numel_of(batch_of(a));
  if (n > 0 && k > 0) {
    dispatch_floating(a.scalar_type(), op, [&](auto tag) {
      using T = typename decltype(tag)::type;
      std::vector<int> pivots(static_cast<size_t>(n));
      for (int64_t i = 0; i < batch; ++i) {
        int info = 0;
        getrf(static_cast<int>(n), detail::data<T>(lu) + i * n * n, pivots.data(), &info);
        if (info > 0) fail_singular(op, what, i, batch, info);
        getrs(static_cast<int>(n), static_cast<int>(k), detail::data<T>(lu) + i * n * n, pivots.data(),
              detail::data<T>(x) + i * n * k, &info);
      }
    });
  }
  Tensor out = detail::empty(out_sizes, a.scalar_type());
  out.view(b.sizes()).copy_(x.transpose(-2, -1));
  return out;
}

// A^-1 (not recorded) with the exact zeros of U's diagonal replaced by the dtype's
// epsilon: finite for a singular A, which only det's gradient needs, times det A = 0.
Tensor perturbed_inverse(const Tensor& a) {
  const int64_t n = a.size(-1), batch = detail::numel_of(batch_of(a));
  Tensor lu = column_major_copy(a);
  Tensor x = column_major_copy(eye(n, TensorOptions().dtype(a.scalar_type())).expand(a.sizes()));
  dispatch_floating(a.scalar_type(), "det", [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::vector<int> pivots(static_cast<size_t>(n));
    for (int64_t i = 0; i < batch; ++i) {
      T* m = detail::data<T>(lu) + i * n * n;
      int info = 0;
      getrf(static_cast<int>(n), m, pivots.data(), &info);
      for (int64_t j = 0; j < n; ++j)
        if (m[j * n + j] == T(0)) m[j * n + j] = std::numeric_limits<T>::epsilon();
      getrs(static_cast<int>(n), static_cast<int>(n), m, pivots.data(), detail::data<T>(x) + i * n * n, &info);
    }
  });
  return x.transpose(-2, -1).contiguous();
}

// The core of inverse and linalg_inv, which differ only in the name their errors give.
Tensor inverse_as(const char* op, const Tensor& a) {
  check_square(op, a);
  const int64_t n = a.size(-1);
  const Tensor identity = eye(n, TensorOptions().dtype(a.scalar_type())).expand(a.sizes());
  Tensor out = solve_matrices(op, "inversion", a, identity, a.sizes());
  if (needs_grad(a)) {
    record("LinalgInvExBackward0", {a}, out, [out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
      const Tensor inv_t = out_saved.unpack().transpose(-2, -1);
      return {-matmul(matmul(inv_t, g[0]), inv_t)};  // dA = -A^-T g A^-T
    });
  }
  return out;
}

// The core of det and linalg_det.
Tensor det_as(const char* op, const Tensor& a) {
  check_square(op, a);
  const int64_t n = a.size(-1);
  const SizeVector batch_sizes = batch_of(a);
  const int64_t batch = detail::numel_of(batch_sizes);
  Tensor lu = column_major_copy(a);
  Tensor out = detail::empty(batch_sizes, a.scalar_type());
  dispatch_floating(a.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::vector<int> pivots(static_cast<size_t>(n));
    for (int64_t i = 0; i < batch; ++i) {
      T* m = detail::data<T>(lu) + i * n * n;
      int info = 0;
      if (n > 0) getrf(static_cast<int>(n), m, pivots.data(), &info);
      // det A = det P^-1 det U: each row swap flips the sign; a singular U has a zero on its diagonal.
      T d = 1;
      for (int64_t j = 0; j < n; ++j) d *= pivots[j] == j + 1 ? m[j * n + j] : -m[j * n + j];
      detail::data<T>(out)[i] = d;
    }
  });
  if (needs_grad(a)) {
    record("LinalgDetBackward0", {a}, out,
           [a_saved = SavedVariable(a, false), out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             const Tensor d = out_saved.unpack(), a = a_saved.unpack();
             const Tensor scale = (g[0] * d).unsqueeze(-1).unsqueeze(-1);
             // A singular A has no inverse: as torch's first-order formula, the zeros of U's
             // diagonal are nudged by eps, which leaves g det(A) A^-T = 0 (not differentiable again).
             if ((d == 0).any().item<bool>()) return {scale * perturbed_inverse(a).transpose(-2, -1)};
             return {scale * inverse(a).transpose(-2, -1)};  // dA = g det(A) A^-T
           });
  }
  return out;
}

}  // namespace

/// A^-1 of each square matrix of A [..., n, n] (LU with partial pivoting);
/// dA = -A^-T g A^-T. A singular matrix is an error.
Tensor inverse(const Tensor& self) { return inverse_as("inverse", self); }

/// inverse(A), under its torch.linalg name
Tensor linalg_inv(const Tensor& A) { return inverse_as("linalg_inv", A); }

/// det A of each square matrix of A [..., n, n] -> [...], the product of U's diagonal
/// signed by the row swaps of P A = L U (0 for a singular matrix); dA = g det(A) A^-T
Tensor det(const Tensor& self) { return det_as("det", self); }

/// det(A), under its torch.linalg name
Tensor linalg_det(const Tensor& A) { return det_as("linalg_det", A); }

/// X = A^-1 B, A [..., n, n], B [..., n, k] or a vector B [..., n], batch dims broadcast;
/// dB = A^-T g (a solve with A^T), dA = -dB X^T. left=false solves X A = B instead:
/// X = B A^-1, dB = g A^-T, dA = -X^T dB.
Tensor linalg_solve(const Tensor& A, const Tensor& B, bool left) {
  const char* op = "linalg_solve";
  check_square(op, A);
  XG_CHECK(A.scalar_type() == B.scalar_type(), op, "Expected A and B to have the same dtype, but found A of type ",
           A.scalar_type(), " and B of type ", B.scalar_type(), " instead");
  // As torch: B is a batch of vectors when it is 1-D or has A's shape without its last dim.
  const bool vector_case = B.dim() == 1 || (B.dim() == A.dim() - 1 && B.sizes() == IntArrayRef(A.sizes().data(), A.sizes().size() - 1));
  XG_CHECK(left || !vector_case, op, "Vector broadcasting of the left hand side is not supported for left=False");
  // X A = B is A^T X^T = B^T: the same solve on transposed operands, transposed back.
  const Tensor a = left ? A.detach() : A.detach().transpose(-2, -1);
  const Tensor b = vector_case ? B.detach().unsqueeze(-1) : left ? B.detach() : B.detach().transpose(-2, -1);
  XG_CHECK(b.dim() >= 2, op, "The input tensor B must have at least 2 dimensions, got ", B.dim());
  XG_CHECK(b.size(-2) == A.size(-1), op, "Incompatible shapes of A and B for the equation ", left ? "AX = B (" : "XA = B (",
           A.sizes(), " and ", B.sizes(), ")");
  const SizeVector batch = detail::broadcast_shapes(op, batch_of(A), batch_of(b));
  const int64_t n = A.size(-1), k = b.size(-1);
  const SizeVector x_sizes = with_matrix(batch, n, k);
  const SizeVector out_sizes = vector_case ? SizeVector(x_sizes.begin(), x_sizes.end() - 1) : x_sizes;
  Tensor out = solve_matrices(op, "solve", a.expand(with_matrix(batch, n, n)), b.expand(x_sizes), out_sizes);
  if (!left) out = out.transpose(-2, -1).contiguous();
  if (needs_grad(A, B)) {
    record("LinalgSolveExBackward0", {A, B}, out,
           [a_saved = SavedVariable(A, false), out_saved = SavedVariable(out, true), vector_case, left,
            a_sizes = SizeVector(A.sizes().begin(), A.sizes().end()),
            b_sizes = SizeVector(B.sizes().begin(), B.sizes().end())](const variable_list& g) -> variable_list {
             const Tensor dX = vector_case ? g[0].unsqueeze(-1) : g[0];
             const Tensor X = vector_case ? out_saved.unpack().unsqueeze(-1) : out_saved.unpack();
             const Tensor dB = linalg_solve(a_saved.unpack().transpose(-2, -1), dX, left);  // A^T dB = dX, dB A^T = dX
             const Tensor dA = left ? -matmul(dB, X.transpose(-2, -1)) : -matmul(X.transpose(-2, -1), dB);
             return {detail::sum_to(dA, a_sizes), detail::sum_to(vector_case ? dB.squeeze(-1) : dB, b_sizes)};
           });
  }
  return out;
}

}  // namespace xg
