// Ops that move or repeat elements without changing them: tril/triu, diag, flip, roll,
// repeat, repeat_interleave. Each forward is a copy built from other ops with autograd
// off, then recorded under LibTorch's node; each backward moves the gradient back.

#include <set>

#include "op_support.h"

namespace xg {

namespace {

// Where the element [.., i, j] lies above diagonal k (j - i > k): a Bool [rows, cols].
Tensor above_diagonal(const Tensor& self, int64_t k) {
  const int64_t rows = self.size(-2), cols = self.size(-1);
  return (arange(cols).view({1, cols}) - arange(rows).view({rows, 1})) > k;
}

// tril (Lower) or triu: the elements on the wrong side of diagonal k zeroed.
template <bool Lower>
Tensor triangle(const char* op, const char* node, const Tensor& self, int64_t k) {
  XG_CHECK(self.dim() >= 2, op, "input tensor must have at least 2 dimensions, got ", self.dim());
  Tensor out;
  {
    NoGradGuard no_grad;
    out = self.masked_fill(Lower ? above_diagonal(self, k) : logical_not(above_diagonal(self, k - 1)), 0);
  }
  if (needs_grad(self)) {
    record(node, {self}, out, [k](const variable_list& g) -> variable_list {
      return {Lower ? g[0].tril(k) : g[0].triu(k)};
    });
  }
  return out;
}

}  // namespace

/// The lower triangle of the last two dims: x[.., i, j] where j - i <= diagonal, else 0.
/// dx = tril(g, diagonal)
Tensor tril(const Tensor& self, int64_t diagonal) { return triangle<true>("tril", "TrilBackward0", self, diagonal); }

/// The upper triangle: x[.., i, j] where j - i >= diagonal, else 0. dx = triu(g, diagonal)
Tensor triu(const Tensor& self, int64_t diagonal) { return triangle<false>("triu", "TriuBackward0", self, diagonal); }

Tensor& tril_(Tensor& self, int64_t diagonal) {
  return write_inplace("tril_", self, needs_grad(self),
                       [&](const Tensor& s) { return triangle<true>("tril_", "TrilBackward0", s, diagonal); });
}

Tensor& triu_(Tensor& self, int64_t diagonal) {
  return write_inplace("triu_", self, needs_grad(self),
                       [&](const Tensor& s) { return triangle<false>("triu_", "TriuBackward0", s, diagonal); });
}

/// A 1-d x as the diagonal `diagonal` of a square matrix of zeros (n + |diagonal| wide),
/// or the diagonal of a matrix x as a 1-d copy. dx = g.diagonal(diagonal) for the first,
/// zeros with g on the diagonal for the second.
Tensor diag(const Tensor& self, int64_t diagonal) {
  XG_CHECK(self.dim() == 1 || self.dim() == 2, "diag", "supports 1D or 2D tensors, got ", self.dim(), "D");
  Tensor out;
  {
    NoGradGuard no_grad;
    if (self.dim() == 2) {
      out = self.diagonal(diagonal).clone();
    } else {
      const int64_t n = self.size(0) + (diagonal < 0 ? -diagonal : diagonal);
      out = zeros({n, n}, self.scalar_type());
      out.diagonal(diagonal).copy_(self);
    }
  }
  if (needs_grad(self)) {
    record("DiagBackward0", {self}, out,
           [diagonal, in_sizes = SizeVector(self.sizes().begin(), self.sizes().end())](const variable_list& g) -> variable_list {
             if (in_sizes.size() == 1) return {g[0].diagonal(diagonal)};
             return {detail::diagonal_backward(g[0], in_sizes, diagonal, 0, 1)};
           });
  }
  return out;
}

/// The order of the elements reversed along each of dims (a copy). dx = flip(g, dims)
Tensor flip(const Tensor& self, IntArrayRef dims) {
  std::set<int64_t> seen;
  for (int64_t d : dims)
    XG_CHECK(seen.insert(detail::wrap_dim("flip", d, self.dim())).second, "flip", "dims has duplicates: ", dims);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = self.clone();  // a 0-d tensor has nothing to reverse
    if (self.dim() > 0)
      for (int64_t d : seen) out = out.index_select(d, arange(self.size(d) - 1, -1, -1));
  }
  if (needs_grad(self)) {
    record("FlipBackward0", {self}, out, [dims = SizeVector(dims.begin(), dims.end())](const variable_list& g) -> variable_list {
      return {g[0].flip(dims)};
    });
  }
  return out;
}

namespace {

// x rolled by `shift` along dim: out[(i + shift) mod n] = x[i]; two slices joined by cat.
Tensor rolled(const Tensor& x, int64_t shift, int64_t dim) {
  const int64_t n = x.size(dim);
  if (n == 0) return x;
  const int64_t s = ((shift % n) + n) % n;
  if (s == 0) return x;
  return cat({x.narrow(dim, n - s, s), x.narrow(dim, 0, n - s)}, dim);
}

}  // namespace

/// Elements shifted along dims, those that fall off the end coming back at the front:
/// out[(i + shift) mod n] = x[i]. With no dims, the flattened tensor is rolled by the
/// one shift and reshaped back. dx = roll(g, -shifts, dims)
Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  XG_CHECK(!shifts.empty(), "roll", "`shifts` required");
  XG_CHECK(!dims.empty() || shifts.size() == 1, "roll", "shifts and dimensions must align. shifts: ", shifts.size(),
           ", dims: ", dims.size());
  XG_CHECK(dims.empty() || shifts.size() == dims.size(), "roll", "shifts and dimensions must align. shifts: ",
           shifts.size(), ", dims: ", dims.size());
  for (int64_t d : dims) detail::wrap_dim("roll", d, self.dim());
  Tensor out;
  {
    NoGradGuard no_grad;
    // A fresh copy, whose slices are rolled in turn (rolled makes new tensors).
    if (dims.empty()) {
      out = rolled(self.reshape({-1}).clone(), shifts[0], 0).view(self.sizes());
    } else {
      out = self.clone();
      for (size_t i = 0; i < dims.size(); ++i) out = rolled(out, shifts[i], detail::wrap_dim("roll", dims[i], self.dim()));
    }
  }
  if (needs_grad(self)) {
    SizeVector back;
    for (int64_t s : shifts) back.push_back(-s);
    record("RollBackward0", {self}, out,
           [back, dims = SizeVector(dims.begin(), dims.end())](const variable_list& g) -> variable_list {
             return {g[0].roll(back, dims)};
           });
  }
  return out;
}

/// The tensor tiled: repeats[i] copies along dim i (x is first given leading dims of size 1
/// when repeats is longer). out has sizes repeats[i] * size[i]. dx = g summed over the copies.
Tensor repeat(const Tensor& self, IntArrayRef repeats) {
  const int64_t n = static_cast<int64_t>(repeats.size());
  XG_CHECK(n >= self.dim(), "repeat", "number of dimensions of repeat dims (", n,
           ") can not be smaller than number of dimensions of tensor (", self.dim(), ")");
  for (int64_t r : repeats) XG_CHECK(r >= 0, "repeat", "repeats must be non-negative, got ", repeats);
  // x seen as [1, s0, 1, s1, ...] and expanded to [r0, s0, r1, s1, ...]: a copy of it,
  // merged pairwise, is the tiling.
  SizeVector padded(static_cast<size_t>(n - self.dim()), 1), interleaved, tiled_sizes, out_sizes;
  padded.insert(padded.end(), self.sizes().begin(), self.sizes().end());
  for (int64_t i = 0; i < n; ++i) {
    interleaved.push_back(1);
    interleaved.push_back(padded[i]);
    tiled_sizes.push_back(repeats[i]);
    tiled_sizes.push_back(padded[i]);
    out_sizes.push_back(repeats[i] * padded[i]);
  }
  Tensor out;
  {
    NoGradGuard no_grad;
    out = self.reshape(interleaved).expand(tiled_sizes).clone().view(out_sizes);
  }
  if (needs_grad(self)) {
    SizeVector copy_dims;
    for (int64_t i = 0; i < n; ++i) copy_dims.push_back(2 * i);
    record("RepeatBackward0", {self}, out,
           [tiled_sizes, copy_dims, in_sizes = SizeVector(self.sizes().begin(), self.sizes().end())](
               const variable_list& g) -> variable_list {
             return {g[0].reshape(tiled_sizes).sum(copy_dims).reshape(in_sizes)};
           });
  }
  return out;
}

/// Each element repeated `repeats` times in place along dim (of the flattened tensor when
/// dim is not given): [a, b] -> [a, a, b, b]. It is index_select with the index
/// [0, 0, 1, 1, ...], as in LibTorch, and records its node (IndexSelectBackward0).
Tensor repeat_interleave(const Tensor& self, int64_t repeats, std::optional<int64_t> dim,
                         std::optional<int64_t> output_size) {
  XG_CHECK(repeats >= 0, "repeat_interleave", "repeats can not be negative, got ", repeats);
  const Tensor input = dim ? self : self.reshape({-1});
  const int64_t d = dim ? detail::wrap_dim("repeat_interleave", *dim, self.dim()) : 0;
  const int64_t n = input.dim() == 0 ? 1 : input.size(d);
  XG_CHECK(!output_size || *output_size == n * repeats, "repeat_interleave", "output_size ", *output_size,
           " does not match the repeated size ", n * repeats);
  return input.index_select(d, arange(n).view({n, 1}).expand({n, repeats}).reshape({-1}));
}

}  // namespace xg
