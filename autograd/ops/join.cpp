// cat and stack: each input's gradient is its own slice of the output's gradient.

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
  dim = detail::wrap_dim("unbind", dim, self.dim());
  std::vector<Tensor> parts;
  for (int64_t i = 0; i < self.sizes()[dim]; ++i)
    parts.push_back(detail::select_recorded_as("UnbindBackward0", self, dim, i));
  return parts;
}

}  // namespace xg
