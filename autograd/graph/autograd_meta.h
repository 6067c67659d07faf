#pragma once
// The autograd part of a tensor. Allocated only for tensors that require grad
// (leaves the user marked, and results of recorded ops).
//
// The result of a recorded op gets the meta that record() allocated inside the
// op's node (node.h), so recording costs one allocation. Such a meta keeps its
// node alive while the tensor holds it (enclosing_node), and gives it back when
// the tensor dies (AutogradMetaDeleter); a tensor cut from its history first
// moves its meta out of the node (standalone_meta), so the old graph can die.

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
  /// Set when this meta lives inside the node that made its tensor: that node, which must
  /// outlive the meta whatever grad_fn becomes. Null for a meta of its own.
  std::shared_ptr<Node> enclosing_node;
};

/// The meta of `t`, created on first use.
AutogradMeta& materialize_meta(const Tensor& t);
/// The meta of `t`, created on first use, and moved into an allocation of its own if it
/// lived inside the node that made `t`: for code that is about to change t's grad_fn.
AutogradMeta& standalone_meta(const Tensor& t);

/// Runs a gradient hook on `grad`: a defined tensor it returns replaces `grad` (and must
/// have its shape). Leaf hooks (AccumulateGrad) and non-leaf hooks (the engine) both go here.
void apply_hook(const Hook& hook, Tensor& grad);

}  // namespace xg::autograd
