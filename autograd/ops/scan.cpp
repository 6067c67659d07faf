// Scans: running sums along a dim, forward and backward side by side.

#include "op_support.h"

namespace xg {

namespace {

// Running sums accumulate in double (or int64), as the sums of reduce.cpp do.
template <class T>
using ScanAccumulator = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;

// out[..., k, ...] = x[..., 0, ...] + ... + x[..., k, ...] along dim, computed in `dtype`.
Tensor running_sum(const Tensor& x, int64_t dim, ScalarType dtype) {
  const Tensor in = detail::contiguous_data(detail::cast(x, dtype));
  Tensor out = detail::empty(x.sizes(), dtype);
  const IntArrayRef sizes = x.sizes();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= sizes[d];
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= sizes[d];
  const int64_t n = x.dim() == 0 ? 1 : sizes[dim];
  dispatch_numeric(dtype, "cumsum", [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* dst = detail::data<T>(out);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        ScanAccumulator<T> acc = 0;
        for (int64_t k = 0; k < n; ++k) {
          const int64_t at = (o * n + k) * inner + i;
          acc += src[at];
          dst[at] = static_cast<T>(acc);
        }
      }
  });
  return out;
}

}  // namespace

/// Running sum along dim: out_k = x_0 + ... + x_k (integer and bool inputs sum in Long, as sum does);
/// dx_k = g_k + ... + g_last, a running sum from the end, written as sum(g) - cumsum(g) + g.
Tensor cumsum(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype) {
  dim = detail::wrap_dim("cumsum", dim, x.dim());
  const ScalarType out_dtype = dtype.value_or(isFloatingType(x.scalar_type()) ? x.scalar_type() : kLong);
  Tensor out = running_sum(x, dim, out_dtype);
  if (needs_grad(x)) {
    record("CumsumBackward0", {x}, out, [dim, in_dtype = x.scalar_type()](const variable_list& g) -> variable_list {
      const Tensor& grad = g[0];
      if (grad.dim() == 0) return {grad.to(in_dtype)};
      return {(grad.sum(std::vector<int64_t>{dim}, true) - grad.cumsum(dim) + grad).to(in_dtype)};
    });
  }
  return out;
}

}  // namespace xg
