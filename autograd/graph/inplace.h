#pragma once
// In-place ops and autograd. An in-place op overwrites values that a recorded
// backward may still need, so it must (1) refuse to write where autograd could
// not follow (a leaf that requires grad or a view of one, an expanded tensor),
// (2) bump the storage's version counter, which SavedVariable checks, and (3) give
// the tensor the history of the op that overwrote it; written into a view, the op
// changes the history of the view's base instead (CopySlices, view_history.cpp).
// Internal: the ops' files use it; not installed.

#include "../tensor/tensor.h"

namespace xg::detail {

/// Throws if an in-place op may not write into `self`: an expanded tensor whose
/// elements share memory, or, when the op is recorded, a leaf that requires
/// grad, a view of one, or a view made while grad mode was off.
void check_inplace(const char* op, const Tensor& self, bool records_grad);
/// Throws if `input` shares memory with `self` in part (some elements, or the same elements in
/// another order, as self.t()): an elementwise in-place op would read values it has already
/// overwritten. The very same elements (y.mul_(y)) are fine. As PyTorch, tensors whose
/// elements cannot be told apart cheaply (an expanded input) are let through.
void check_no_partial_overlap(const char* op, const Tensor& self, const Tensor& input);
/// A copy of self's values that carries self's autograd history: what an in-place
/// op computes from, so that self's old values stay available to backward.
Tensor snapshot(const Tensor& self);
/// An alias of self (same memory, so same version counter) carrying self's
/// history as of now, but not self's future one: what an in-place op passes
/// when self is also its other operand (y.mul_(y)). Saving self itself would
/// let self's new grad_fn own a SavedVariable holding self: a reference cycle.
Tensor alias_with_history(const Tensor& self);
/// Gives `to` the autograd history `from` has now, replacing its own (nothing if from
/// does not require grad).
void share_history(const Tensor& from, const Tensor& to);
/// Replaces self's values by `result`'s (same shape, cast to self's dtype) and,
/// when recorded, gives self result's autograd history. Bumps the version.
void commit_inplace(Tensor& self, const Tensor& result);
/// The bookkeeping half of commit_inplace, for ops that wrote into self directly:
/// bumps the version and gives self the history of `result` (none if undefined),
/// or, when self is a view, gives its base a CopySlices node (rebase_view_history).
void finish_inplace(Tensor& self, const Tensor& result);

/// After `result` (recorded) was written into `view`: the view's base becomes its old
/// value with the view's region replaced by result (node torch::autograd::CopySlices).
void rebase_view_history(const Tensor& view, const Tensor& result);
/// Rebuilds the history of a view whose memory was written since its history was set:
/// the base's values seen through the view (AsStridedBackward0), or none when the base
/// does not require grad. The Tensor's autograd getters call it (is_stale_view).
void refresh_view_history(const Tensor& view);
inline bool is_stale_view(const TensorImpl& impl) {
  return impl.view_base() && impl.view_version() != impl.storage()->version();
}

}  // namespace xg::detail
