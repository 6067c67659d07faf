// Reductions: forward and backward side by side.
//
// Every reduction first lays its input out as a contiguous [rows, cols] block
// whose rows are the elements that reduce to one output (the reduced dims are
// moved last), then reduces each row. The backward passes put the reduced dims
// back (unsqueeze) and broadcast the gradient over them.

#include <algorithm>
#include <cmath>
#include <limits>

#include "op_support.h"

namespace xg {

namespace {

// Which dims a reduction reduces, and the shapes on both sides of it.
struct ReducedDims {
  xt::svector<bool, 8> reduced;  // per input dim
  SizeVector out_sizes;       // with or without the reduced dims, per keepdim
  SizeVector kept_sizes;      // reduced dims as 1 (the keepdim shape)
  int64_t cols = 1;           // elements reduced into each output
  bool keepdim = false;

  ReducedDims(const char* op, const Tensor& x, IntArrayRef dims, bool keep) : keepdim(keep) {
    const int64_t n = x.dim();
    reduced.assign(static_cast<size_t>(n), dims.empty());  // no dims = all dims
    for (int64_t d : dims) {
      const int64_t w = detail::wrap_dim(op, d, n);
      if (n == 0) continue;
      XG_CHECK(!reduced[w] || dims.empty(), op, "dim ", w, " appears multiple times in the list of dims");
      reduced[w] = true;
    }
    for (int64_t i = 0; i < n; ++i) {
      const int64_t s = x.sizes()[i];
      kept_sizes.push_back(reduced[i] ? 1 : s);
      if (reduced[i]) cols *= s;
      if (!reduced[i] || keepdim) out_sizes.push_back(reduced[i] ? 1 : s);
    }
  }

  /// x as a contiguous [rows, cols] block, reduced dims last.
  Tensor rows(const Tensor& x) const {
    // Already laid out as rows when contiguous with the reduced dims last, or with one output.
    const size_t kept = static_cast<size_t>(std::count(reduced.begin(), reduced.end(), false));
    if (x.is_contiguous() && (x.numel() == cols || std::all_of(reduced.begin(), reduced.begin() + kept,
                                                                [](bool r) { return !r; })))
      return x;
    std::vector<int64_t> order;
    for (size_t i = 0; i < reduced.size(); ++i)
      if (!reduced[i]) order.push_back(static_cast<int64_t>(i));
    for (size_t i = 0; i < reduced.size(); ++i)
      if (reduced[i]) order.push_back(static_cast<int64_t>(i));
    Tensor moved = x.dim() > 0 ? x.detach().permute(order) : x.detach();
    return detail::contiguous_data(moved);
  }

  /// True when x is contiguous, the reduced dims are its leading ones and more than one
  /// output remains (a bias gradient: a sum over the batch).
  bool reduces_leading_dims_of(const Tensor& x) const {
    const auto first_kept = std::find(reduced.begin(), reduced.end(), false);
    return x.is_contiguous() && first_kept != reduced.begin() && x.numel() > cols &&
           std::none_of(first_kept, reduced.end(), [](bool r) { return r; });
  }

  /// The reduced dims as a list.
  std::vector<int64_t> dims() const {
    std::vector<int64_t> list;
    for (size_t i = 0; i < reduced.size(); ++i)
      if (reduced[i]) list.push_back(static_cast<int64_t>(i));
    return list;
  }

  /// A gradient of the output shape, made broadcastable to the input again.
  Tensor unsqueeze_grad(const Tensor& g) const { return keepdim ? g : g.reshape(kept_sizes); }
};

// out[r] = reduce(row r) for a contiguous [rows, cols] block; `reduce(const T*, cols)` returns R.
template <class R, class T, class F>
Tensor reduce_rows(const ReducedDims& red, const Tensor& x, ScalarType out_dtype, F reduce) {
  Tensor block = red.rows(detail::cast(x, dtype_of<T>()));
  Tensor out = detail::empty(red.out_sizes, out_dtype);
  const T* in = detail::data<T>(block);
  R* o = detail::data<R>(out);
  const int64_t rows = out.numel(), cols = red.cols;
  for (int64_t r = 0; r < rows; ++r) o[r] = reduce(in + r * cols, cols);
  return out;
}

// Sums accumulate in double (or int64), so float32 sums stay accurate for long rows.
template <class T>
using Accumulator = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;

// The sum of n values. A float row is added as eight interleaved partial sums in double: one
// chain of dependent additions waits for each addition (4 cycles per element), eight chains
// run side by side. The double partial sums carry 29 bits more than the float result, so the
// order of the additions practically never shows in it. Double and Long rows keep a single
// chain in order: regrouping would change float64 results in their last bits.
template <class T>
T sum_row(const T* row, int64_t n) {
  if constexpr (std::is_same_v<T, float>) {
    constexpr int64_t kChains = 8;
    double partial[kChains] = {};
    int64_t i = 0;
    for (; i + kChains <= n; i += kChains)
      for (int64_t c = 0; c < kChains; ++c) partial[c] += row[i + c];
    for (; i < n; ++i) partial[0] += row[i];
    double total = 0;
    for (double p : partial) total += p;
    return static_cast<float>(total);
  } else {
    Accumulator<T> acc = 0;
    for (int64_t i = 0; i < n; ++i) acc += row[i];
    return static_cast<T>(acc);
  }
}

// The sum of a contiguous x over its leading dims, without the transposed copy reduce_rows
// would make: whole rows of x are added into a row of accumulators. Each output still adds
// its inputs in the same order, so the result is the same to the last bit.
template <class T>
Tensor sum_leading_dims(const ReducedDims& red, const Tensor& x, ScalarType out_dtype) {
  Tensor out = detail::empty(red.out_sizes, out_dtype);
  const int64_t outputs = out.numel(), terms = red.cols;
  std::vector<Accumulator<T>> acc(static_cast<size_t>(outputs), 0);
  const T* in = detail::data<T>(x);
  for (int64_t t = 0; t < terms; ++t)
    for (int64_t o = 0; o < outputs; ++o) acc[o] += in[t * outputs + o];
  T* o = detail::data<T>(out);
  std::transform(acc.begin(), acc.end(), o, [](Accumulator<T> a) { return static_cast<T>(a); });
  return out;
}

Tensor sum_impl(const char* node_name, const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<ScalarType> dtype) {
  const ScalarType out_dtype = dtype.value_or(isFloatingType(x.scalar_type()) ? x.scalar_type() : kLong);
  ReducedDims red("sum", x, dims, keepdim);
  Tensor out = dispatch_numeric(out_dtype, "sum", [&](auto tag) {
    using T = typename decltype(tag)::type;
    if (x.scalar_type() == out_dtype && red.reduces_leading_dims_of(x)) return sum_leading_dims<T>(red, x, out_dtype);
    return reduce_rows<T, T>(red, x, out_dtype, [](const T* row, int64_t n) { return sum_row(row, n); });
  });
  if (needs_grad(x)) {
    // With a dtype argument the gradient arrives in that dtype and goes back in x's.
    record(node_name, {x}, out, [red, in_sizes = SizeVector(x.sizes().begin(), x.sizes().end()),
                                 in_dtype = x.scalar_type()](const variable_list& g) -> variable_list {
      return {red.unsqueeze_grad(g[0]).expand(in_sizes).to(in_dtype)};
    });
  }
  return out;
}

Tensor mean_impl(const char* node_name, const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<ScalarType> dtype) {
  const ScalarType in_dtype = dtype.value_or(x.scalar_type());
  XG_CHECK(isFloatingType(in_dtype), "mean", "could not infer output dtype: input dtype must be floating point, got ",
           in_dtype);
  Tensor out;
  ReducedDims red("mean", x, dims, keepdim);
  {
    NoGradGuard no_grad;
    out = sum_impl("SumBackward1", x, dims, keepdim, in_dtype);
    if (red.cols > 0) out.div_(static_cast<double>(red.cols));
    else out.fill_(std::numeric_limits<double>::quiet_NaN());
  }
  if (needs_grad(x)) {
    record(node_name, {x}, out, [red, in_sizes = SizeVector(x.sizes().begin(), x.sizes().end()),
                                 in_dtype = x.scalar_type()](const variable_list& g) -> variable_list {
      return {(red.unsqueeze_grad(g[0]).expand(in_sizes) / static_cast<double>(red.cols)).to(in_dtype)};
    });
  }
  return out;
}

// Largest (or smallest) value and its first index along each row; NaN wins, as in torch.
template <bool Max>
std::tuple<Tensor, Tensor> extreme(const char* op, const Tensor& x, const ReducedDims& red) {
  XG_CHECK(red.cols > 0, op, "expected a non-empty tensor or dimension to reduce (got shape ", x.sizes(), ")");
  Tensor values = detail::empty(red.out_sizes, x.scalar_type());
  Tensor indices = detail::empty(red.out_sizes, kLong);
  dispatch_all(x.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    Tensor block = red.rows(x);
    const T* in = detail::data<T>(block);
    T* v = detail::data<T>(values);
    int64_t* idx = detail::data<int64_t>(indices);
    for (int64_t r = 0, rows = values.numel(); r < rows; ++r) {
      const T* row = in + r * red.cols;
      int64_t best = 0;
      for (int64_t i = 1; i < red.cols && row[best] == row[best]; ++i) {
        const bool better = Max ? row[i] > row[best] : row[i] < row[best];
        if (better || row[i] != row[i]) best = i;
      }
      v[r] = row[best];
      idx[r] = best;
    }
  });
  return {values, indices};
}

// Gradient of a max/min over all dims (dims empty) or over dims (value and g then keep them as
// size 1): split evenly between the elements equal to the result.
Tensor evenly_distribute(const Tensor& g, const Tensor& x, const Tensor& value, const std::vector<int64_t>& dims = {}) {
  Tensor mask = (x == value).to(g.scalar_type());
  return mask * (g / (dims.empty() ? mask.sum() : mask.sum(dims, true)));
}

// Gradient of max/min along a dim: g goes to the selected index of each row.
Tensor to_selected(const Tensor& g, const Tensor& indices, int64_t dim, bool keepdim, IntArrayRef in_sizes) {
  Tensor idx = keepdim ? indices : indices.unsqueeze(dim);
  Tensor grad = keepdim ? g : g.unsqueeze(dim);
  SizeVector positions_shape(in_sizes.size(), 1);
  positions_shape[dim] = in_sizes[dim];
  Tensor one_hot = (arange(in_sizes[dim]).view(positions_shape) == idx);
  return grad * one_hot;
}

template <bool Max>
std::tuple<Tensor, Tensor> extreme_dim(const char* op, const char* node_name, const Tensor& x, int64_t dim, bool keepdim) {
  dim = detail::wrap_dim(op, dim, x.dim());
  ReducedDims red(op, x, {dim}, keepdim);
  auto [values, indices] = extreme<Max>(op, x, red);
  if (needs_grad(x)) {
    // indices is saved as a SavedVariable: backward must refuse it once written in place.
    record(node_name, {x}, values,
           [indices_saved = SavedVariable(indices, false), dim, keepdim,
            in_sizes = SizeVector(x.sizes().begin(), x.sizes().end()),
            zero_dim = x.dim() == 0](const variable_list& g) -> variable_list {
             if (zero_dim) return {g[0]};
             return {to_selected(g[0], indices_saved.unpack(), dim, keepdim, in_sizes)};
           });
  }
  return {values, indices};
}

// amax / amin: the extreme over dims (all of them when dims is empty), without indices.
template <bool Max>
Tensor extreme_dims(const char* op, const char* node_name, const Tensor& x, IntArrayRef dims, bool keepdim) {
  ReducedDims red(op, x, dims, keepdim);
  Tensor values = std::get<0>(extreme<Max>(op, x, red));
  if (needs_grad(x)) {
    record(node_name, {x}, values,
           [red, x_saved = SavedVariable(x, false), values_saved = SavedVariable(values, true)](const variable_list& g) -> variable_list {
             return {evenly_distribute(red.unsqueeze_grad(g[0]), x_saved.unpack(),
                                       red.unsqueeze_grad(values_saved.unpack()), red.dims())};
           });
  }
  return values;
}

// Whether every (all) or some (any) element along dim is nonzero; kBool.
template <bool All>
Tensor truth_along(const char* op, const Tensor& x, int64_t dim, bool keepdim) {
  ReducedDims red(op, x, {detail::wrap_dim(op, dim, x.dim())}, keepdim);
  return reduce_rows<bool, bool>(red, x, kBool, [](const bool* row, int64_t n) {
    const auto truthy = [](bool v) { return v; };
    return All ? std::all_of(row, row + n, truthy) : std::any_of(row, row + n, truthy);
  });
}

template <bool Max>
Tensor extreme_all(const char* op, const char* node_name, const Tensor& x) {
  ReducedDims red(op, x, {}, false);
  Tensor value = std::get<0>(extreme<Max>(op, x, red));
  if (needs_grad(x)) {
    record(node_name, {x}, value,
           [x_saved = SavedVariable(x, false), value_saved = SavedVariable(value, true)](const variable_list& g) -> variable_list {
             return {evenly_distribute(g[0], x_saved.unpack(), value_saved.unpack())};
           });
  }
  return value;
}

}  // namespace

static Tensor prod_impl(const char* node_name, const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<ScalarType> dtype);

// ---- sum / mean / prod ----------------------------------------------------------------------

/// Sum of all elements (integers and bools sum to Long); dx = g expanded to x's shape
Tensor sum(const Tensor& x, std::optional<ScalarType> dtype) { return sum_impl("SumBackward0", x, {}, false, dtype); }
Tensor sum(const Tensor& x, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  return sum_impl("SumBackward1", x, dim, keepdim, dtype);
}
/// Mean (floating tensors only, as torch); dx = g / n expanded
Tensor mean(const Tensor& x, std::optional<ScalarType> dtype) { return mean_impl("MeanBackward0", x, {}, false, dtype); }
Tensor mean(const Tensor& x, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  return mean_impl("MeanBackward1", x, dim, keepdim, dtype);
}

static Tensor prod_impl(const char* node_name, const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<ScalarType> dtype) {
  const ScalarType out_dtype = dtype.value_or(isFloatingType(x.scalar_type()) ? x.scalar_type() : kLong);
  ReducedDims red("prod", x, dims, keepdim);
  Tensor out = dispatch_numeric(out_dtype, "prod", [&](auto tag) {
    using T = typename decltype(tag)::type;
    return reduce_rows<T, T>(red, x, out_dtype, [](const T* row, int64_t n) {
      T acc = 1;
      for (int64_t i = 0; i < n; ++i) acc *= row[i];
      return acc;
    });
  });
  if (needs_grad(x)) {
    record(node_name, {x}, out,
           [red, x_saved = SavedVariable(x, false), out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             Tensor input = x_saved.unpack();
             Tensor grad = red.unsqueeze_grad(g[0]);
             // d prod / dx_i is the product of the other elements: prod / x_i when the
             // row has no zero; the product of the nonzeros at a single zero; else 0.
             Tensor is_zero = input == 0;
             Tensor zero_count = red.unsqueeze_grad(is_zero.sum(red.dims(), red.keepdim));
             Tensor nonzero = where(is_zero, 1, input);
             Tensor nonzero_prod = prod_impl("ProdBackward1", nonzero, red.dims(), true, std::nullopt);
             Tensor others = where(zero_count == 0, red.unsqueeze_grad(out_saved.unpack()) / nonzero,
                                   where(logical_and(zero_count == 1, is_zero), nonzero_prod, 0));
             return {(grad * others).to(input.scalar_type())};
           });
  }
  return out;
}

/// Product; dx = g * prod / x (computed without dividing when x has zeros)
Tensor prod(const Tensor& x, std::optional<ScalarType> dtype) { return prod_impl("ProdBackward0", x, {}, false, dtype); }
Tensor prod(const Tensor& x, int64_t dim, bool keepdim, std::optional<ScalarType> dtype) {
  return prod_impl("ProdBackward1", x, {dim}, keepdim, dtype);
}

// ---- max / min / argmax / argmin ----------------------------------------------------------------

/// Largest element; the gradient is split evenly between ties
Tensor max(const Tensor& x) { return extreme_all<true>("max", "MaxBackward1", x); }
Tensor min(const Tensor& x) { return extreme_all<false>("min", "MinBackward1", x); }
std::tuple<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim) {
  return extreme_dim<true>("max", "MaxBackward0", x, dim, keepdim);
}
std::tuple<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim) {
  return extreme_dim<false>("min", "MinBackward0", x, dim, keepdim);
}

/// Largest (amax) or smallest (amin) elements over dims, all dims when dims is empty;
/// the gradient of each output is split evenly between its ties, as in LibTorch
Tensor amax(const Tensor& x, IntArrayRef dim, bool keepdim) { return extreme_dims<true>("amax", "AmaxBackward0", x, dim, keepdim); }
Tensor amin(const Tensor& x, IntArrayRef dim, bool keepdim) { return extreme_dims<false>("amin", "AminBackward0", x, dim, keepdim); }

/// Whether every / some element along dim is nonzero (kBool)
Tensor all(const Tensor& x, int64_t dim, bool keepdim) { return truth_along<true>("all", x, dim, keepdim); }
Tensor any(const Tensor& x, int64_t dim, bool keepdim) { return truth_along<false>("any", x, dim, keepdim); }

/// Index of the largest element of the flattened tensor, or along dim (kLong)
Tensor argmax(const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  if (!dim) return std::get<1>(extreme<true>("argmax", x.reshape({-1}), ReducedDims("argmax", x.reshape({-1}), {}, false)));
  return std::get<1>(extreme<true>("argmax", x, ReducedDims("argmax", x, {*dim}, keepdim)));
}

Tensor argmin(const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  if (!dim) return std::get<1>(extreme<false>("argmin", x.reshape({-1}), ReducedDims("argmin", x.reshape({-1}), {}, false)));
  return std::get<1>(extreme<false>("argmin", x, ReducedDims("argmin", x, {*dim}, keepdim)));
}

// ---- norm / var / std -----------------------------------------------------------------------

static Tensor norm_impl(const char* node, const Tensor& x, const std::optional<Scalar>& p_opt, IntArrayRef dims,
                        bool keepdim) {
  XG_CHECK(isFloatingType(x.scalar_type()), "norm", "expected a floating point tensor, got ", x.scalar_type());
  const double p = p_opt ? p_opt->toDouble() : 2.0;
  XG_CHECK(p > 0, "norm", "only p > 0 is supported (got ", p, ")");
  ReducedDims red("norm", x, dims, keepdim);
  Tensor out;
  {
    NoGradGuard no_grad;
    if (std::isinf(p)) out = std::get<0>(extreme<true>("norm", x.abs(), red));
    else if (p == 1) out = x.abs().sum(dims, keepdim);
    else if (p == 2) out = (x * x).sum(dims, keepdim).sqrt();
    else out = x.abs().pow(p).sum(dims, keepdim).pow(1.0 / p);
  }
  if (needs_grad(x)) {
    record(node, {x}, out,
           [red, p, x_saved = SavedVariable(x, false), out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             Tensor input = x_saved.unpack();
             Tensor grad = red.unsqueeze_grad(g[0]);
             Tensor norm = red.unsqueeze_grad(out_saved.unpack());
             if (p == 1) return {grad * sign(input)};
             if (std::isinf(p)) {
               // Split evenly between the elements that reach the maximum of their own slice.
               Tensor mask = (input.abs() == norm).to(grad.scalar_type());
               return {sign(input) * mask * (grad / mask.sum(red.dims(), true))};
             }
             // d||x||_p = x |x|^(p-2) / ||x||^(p-1), taken as 0 where the norm is 0.
             Tensor scale = p == 2 ? input / norm : input * input.abs().pow(p - 2) / norm.pow(p - 1);
             return {where(norm == 0, 0, grad * scale)};
           });
  }
  return out;
}

/// p-norm (p = 2 by default; also 1 and inf); d||x||_2 = g x / ||x||
Tensor norm(const Tensor& x, const std::optional<Scalar>& p) { return norm_impl("NormBackward0", x, p, {}, false); }
Tensor norm(const Tensor& x, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim) {
  return norm_impl("NormBackward1", x, p, dim, keepdim);
}

// Variance and standard deviation share their centred input and divisor.
static Tensor moment_impl(bool take_sqrt, const Tensor& x, IntArrayRef dims, bool unbiased, bool keepdim) {
  const char* op = take_sqrt ? "std" : "var";
  XG_CHECK(isFloatingType(x.scalar_type()), op, "expected a floating point tensor, got ", x.scalar_type());
  ReducedDims red(op, x, dims, keepdim);
  // As PyTorch, max(0, n - correction): no elements (or one, unbiased) give 0 / 0 = nan, not -0.
  const double divisor = std::max(0.0, static_cast<double>(red.cols) - (unbiased ? 1.0 : 0.0));
  Tensor out;
  {
    NoGradGuard no_grad;
    Tensor centred = x - x.mean(dims, true);
    out = (centred * centred).sum(dims, keepdim) / divisor;
    if (take_sqrt) out = out.sqrt();
  }
  if (needs_grad(x)) {
    record(take_sqrt ? "StdBackward0" : "VarBackward0", {x}, out,
           [red, divisor, take_sqrt, dims = std::vector<int64_t>(dims.begin(), dims.end()), x_saved = SavedVariable(x, false),
            out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             Tensor input = x_saved.unpack();
             Tensor centred = input - input.mean(dims, true);
             Tensor grad = red.unsqueeze_grad(g[0]);
             if (!take_sqrt) return {grad * centred * (2.0 / divisor)};
             return {grad * centred / (red.unsqueeze_grad(out_saved.unpack()) * divisor)};
           });
  }
  return out;
}

/// Variance (Bessel-corrected when unbiased); dx = g * 2 (x - mean) / (n - unbiased)
Tensor var(const Tensor& x, bool unbiased) { return moment_impl(false, x, {}, unbiased, false); }
Tensor var(const Tensor& x, IntArrayRef dim, bool unbiased, bool keepdim) { return moment_impl(false, x, dim, unbiased, keepdim); }
/// Standard deviation; dx = g * (x - mean) / ((n - unbiased) std)
Tensor std(const Tensor& x, bool unbiased) { return moment_impl(true, x, {}, unbiased, false); }
Tensor std(const Tensor& x, IntArrayRef dim, bool unbiased, bool keepdim) { return moment_impl(true, x, dim, unbiased, keepdim); }
// var(1) and var({1}) reduce over dim 1, as in LibTorch: without these overloads C++ would
// convert the int to the bool `unbiased` (a standard conversion beats the one to IntArrayRef).
Tensor var(const Tensor& x, int dim) { return var(x, IntArrayRef{int64_t{dim}}); }
Tensor std(const Tensor& x, int dim) { return std(x, IntArrayRef{int64_t{dim}}); }

// ---- logsumexp / softmax / log_softmax ---------------------------------------------------------

/// log(sum(exp(x))) over dims, computed stably; dx = g * softmax(x)
Tensor logsumexp(const Tensor& x, IntArrayRef dims, bool keepdim) {
  ReducedDims red("logsumexp", x, dims, keepdim);
  Tensor out;
  {
    NoGradGuard no_grad;
    // Shift by the row maximum so exp never overflows; an infinite maximum shifts by 0.
    Tensor input = x.to(detail::floating_type(x.scalar_type()));
    Tensor shift = std::get<0>(extreme<true>("logsumexp", input, ReducedDims("logsumexp", input, dims, true)));
    shift = where(isfinite(shift), shift, 0);
    out = (input - shift).exp().sum(dims, true).log() + shift;
    if (!keepdim) out = out.reshape(red.out_sizes);
  }
  if (needs_grad(x)) {
    record("LogsumexpBackward0", {x}, out,
           [red, x_saved = SavedVariable(x, false), out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
             return {red.unsqueeze_grad(g[0]) * (x_saved.unpack() - red.unsqueeze_grad(out_saved.unpack())).exp()};
           });
  }
  return out;
}

// x - max(x) along dim: the same softmax, with no exponent above 0 to overflow. An empty x has
// no maximum and needs none: its softmax is empty too, as in PyTorch.
static Tensor minus_max(const Tensor& x, int64_t dim) {
  return x.numel() == 0 ? x.clone() : x - std::get<0>(x.max(dim, true));
}

/// exp(x) / sum(exp(x)) along dim; dx = s * (g - sum(g s))
Tensor softmax(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype) {
  Tensor input = x.to(dtype.value_or(detail::floating_type(x.scalar_type())));
  dim = detail::wrap_dim("softmax", dim, input.dim());
  Tensor out;
  {
    NoGradGuard no_grad;
    Tensor exps = minus_max(input, dim).exp();
    out = exps / exps.sum({dim}, true);
  }
  if (needs_grad(input)) {
    record("SoftmaxBackward0", {input}, out, [dim, out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
      Tensor s = out_saved.unpack();
      return {s * (g[0] - (g[0] * s).sum({dim}, true))};
    });
  }
  return out;
}

/// x - logsumexp(x) along dim; dx = g - softmax(x) * sum(g)
Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<ScalarType> dtype) {
  Tensor input = x.to(dtype.value_or(detail::floating_type(x.scalar_type())));
  dim = detail::wrap_dim("log_softmax", dim, input.dim());
  Tensor out;
  {
    NoGradGuard no_grad;
    Tensor shifted = minus_max(input, dim);
    out = shifted - shifted.exp().sum({dim}, true).log();
  }
  if (needs_grad(input)) {
    record("LogSoftmaxBackward0", {input}, out, [dim, out_saved = SavedVariable(out, true)](const variable_list& g) -> variable_list {
      return {g[0] - out_saved.unpack().exp() * g[0].sum({dim}, true)};
    });
  }
  return out;
}

}  // namespace xg
