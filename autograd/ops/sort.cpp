// Ordering along a dim: sort, argsort, topk. Each row along dim is sorted as a list of
// (value, index) pairs with the standard library's algorithms, the same calls LibTorch 1.13's
// CPU kernels make, so that even the order of equal values (which those algorithms leave
// unspecified) comes out as LibTorch's. NaN counts as larger than every number.

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "op_support.h"

namespace xg {

namespace {

template <class T>
bool is_nan(T v) {
  if constexpr (std::is_floating_point_v<T>) return std::isnan(v);
  else return false;
}

// a before b in ascending order (NaN last), or in descending order (NaN first).
template <class T>
bool ascending(const std::pair<T, int64_t>& a, const std::pair<T, int64_t>& b) {
  return (!is_nan(a.first) && is_nan(b.first)) || a.first < b.first;
}
template <class T>
bool descending(const std::pair<T, int64_t>& a, const std::pair<T, int64_t>& b) {
  return (is_nan(a.first) && !is_nan(b.first)) || a.first > b.first;
}

// Runs `order(row)` on every row of x (of element type T) along dim, a vector of
// (value, index) pairs whose first `kept` entries are the result, and writes those into
// values and indices of x's shape with `kept` elements along dim.
template <class T, class Order>
TensorPair ordered_rows(const Tensor& x, int64_t dim, int64_t kept, Order order) {
  SizeVector out_sizes(x.sizes().begin(), x.sizes().end());
  if (x.dim() > 0) out_sizes[dim] = kept;
  Tensor values = detail::empty(out_sizes, x.scalar_type());
  Tensor indices = detail::empty(out_sizes, kLong);
  const Tensor in = detail::contiguous_data(x);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= x.size(d);
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= x.size(d);
  const int64_t n = x.dim() == 0 ? 1 : x.size(dim);
  const T* src = detail::data<T>(in);
  T* value_out = detail::data<T>(values);
  int64_t* index_out = detail::data<int64_t>(indices);
  std::vector<std::pair<T, int64_t>> row(static_cast<size_t>(n));
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      for (int64_t k = 0; k < n; ++k) row[k] = {src[(o * n + k) * inner + i], k};
      order(row);
      for (int64_t k = 0; k < kept; ++k) {
        value_out[(o * kept + k) * inner + i] = row[k].first;
        index_out[(o * kept + k) * inner + i] = row[k].second;
      }
    }
  return {values, indices};
}

// The gradient of values picked from x at `indices` along dim: zeros of x's shape with g
// written where each value came from.
Tensor to_picked(const Tensor& g, const Tensor& indices, int64_t dim, IntArrayRef in_sizes) {
  if (in_sizes.empty()) return g;
  return zeros(in_sizes, g.scalar_type()).scatter(dim, indices, g);
}

// Records `node` on values, whose gradient goes back to where `indices` picked them. indices is
// saved as a SavedVariable: backward must refuse it once written in place.
void record_picked(const char* node, const Tensor& x, const Tensor& values, const Tensor& indices, int64_t dim) {
  if (!needs_grad(x)) return;
  record(node, {x}, values,
         [indices_saved = SavedVariable(indices, false), dim,
          in_sizes = SizeVector(x.sizes().begin(), x.sizes().end())](const variable_list& g) -> variable_list {
           return {to_picked(g[0], indices_saved.unpack(), dim, in_sizes)};
         });
}

}  // namespace

namespace {

// sort and its stable form, recording `node`.
TensorPair sorted(const char* node, const Tensor& self, bool stable, int64_t dim, bool descending_order) {
  dim = detail::wrap_dim("sort", dim, self.dim());
  auto [values, indices] = dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const int64_t n = self.dim() == 0 ? 1 : self.size(dim);
    return ordered_rows<T>(self, dim, n, [=](std::vector<std::pair<T, int64_t>>& row) {
      const auto before = descending_order ? descending<T> : ascending<T>;
      if (stable) std::stable_sort(row.begin(), row.end(), before);
      else std::sort(row.begin(), row.end(), before);
    });
  });
  record_picked(node, self, values, indices, dim);
  return {values, indices};
}

}  // namespace

/// The elements of each row along dim in ascending (or descending) order, and the Long
/// indices they came from. Equal values keep no guaranteed order in LibTorch (std::sort);
/// xgrad makes the same std::sort call, so they come out in LibTorch's order.
/// dx = zeros with g scattered back to the indices.
TensorPair sort(const Tensor& self, int64_t dim, bool descending_order) {
  return sorted("SortBackward0", self, false, dim, descending_order);
}

/// sort, keeping equal values in their original order when stable is true. As in LibTorch,
/// x.sort(true) and x.sort(true, 1) call the overload above (a bool converts to int64_t
/// before it converts to std::optional<bool>): write sort(std::optional<bool>(true), ...).
TensorPair sort(const Tensor& self, std::optional<bool> stable, int64_t dim, bool descending_order) {
  XG_CHECK(stable.has_value(), "sort", "stable must be true or false, not nullopt");
  return sorted("SortBackward1", self, *stable, dim, descending_order);
}

/// The indices sort would return. Not differentiable.
Tensor argsort(const Tensor& self, int64_t dim, bool descending_order) {
  return std::get<1>(sort(self.detach(), detail::wrap_dim("argsort", dim, self.dim()), descending_order));
}

/// The k largest (or smallest) elements of each row along dim, and their Long indices,
/// ordered when `sorted` (else in no promised order). As LibTorch's CPU kernel: a
/// partial_sort when k is small next to the row (k * 64 <= n), else an nth_element
/// followed, when sorted, by a sort of the first k - 1. dx = zeros with g scattered back.
TensorPair topk(const Tensor& self, int64_t k, int64_t dim, bool largest, bool sorted) {
  dim = detail::wrap_dim("topk", dim, self.dim());
  const int64_t n = self.dim() == 0 ? 1 : self.size(dim);
  XG_CHECK(k >= 0 && k <= n, "topk", "selected index k out of range: k = ", k, " but dim ", dim, " has size ", n);
  auto [values, indices] = dispatch_numeric(self.scalar_type(), "topk", [&](auto tag) {
    using T = typename decltype(tag)::type;
    return ordered_rows<T>(self, dim, k, [=](std::vector<std::pair<T, int64_t>>& row) {
      if (k == 0) return;
      const auto before = largest ? descending<T> : ascending<T>;
      if (k * 64 <= n) {
        std::partial_sort(row.begin(), row.begin() + k, row.end(), before);
      } else {
        std::nth_element(row.begin(), row.begin() + (k - 1), row.end(), before);
        if (sorted) std::sort(row.begin(), row.begin() + (k - 1), before);
      }
    });
  });
  record_picked("TopkBackward0", self, values, indices, dim);
  return {values, indices};
}

}  // namespace xg
