// Joining (cat, stack) and splitting (unbind, split, chunk, tensor_split). Joined, each
// input's gradient is its own slice of the output's gradient; split, each piece is a view
// whose gradient is written back where the piece looked.

#include <numeric>

#include "op_support.h"

namespace xg {

/// Concatenate along an existing dim; each input gets its slice of the gradient
Tensor cat(TensorList tensors, int64_t dim) {
  XG_CHECK(!tensors.empty(), "cat", "expected a non-empty list of Tensors");
  const Tensor& first = tensors[0];
  XG_CHECK(first.dim() > 0, "cat", "zero-dimensional tensor (at position 0) cannot be concatenated");
  dim = detail::wrap_dim("cat", dim, first.dim());
  SizeVector sizes(first.sizes().begin(), first.sizes().end());
  ScalarType dtype = first.scalar_type();
  sizes[dim] = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    XG_CHECK(t.dim() == first.dim(), "cat", "tensors must have same number of dimensions: got ", first.dim(),
             " and ", t.dim(), " (tensor ", i, ")");
    for (int64_t d = 0; d < t.dim(); ++d)
      XG_CHECK(d == dim || t.size(d) == first.size(d), "cat", "sizes of tensors must match except in dimension ",
               dim, ". Expected size ", first.size(d), " but got size ", t.size(d), " for tensor number ", i,
               " in the list");
    sizes[dim] += t.size(dim);
    dtype = promoteTypes(dtype, t.scalar_type());
  }
  Tensor out = detail::empty(sizes, dtype);
  std::vector<int64_t> lengths;
  {
    NoGradGuard no_grad;
    int64_t offset = 0;
    for (const Tensor& t : tensors) {
      out.narrow(dim, offset, t.size(dim)).copy_(t);
      offset += t.size(dim);
      lengths.push_back(t.size(dim));
    }
  }
  if (autograd::needs_grad_list(tensors)) {
    std::vector<detail::InputInfo> infos;
    for (const Tensor& t : tensors) infos.emplace_back(t);
    record("CatBackward0", tensors, out, [dim, lengths, infos](const variable_list& g) -> variable_list {
      variable_list grads;
      int64_t offset = 0;
      for (size_t i = 0; i < lengths.size(); ++i) {
        grads.push_back(infos[i].reduce(g[0].narrow(dim, offset, lengths[i])));
        offset += lengths[i];
      }
      return grads;
    });
  }
  return out;
}

/// Stack along a new dim
Tensor stack(TensorList tensors, int64_t dim) {
  XG_CHECK(!tensors.empty(), "stack", "expects a non-empty TensorList");
  dim = detail::wrap_dim("stack", dim, tensors[0].dim() + 1);
  std::vector<Tensor> slices;
  std::vector<detail::InputInfo> infos;
  for (size_t i = 0; i < tensors.size(); ++i) {
    XG_CHECK(tensors[i].sizes().equals(tensors[0].sizes()), "stack", "expects each tensor to be equal size, but got ",
             tensors[0].sizes(), " at entry 0 and ", tensors[i].sizes(), " at entry ", i);
    slices.push_back(tensors[i].detach().unsqueeze(dim));
    infos.emplace_back(tensors[i]);
  }
  Tensor out = cat(slices, dim);
  if (autograd::needs_grad_list(tensors)) {
    record("StackBackward0", tensors, out, [dim, infos](const variable_list& g) -> variable_list {
      variable_list grads;
      for (size_t i = 0; i < infos.size(); ++i) grads.push_back(infos[i].reduce(g[0].select(dim, static_cast<int64_t>(i))));
      return grads;
    });
  }
  return out;
}

/// The slices along dim, each a view (select(dim, i) for every i). LibTorch records one
/// UnbindBackward0 node with an output per slice; here each slice records its own node of
/// that name, with select's backward.
std::vector<Tensor> unbind(const Tensor& self, int64_t dim) {
  XG_CHECK(self.dim() > 0, "unbind", "Dimension specified as ", dim, " but tensor has no dimensions");
  dim = detail::wrap_dim("unbind", dim, self.dim());
  std::vector<Tensor> parts;
  for (int64_t i = 0; i < self.sizes()[dim]; ++i)
    parts.push_back(detail::select_recorded_as("UnbindBackward0", self, dim, i));
  return parts;
}

namespace {

// The pieces of `self` along dim with the given lengths, each a view recorded as `node`.
std::vector<Tensor> pieces(const char* node, const Tensor& self, int64_t dim, IntArrayRef lengths) {
  std::vector<Tensor> parts;
  int64_t start = 0;
  for (int64_t length : lengths) {
    parts.push_back(detail::slice_recorded_as(node, self, dim, start, start + length, 1));
    start += length;
  }
  return parts;
}

}  // namespace

/// Pieces of split_size along dim (the last one shorter when split_size does not divide
/// the size), each a view; the gradient of a piece is written back where it looked.
/// LibTorch records one SplitBackward0 node for all pieces; here each piece records its own.
std::vector<Tensor> split(const Tensor& self, int64_t split_size, int64_t dim) {
  XG_CHECK(self.dim() > 0, "split", "expected at least a 1-dimensional tensor");
  dim = detail::wrap_dim("split", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  XG_CHECK(split_size >= 0, "split", "split expects split_size be non-negative, but got split_size=", split_size);
  XG_CHECK(split_size > 0 || size == 0, "split", "split_size can only be 0 if dimension size is 0, but got dimension size of ",
           size);
  std::vector<int64_t> lengths;
  for (int64_t start = 0; start < size; start += split_size) lengths.push_back(std::min(split_size, size - start));
  if (lengths.empty()) lengths.push_back(0);  // an empty dim still gives one (empty) piece
  return pieces("SplitBackward0", self, dim, lengths);
}

/// Pieces of the given lengths along dim, which must add up to the size of dim; each
/// piece a view (LibTorch's split_with_sizes, which split with a list calls).
std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef split_sizes, int64_t dim) {
  XG_CHECK(self.dim() > 0, "split_with_sizes", "expected at least a 1-dimensional tensor");
  dim = detail::wrap_dim("split_with_sizes", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  for (int64_t length : split_sizes)
    XG_CHECK(length >= 0, "split_with_sizes", "split_sizes must be non-negative, but got split_sizes=", split_sizes);
  const int64_t total = std::accumulate(split_sizes.begin(), split_sizes.end(), int64_t{0});
  XG_CHECK(total == size, "split_with_sizes", "split_sizes must sum exactly to ", size,
           " (the input's size at dimension ", dim, "), but got split_sizes=", split_sizes);
  return pieces("SplitWithSizesBackward0", self, dim, split_sizes);
}

/// split_with_sizes(split_sizes, dim): LibTorch's spelling of split with a list of sizes.
std::vector<Tensor> split(const Tensor& self, IntArrayRef split_sizes, int64_t dim) {
  return split_with_sizes(self, split_sizes, dim);
}

/// `chunks` pieces as equal as split makes them: split(ceil(size / chunks), dim), so
/// fewer pieces when the size does not allow `chunks` of them.
std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim) {
  XG_CHECK(self.dim() > 0, "chunk", "expected at least a 1-dimensional tensor");
  XG_CHECK(chunks > 0, "chunk", "chunks must be greater than 0, got: ", chunks);
  dim = detail::wrap_dim("chunk", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  // An empty dim still gives `chunks` (empty) pieces, which split(0) would not.
  if (size == 0) return split_with_sizes(self, std::vector<int64_t>(static_cast<size_t>(chunks), 0), dim);
  return split(self, (size + chunks - 1) / chunks, dim);
}

/// Exactly `sections` slices along dim: the first size % sections of them one element longer
/// (numpy's array_split). Each piece is slice's view.
std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim) {
  XG_CHECK(self.dim() > 0, "tensor_split", "expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
  XG_CHECK(sections > 0, "tensor_split", "number of sections must be larger than 0, got ", sections);
  dim = detail::wrap_dim("tensor_split", dim, self.dim());
  const int64_t size = self.sizes()[dim];
  std::vector<int64_t> lengths;
  for (int64_t i = 0; i < sections; ++i) lengths.push_back(size / sections + (i < size % sections ? 1 : 0));
  return pieces("SliceBackward0", self, dim, lengths);
}

/// The slices [0, i0), [i0, i1), ..., [ilast, size) along dim, with Python's slice bounds
/// (negative indices count from the end; a slice that would run backwards is empty).
std::vector<Tensor> tensor_split(const Tensor& self, IntArrayRef indices, int64_t dim) {
  XG_CHECK(self.dim() > 0, "tensor_split", "expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
  dim = detail::wrap_dim("tensor_split", dim, self.dim());
  std::vector<Tensor> parts;
  std::optional<int64_t> start = 0;
  for (int64_t index : indices) {
    parts.push_back(slice(self, dim, start, index, 1));
    start = index;
  }
  parts.push_back(slice(self, dim, start, std::nullopt, 1));
  return parts;
}

}  // namespace xg
