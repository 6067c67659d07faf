#include "inplace.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "../kernels/loops.h"
#include "../kernels/make.h"
#include "autograd_meta.h"
#include "grad_mode.h"

namespace xg::detail {

namespace {

// The storage elements [first, last) a tensor covers when it covers them all, each once (its
// strides, sorted, are a contiguous block's, in any order); nullopt when it has none, or shares
// some (stride 0), or skips some: then no cheap answer, as in PyTorch's overlap check.
std::optional<std::pair<int64_t, int64_t>> dense_span(const TensorImpl& t) {
  if (t.numel() == 0) return std::nullopt;
  std::vector<std::pair<int64_t, int64_t>> dims;  // (stride, size) of the dims of size > 1
  for (size_t i = 0; i < t.sizes().size(); ++i)
    if (t.sizes()[i] > 1) dims.emplace_back(t.strides()[i], t.sizes()[i]);
  std::sort(dims.begin(), dims.end());
  int64_t extent = 1;
  for (const auto& [stride, size] : dims) {
    if (stride != extent) return std::nullopt;
    extent *= size;
  }
  return std::make_pair(t.storage_offset(), t.storage_offset() + extent);
}

}  // namespace

void check_no_partial_overlap(const char* op, const Tensor& self, const Tensor& input) {
  if (!self.defined() || !input.defined()) return;
  const TensorImpl &a = *self.unsafeGetTensorImpl(), &b = *input.unsafeGetTensorImpl();
  if (a.storage() != b.storage() || !a.storage()) return;
  const auto span_a = dense_span(a), span_b = dense_span(b);
  if (!span_a || !span_b || span_a->second <= span_b->first || span_b->second <= span_a->first) return;
  const bool same_elements = a.storage_offset() == b.storage_offset() && a.sizes() == b.sizes() &&
                             a.strides() == b.strides();
  XG_CHECK(same_elements, op,
           "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
           "memory location. Please clone() the tensor before performing the operation.");
}

void check_inplace(const char* op, const Tensor& self, bool records_grad) {
  XG_CHECK(self.defined(), op, "called on an undefined tensor");
  const TensorImpl& impl = *self.unsafeGetTensorImpl();
  for (size_t i = 0; i < impl.sizes().size(); ++i)
    XG_CHECK(impl.strides()[i] != 0 || impl.sizes()[i] <= 1, op,
             "unsupported operation: more than one element of the written-to tensor refers to a single memory "
             "location (it was made by expand); clone() it first");
  if (!records_grad) return;
  XG_CHECK(!(self.is_leaf() && self.requires_grad()), op,
           "a leaf Variable that requires grad is being used in an in-place operation; "
           "wrap the update in NoGradGuard or use an out-of-place op");
  if (!impl.is_view()) return;
  XG_CHECK(impl.view_base(), op,
           "a view was created in no_grad mode and is being modified in-place with grad mode enabled; "
           "clone() it first or make the view with grad mode enabled");
  const Tensor base(impl.view_base());
  XG_CHECK(!(base.is_leaf() && base.requires_grad()), op,
           "a view of a leaf Variable that requires grad is being used in an in-place operation; "
           "wrap the update in NoGradGuard or use an out-of-place op");
}

void commit_inplace(Tensor& self, const Tensor& result) {
  XG_CHECK(result.sizes().equals(self.sizes()), "inplace", "output with shape ", self.sizes(),
           " doesn't match the broadcast shape ", result.sizes());
  // torch's canCast: no float result into an integer tensor, nothing but Bool into a Bool tensor.
  const ScalarType to = self.scalar_type(), from = result.scalar_type();
  XG_CHECK((isFloatingType(to) || !isFloatingType(from)) && (to != kBool || from == kBool), "inplace",
           "result type ", from, " can't be cast to the desired output type ", to);
  dispatch_all(self.scalar_type(), [&](auto out_tag) {
    using R = typename decltype(out_tag)::type;
    dispatch_all(result.scalar_type(), [&](auto in_tag) {
      using T = typename decltype(in_tag)::type;
      map_into<R, T>(self, result, [](T x) { return convert<R>(x); });
    });
  });
  finish_inplace(self, result);
}

void finish_inplace(Tensor& self, const Tensor& result) {
  self.unsafeGetTensorImpl()->bump_version();
  const bool view = self.unsafeGetTensorImpl()->view_base() != nullptr;
  if (view && result.defined() && result.requires_grad()) {
    rebase_view_history(self, result);  // the view's own history is rebuilt when next read
  } else if (view) {
    return;  // the view and its base keep their histories (the op was not recorded)
  } else if (result.defined() && result.requires_grad()) {
    share_history(result, self);
  } else if (self.requires_grad() && !self.is_leaf() && GradMode::is_enabled()) {
    // Every value was replaced by something autograd does not track: self no
    // longer depends on its old history.
    auto& meta = autograd::standalone_meta(self);
    meta.grad_fn.reset();
    meta.requires_grad = false;
  }
}

void share_history(const Tensor& from, const Tensor& to) {
  if (!from.requires_grad()) return;
  auto& meta = autograd::standalone_meta(to);
  meta.requires_grad = true;
  meta.grad_fn = from.grad_fn();
  meta.output_nr = from.output_nr();
}

Tensor snapshot(const Tensor& self) {
  Tensor copy = empty(self.sizes(), self.scalar_type());
  dispatch_all(self.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    map_into<T, T>(copy, self, [](T x) { return x; });
  });
  share_history(self, copy);
  return copy;
}

Tensor alias_with_history(const Tensor& self) {
  Tensor alias = self.detach();
  share_history(self, alias);
  return alias;
}

}  // namespace xg::detail
