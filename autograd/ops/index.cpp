// Tensor::index and index_put_ for integers, slices, None and Ellipsis (views),
// plus a boolean mask in index_put_ (x.index_put_({x < 0}, 0)).

#include "../tensor/indexing.h"

#include "op_support.h"

namespace xg {

using indexing::TensorIndex;
using Kind = TensorIndex::Kind;

namespace indexing {
TensorIndex::TensorIndex(const char* text) : kind_(Kind::Ellipsis) {
  XG_CHECK(std::string(text) == "...", "index", "expected \"...\" to represent an ellipsis index, but got \"", text, "\"");
}
}  // namespace indexing

/// The view that x[indices] is in Python: an integer selects (the dim disappears), a
/// Slice slices, None inserts a dim of size 1, Ellipsis stands for the dims not named.
/// Built from select, slice and unsqueeze, whose gradients it has.
Tensor Tensor::index(ArrayRef<TensorIndex> indices) const {
  int64_t consumed = 0;  // dims the indices address
  bool ellipsis = false;
  for (const TensorIndex& idx : indices) {
    XG_CHECK(idx.kind() != Kind::Tensor, "index", "indexing with a tensor is not supported by xgrad yet; use "
             "integers, Slice, None and Ellipsis (or where() for masks)");
    XG_CHECK(idx.kind() != Kind::Boolean, "index", "indexing with a bool is not supported by xgrad yet");
    if (idx.kind() == Kind::Ellipsis) {
      XG_CHECK(!ellipsis, "index", "an index can only have a single ellipsis ('...')");
      ellipsis = true;
    } else if (idx.kind() != Kind::None) {
      ++consumed;
    }
  }
  XG_CHECK(consumed <= dim(), "index", "too many indices for tensor of dimension ", dim(), " (got ", consumed, ")");
  Tensor result = *this;
  int64_t d = 0;
  for (const TensorIndex& idx : indices) {
    switch (idx.kind()) {
      case Kind::Integer: result = result.select(d, idx.integer()); break;
      case Kind::Slice: {
        const auto& s = idx.slice();
        result = result.slice(d++, s.start(), s.stop(), s.step());
        break;
      }
      case Kind::None: result = result.unsqueeze(d++); break;
      case Kind::Ellipsis: d += dim() - consumed; break;
      default: break;
    }
  }
  return result;
}

Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  return index(ArrayRef<TensorIndex>(indices));
}

/// Writes value (broadcast) into the region index(indices) of self, or, for a single bool
/// mask, where the mask is true. dself_old = g outside the region, dvalue = g inside it
/// (summed to value's shape).
Tensor& index_put_(Tensor& self, ArrayRef<TensorIndex> indices, const Tensor& value) {
  const bool mask = indices.size() == 1 && indices[0].kind() == Kind::Tensor;
  XG_CHECK(!mask || indices[0].tensor().scalar_type() == kBool, "index_put_",
           "only a bool mask is supported as a tensor index, got ", indices[0].tensor().scalar_type());
  if (mask) return copy_(self, where(indices[0].tensor(), value, self));
  const bool records = autograd::needs_grad(self, value);
  detail::check_inplace("index_put_", self, records);
  if (!records) {
    NoGradGuard no_grad;
    self.index(indices).copy_(value);
    return self;
  }
  // As a value, the result is self with the indexed region replaced; its
  // gradient goes to self outside the region and to value inside it.
  Tensor old = detail::snapshot(self);
  Tensor result = old.detach().clone();
  Tensor outside = ones_like(result);
  {
    NoGradGuard no_grad;
    result.index(indices).copy_(value);
    outside.index(indices).fill_(0);
  }
  std::vector<TensorIndex> kept(indices.begin(), indices.end());
  autograd::record("IndexPutBackward0", {old, value}, result,
                   [outside, kept, value_info = detail::InputInfo(value)](const autograd::variable_list& g) -> autograd::variable_list {
                     return {g[0] * outside, value_info.reduce(g[0].index(kept))};
                   });
  detail::commit_inplace(self, result);
  return self;
}

Tensor& index_put_(Tensor& self, std::initializer_list<TensorIndex> indices, const Tensor& value) {
  return index_put_(self, ArrayRef<TensorIndex>(indices), value);
}

Tensor& index_put_(Tensor& self, ArrayRef<TensorIndex> indices, const Scalar& value) {
  return index_put_(self, indices, detail::wrapped_scalar(value, detail::result_type(self, value)));
}

Tensor& index_put_(Tensor& self, std::initializer_list<TensorIndex> indices, const Scalar& value) {
  return index_put_(self, ArrayRef<TensorIndex>(indices), value);
}

}  // namespace xg
