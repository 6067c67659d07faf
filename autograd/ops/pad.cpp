// Padding: a border around the last dims of a tensor, as LibTorch's PadNd.cpp and its
// reflection/replication kernels. `pad` lists (before, after) pairs from the last dim
// backwards: {left, right, top, bottom} pads the width by left/right and the height by
// top/bottom. A negative amount crops.
//   constant:   the border is `value`;                       d self = g cropped back
//   reflect:    a b c d -> c b | a b c d | c b (the edge not repeated)
//   replicate:  a b c d -> a a | a b c d | d d
//   circular:   a b c d -> c d | a b c d | a b (written with slices and copy_, as LibTorch)
// reflect and replicate read every output element from one input element, so they are an
// index_select per padded dim; their gradient adds each output element back onto the element
// it was read from (index_add), a linear map whose own gradient is the padding again.

#include "../graph/grad_mode.h"
#include "op_support.h"

namespace xg {

namespace {

SizeVector copy_of(IntArrayRef values) { return SizeVector(values.begin(), values.end()); }

enum class Border { reflect, replicate };

// For each of the n + before + after output positions along one dim, the input position it
// reads.
Tensor source_positions(Border border, int64_t n, int64_t before, int64_t after) {
  std::vector<int64_t> positions;
  for (int64_t o = 0; o < n + before + after; ++o) {
    int64_t i = o - before;
    if (border == Border::reflect) {
      if (i < 0) i = -i;
      if (i >= n) i = 2 * (n - 1) - i;
    } else {
      i = std::clamp<int64_t>(i, 0, n - 1);
    }
    positions.push_back(i);
  }
  return tensor(positions);
}

// What reflection_pad{1,2}d and replication_pad{1,2}d share: their name, their node names, the
// padded dims (1 or 2) and the border rule.
struct BorderPad {
  const char* op;
  const char* node;
  const char* backward_op;
  const char* backward_node;
  int64_t dims;
  Border border;
};

constexpr BorderPad reflection1d{"reflection_pad1d", "ReflectionPad1DBackward0", "reflection_pad1d_backward",
                                 "ReflectionPad1DBackwardBackward0", 1, Border::reflect};
constexpr BorderPad reflection2d{"reflection_pad2d", "ReflectionPad2DBackward0", "reflection_pad2d_backward",
                                 "ReflectionPad2DBackwardBackward0", 2, Border::reflect};
constexpr BorderPad replication1d{"replication_pad1d", "ReplicationPad1DBackward0", "replication_pad1d_backward",
                                  "ReplicationPad1DBackwardBackward0", 1, Border::replicate};
constexpr BorderPad replication2d{"replication_pad2d", "ReplicationPad2DBackward0", "replication_pad2d_backward",
                                  "ReplicationPad2DBackwardBackward0", 2, Border::replicate};

// The checks LibTorch makes of a reflection or replication pad of an input of `sizes`, and
// the source positions of each padded dim, innermost dim first.
std::vector<Tensor> border_positions(const BorderPad& p, IntArrayRef sizes, IntArrayRef padding) {
  const int64_t dims = p.dims, rank = static_cast<int64_t>(sizes.size());
  XG_CHECK(static_cast<int64_t>(padding.size()) == 2 * dims, p.op, "padding size is expected to be ", 2 * dims,
           ", but got: ", padding.size());
  XG_CHECK(rank == dims + 1 || rank == dims + 2, p.op, dims + 1, "D or ", dims + 2,
           "D (batch mode) tensor expected for input, but got sizes ", sizes);
  for (int64_t d = rank - dims - 1; d < rank - dims; ++d)
    XG_CHECK(sizes[d] > 0, p.op, "expected an input with a non-zero channel dim, got sizes ", sizes);
  std::vector<Tensor> positions;
  for (int64_t k = 0; k < dims; ++k) {
    const int64_t dim = rank - 1 - k, n = sizes[dim], before = padding[2 * k], after = padding[2 * k + 1];
    XG_CHECK(n > 0, p.op, "cannot pad the empty dimension ", dim, " of input sizes ", sizes);
    if (p.border == Border::reflect)
      XG_CHECK(before < n && after < n, p.op,
               "Padding size should be less than the corresponding input dimension, but got: padding (", before,
               ", ", after, ") at dimension ", dim, " of input sizes ", sizes);
    XG_CHECK(n + before + after >= 1, p.op, "input sizes ", sizes, " are too small for padding (", before, ", ",
             after, ") at dimension ", dim, ": the output would have ", n + before + after, " elements there");
    positions.push_back(source_positions(p.border, n, before, after));
  }
  return positions;
}

Tensor border_pad_backward(const BorderPad& p, const Tensor& grad, const Tensor& self, IntArrayRef padding);

// y = self read at the source positions of each padded dim; dself = border_pad_backward(g).
Tensor border_pad(const BorderPad& p, const Tensor& self, IntArrayRef padding) {
  XG_CHECK(self.defined(), p.op, "input must be defined");
  const std::vector<Tensor> positions = border_positions(p, self.sizes(), padding);
  dispatch_floating(self.scalar_type(), p.op, [](auto) {});
  Tensor out;
  {
    NoGradGuard no_grad;
    out = self.detach();
    for (int64_t k = 0; k < p.dims; ++k) out = out.index_select(self.dim() - 1 - k, positions[k]);
  }
  if (needs_grad(self)) {
    record(p.node, {self}, out,
           [&p, self_saved = SavedVariable(self, false), padding = copy_of(padding)](const variable_list& g) -> variable_list {
             return {border_pad_backward(p, g[0], self_saved.unpack(), padding)};
           });
  }
  return out;
}

// Each element of grad added onto the element of self's shape it was read from; the gradient
// of this linear map is the padding again: dgrad = border_pad(gg). self only gives the shape
// (its gradient is zero), but LibTorch records it as an input, so the graph does too.
Tensor border_pad_backward(const BorderPad& p, const Tensor& grad, const Tensor& self, IntArrayRef padding) {
  XG_CHECK(self.defined(), p.backward_op, "self must be defined");
  const IntArrayRef self_sizes = self.sizes();
  const std::vector<Tensor> positions = border_positions(p, self_sizes, padding);
  SizeVector expected = copy_of(self_sizes);
  for (int64_t k = 0; k < p.dims; ++k) expected[expected.size() - 1 - k] = positions[k].numel();
  XG_CHECK(grad.defined() && grad.sizes() == IntArrayRef(expected), p.backward_op, "grad_output must have sizes ",
           IntArrayRef(expected), ", got ", grad.defined() ? grad.sizes() : IntArrayRef{});
  Tensor out;
  {
    NoGradGuard no_grad;
    out = grad.detach();
    for (int64_t k = 0; k < p.dims; ++k) {
      const int64_t dim = out.dim() - 1 - k;
      SizeVector sizes = copy_of(out.sizes());
      sizes[dim] = self_sizes[dim];
      out = zeros(sizes, grad.scalar_type()).index_add(dim, positions[k], out);
    }
  }
  if (needs_grad(grad, self)) {
    record(p.backward_node, {grad, self}, out,
           [&p, self_info = InputInfo(self), self_needs_grad = self.requires_grad(),
            padding = copy_of(padding)](const variable_list& g) -> variable_list {
             return {border_pad(p, g[0], padding), self_needs_grad ? zeros(self_info.sizes, self_info.dtype) : Tensor()};
           });
  }
  return out;
}

}  // namespace

/// self with a border of `value` around its last pad.size() / 2 dims (pairs from the last dim
/// backwards; negative amounts crop); dself = g with the border cropped off
/// (constant_pad_nd(g, -pad))
Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value) {
  const char* op = "constant_pad_nd";
  XG_CHECK(self.defined(), op, "input must be defined");
  XG_CHECK(pad.size() % 2 == 0, op, "Length of pad must be even but instead it equals ", pad.size());
  const int64_t padded_dims = static_cast<int64_t>(pad.size()) / 2;
  XG_CHECK(padded_dims <= self.dim(), op,
           "Length of pad should be no more than twice the number of dimensions of the input. Pad length is ",
           pad.size(), " while the input has ", self.dim(), " dimensions.");
  SizeVector out_sizes = copy_of(self.sizes());
  Tensor kept = self.detach();  // the part of self inside the output (negative pads crop)
  for (int64_t k = 0; k < padded_dims; ++k) {
    const int64_t dim = self.dim() - 1 - k, before = pad[2 * k], after = pad[2 * k + 1];
    out_sizes[dim] = self.size(dim) + before + after;
    XG_CHECK(out_sizes[dim] >= 0, op, "The input size ", self.size(dim), ", plus negative padding ", before, " and ",
             after, " resulted in a negative output size, which is invalid. Check dimension ", dim,
             " of your input.");
    const int64_t start = std::max<int64_t>(-before, 0), stop = self.size(dim) - std::max<int64_t>(-after, 0);
    kept = kept.narrow(dim, std::min(start, self.size(dim)), std::max<int64_t>(stop - start, 0));
  }
  Tensor out = full(out_sizes, value, self.scalar_type());
  {
    NoGradGuard no_grad;
    Tensor window = out;  // where kept lands in out
    for (int64_t k = 0; k < padded_dims; ++k) {
      const int64_t dim = self.dim() - 1 - k;
      window = window.narrow(dim, std::max<int64_t>(pad[2 * k], 0), kept.size(dim));
    }
    if (kept.numel() > 0) window.copy_(kept);
  }
  if (needs_grad(self)) {
    record("ConstantPadNdBackward0", {self}, out, [pad = copy_of(pad)](const variable_list& g) -> variable_list {
      SizeVector negated;
      for (int64_t amount : pad) negated.push_back(-amount);
      return {constant_pad_nd(g[0], negated, 0)};
    });
  }
  return out;
}

/// self [N, C, W] (or [C, W]) padded along W with its reflection at each edge (the edge not
/// repeated), padding {left, right}, each smaller than W;
/// dself = reflection_pad1d_backward(g, self, padding)
Tensor reflection_pad1d(const Tensor& self, IntArrayRef padding) { return border_pad(reflection1d, self, padding); }

/// reflection_pad1d's gradient: each element of grad_output added onto the element of self
/// it was read from; dgrad_output = reflection_pad1d(gg)
Tensor reflection_pad1d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef padding) {
  return border_pad_backward(reflection1d, grad_output, self, padding);
}

/// self [N, C, H, W] (or [C, H, W]) padded with its reflection at each edge, padding
/// {left, right, top, bottom}; dself = reflection_pad2d_backward(g, self, padding)
Tensor reflection_pad2d(const Tensor& self, IntArrayRef padding) { return border_pad(reflection2d, self, padding); }

/// reflection_pad2d's gradient; dgrad_output = reflection_pad2d(gg)
Tensor reflection_pad2d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef padding) {
  return border_pad_backward(reflection2d, grad_output, self, padding);
}

/// self [N, C, W] (or [C, W]) padded along W by repeating its edge elements, padding
/// {left, right}; dself = replication_pad1d_backward(g, self, padding)
Tensor replication_pad1d(const Tensor& self, IntArrayRef padding) { return border_pad(replication1d, self, padding); }

/// replication_pad1d's gradient: the edge elements collect the gradient of their copies;
/// dgrad_output = replication_pad1d(gg)
Tensor replication_pad1d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef padding) {
  return border_pad_backward(replication1d, grad_output, self, padding);
}

/// self [N, C, H, W] (or [C, H, W]) padded by repeating its edge rows and columns, padding
/// {left, right, top, bottom}; dself = replication_pad2d_backward(g, self, padding)
Tensor replication_pad2d(const Tensor& self, IntArrayRef padding) { return border_pad(replication2d, self, padding); }

/// replication_pad2d's gradient; dgrad_output = replication_pad2d(gg)
Tensor replication_pad2d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef padding) {
  return border_pad_backward(replication2d, grad_output, self, padding);
}

/// self [N, C, *] padded circularly over its last pad.size() / 2 dims: the border before a dim
/// is the dim's far end, the border after it its near end (each at most the dim's size;
/// negative amounts crop). As in LibTorch, an empty result gets the (cropped) input and then
/// the borders copied in from the opposite side of the result itself, so autograd records
/// CopySlices nodes and the gradient follows from copy_ and slice.
Tensor _pad_circular(const Tensor& self, IntArrayRef pad) {
  const char* op = "_pad_circular";
  XG_CHECK(self.defined(), op, "input must be defined");
  const int64_t padded_dims = self.dim() - 2;
  XG_CHECK(padded_dims >= 1 && static_cast<int64_t>(pad.size()) == 2 * padded_dims, op,
           "Expected padding of length ", 2 * std::max<int64_t>(padded_dims, 1), " for input of sizes ", self.sizes(),
           ", but got ", pad.size());
  SizeVector out_sizes = copy_of(self.sizes());
  for (int64_t k = 0; k < padded_dims; ++k) {
    const int64_t dim = self.dim() - 1 - k, before = pad[2 * k], after = pad[2 * k + 1];
    XG_CHECK(before <= self.size(dim) && after <= self.size(dim), op,
             "Padding value causes wrapping around more than once: padding (", before, ", ", after,
             ") at dimension ", dim, " of input sizes ", self.sizes());
    out_sizes[dim] = self.size(dim) + before + after;
    XG_CHECK(out_sizes[dim] >= 0, op, "Negative padding value is resulting in an empty dimension: padding (",
             before, ", ", after, ") at dimension ", dim, " of input sizes ", self.sizes());
    // A border is copied from what the crop keeps: it must not be longer (LibTorch refuses the
    // overlapping copy this would be).
    const int64_t kept = self.size(dim) + std::min<int64_t>(before, 0) + std::min<int64_t>(after, 0);
    XG_CHECK(before <= kept && after <= kept, op, "Padding value causes wrapping around more than once: padding (",
             before, ", ", after, ") at dimension ", dim, " of input sizes ", self.sizes(), " asks for a border longer than the ",
             kept, " element(s) its negative part keeps");
  }
  // zeros, not empty: the borders of the last dim are copied along whole rows, including the
  // border rows of the dim before, which are written only afterwards.
  Tensor out = zeros(out_sizes, self.scalar_type());
  Tensor into = out, from = self;
  for (int64_t k = 0; k < padded_dims; ++k) {
    const int64_t dim = self.dim() - 1 - k, before = pad[2 * k], after = pad[2 * k + 1];
    into = into.slice(dim, std::max<int64_t>(before, 0), out_sizes[dim] - std::max<int64_t>(after, 0));
    from = from.slice(dim, std::max<int64_t>(-before, 0), self.size(dim) - std::max<int64_t>(-after, 0));
  }
  into.copy_(from);
  // The borders, one dim at a time, read from the result (so corners wrap in both dims).
  for (int64_t k = 0; k < padded_dims; ++k) {
    const int64_t dim = self.dim() - 1 - k, before = pad[2 * k], after = pad[2 * k + 1], size = out_sizes[dim];
    const int64_t inner_end = size - std::max<int64_t>(after, 0), inner_start = std::max<int64_t>(before, 0);
    if (before > 0) out.slice(dim, 0, before).copy_(out.slice(dim, inner_end - before, inner_end));
    if (after > 0) out.slice(dim, size - after, size).copy_(out.slice(dim, inner_start, inner_start + after));
  }
  return out;
}

/// LibTorch's torch::pad: mode "constant" (constant_pad_nd with value, default 0), or
/// "reflect", "replicate", "circular" over the last 1 or 2 dims (pad of 2 or 4 amounts, input
/// with 1 or 2 more dims; circular also 3), each through its op above
Tensor pad(const Tensor& self, IntArrayRef pad, std::string_view mode, std::optional<double> value) {
  XG_CHECK(self.defined(), "pad", "input must be defined");
  XG_CHECK(pad.size() % 2 == 0, "pad", "Padding length must be divisible by 2");
  XG_CHECK(static_cast<int64_t>(pad.size()) / 2 <= self.dim(), "pad", "Padding length too large");
  if (mode == "constant") return constant_pad_nd(self, pad, value.value_or(0.0));
  XG_CHECK(!value.has_value() || *value == 0, "pad", "Padding mode \"", mode,
           "\" doesn't take in value argument");
  const int64_t padded_dims = static_cast<int64_t>(pad.size()) / 2;
  const bool supported = padded_dims >= 1 && padded_dims <= 3 &&
                         (self.dim() == padded_dims + 1 || self.dim() == padded_dims + 2) &&
                         (padded_dims < 3 || mode == "circular");
  XG_CHECK(supported, "pad", "padding ", pad, " of input sizes ", self.sizes(), " in mode ", mode,
           ": only 1-d and 2-d (and circular 3-d) padding of an input with 1 or 2 more dims is supported");
  if (mode == "reflect") return padded_dims == 1 ? reflection_pad1d(self, pad) : reflection_pad2d(self, pad);
  if (mode == "replicate") return padded_dims == 1 ? replication_pad1d(self, pad) : replication_pad2d(self, pad);
  if (mode == "circular") {
    // circular pads need a batch dim; an unbatched input gets one for the call
    if (self.dim() == padded_dims + 1) return _pad_circular(self.unsqueeze(0), pad).squeeze(0);
    return _pad_circular(self, pad);
  }
  XG_CHECK(false, "pad", "Unrecognised padding mode ", mode);
  return {};
}

}  // namespace xg
