// Advanced indexing: reading and writing at index tensors, one per dim (LibTorch's
// at::index and at::index_put, what x.index({idx}) and x.index_put_({mask}, v) run).
//
//   x.index({i0, i1})[p] = x[i0[p]][i1[p]]     (i0, i1 broadcast together; p ranges over their shape)
//
// A bool mask stands for the coordinates of its true elements (where(mask)), one index
// per dim it covers. The indexed dims are moved to the front and merged into one dim
// of "rows", so reading is index_select of rows and writing is index_add (accumulate)
// or scatter of rows: the ops of scatter.cpp. The result has the index shape where the
// indexed dims were when they are adjacent, else in front (LibTorch's and NumPy's rule):
//
//   x [2, 3, 4, 5]: x.index({Slice(), i, j}) -> [2, B..., 5]    x.index({i, Slice(), j}) -> [B..., 3, 5]

#include <numeric>

#include "../kernels/loops.h"
#include "../kernels/make.h"
#include "../tensor/shape.h"
#include "op_support.h"

namespace xg {

namespace {

using IndexList = std::vector<std::optional<Tensor>>;

// The index list with each mask replaced by its coordinates (where(mask)), after
// checking dtypes and shapes as LibTorch does. Absent entries stand for whole dims.
IndexList expand_masks(const char* op, const Tensor& self, const IndexList& indices) {
  IndexList out;
  for (const std::optional<Tensor>& index : indices) {
    if (!index || !index->defined()) {
      out.push_back(std::nullopt);
      continue;
    }
    const Tensor& t = *index;
    if (t.scalar_type() != kBool) {
      XG_CHECK(t.scalar_type() == kLong, op, "tensors used as indices must be long or bool tensors, got ",
               t.scalar_type());
      out.push_back(t);
      continue;
    }
    XG_CHECK(t.dim() > 0, op, "a 0-dimensional bool index is not supported by xgrad");
    const int64_t first = static_cast<int64_t>(out.size());
    XG_CHECK(first + t.dim() <= self.dim(), op, "too many indices for tensor of dimension ", self.dim(), " (got ",
             first + t.dim(), ")");
    for (int64_t k = 0; k < t.dim(); ++k)
      XG_CHECK(t.sizes()[k] == self.sizes()[first + k], op, "the shape of the mask ", t.sizes(), " at index ", k,
               " does not match the shape of the indexed tensor ", self.sizes(), " at index ", first + k);
    for (Tensor& coordinate : where(t)) out.push_back(coordinate);
  }
  XG_CHECK(static_cast<int64_t>(out.size()) <= self.dim(), op, "too many indices for tensor of dimension ",
           self.dim(), " (got ", out.size(), ")");
  return out;
}

// Where advanced indexing reads and writes: self's dims permuted (indexed dims first) and
// reshaped to rows_shape [rows, other dims...]; `linear` (the index shape) holds the row
// each result position reads; the result is [index shape..., other dims...], with the
// index dims then moved to position `at`.
struct Plan {
  SizeVector perm, rows_shape, index_shape, result_shape;
  Tensor linear;
  int64_t at = 0;

  Tensor to_rows(const Tensor& t) const { return t.permute(perm).reshape(rows_shape); }
  Tensor from_rows(const Tensor& rows, IntArrayRef self_sizes) const {
    SizeVector permuted, inverse(perm.size());
    for (size_t i = 0; i < perm.size(); ++i) {
      permuted.push_back(self_sizes[perm[i]]);
      inverse[perm[i]] = static_cast<int64_t>(i);
    }
    return rows.reshape(permuted).permute(inverse);
  }
  // [M, other dims...] (selected rows) <-> the result's layout.
  SizeVector result_dims() const {  // result dim of each dim of [index dims..., other dims...]
    const int64_t n_index = static_cast<int64_t>(index_shape.size());
    const int64_t n = static_cast<int64_t>(result_shape.size());
    SizeVector order;
    for (int64_t d = 0; d < n; ++d) order.push_back(d < n_index ? at + d : (d - n_index < at ? d - n_index : d));
    return order;
  }
  Tensor rows_to_result(const Tensor& selected) const {
    SizeVector front(index_shape);
    front.insert(front.end(), rows_shape.begin() + 1, rows_shape.end());
    const SizeVector order = result_dims();
    SizeVector perm_back(order.size());
    for (size_t d = 0; d < order.size(); ++d) perm_back[order[d]] = static_cast<int64_t>(d);
    return selected.reshape(front).permute(perm_back);
  }
  Tensor result_to_rows(const Tensor& result) const {
    SizeVector rows{-1};
    rows.insert(rows.end(), rows_shape.begin() + 1, rows_shape.end());
    return result.permute(result_dims()).reshape(rows);
  }
};

Plan make_plan(const char* op, const Tensor& self, const IndexList& indices) {
  Plan plan;
  SizeVector indexed, others;
  for (int64_t d = 0; d < self.dim(); ++d)
    (d < static_cast<int64_t>(indices.size()) && indices[d] ? indexed : others).push_back(d);
  XG_CHECK(!indexed.empty(), op, "expected at least one index tensor");
  for (int64_t d : indexed) plan.index_shape = detail::broadcast_shapes(op, plan.index_shape, indices[d]->sizes());
  const bool adjacent = indexed.back() - indexed.front() + 1 == static_cast<int64_t>(indexed.size());
  plan.at = adjacent ? indexed.front() : 0;
  // The row of each position: the indexed coordinates (negative ones wrapped) in row-major order.
  plan.linear = zeros(plan.index_shape, TensorOptions().dtype(kLong));
  int64_t* row = plan.linear.data_ptr<int64_t>();
  int64_t rows = 1;
  for (size_t k = indexed.size(); k-- > 0;) {
    const int64_t d = indexed[k], size = self.sizes()[d];
    const Tensor index = detail::contiguous_data(indices[d]->expand(plan.index_shape));
    const int64_t* v = index.data_ptr<int64_t>();
    for (int64_t i = 0; i < plan.linear.numel(); ++i) {
      XG_CHECK(v[i] >= -size && v[i] < size, op, "index ", v[i], " is out of bounds for dimension ", d,
               " with size ", size);
      row[i] += (v[i] < 0 ? v[i] + size : v[i]) * rows;
    }
    rows *= size;
  }
  plan.perm = indexed;
  plan.perm.insert(plan.perm.end(), others.begin(), others.end());
  plan.rows_shape = {rows};
  for (int64_t d : others) plan.rows_shape.push_back(self.sizes()[d]);
  plan.result_shape = plan.index_shape;
  plan.result_shape.insert(plan.result_shape.end(), plan.rows_shape.begin() + 1, plan.rows_shape.end());
  const SizeVector order = plan.result_dims();
  SizeVector placed(order.size());
  for (size_t d = 0; d < order.size(); ++d) placed[order[d]] = plan.result_shape[d];
  plan.result_shape = placed;
  return plan;
}

// A result computed from views, as a tensor of its own: contiguous and not a view.
Tensor own(const Tensor& t) { return t.contiguous().detach(); }

}  // namespace

/// out[p] = self[i0[p]][i1[p]]... (the index tensors broadcast; absent entries keep a
/// whole dim; masks index by their true elements). dself = zeros_like(self).index_put(indices, g, true)
Tensor index(const Tensor& self, const std::vector<std::optional<Tensor>>& indices) {
  const IndexList expanded = expand_masks("index", self, indices);
  const Plan plan = make_plan("index", self, expanded);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = own(plan.rows_to_result(plan.to_rows(self.detach()).index_select(0, plan.linear.reshape({-1}))));
  }
  if (needs_grad(self)) {
    record("IndexBackward0", {self}, out, [expanded, info = InputInfo(self)](const variable_list& g) -> variable_list {
      return {zeros(info.sizes, TensorOptions().dtype(g[0].scalar_type())).index_put(expanded, g[0], true)};
    });
  }
  return out;
}

namespace {

// index_put, its errors named after `op` (the function the user called).
Tensor put(const char* op, const Tensor& self, const IndexList& indices, const Tensor& values, bool accumulate) {
  XG_CHECK(values.defined(), op, "values is undefined");
  const IndexList expanded = expand_masks(op, self, indices);
  const Plan plan = make_plan(op, self, expanded);
  XG_CHECK(values.scalar_type() == self.scalar_type(), op,
           "index_put requires the source and destination dtypes match, got ", self.scalar_type(),
           " for the destination and ", values.scalar_type(), " for the source");
  const SizeVector shape = detail::broadcast_shapes(op, plan.result_shape, values.sizes());
  XG_CHECK(IntArrayRef(shape).equals(plan.result_shape), op, "shape mismatch: value tensor of shape ",
           values.sizes(), " cannot be broadcast to indexing result of shape ", IntArrayRef(plan.result_shape));
  Tensor out;
  {
    NoGradGuard no_grad;
    const Tensor rows = plan.to_rows(self.detach()).contiguous();
    const Tensor source = own(plan.result_to_rows(values.detach().expand(plan.result_shape)));
    const Tensor at = plan.linear.reshape({-1});
    Tensor written;
    if (accumulate) {
      written = rows.index_add(0, at, source);
    } else {
      SizeVector along(rows.dim(), 1);
      along[0] = at.numel();
      written = rows.scatter(0, at.reshape(along).expand(source.sizes()), source);
    }
    out = own(plan.from_rows(written, self.sizes()));
  }
  if (needs_grad(self, values)) {
    record("IndexPutBackward0", {self, values}, out,
           [expanded, accumulate, info = InputInfo(values)](const variable_list& g) -> variable_list {
             Tensor dself = accumulate ? g[0] : g[0].index_put(expanded, zeros({}, TensorOptions().dtype(g[0].scalar_type())));
             return {dself, info.reduce(g[0].index(expanded))};
           });
  }
  return out;
}

}  // namespace

/// self with values (broadcast to the shape self.index(indices) has) written at the
/// indexed positions; with accumulate, added there instead (repeated positions add up;
/// without it, which of the repeated writes wins is unspecified, as in LibTorch).
/// dself = g, or g.index_put(indices, 0) without accumulate; dvalues = g.index(indices)
/// summed to values' shape
Tensor index_put(const Tensor& self, const std::vector<std::optional<Tensor>>& indices, const Tensor& values,
                 bool accumulate) {
  return put("index_put", self, indices, values, accumulate);
}

/// index_put written into self.
Tensor& index_put_(Tensor& self, const std::vector<std::optional<Tensor>>& indices, const Tensor& values,
                   bool accumulate) {
  const bool records = needs_grad(self, values);
  detail::check_inplace("index_put_", self, records);
  detail::commit_inplace(self, put("index_put_", records ? detail::snapshot(self) : self, indices, values, accumulate));
  return self;
}

}  // namespace xg
