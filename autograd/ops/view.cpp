// Views: new sizes/strides/offset over the same storage, no copy.
// The backward of a view maps the gradient back to the base's shape with
// other differentiable ops, so views work under create_graph too.

#include <algorithm>
#include <functional>

#include "op_support.h"

namespace xg {

namespace {

// A view of `base` with the given geometry, sharing its storage.
Tensor make_view(const Tensor& base, SizeVector sizes, SizeVector strides, int64_t offset) {
  const TensorImpl& b = *base.unsafeGetTensorImpl();
  auto impl = std::make_shared<TensorImpl>();
  impl->set_storage(b.storage());
  impl->set_storage_offset(offset);
  impl->set_dtype(b.dtype());
  impl->set_is_view(true);
  impl->set_sizes_and_strides(sizes, strides);
  if (GradMode::is_enabled() && (!b.is_view() || b.view_base())) {  // an in-place write into it changes the base's history
    // The base is the first tensor of the chain of views that has an autograd identity of
    // its own: one that is not a view, or a leaf that requires grad.
    const bool own_identity = !b.view_base() || (base.is_leaf() && base.requires_grad());
    impl->set_view_base(own_identity ? base.impl() : b.view_base());
    impl->set_view_version(b.storage()->version());
  }
  return Tensor(std::move(impl));
}

SizeVector sizes_of(const Tensor& t) { return SizeVector(t.sizes().begin(), t.sizes().end()); }

// Strides for viewing `t` with `shape` without copying, if possible: dims may
// only be merged or split inside runs that are contiguous in memory (torch's computeStride).
std::optional<SizeVector> view_strides(const Tensor& t, IntArrayRef shape) {
  IntArrayRef old_sizes = t.sizes(), old_strides = t.strides();
  if (t.numel() == 0 || old_sizes.empty()) return detail::contiguous_strides(shape);
  SizeVector strides(shape.size());
  int64_t view_d = static_cast<int64_t>(shape.size()) - 1;
  int64_t chunk_base_stride = old_strides.back();
  int64_t tensor_numel = 1, view_numel = 1;
  for (int64_t d = static_cast<int64_t>(old_sizes.size()) - 1; d >= 0; --d) {
    tensor_numel *= old_sizes[d];
    const bool chunk_ends = d == 0 || (old_sizes[d - 1] != 1 && old_strides[d - 1] != tensor_numel * chunk_base_stride);
    if (!chunk_ends) continue;
    while (view_d >= 0 && (view_numel < tensor_numel || shape[view_d] == 1)) {
      strides[view_d] = view_numel * chunk_base_stride;
      view_numel *= shape[view_d];
      --view_d;
    }
    if (view_numel != tensor_numel) return std::nullopt;
    if (d > 0) {
      chunk_base_stride = old_strides[d - 1];
      tensor_numel = 1;
      view_numel = 1;
    }
  }
  if (view_d != -1) return std::nullopt;
  return strides;
}

// Resolves one -1 in a requested shape.
SizeVector infer_size(const char* op, IntArrayRef shape, int64_t numel) {
  SizeVector out(shape.begin(), shape.end());
  int64_t known = 1;
  std::optional<size_t> infer;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == -1) {
      XG_CHECK(!infer, op, "only one dimension can be inferred in shape ", shape);
      infer = i;
    } else {
      XG_CHECK(out[i] >= 0, op, "invalid shape dimension ", out[i], " in ", shape);
      known *= out[i];
    }
  }
  if (infer) {
    XG_CHECK(known != 0 && numel % known == 0, op, "shape ", shape, " is invalid for input of size ", numel);
    out[*infer] = numel / known;
  } else {
    XG_CHECK(known == numel, op, "shape ", shape, " is invalid for input of size ", numel);
  }
  return out;
}

// The gradient of a view that picks part of its base (select, slice): zeros of the
// base's shape with the incoming gradient written where the view looked. It is
// itself recorded, its gradient being the same view of the outer gradient.
Tensor embed_in_zeros(const char* name, const Tensor& grad, const SizeVector& base_sizes,
                      std::function<Tensor(const Tensor&)> take_view) {
  Tensor out = zeros(base_sizes, grad.scalar_type());
  {
    NoGradGuard no_grad;
    take_view(out).copy_(grad);
  }
  if (needs_grad(grad)) {
    record(name, {grad}, out, [take_view](const variable_list& g) -> variable_list { return {take_view(g[0])}; });
  }
  return out;
}

}  // namespace

Tensor detail::view_recorded_as(const char* node, const Tensor& self, IntArrayRef size) {
  SizeVector shape = infer_size("view", size, self.numel());
  std::optional<SizeVector> strides = view_strides(self, shape);
  XG_CHECK(strides.has_value(), "view", "view size ", size, " is not compatible with input tensor's size ",
           self.sizes(), " and stride ", self.strides(),
           " (at least one dimension spans across two contiguous subspaces); use reshape() instead");
  Tensor out = make_view(self, shape, *strides, self.storage_offset());
  if (needs_grad(self)) {
    record(node, {self}, out, [in_sizes = sizes_of(self)](const variable_list& g) -> variable_list {
      return {g[0].reshape(in_sizes)};
    });
  }
  return out;
}

/// The same elements in a new shape (one size may be -1), without a copy: the input's
/// memory must allow it (else use reshape). dx = g reshaped to x's shape.
Tensor view(const Tensor& self, IntArrayRef size) { return detail::view_recorded_as("ViewBackward0", self, size); }

/// view(other.sizes())
Tensor view_as(const Tensor& self, const Tensor& other) { return view(self, other.sizes()); }

/// A view in the new shape when the memory allows one, else a copy (clone, then view).
/// The nodes are LibTorch's: ReshapeAliasBackward0 for the view, CloneBackward0 and
/// UnsafeViewBackward0 for the copy.
Tensor reshape(const Tensor& self, IntArrayRef shape) {
  SizeVector resolved = infer_size("reshape", shape, self.numel());
  if (view_strides(self, resolved)) return detail::view_recorded_as("ReshapeAliasBackward0", self, resolved);
  return detail::view_recorded_as("UnsafeViewBackward0", clone(self), resolved);
}

/// reshape(other.sizes())
Tensor reshape_as(const Tensor& self, const Tensor& other) { return reshape(self, other.sizes()); }

Tensor detail::select_recorded_as(const char* node, const Tensor& self, int64_t dim, int64_t index) {
  XG_CHECK(self.dim() > 0, "select", "select() cannot be applied to a 0-dim tensor");
  dim = detail::wrap_dim("select", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  XG_CHECK(index >= -size && index < size, "select", "index ", index, " is out of bounds for dimension ", dim,
           " with size ", size);
  if (index < 0) index += size;
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  SizeVector new_sizes = impl.sizes(), new_strides = impl.strides();
  new_sizes.erase(new_sizes.begin() + dim);
  new_strides.erase(new_strides.begin() + dim);
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset() + index * impl.strides()[dim]);
  if (needs_grad(self)) {
    record(node, {self}, out, [in_sizes = impl.sizes(), dim, index](const variable_list& g) -> variable_list {
      return {embed_in_zeros("SelectBackwardBackward0", g[0], in_sizes,
                             [dim, index](const Tensor& t) { return t.select(dim, index); })};
    });
  }
  return out;
}

/// The slice at `index` along `dim`, which disappears: [.., n, ..] -> [.., ..].
/// dx = zeros of x's shape with g written at that index.
Tensor select(const Tensor& self, int64_t dim, int64_t index) {
  return detail::select_recorded_as("SelectBackward0", self, dim, index);
}

Tensor detail::slice_recorded_as(const char* node, const Tensor& self, int64_t dim, std::optional<int64_t> start,
                                 std::optional<int64_t> end, int64_t step) {
  XG_CHECK(self.dim() > 0, "slice", "slice() cannot be applied to a 0-dim tensor");
  XG_CHECK(step > 0, "slice", "step must be positive, got ", step);
  dim = detail::wrap_dim("slice", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  // Python slice semantics: negative bounds count from the end, then clamp to [0, size].
  auto clamp_bound = [size](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + size : v, 0, size); };
  const int64_t first = clamp_bound(start.value_or(0));
  const int64_t last = std::max(first, clamp_bound(end.value_or(size)));
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  SizeVector new_sizes = impl.sizes(), new_strides = impl.strides();
  new_sizes[dim] = (last - first + step - 1) / step;
  new_strides[dim] *= step;
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset() + first * impl.strides()[dim]);
  if (needs_grad(self)) {
    record(node, {self}, out,
           [in_sizes = impl.sizes(), dim, first, last, step](const variable_list& g) -> variable_list {
             return {embed_in_zeros("SliceBackwardBackward0", g[0], in_sizes,
                                    [=](const Tensor& t) { return t.slice(dim, first, last, step); })};
           });
  }
  return out;
}

/// Elements start, start+step, ... < end along dim (a view); bounds are clamped like
/// Python slices. dx = zeros of x's shape with g written where the slice looked.
Tensor slice(const Tensor& self, int64_t dim, std::optional<int64_t> start, std::optional<int64_t> end,
             int64_t step) {
  return detail::slice_recorded_as("SliceBackward0", self, dim, start, end, step);
}

/// `length` elements from `start` along dim: slice(dim, start, start + length), with
/// torch's checks on start and length.
Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  XG_CHECK(self.dim() > 0, "narrow", "narrow() cannot be applied to a 0-dim tensor");
  dim = detail::wrap_dim("narrow", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  XG_CHECK(start >= -size && start <= size, "narrow", "start (", start, ") is out of range for dimension ", dim,
           " of size ", size);
  if (start < 0) start += size;
  XG_CHECK(length >= 0 && start + length <= size, "narrow", "start (", start, ") + length (", length,
           ") exceeds dimension size (", size, ")");
  return slice(self, dim, start, start + length, 1);
}

/// The dims reordered: out dim i is x's dim dims[i]. dx = g permuted back.
Tensor permute(const Tensor& self, IntArrayRef dims) {
  const int64_t n = self.dim();
  XG_CHECK(static_cast<int64_t>(dims.size()) == n, "permute", "number of dims ", dims,
           " don't match the tensor's ", n, " dims");
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  SizeVector new_sizes(n), new_strides(n), inverse(n);
  std::vector<bool> seen(n, false);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t d = detail::wrap_dim("permute", dims[i], n);
    XG_CHECK(!seen[d], "permute", "repeated dim ", dims[i], " in ", dims);
    seen[d] = true;
    new_sizes[i] = impl.sizes()[d];
    new_strides[i] = impl.strides()[d];
    inverse[d] = i;
  }
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset());
  if (needs_grad(self)) {
    record("PermuteBackward0", {self}, out, [inverse](const variable_list& g) -> variable_list {
      return {g[0].permute(inverse)};
    });
  }
  return out;
}

Tensor detail::diagonal_backward(const Tensor& grad, IntArrayRef in_sizes, int64_t offset, int64_t dim1, int64_t dim2) {
  return embed_in_zeros("DiagonalBackwardBackward0", grad, SizeVector(in_sizes.begin(), in_sizes.end()),
                        [=](const Tensor& t) { return t.diagonal(offset, dim1, dim2); });
}

/// The diagonal of the (dim1, dim2) planes, shifted by offset (above the main one when
/// offset > 0), as a view moved to the last dim: [.., n, .., m, ..] -> [.., min length].
/// dx = zeros of x's shape with g written on that diagonal.
Tensor diagonal(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  const int64_t n = self.dim();
  XG_CHECK(n >= 2, "diagonal", "expected a tensor with at least 2 dimensions, but got ", n);
  dim1 = detail::wrap_dim("diagonal", dim1, n);
  dim2 = detail::wrap_dim("diagonal", dim2, n);
  XG_CHECK(dim1 != dim2, "diagonal", "dimensions cannot be identical ", dim1, ", ", dim2);
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  // Element i of the diagonal is x[.., i, .., i + offset, ..] (or [.., i - offset, .., i, ..]).
  const int64_t rows = impl.sizes()[dim1], cols = impl.sizes()[dim2];
  const int64_t length = std::max<int64_t>(0, offset >= 0 ? std::min(rows, cols - offset) : std::min(rows + offset, cols));
  int64_t start = impl.storage_offset();
  if (length > 0) start += offset >= 0 ? offset * impl.strides()[dim2] : -offset * impl.strides()[dim1];
  SizeVector new_sizes, new_strides;
  for (int64_t d = 0; d < n; ++d) {
    if (d == dim1 || d == dim2) continue;
    new_sizes.push_back(impl.sizes()[d]);
    new_strides.push_back(impl.strides()[d]);
  }
  new_sizes.push_back(length);
  new_strides.push_back(impl.strides()[dim1] + impl.strides()[dim2]);
  Tensor out = make_view(self, new_sizes, new_strides, start);
  if (needs_grad(self)) {
    record("DiagonalBackward0", {self}, out,
           [in_sizes = impl.sizes(), offset, dim1, dim2](const variable_list& g) -> variable_list {
             return {detail::diagonal_backward(g[0], in_sizes, offset, dim1, dim2)};
           });
  }
  return out;
}

namespace {

// transpose, recorded as `node` (t records its own name, TBackward0).
Tensor transposed(const char* node, const Tensor& self, int64_t dim0, int64_t dim1) {
  const int64_t n = self.dim();
  dim0 = detail::wrap_dim("transpose", dim0, n);
  dim1 = detail::wrap_dim("transpose", dim1, n);
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  SizeVector new_sizes = impl.sizes(), new_strides = impl.strides();
  if (n > 0) {
    std::swap(new_sizes[dim0], new_sizes[dim1]);
    std::swap(new_strides[dim0], new_strides[dim1]);
  }
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset());
  if (needs_grad(self)) {
    record(node, {self}, out, [dim0, dim1](const variable_list& g) -> variable_list {
      return {g[0].transpose(dim0, dim1)};
    });
  }
  return out;
}

}  // namespace

/// dim0 and dim1 swapped. dx = g transposed back.
Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1) {
  return transposed("TransposeBackward0", self, dim0, dim1);
}

/// The transpose of a matrix; 0-d and 1-d tensors are returned as they are.
Tensor t(const Tensor& self) {
  XG_CHECK(self.dim() <= 2, "t", "expects a tensor with <= 2 dimensions, but self is ", self.dim(), "D");
  return self.dim() < 2 ? transposed("TBackward0", self, 0, 0) : transposed("TBackward0", self, 0, 1);
}

/// Size-1 dims repeated to `size` (-1 keeps a dim; new dims go in front), without a copy:
/// their stride is 0. dx = g summed over the repeated dims.
Tensor expand(const Tensor& self, IntArrayRef size, bool /*implicit*/) {
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  const int64_t n = static_cast<int64_t>(size.size()), own = self.dim();
  XG_CHECK(n >= own, "expand", "the number of sizes provided (", n,
           ") must be greater or equal to the number of dimensions in the tensor (", own, ")");
  SizeVector new_sizes(n), new_strides(n);
  for (int64_t i = n - 1; i >= 0; --i) {
    const int64_t j = i - (n - own);  // matching dim of self, if any
    const int64_t have = j >= 0 ? impl.sizes()[j] : 1;
    const int64_t want = size[i] == -1 ? have : size[i];
    XG_CHECK(j >= 0 || size[i] != -1, "expand", "-1 is not allowed in a leading, non-existing dimension ", i);
    XG_CHECK(have == want || have == 1, "expand", "the expanded size of the tensor (", want,
             ") must match the existing size (", have, ") at non-singleton dimension ", i, ".  Target sizes: ",
             size, ".  Tensor sizes: ", self.sizes());
    new_sizes[i] = want;
    new_strides[i] = (j >= 0 && have == want) ? impl.strides()[j] : 0;
  }
  detail::checked_numel("expand", new_sizes);  // no negative size (but -1), no count past int64_t
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset());
  if (needs_grad(self)) {
    record("ExpandBackward0", {self}, out, [in_sizes = impl.sizes()](const variable_list& g) -> variable_list {
      return {detail::sum_to(g[0], in_sizes)};
    });
  }
  return out;
}

/// expand(other.sizes())
Tensor expand_as(const Tensor& self, const Tensor& other) { return expand(self, other.sizes()); }

/// Every dim of size 1 removed. dx = g reshaped to x's shape.
Tensor squeeze(const Tensor& self) {
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  SizeVector new_sizes, new_strides;
  for (size_t i = 0; i < impl.sizes().size(); ++i) {
    if (impl.sizes()[i] == 1) continue;
    new_sizes.push_back(impl.sizes()[i]);
    new_strides.push_back(impl.strides()[i]);
  }
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset());
  if (needs_grad(self)) {
    record("SqueezeBackward0", {self}, out, [in_sizes = impl.sizes()](const variable_list& g) -> variable_list {
      return {g[0].reshape(in_sizes)};
    });
  }
  return out;
}

/// Dim `dim` removed if its size is 1 (else the same shape). dx = g unsqueezed at dim.
Tensor squeeze(const Tensor& self, int64_t dim) {
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  dim = detail::wrap_dim("squeeze", dim, self.dim());
  if (impl.sizes().empty() || impl.sizes()[dim] != 1) return detail::view_recorded_as("SqueezeBackward1", self, self.sizes());
  SizeVector new_sizes = impl.sizes(), new_strides = impl.strides();
  new_sizes.erase(new_sizes.begin() + dim);
  new_strides.erase(new_strides.begin() + dim);
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset());
  if (needs_grad(self)) {
    record("SqueezeBackward1", {self}, out, [dim](const variable_list& g) -> variable_list {
      return {g[0].unsqueeze(dim)};
    });
  }
  return out;
}

/// A new dim of size 1 at `dim`. dx = g squeezed at dim.
Tensor unsqueeze(const Tensor& self, int64_t dim) {
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  const int64_t n = self.dim();
  dim = detail::wrap_dim("unsqueeze", dim, n + 1);
  SizeVector new_sizes, new_strides;
  for (int64_t i = 0; i <= n; ++i) {
    if (i == dim) {  // the new dim of size 1; its stride only has to be consistent
      new_sizes.push_back(1);
      new_strides.push_back(i < n ? impl.sizes()[i] * impl.strides()[i] : 1);
    }
    if (i < n) {
      new_sizes.push_back(impl.sizes()[i]);
      new_strides.push_back(impl.strides()[i]);
    }
  }
  Tensor out = make_view(self, new_sizes, new_strides, impl.storage_offset());
  if (needs_grad(self)) {
    record("UnsqueezeBackward0", {self}, out, [dim](const variable_list& g) -> variable_list {
      return {g[0].squeeze(dim)};
    });
  }
  return out;
}

/// Dims start_dim..end_dim merged into one (a reshape); a 0-d tensor becomes [1].
Tensor flatten(const Tensor& self, int64_t start_dim, int64_t end_dim) {
  const int64_t n = self.dim();
  if (n == 0) return reshape(self, {1});
  start_dim = detail::wrap_dim("flatten", start_dim, n);
  end_dim = detail::wrap_dim("flatten", end_dim, n);
  XG_CHECK(start_dim <= end_dim, "flatten", "start_dim (", start_dim, ") cannot come after end_dim (", end_dim, ")");
  if (start_dim == end_dim) return self;
  SizeVector shape;
  for (int64_t i = 0; i < start_dim; ++i) shape.push_back(self.sizes()[i]);
  int64_t merged = 1;
  for (int64_t i = start_dim; i <= end_dim; ++i) merged *= self.sizes()[i];
  shape.push_back(merged);
  for (int64_t i = end_dim + 1; i < n; ++i) shape.push_back(self.sizes()[i]);
  return reshape(self, shape);
}

}  // namespace xg
