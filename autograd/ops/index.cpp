// Tensor::index and index_put_ with Python-style indices: integers, slices, None and
// Ellipsis (views), index tensors and bool masks (advanced_index.cpp).

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

namespace {

// Applies the integers, slices, None and Ellipsis of `indices` to self as views, and
// returns the view; each tensor index goes to `tensors` at the dim of the view it
// indexes (a mask covers mask.dim() dims).
Tensor basic_view(const char* op, const Tensor& self, ArrayRef<TensorIndex> indices,
                  std::vector<std::optional<Tensor>>& tensors) {
  int64_t consumed = 0;  // dims the indices address
  bool ellipsis = false;
  for (const TensorIndex& idx : indices) {
    XG_CHECK(idx.kind() != Kind::Boolean, op, "indexing with a bool is not supported by xgrad yet");
    if (idx.kind() == Kind::Ellipsis) {
      XG_CHECK(!ellipsis, op, "an index can only have a single ellipsis ('...')");
      ellipsis = true;
    } else if (idx.kind() == Kind::Tensor) {
      XG_CHECK(idx.tensor().defined(), op, "an index tensor is undefined");
      consumed += idx.tensor().scalar_type() == kBool ? idx.tensor().dim() : 1;
    } else if (idx.kind() != Kind::None) {
      ++consumed;
    }
  }
  XG_CHECK(consumed <= self.dim(), op, "too many indices for tensor of dimension ", self.dim(), " (got ", consumed, ")");
  Tensor result = self;
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
      case Kind::Ellipsis: d += self.dim() - consumed; break;
      case Kind::Tensor: {
        tensors.resize(static_cast<size_t>(d) + 1);
        tensors[static_cast<size_t>(d)] = idx.tensor();
        d += idx.tensor().scalar_type() == kBool ? idx.tensor().dim() : 1;
        break;
      }
      default: break;
    }
  }
  return result;
}

}  // namespace

/// x[indices] in Python: an integer selects (the dim disappears), a Slice slices, None
/// inserts a dim of size 1, Ellipsis stands for the dims not named: a view, built from
/// select, slice and unsqueeze, whose gradients it has. Index tensors (kLong, any shape)
/// and bool masks then index that view (xg::index(view, tensors), advanced_index.cpp).
Tensor Tensor::index(ArrayRef<TensorIndex> indices) const {
  std::vector<std::optional<Tensor>> tensors;
  Tensor view = basic_view("index", *this, indices, tensors);
  return tensors.empty() ? view : xg::index(view, tensors);
}

Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  return index(ArrayRef<TensorIndex>(indices));
}

/// Writes value (broadcast) into self.index(indices), as x[indices] = value in Python:
/// copy_ into the view the integers and slices pick, then, with index tensors or masks,
/// xg::index_put_ on it. Written into a view of self, this records CopySlices on self.
Tensor& index_put_(Tensor& self, ArrayRef<TensorIndex> indices, const Tensor& value) {
  XG_CHECK(self.defined() && value.defined(), "index_put_", "called with an undefined tensor");
  detail::check_inplace("index_put_", self, needs_grad(self, value));
  std::vector<std::optional<Tensor>> tensors;
  Tensor region = basic_view("index_put_", self, indices, tensors);
  if (tensors.empty()) {
    region.copy_(value);
  } else {
    index_put_(region, tensors, value.scalar_type() == self.scalar_type() ? value : value.to(self.scalar_type()));
  }
  return self;
}

Tensor& index_put_(Tensor& self, std::initializer_list<TensorIndex> indices, const Tensor& value) {
  return index_put_(self, ArrayRef<TensorIndex>(indices), value);
}

Tensor& index_put_(Tensor& self, ArrayRef<TensorIndex> indices, const Scalar& value) {
  return index_put_(self, indices, detail::scalar_tensor(value, self.scalar_type()));
}

Tensor& index_put_(Tensor& self, std::initializer_list<TensorIndex> indices, const Scalar& value) {
  return index_put_(self, ArrayRef<TensorIndex>(indices), value);
}

}  // namespace xg
