// Scans: running sums and products along a dim, forward and backward side by side.

#include "op_support.h"

namespace xg {

namespace {

// Running sums and products accumulate in double (or int64), as the sums of reduce.cpp do.
template <class T>
using ScanAccumulator = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;

// out[..., k, ...] = x[..., 0, ...] + ... + x[..., k, ...] along dim (or the product, for
// Product), computed in `dtype`.
template <bool Product>
Tensor running(const char* op, const Tensor& x, int64_t dim, ScalarType dtype) {
  const Tensor in = detail::contiguous_data(detail::cast(x, dtype));
  Tensor out = detail::empty(x.sizes(), dtype);
  const IntArrayRef sizes = x.sizes();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= sizes[d];
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= sizes[d];
  const int64_t n = x.dim() == 0 ? 1 : sizes[dim];
  dispatch_numeric(dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* dst = detail::data<T>(out);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        ScanAccumulator<T> acc = Product ? 1 : 0;
        for (int64_t k = 0; k < n; ++k) {
          const int64_t at = (o * n + k) * inner + i;
          if constexpr (Product) acc *= src[at];
          else acc += src[at];
          dst[at] = static_cast<T>(acc);
        }
      }
  });
  return out;
}

// The sum from each position to the end along dim: out_k = w_k + ... + w_last.
Tensor reversed_cumsum(const Tensor& w, int64_t dim) { return w.flip({dim}).cumsum(dim).flip({dim}); }

}  // namespace

/// Running sum along dim: out_k = x_0 + ... + x_k (integer and bool inputs sum in Long, as sum does);
/// dx_k = g_k + ... + g_last, a running sum from the end.
Tensor cumsum(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype) {
  dim = detail::wrap_dim("cumsum", dim, x.dim());
  const ScalarType out_dtype = dtype.value_or(isFloatingType(x.scalar_type()) ? x.scalar_type() : kLong);
  Tensor out = running<false>("cumsum", x, dim, out_dtype);
  if (needs_grad(x)) {
    record("CumsumBackward0", {x}, out, [dim, in_dtype = x.scalar_type()](const variable_list& g) -> variable_list {
      const Tensor& grad = g[0];
      if (grad.dim() == 0) return {grad.to(in_dtype)};
      return {reversed_cumsum(grad, dim).to(in_dtype)};
    });
  }
  return out;
}

namespace {

// dx of cumprod where x may hold zeros, without dividing:
//   dx_k = (x_0 ... x_{k-1}) * S_k,  S_k = g_k + x_{k+1} g_{k+1} + x_{k+1} x_{k+2} g_{k+2} + ...
// The prefix product is out_{k-1}; S runs backwards, S_k = g_k + x_{k+1} S_{k+1}, one slice
// at a time (n small ops: the price of exactness at zeros, paid only when there are some).
Tensor cumprod_backward_with_zeros(const Tensor& g, const Tensor& x, const Tensor& out, int64_t dim) {
  const int64_t n = x.size(dim);
  std::vector<Tensor> s(static_cast<size_t>(n));
  s[n - 1] = g.narrow(dim, n - 1, 1);
  for (int64_t k = n - 2; k >= 0; --k) s[k] = g.narrow(dim, k, 1) + x.narrow(dim, k + 1, 1) * s[k + 1];
  const Tensor prefix = cat({ones_like(x.narrow(dim, 0, 1)), out.narrow(dim, 0, n - 1)}, dim);
  return prefix * cat(s, dim);
}

}  // namespace

/// Running product along dim: out_k = x_0 * ... * x_k (integer and bool inputs multiply in
/// Long); dx_k = sum over j >= k of g_j out_j / x_k, i.e. reversed_cumsum(g * out) / x, with
/// an exact form, free of division, when x holds zeros.
Tensor cumprod(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype) {
  dim = detail::wrap_dim("cumprod", dim, x.dim());
  const ScalarType out_dtype = dtype.value_or(isFloatingType(x.scalar_type()) ? x.scalar_type() : kLong);
  Tensor out = running<true>("cumprod", x, dim, out_dtype);
  if (needs_grad(x)) {
    record("CumprodBackward0", {x}, out,
           [dim, x_saved = SavedVariable(x, false), out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             const Tensor input = x_saved.unpack();
             const Tensor grad = g[0].to(input.scalar_type());
             if (input.dim() == 0 || input.numel() == 0) return {grad};
             const Tensor output = out_saved.unpack().to(input.scalar_type());
             if (!(input == 0).any().item<bool>()) return {reversed_cumsum(grad * output, dim) / input};
             return {cumprod_backward_with_zeros(grad, input, output, dim)};
           });
  }
  return out;
}

}  // namespace xg
