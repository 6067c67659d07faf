#pragma once
// In-place ops and autograd. An in-place op overwrites values that a recorded
// backward may still need, so it must (1) refuse to write where autograd could
// not follow (a leaf that requires grad, a view of a tracked tensor, an expanded
// tensor), (2) bump the storage's version counter, which SavedVariable checks,
// and (3) give the tensor the history of the op that overwrote it.
// Internal: the ops' files use it; not installed.

#include "../tensor/tensor.h"

namespace xg::detail {

/// Throws if an in-place op may not write into `self`: an expanded tensor whose
/// elements share memory, or, when the op is recorded, a leaf that requires
/// grad or a view whose base autograd tracks.
void check_inplace(const char* op, const Tensor& self, bool records_grad);
/// A copy of self's values that carries self's autograd history: what an in-place
/// op computes from, so that self's old values stay available to backward.
Tensor snapshot(const Tensor& self);
/// An alias of self (same memory, so same version counter) carrying self's
/// history as of now, but not self's future one: what an in-place op passes
/// when self is also its other operand (y.mul_(y)). Saving self itself would
/// let self's new grad_fn own a SavedVariable holding self: a reference cycle.
Tensor alias_with_history(const Tensor& self);
/// Replaces self's values by `result`'s (same shape, cast to self's dtype) and,
/// when recorded, gives self result's autograd history. Bumps the version.
void commit_inplace(Tensor& self, const Tensor& result);
/// The bookkeeping half of commit_inplace, for ops that wrote into self directly:
/// bumps the version and gives self the history of `result` (none if undefined).
void finish_inplace(Tensor& self, const Tensor& result);

}  // namespace xg::detail
