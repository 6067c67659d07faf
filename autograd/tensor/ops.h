#pragma once
// The tensor ops as free functions (torch::add, torch::matmul, ...). Each
// records its backward node when an input requires grad; the gradient formula
// of every op sits next to its forward in the ops_*.cpp file named below.

#include <optional>
#include <tuple>
#include <vector>

#include "factories.h"
#include "tensor.h"

namespace xg {

// ---- ops_arithmetic.cpp: broadcasting arithmetic ------------------------------------
/// a + alpha * b, broadcast; da = g, db = alpha * g (each summed back to its input's shape)
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
/// a - alpha * b; da = g, db = -alpha * g
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
/// b - alpha * a (reverse subtraction)
Tensor rsub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
/// a * b; da = g * b, db = g * a
Tensor mul(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Scalar& b);
/// a / b (true division: integer inputs give float); da = g / b, db = -g * a / b^2
Tensor div(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Scalar& b);
/// -a; da = -g
Tensor neg(const Tensor& a);
/// a^p; da = g * p * a^(p-1), dp = g * a^p * log(a)
Tensor pow(const Tensor& a, const Tensor& exponent);
Tensor pow(const Tensor& a, const Scalar& exponent);
Tensor pow(const Scalar& base, const Tensor& exponent);

// ---- ops_unary.cpp: elementwise functions ------------------------------------------------
Tensor abs(const Tensor& x);         ///< |x|;            dx = g * sign(x)
Tensor exp(const Tensor& x);         ///< e^x;            dx = g * e^x
Tensor log(const Tensor& x);         ///< ln x;           dx = g / x
Tensor sqrt(const Tensor& x);        ///< sqrt(x);        dx = g / (2 sqrt(x))
Tensor rsqrt(const Tensor& x);       ///< 1/sqrt(x);      dx = -g / 2 * rsqrt(x)^3
Tensor square(const Tensor& x);      ///< x^2;            dx = 2 g x
Tensor sin(const Tensor& x);         ///< sin x;          dx = g cos x
Tensor cos(const Tensor& x);         ///< cos x;          dx = -g sin x
Tensor tanh(const Tensor& x);        ///< tanh x;         dx = g (1 - tanh^2 x)
Tensor sigmoid(const Tensor& x);     ///< 1/(1+e^-x);     dx = g s (1 - s)
Tensor relu(const Tensor& x);        ///< max(x, 0);      dx = g where x > 0, else 0
Tensor sign(const Tensor& x);        ///< -1, 0 or 1;     dx = 0
Tensor reciprocal(const Tensor& x);  ///< 1/x;            dx = -g / x^2
/// The gradient of tanh from its output y, g (1 - y^2), in one pass; differentiable
/// itself: d/dg = 1 - y^2, d/dy = -2 g y (this is what tanh's backward runs).
Tensor tanh_backward(const Tensor& grad_output, const Tensor& output);
/// The gradient of sigmoid from its output s, g s (1 - s), in one pass; d/dg = s (1 - s), d/ds = g (1 - 2 s).
Tensor sigmoid_backward(const Tensor& grad_output, const Tensor& output);
/// grad_output where self > threshold, else 0, in one pass (relu's backward, from its output);
/// d/dgrad_output = the same mask, d/dself = 0.
Tensor threshold_backward(const Tensor& grad_output, const Tensor& self, const Scalar& threshold);
/// min(max(x, min), max); dx = g where min <= x <= max, else 0
Tensor clamp(const Tensor& x, const std::optional<Scalar>& min,
             const std::optional<Scalar>& max = std::nullopt);
Tensor clamp_min(const Tensor& x, const Scalar& min);
Tensor clamp_max(const Tensor& x, const Scalar& max);
/// Elementwise max(a, b), broadcast; the gradient goes to the larger input (split in half on ties)
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);
/// condition ? a : b, broadcast; da = g where condition, db = g elsewhere
Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b);
Tensor where(const Tensor& condition, const Tensor& a, const Scalar& b);
Tensor where(const Tensor& condition, const Scalar& a, const Tensor& b);

// ---- ops_compare.cpp: comparisons (kBool results, not differentiable) ----------------------
Tensor eq(const Tensor& a, const Tensor& b);
Tensor eq(const Tensor& a, const Scalar& b);
Tensor ne(const Tensor& a, const Tensor& b);
Tensor ne(const Tensor& a, const Scalar& b);
Tensor lt(const Tensor& a, const Tensor& b);
Tensor lt(const Tensor& a, const Scalar& b);
Tensor le(const Tensor& a, const Tensor& b);
Tensor le(const Tensor& a, const Scalar& b);
Tensor gt(const Tensor& a, const Tensor& b);
Tensor gt(const Tensor& a, const Scalar& b);
Tensor ge(const Tensor& a, const Tensor& b);
Tensor ge(const Tensor& a, const Scalar& b);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
Tensor logical_not(const Tensor& x);
Tensor isnan(const Tensor& x);
Tensor isfinite(const Tensor& x);
/// True (0-d kBool) when every / some element is nonzero.
Tensor all(const Tensor& x);
Tensor any(const Tensor& x);
/// |a - b| <= atol + rtol * |b| everywhere (shapes broadcast).
bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-05, double atol = 1e-08,
              bool equal_nan = false);
/// Same sizes and the same elements.
bool equal(const Tensor& a, const Tensor& b);

// ---- ops_reduce.cpp: reductions ------------------------------------------------------------
/// Sum of all elements (integers and bools sum to Long); dx = g expanded to x's shape
Tensor sum(const Tensor& x, std::optional<ScalarType> dtype = std::nullopt);
Tensor sum(const Tensor& x, IntArrayRef dim, bool keepdim = false,
           std::optional<ScalarType> dtype = std::nullopt);
/// Mean (floating tensors only, as torch); dx = g / n expanded
Tensor mean(const Tensor& x, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& x, IntArrayRef dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
/// Product; dx = g * prod / x (computed without dividing when x has zeros)
Tensor prod(const Tensor& x, std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& x, int64_t dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
/// Largest element; the gradient is split evenly between ties
Tensor max(const Tensor& x);
/// (values, indices) along dim; dvalues flows to the arg-max positions
std::tuple<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor min(const Tensor& x);
std::tuple<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim = false);
/// Index of the largest element of the flattened tensor, or along dim (kLong)
Tensor argmax(const Tensor& x, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& x, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
/// p-norm (p = 2 by default; also 1 and inf); d||x||_2 = g x / ||x||
Tensor norm(const Tensor& x, const std::optional<Scalar>& p = 2);
Tensor norm(const Tensor& x, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim = false);
/// Variance (Bessel-corrected when unbiased); dx = g * 2 (x - mean) / (n - unbiased)
Tensor var(const Tensor& x, bool unbiased = true);
Tensor var(const Tensor& x, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// Standard deviation; dx = g * (x - mean) / ((n - unbiased) std)
Tensor std(const Tensor& x, bool unbiased = true);
Tensor std(const Tensor& x, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// log(sum(exp(x))) over dims, computed stably; dx = g * softmax(x)
Tensor logsumexp(const Tensor& x, IntArrayRef dim, bool keepdim = false);
/// exp(x) / sum(exp(x)) along dim; dx = s * (g - sum(g s))
Tensor softmax(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
/// x - logsumexp(x) along dim; dx = g - softmax(x) * sum(g)
Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);

// ---- ops_linalg.cpp: matrix products (BLAS for float/double) --------------------------------
/// torch.matmul: dot for 1-D·1-D, mv, mm, and batched products with broadcast batch dims
Tensor matmul(const Tensor& a, const Tensor& b);
/// C = A B, [M,K] x [K,N] -> [M,N]; dA = dC B^T, dB = A^T dC
Tensor mm(const Tensor& a, const Tensor& b);
/// y = A x, [M,K] x [K] -> [M]; dA = outer(dy, x), dx = A^T dy
Tensor mv(const Tensor& a, const Tensor& x);
/// C[b] = A[b] B[b], [B,M,K] x [B,K,N] -> [B,M,N]
Tensor bmm(const Tensor& a, const Tensor& b);
/// sum(a * b) of two 1-D tensors -> 0-d; da = g b, db = g a
Tensor dot(const Tensor& a, const Tensor& b);
/// a b^T of two 1-D tensors, [M] x [N] -> [M,N]
Tensor outer(const Tensor& a, const Tensor& b);
inline Tensor ger(const Tensor& a, const Tensor& b) { return outer(a, b); }

// ---- ops_join.cpp: joining ---------------------------------------------------------------
/// Concatenate along an existing dim; each input gets its slice of the gradient
Tensor cat(TensorList tensors, int64_t dim = 0);
/// Stack along a new dim
Tensor stack(TensorList tensors, int64_t dim = 0);

// ---- ops_view.cpp: the free-function spelling of the view methods ------------------------
Tensor reshape(const Tensor& x, IntArrayRef shape);
Tensor flatten(const Tensor& x, int64_t start_dim = 0, int64_t end_dim = -1);
Tensor transpose(const Tensor& x, int64_t dim0, int64_t dim1);
Tensor permute(const Tensor& x, IntArrayRef dims);
Tensor squeeze(const Tensor& x);
Tensor squeeze(const Tensor& x, int64_t dim);
Tensor unsqueeze(const Tensor& x, int64_t dim);
Tensor narrow(const Tensor& x, int64_t dim, int64_t start, int64_t length);
Tensor select(const Tensor& x, int64_t dim, int64_t index);
Tensor t(const Tensor& x);
Tensor clone(const Tensor& x);

}  // namespace xg
