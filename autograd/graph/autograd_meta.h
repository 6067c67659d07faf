#pragma once
// The autograd part of a tensor. Allocated only for tensors that require grad
// (leaves the user marked, and results of recorded ops).

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "../tensor/tensor.h"

namespace xg::autograd {

using Hook = std::function<Tensor(const Tensor&)>;

struct AutogradMeta {
  bool requires_grad = false;
  bool retains_grad = false;
  Tensor grad;
  /// The node that made this tensor; null for leaves.
  std::shared_ptr<Node> grad_fn;
  uint32_t output_nr = 0;
  /// For leaves: the AccumulateGrad node that sums gradients into `grad`. Weak,
  /// because the graph owns it; the leaf must not keep a graph alive.
  std::weak_ptr<Node> grad_accumulator;
  /// Hooks on a leaf's gradient (non-leaf hooks live on grad_fn, see Node::pre_hooks).
  std::vector<std::pair<unsigned, Hook>> hooks;
  /// For leaves: hooks run after the gradient was accumulated into `grad`.
  std::vector<std::pair<unsigned, std::function<void(const Tensor&)>>> post_accumulate_hooks;
};

/// The meta of `t`, created on first use.
AutogradMeta& materialize_meta(const Tensor& t);

/// Runs a gradient hook on `grad`: a defined tensor it returns replaces `grad` (and must
/// have its shape). Leaf hooks (AccumulateGrad) and non-leaf hooks (the engine) both go here.
void apply_hook(const Hook& hook, Tensor& grad);

}  // namespace xg::autograd
