// Reading and writing at positions given by index tensors and masks: gather, scatter,
// scatter_add, index_select, index_add, masked_fill, masked_select, nonzero.
//
// Each pair of ops here is the other's gradient: what gather reads, scatter_add writes
// back (and the other way round), index_select and index_add likewise; so every
// backward is written with these ops and is differentiable again.

#include "../kernels/loops.h"
#include "../kernels/make.h"
#include "../tensor/shape.h"
#include "op_support.h"

namespace xg {

namespace {

// Checks gather/scatter's index against the tensor it addresses (`target`) and, for
// scatter, the tensor it reads (`source`), as torch does.
void check_index(const char* op, const Tensor& target, int64_t dim, const Tensor& index, const Tensor* source) {
  XG_CHECK(index.scalar_type() == kLong, op, "expected dtype int64 for index, got ", index.scalar_type());
  XG_CHECK(index.dim() == target.dim(), op, "index tensor must have the same number of dimensions as input tensor (",
           index.dim(), " vs ", target.dim(), ")");
  XG_CHECK(!source || source->dim() == target.dim(), op,
           "src tensor must have the same number of dimensions as input tensor (", source ? source->dim() : 0, " vs ",
           target.dim(), ")");
  for (int64_t d = 0; d < index.dim(); ++d) {
    XG_CHECK(d == dim || index.sizes()[d] <= target.sizes()[d], op, "size does not match at dimension ", d,
             ": expected index ", index.sizes(), " to be smaller than self ", target.sizes(), " apart from dimension ",
             dim);
    XG_CHECK(!source || index.sizes()[d] <= source->sizes()[d], op, "size does not match at dimension ", d,
             ": expected index ", index.sizes(), " to be smaller than src ", source->sizes());
  }
}

// Calls visit(t, s) for each element of index, in row-major order: t is the offset, in a
// contiguous tensor of target_sizes, of the element at that position with its coordinate
// along dim replaced by the index value; s is the position's offset in a contiguous tensor
// of source_sizes. Index values must lie in [0, target_sizes[dim]).
template <class Visit>
void for_each_indexed(const char* op, const Tensor& index, int64_t dim, IntArrayRef target_sizes,
                      IntArrayRef source_sizes, Visit visit) {
  if (index.numel() == 0) return;
  // A 0-d tensor is addressed as one of shape [1].
  const SizeVector one{1};
  const IntArrayRef index_sizes = index.dim() == 0 ? IntArrayRef(one) : index.sizes();
  const IntArrayRef tsizes = target_sizes.empty() ? IntArrayRef(one) : target_sizes;
  SizeVector tstrides = detail::contiguous_strides(tsizes);
  const int64_t dim_stride = tstrides[dim], dim_size = tsizes[dim];
  tstrides[dim] = 0;  // the index value gives the coordinate along dim
  const std::array<SizeVector, 2> strides{tstrides,
                                          detail::contiguous_strides(source_sizes.empty() ? IntArrayRef(one) : source_sizes)};
  const Tensor idx = detail::contiguous_data(index);
  const int64_t* i = idx.data_ptr<int64_t>();
  detail::for_each_offset<2>(index_sizes, strides, [&](const std::array<int64_t, 2>& at) {
    const int64_t v = *i++;
    XG_CHECK(v >= 0 && v < dim_size, op, "index ", v, " is out of bounds for dimension ", dim, " with size ", dim_size);
    visit(at[0] + v * dim_stride, at[1]);
  });
}

// out = a copy of self; then, for each position of index, out at that position with
// its dim coordinate replaced by the index value is set to (or, with add, increased by)
// src at the position. Not recorded.
Tensor scatter_data(const char* op, const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src, bool add) {
  Tensor out = detail::empty(self.sizes(), self.scalar_type());
  const Tensor source = detail::contiguous_data(detail::cast(src, self.scalar_type()));
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::map_into<T, T>(out, self, [](T x) { return x; });
    T* o = out.data_ptr<T>();
    const T* s = source.data_ptr<T>();
    for_each_indexed(op, index, dim, self.sizes(), source.sizes(), [&](int64_t t, int64_t i) {
      if constexpr (std::is_same_v<T, bool>) {
        o[t] = add ? (o[t] || s[i]) : s[i];
      } else {
        o[t] = add ? o[t] + s[i] : s[i];
      }
    });
  });
  return out;
}

// out (index's shape) at each position = self at the position with its dim coordinate
// replaced by the index value. Not recorded.
Tensor gather_data(const char* op, const Tensor& self, int64_t dim, const Tensor& index) {
  Tensor out = detail::empty(index.sizes(), self.scalar_type());
  const Tensor input = detail::contiguous_data(self);
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* o = out.data_ptr<T>();
    const T* s = input.data_ptr<T>();
    for_each_indexed(op, index, dim, self.sizes(), index.sizes(), [&](int64_t t, int64_t i) { o[i] = s[t]; });
  });
  return out;
}

// index_select and index_add's 1-D index, seen as a gather/scatter index of `shape`
// (self's shape with index.numel() along dim): the index vector laid along dim, expanded.
Tensor spread_index(const char* op, const Tensor& index, int64_t dim, IntArrayRef self_sizes) {
  XG_CHECK(index.dim() <= 1, op, "index is supposed to be a vector, got ", index.dim(), " dimensions");
  XG_CHECK(index.scalar_type() == kLong, op, "expected dtype int64 for index, got ", index.scalar_type());
  SizeVector shape(self_sizes.begin(), self_sizes.end()), along(self_sizes.size(), 1);
  if (shape.empty()) return index.reshape({});
  shape[dim] = along[dim] = index.numel();
  return index.reshape(along).expand(shape);
}

// The mask, bool and broadcastable with self, as torch requires of masked_fill and masked_select.
SizeVector mask_shape(const char* op, const Tensor& self, const Tensor& mask) {
  XG_CHECK(mask.scalar_type() == kBool, op, "expected a bool mask, got mask with dtype ", mask.scalar_type());
  return detail::broadcast_shapes(op, self.sizes(), mask.sizes());
}

}  // namespace

/// out[i][j][k] = self[index[i][j][k]][j][k] (for dim 0; the index replaces the coordinate
/// along dim). dself = zeros_like(self).scatter_add(dim, index, g)
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool sparse_grad) {
  XG_CHECK(!sparse_grad, "gather", "sparse_grad=true is not supported by xgrad (it has no sparse tensors)");
  dim = detail::wrap_dim("gather", dim, self.dim());
  check_index("gather", self, dim, index, nullptr);
  Tensor out = gather_data("gather", self, dim, index);
  if (needs_grad(self)) {
    record("GatherBackward0", {self}, out, [dim, index, info = InputInfo(self)](const variable_list& g) -> variable_list {
      return {zeros(info.sizes, TensorOptions().dtype(g[0].scalar_type())).scatter_add(dim, index, g[0])};
    });
  }
  return out;
}

namespace {

// scatter (add = false) and scatter_add (add = true) of a tensor src. Both send g[index]
// to src; self's own elements get g, except those scatter overwrote.
Tensor scatter_src(const char* op, const char* node, const Tensor& self, int64_t dim, const Tensor& index,
                   const Tensor& src, bool add) {
  dim = detail::wrap_dim(op, dim, self.dim());
  check_index(op, self, dim, index, &src);
  XG_CHECK(src.scalar_type() == self.scalar_type(), op, "expected self.dtype to be equal to src.dtype (",
           self.scalar_type(), " vs ", src.scalar_type(), ")");
  Tensor out = scatter_data(op, self, dim, index, src, add);
  if (needs_grad(self, src)) {
    record(node, {self, src}, out, [dim, index, add](const variable_list& g) -> variable_list {
      return {add ? g[0] : g[0].scatter(dim, index, 0), g[0].gather(dim, index)};
    });
  }
  return out;
}

}  // namespace

/// out = self, then out[index[i][j][k]][j][k] = src[i][j][k] (for dim 0; when an index
/// repeats, one of the writes wins). dself = g.scatter(dim, index, 0), dsrc = g.gather(dim, index)
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_src("scatter", "ScatterBackward0", self, dim, index, src, false);
}

/// out = self, then out[index[i][j][k]][j][k] = value (for dim 0). dself = g.scatter(dim, index, 0)
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  dim = detail::wrap_dim("scatter", dim, self.dim());
  check_index("scatter", self, dim, index, nullptr);
  const Tensor src = detail::scalar_tensor(value, self.scalar_type()).expand(index.sizes());
  Tensor out = scatter_data("scatter", self, dim, index, src, false);
  if (needs_grad(self)) {
    record("ScatterBackward1", {self}, out, [dim, index](const variable_list& g) -> variable_list {
      return {g[0].scatter(dim, index, 0)};
    });
  }
  return out;
}

Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return write_inplace("scatter_", self, needs_grad(self, src),
                       [&](const Tensor& s) { return scatter(s, dim, index, src); });
}

Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  return write_inplace("scatter_", self, needs_grad(self), [&](const Tensor& s) { return scatter(s, dim, index, value); });
}

/// out = self, then out[index[i][j][k]][j][k] += src[i][j][k] (for dim 0; repeated indices
/// add up). dself = g, dsrc = g.gather(dim, index)
Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_src("scatter_add", "ScatterAddBackward0", self, dim, index, src, true);
}

Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return write_inplace("scatter_add_", self, needs_grad(self, src),
                       [&](const Tensor& s) { return scatter_add(s, dim, index, src); });
}

/// The slices self.select(dim, index[i]), stacked along dim. dself = zeros_like(self).index_add(dim, index, g)
Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  dim = detail::wrap_dim("index_select", dim, self.dim());
  const Tensor spread = spread_index("index_select", index, dim, self.sizes());
  Tensor out = gather_data("index_select", self, dim, spread);
  if (needs_grad(self)) {
    record("IndexSelectBackward0", {self}, out,
           [dim, index, info = InputInfo(self)](const variable_list& g) -> variable_list {
             return {zeros(info.sizes, TensorOptions().dtype(g[0].scalar_type())).index_add(dim, index, g[0])};
           });
  }
  return out;
}

/// out = self, then out.select(dim, index[i]) += alpha * source.select(dim, i) (repeated
/// indices add up). dself = g, dsource = alpha * g.index_select(dim, index)
Tensor index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source, const Scalar& alpha) {
  dim = detail::wrap_dim("index_add", dim, self.dim());
  const Tensor spread = spread_index("index_add", index, dim, self.sizes());
  XG_CHECK(source.sizes().equals(spread.sizes()), "index_add", "source of shape ", source.sizes(),
           " does not match self of shape ", self.sizes(), " with ", index.numel(), " indices along dim ", dim);
  XG_CHECK(source.scalar_type() == self.scalar_type(), "index_add", "expected self.dtype to be equal to source.dtype (",
           self.scalar_type(), " vs ", source.scalar_type(), ")");
  Tensor scaled;
  {
    NoGradGuard no_grad;
    scaled = alpha.toDouble() == 1 ? source : source * alpha;
  }
  Tensor out = scatter_data("index_add", self, dim, spread, scaled, true);
  if (needs_grad(self, source)) {
    record("IndexAddBackward0", {self, source}, out, [dim, index, alpha](const variable_list& g) -> variable_list {
      Tensor gs = g[0].index_select(dim, index);
      return {g[0], alpha.toDouble() == 1 ? gs : gs * alpha};
    });
  }
  return out;
}

namespace {

// masked_fill with a 0-d value, recorded as `node`.
Tensor masked_fill_impl(const char* node, const Tensor& self, const Tensor& mask, const Tensor& value) {
  const SizeVector sizes = mask_shape("masked_fill", self, mask);
  XG_CHECK(value.dim() == 0, "masked_fill", "only supports a 0-dimensional value tensor, but got tensor with ",
           value.dim(), " dimension(s)");
  Tensor out = detail::empty(sizes, self.scalar_type());
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::zip3_into<T>(out, mask, detail::cast(value, self.scalar_type()), self,
                         [](bool c, T v, T x) { return c ? v : x; });
  });
  if (needs_grad(self, value)) {
    record(node, {self, value}, out,
           [mask, self_info = InputInfo(self), value_info = InputInfo(value)](const variable_list& g) -> variable_list {
             return {self_info.reduce(where(mask, 0, g[0])), value_info.reduce(where(mask, g[0], 0))};
           });
  }
  return out;
}

}  // namespace

/// self where mask is false, value where it is true (mask broadcast with self).
/// dself = where(mask, 0, g) summed to self's shape
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  return masked_fill_impl("MaskedFillBackward0", self, mask, detail::scalar_tensor(value, self.scalar_type()));
}

/// The same with a 0-d tensor value; dvalue = sum of g where mask is true
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  return masked_fill_impl("MaskedFillBackward1", self, mask, value);
}

Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Scalar& value) {
  return write_inplace("masked_fill_", self, needs_grad(self),
                       [&](const Tensor& s) { return masked_fill(s, mask, value); });
}

Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Tensor& value) {
  return write_inplace("masked_fill_", self, needs_grad(self, value),
                       [&](const Tensor& s) { return masked_fill(s, mask, value); });
}

/// The coordinates of the nonzero (true) elements, one row each, in row-major order:
/// a Long tensor [count, dim]. Not differentiable.
Tensor nonzero(const Tensor& self) {
  XG_CHECK(self.defined(), "nonzero", "called on an undefined tensor");
  const Tensor is_set = detail::contiguous_data(detail::cast(self, kBool));
  const bool* v = is_set.data_ptr<bool>();
  const int64_t n = self.numel(), ndim = self.dim();
  std::vector<int64_t> coords;
  SizeVector at(static_cast<size_t>(ndim), 0);
  for (int64_t i = 0; i < n; ++i) {
    if (v[i]) coords.insert(coords.end(), at.begin(), at.end());
    for (int64_t d = ndim - 1; d >= 0 && ++at[d] == self.sizes()[d]; --d) at[d] = 0;  // odometer
  }
  const int64_t count = ndim == 0 ? (n == 1 && v[0] ? 1 : 0) : static_cast<int64_t>(coords.size()) / ndim;
  Tensor out = detail::empty({count, ndim}, kLong);
  std::copy(coords.begin(), coords.end(), out.data_ptr<int64_t>());
  return out;
}

/// where(condition): nonzero's coordinates, one Long vector per dim.
std::vector<Tensor> where(const Tensor& condition) {
  const Tensor coords = nonzero(condition);
  std::vector<Tensor> out;
  for (int64_t d = 0; d < coords.sizes()[1]; ++d) out.push_back(detail::contiguous_data(coords.select(1, d)));
  return out;
}

/// The elements of self where mask (broadcast with self) is true, as a vector.
/// dself = g written back at the mask's positions, zeros elsewhere, summed to self's shape
Tensor masked_select(const Tensor& self, const Tensor& mask) {
  const SizeVector sizes = mask_shape("masked_select", self, mask);
  const Tensor flat = nonzero(mask.expand(sizes).reshape({-1})).reshape({-1});  // positions in the flat broadcast
  Tensor out = gather_data("masked_select", self.detach().expand(sizes).reshape({-1}), 0, flat);
  if (needs_grad(self)) {
    record("MaskedSelectBackward0", {self}, out,
           [flat, sizes, info = InputInfo(self)](const variable_list& g) -> variable_list {
             const int64_t n = detail::numel_of(sizes);
             Tensor full = zeros({n}, TensorOptions().dtype(g[0].scalar_type())).index_add(0, flat, g[0]);
             return {info.reduce(full.view(sizes))};
           });
  }
  return out;
}

}  // namespace xg
