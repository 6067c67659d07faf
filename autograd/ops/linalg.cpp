// Matrix products. Float and double go to BLAS (OpenBLAS through xtensor-blas's
// cxxblas bindings); a transposed operand is passed with BLAS's transpose flag
// instead of being copied, so the backward products A^T dC and dC B^T cost no
// extra memory traffic. Long tensors use a plain loop.

#include <xtensor-blas/xblas.hpp>

#include "op_support.h"

namespace xg {

namespace {

// A 2-D tensor as BLAS sees it: row-major data, maybe transposed, with a leading dimension.
struct BlasMatrix {
  Tensor storage;  // keeps a contiguous copy alive when one was needed
  bool transposed = false;
  int64_t ld = 1;
};

// True when BLAS can read rows of `cols` elements `row_stride` apart, each element
// `col_stride` from the next: unit steps along a row (or one column), rows not overlapping.
bool readable_as_rows(int64_t cols, int64_t row_stride, int64_t col_stride) {
  return (col_stride == 1 || cols == 1) && row_stride >= std::max<int64_t>(1, cols);
}

// True when BLAS can read the matrix where it is: row-major, or row-major transposed.
bool is_blas_ready(const Tensor& m) {
  return readable_as_rows(m.size(1), m.stride(0), m.stride(1)) || readable_as_rows(m.size(0), m.stride(1), m.stride(0));
}

BlasMatrix as_blas(const Tensor& m) {
  if (readable_as_rows(m.size(1), m.stride(0), m.stride(1))) return {m, false, m.stride(0)};
  if (readable_as_rows(m.size(0), m.stride(1), m.stride(0))) return {m, true, m.stride(1)};
  Tensor copy = detail::contiguous_data(m);
  return {copy, false, std::max<int64_t>(1, m.size(1))};
}

template <class T>
void gemv_into(const Tensor& a, const Tensor& x, const Tensor& y);

// Matrices with at least this many elements take gemv when the other operand is a vector.
constexpr int64_t kGemvMinElements = 16384;

// c = a b for 2-D a [M,K], b [K,N] into a fresh contiguous c [M,N].
template <class T>
void gemm_into(const Tensor& a, const Tensor& b, const Tensor& c) {
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1);
  T* out = detail::data<T>(c);
  if (M == 0 || N == 0) return;
  if (K == 0) {
    std::fill(out, out + M * N, T(0));
    return;
  }
  if constexpr (std::is_floating_point_v<T>) {
    // A large product with one column (or one row) is a matrix-vector product:
    // OpenBLAS 0.3.21 runs it about 3x faster as gemv than as a degenerate gemm
    // (e.g. a Linear layer with one output, or its weight gradient). Small ones
    // stay gemm, as in torch, whose results they then match bit for bit (gemv
    // adds in another order); there the call costs more than the arithmetic.
    if (K * std::max(M, N) >= kGemvMinElements) {  // (detach: views for the data, not for autograd)
      if (N == 1) return gemv_into<T>(a, b.detach().select(1, 0), c.view({M}));      // c = a b
      if (M == 1) return gemv_into<T>(b.detach().t(), a.detach().select(0, 0), c.view({N}));  // c^T = b^T a^T
    }
    const BlasMatrix A = as_blas(a), B = as_blas(b);
    using cxxblas::Transpose;
    cxxblas::gemm<xt::blas_index_t>(cxxblas::StorageOrder::RowMajor, A.transposed ? Transpose::Trans : Transpose::NoTrans,
                                    B.transposed ? Transpose::Trans : Transpose::NoTrans, static_cast<int>(M), static_cast<int>(N),
                                    static_cast<int>(K), T(1), detail::data<T>(A.storage), static_cast<int>(A.ld),
                                    detail::data<T>(B.storage), static_cast<int>(B.ld), T(0), out, static_cast<int>(N));
  } else {
    const T* pa = detail::data<T>(a);
    const T* pb = detail::data<T>(b);
    const int64_t a0 = a.stride(0), a1 = a.stride(1), b0 = b.stride(0), b1 = b.stride(1);
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        T acc = 0;
        for (int64_t k = 0; k < K; ++k) acc += pa[i * a0 + k * a1] * pb[k * b0 + j * b1];
        out[i * N + j] = acc;
      }
  }
}

// y = A x for A [M,K] and x [K] into a fresh y [M].
template <class T>
void gemv_into(const Tensor& a, const Tensor& x, const Tensor& y) {
  const int64_t M = a.size(0), K = a.size(1);
  T* out = detail::data<T>(y);
  if (M == 0) return;
  if (K == 0) {
    std::fill(out, out + M, T(0));
    return;
  }
  if constexpr (std::is_floating_point_v<T>) {
    const BlasMatrix A = as_blas(a);
    Tensor xs = x.stride(0) >= 1 ? x : detail::contiguous_data(x);
    // BLAS's gemv takes the stored matrix's shape; a transposed A is stored as [K, M].
    const int rows = static_cast<int>(A.transposed ? K : M), cols = static_cast<int>(A.transposed ? M : K);
    cxxblas::gemv<xt::blas_index_t>(cxxblas::StorageOrder::RowMajor, A.transposed ? cxxblas::Transpose::Trans : cxxblas::Transpose::NoTrans,
                                    rows, cols, T(1), detail::data<T>(A.storage), static_cast<int>(A.ld), detail::data<T>(xs),
                                    static_cast<int>(xs.stride(0)), T(0), out, 1);
  } else {
    gemm_into<T>(a, x.unsqueeze(1), y.view({M, 1}));
  }
}

// True when a matrix is stored column-major: the transpose of a contiguous matrix,
// such as the weight.t() that nn::Linear multiplies by.
bool is_column_major(const Tensor& m) {
  return m.size(0) > 1 && m.size(1) > 1 && m.stride(0) == 1 && m.stride(1) == m.size(0);
}

// lhs rhs, stored column-major when `column_major` (computed as (rhs^T lhs^T)^T).
// mm's backward uses it so each gradient comes out in its operand's layout, as
// torch's mm_mat2_backward does: the gradient of the weight.t() that nn::Linear
// multiplies by is then the transpose of a contiguous [out, in] matrix, i.e. the
// weight's own layout. AccumulateGrad keeps it as it is and the optimizer's
// updates run as plain loops; a row-major gradient would be copied with strides
// and walked with strides by every elementwise update.
Tensor mm_in_layout(bool column_major, const Tensor& lhs, const Tensor& rhs) {
  return column_major ? mm(rhs.t(), lhs.t()).t() : mm(lhs, rhs);
}

void check_matrix(const char* op, const Tensor& t, const char* which) {
  XG_CHECK(t.dim() == 2, op, which, " must be a matrix, got a ", t.dim(), "-D tensor of shape ", t.sizes());
}

ScalarType product_type(const char* op, const Tensor& a, const Tensor& b) {
  XG_CHECK(a.scalar_type() == b.scalar_type(), op, "expected both operands to have the same dtype, but got ",
           a.scalar_type(), " and ", b.scalar_type());
  XG_CHECK(a.scalar_type() != kBool, op, "not supported for Bool tensors");
  return a.scalar_type();
}

}  // namespace

void detail::mm_into(const Tensor& a, const Tensor& b, const Tensor& out) {
  dispatch_numeric(out.scalar_type(), "mm", [&](auto tag) { gemm_into<typename decltype(tag)::type>(a, b, out); });
}

template <class T>
void detail::gemm(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, const T* a, int64_t lda,
                  const T* b, int64_t ldb, T beta, T* c, int64_t ldc) {
  if (M == 0 || N == 0) return;
  if (K == 0) {  // an empty sum: C = beta C (BLAS may not be asked for k = 0)
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) c[i * ldc + j] = beta == T(0) ? T(0) : beta * c[i * ldc + j];
    return;
  }
  using cxxblas::Transpose;
  cxxblas::gemm<xt::blas_index_t>(cxxblas::StorageOrder::RowMajor, transpose_a ? Transpose::Trans : Transpose::NoTrans,
                                  transpose_b ? Transpose::Trans : Transpose::NoTrans, static_cast<int>(M),
                                  static_cast<int>(N), static_cast<int>(K), T(1), a, static_cast<int>(std::max<int64_t>(lda, 1)),
                                  b, static_cast<int>(std::max<int64_t>(ldb, 1)), beta, c, static_cast<int>(ldc));
}
template void detail::gemm<float>(bool, bool, int64_t, int64_t, int64_t, const float*, int64_t, const float*, int64_t,
                                  float, float*, int64_t);
template void detail::gemm<double>(bool, bool, int64_t, int64_t, int64_t, const double*, int64_t, const double*,
                                   int64_t, double, double*, int64_t);

/// C = A B, [M,K] x [K,N] -> [M,N]; dA = dC B^T, dB = A^T dC
Tensor mm(const Tensor& a, const Tensor& b) {
  check_matrix("mm", a, "self");
  check_matrix("mm", b, "mat2");
  XG_CHECK(a.size(1) == b.size(0), "mm", "shapes ", a.sizes(), " and ", b.sizes(), " cannot be multiplied: ",
           a.size(1), " != ", b.size(0));
  const ScalarType dtype = product_type("mm", a, b);
  Tensor out = detail::empty({a.size(0), b.size(1)}, dtype);  // [M,K] x [K,N] -> [M,N]
  detail::mm_into(a, b, out);
  if (needs_grad(a, b)) {
    const bool need_a = a.requires_grad(), need_b = b.requires_grad();
    record("MmBackward0", {a, b}, out,
           [a_saved = SavedVariable(need_b ? a : Tensor(), false),
            b_saved = SavedVariable(need_a ? b : Tensor(), false), a_column_major = is_column_major(a),
            b_column_major = is_column_major(b)](const variable_list& g) -> variable_list {
             // A gradient BLAS cannot read in place (sum's backward gives an expanded scalar)
             // is laid out once here rather than copied by each of the two products.
             const Tensor dC = a_saved.defined() && b_saved.defined() && !is_blas_ready(g[0]) ? g[0].contiguous() : g[0];
             Tensor ga = b_saved.defined() ? mm_in_layout(a_column_major, dC, b_saved.unpack().t()) : Tensor();  // dA = dC B^T
             Tensor gb = a_saved.defined() ? mm_in_layout(b_column_major, a_saved.unpack().t(), dC) : Tensor();  // dB = A^T dC
             return {ga, gb};
           });
  }
  return out;
}

/// y = A x, [M,K] x [K] -> [M]; dA = outer(dy, x), dx = A^T dy
Tensor mv(const Tensor& a, const Tensor& x) {
  check_matrix("mv", a, "self");
  XG_CHECK(x.dim() == 1, "mv", "vec must be 1-D, got shape ", x.sizes());
  XG_CHECK(a.size(1) == x.size(0), "mv", "shapes ", a.sizes(), " and ", x.sizes(), " cannot be multiplied: ",
           a.size(1), " != ", x.size(0));
  const ScalarType dtype = product_type("mv", a, x);
  Tensor out = detail::empty({a.size(0)}, dtype);  // [M,K] x [K] -> [M]
  dispatch_numeric(dtype, "mv", [&](auto tag) { gemv_into<typename decltype(tag)::type>(a, x, out); });
  if (needs_grad(a, x)) {
    const bool need_a = a.requires_grad(), need_x = x.requires_grad();
    record("MvBackward0", {a, x}, out,
           [a_saved = SavedVariable(need_x ? a : Tensor(), false),
            x_saved = SavedVariable(need_a ? x : Tensor(), false)](const variable_list& g) -> variable_list {
             Tensor ga = x_saved.defined() ? outer(g[0], x_saved.unpack()) : Tensor();  // dA = dy x^T
             Tensor gx = a_saved.defined() ? mv(a_saved.unpack().t(), g[0]) : Tensor();  // dx = A^T dy
             return {ga, gx};
           });
  }
  return out;
}

/// C[b] = A[b] B[b], [B,M,K] x [B,K,N] -> [B,M,N]
Tensor bmm(const Tensor& a, const Tensor& b) {
  XG_CHECK(a.dim() == 3 && b.dim() == 3, "bmm", "expected 3-D tensors, got shapes ", a.sizes(), " and ", b.sizes());
  XG_CHECK(a.size(0) == b.size(0), "bmm", "batch sizes differ: ", a.sizes(), " and ", b.sizes());
  XG_CHECK(a.size(2) == b.size(1), "bmm", "shapes ", a.sizes(), " and ", b.sizes(), " cannot be multiplied: ",
           a.size(2), " != ", b.size(1));
  const ScalarType dtype = product_type("bmm", a, b);
  Tensor out = detail::empty({a.size(0), a.size(1), b.size(2)}, dtype);  // [B,M,K] x [B,K,N] -> [B,M,N]
  dispatch_numeric(dtype, "bmm", [&](auto tag) {
    for (int64_t i = 0; i < a.size(0); ++i)
      gemm_into<typename decltype(tag)::type>(a.detach().select(0, i), b.detach().select(0, i), out.select(0, i));
  });
  if (needs_grad(a, b)) {
    const bool need_a = a.requires_grad(), need_b = b.requires_grad();
    record("BmmBackward0", {a, b}, out,
           [a_saved = SavedVariable(need_b ? a : Tensor(), false),
            b_saved = SavedVariable(need_a ? b : Tensor(), false)](const variable_list& g) -> variable_list {
             Tensor ga = b_saved.defined() ? bmm(g[0], b_saved.unpack().transpose(1, 2)) : Tensor();
             Tensor gb = a_saved.defined() ? bmm(a_saved.unpack().transpose(1, 2), g[0]) : Tensor();
             return {ga, gb};
           });
  }
  return out;
}

/// sum(a * b) of two 1-D tensors -> 0-d; da = g b, db = g a
Tensor dot(const Tensor& a, const Tensor& b) {
  XG_CHECK(a.dim() == 1 && b.dim() == 1, "dot", "1D tensors expected, but got ", a.dim(), "D and ", b.dim(), "D tensors");
  XG_CHECK(a.size(0) == b.size(0), "dot", "inconsistent tensor size, expected tensor [", a.size(0),
           "] and src [", b.size(0), "] to have the same number of elements, but got ", a.size(0), " and ", b.size(0),
           " elements respectively");
  const ScalarType dtype = product_type("dot", a, b);
  Tensor out = detail::empty({}, dtype);
  dispatch_numeric(dtype, "dot", [&](auto tag) {
    using T = typename decltype(tag)::type;
    gemm_into<T>(a.detach().unsqueeze(0), b.detach().unsqueeze(1), out.view({1, 1}));
  });
  if (needs_grad(a, b)) {
    const bool need_a = a.requires_grad(), need_b = b.requires_grad();
    record("DotBackward0", {a, b}, out,
           [a_saved = SavedVariable(need_b ? a : Tensor(), false),
            b_saved = SavedVariable(need_a ? b : Tensor(), false)](const variable_list& g) -> variable_list {
             Tensor ga = b_saved.defined() ? g[0] * b_saved.unpack() : Tensor();
             Tensor gb = a_saved.defined() ? g[0] * a_saved.unpack() : Tensor();
             return {ga, gb};
           });
  }
  return out;
}

// torch computes outer as a broadcast product, and records MulBackward0.
/// a b^T of two 1-D tensors, [M] x [N] -> [M,N]
Tensor outer(const Tensor& a, const Tensor& b) {
  XG_CHECK(a.dim() == 1 && b.dim() == 1, "outer", "1D tensors expected, but got shapes ", a.sizes(), " and ", b.sizes());
  return a.unsqueeze(1) * b.unsqueeze(0);
}

/// outer(a, b), under its older name
Tensor ger(const Tensor& a, const Tensor& b) { return outer(a, b); }

/// torch.matmul: dot for 1-D·1-D, mv, mm, and batched products with broadcast batch dims
Tensor matmul(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  XG_CHECK(da > 0 && db > 0, "matmul", "both arguments need to be at least 1D, but they are ", da, "D and ", db, "D");
  const int64_t k_a = a.size(-1), k_b = db == 1 ? b.size(0) : b.size(-2);  // the contracted dims
  XG_CHECK(k_a == k_b, "matmul", "shapes ", a.sizes(), " and ", b.sizes(), " cannot be multiplied: ", k_a, " != ", k_b);
  XG_CHECK(a.scalar_type() == b.scalar_type(), "matmul", "expected both operands to have the same dtype, but got ",
           a.scalar_type(), " and ", b.scalar_type());
  if (da == 1 && db == 1) return dot(a, b);
  if (da == 2 && db == 1) return mv(a, b);
  // The last views record the nodes of LibTorch's matmul (its squeeze_(0) and _unsafe_view).
  if (da == 1 && db == 2) return detail::view_recorded_as("SqueezeBackward3", mm(a.unsqueeze(0), b), {b.size(1)});
  if (da == 2 && db == 2) return mm(a, b);
  // A matrix times a batch: LibTorch folds the batch by transposing both, (b^T a^T)^T, and
  // copies the result into contiguous memory (CloneBackward0); xgrad does the same, except,
  // as LibTorch, for a 3-d batch whose last two dims are transposed (b.transpose(1, 2)):
  // folding that would need a copy, so it goes to bmm below.
  const bool transposed_batch = db == 3 && b.stride(2) != 1 && b.stride(0) == b.size(1) * b.size(2);
  if (da == 2 && db >= 3 && !transposed_batch)
    return matmul(b.transpose(-1, -2), a.t()).transpose(-1, -2).contiguous();
  if (da >= 3 && db <= 2) {
    // Fold the batch dims of a into its rows: one BLAS call.
    const int64_t k = a.size(-1);
    SizeVector out_sizes(a.sizes().begin(), a.sizes().end() - 1);
    Tensor folded = mm(a.reshape({-1, k}), db == 2 ? b : b.unsqueeze(1));
    if (db == 2) out_sizes.push_back(b.size(1));
    return detail::view_recorded_as("UnsafeViewBackward0", folded, out_sizes);
  }
  // Batched product with broadcast batch dims: [..., n, m] x [..., m, p].
  Tensor left = da == 1 ? a.unsqueeze(0) : a;
  Tensor right = db == 1 ? b.unsqueeze(1) : b;
  IntArrayRef ls = left.sizes(), rs = right.sizes();
  const int64_t n = ls[ls.size() - 2], m = ls.back(), p = rs.back();
  SizeVector batch = detail::broadcast_shapes("matmul", IntArrayRef(ls.data(), ls.size() - 2), IntArrayRef(rs.data(), rs.size() - 2));
  const int64_t batch_numel = detail::numel_of(batch);
  SizeVector left_shape = batch, right_shape = batch;
  left_shape.insert(left_shape.end(), {n, m});
  right_shape.insert(right_shape.end(), {m, p});
  Tensor product = bmm(left.expand(left_shape).reshape({batch_numel, n, m}), right.expand(right_shape).reshape({batch_numel, m, p}));
  SizeVector out_sizes = batch;
  if (da > 1) out_sizes.push_back(n);
  if (db > 1) out_sizes.push_back(p);
  return detail::view_recorded_as("UnsafeViewBackward0", product, out_sizes);
}

}  // namespace xg
