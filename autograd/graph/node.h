#pragma once
// Nodes and edges: the recorded graph.
//
// Running ops on tensors that require grad records, for each op, a Node: the
// op's backward function. A Node knows where the gradients it computes must go
// next: one Edge per input of the forward op, pointing at the Node that made
// that input (its grad_fn) and saying which of that node's inputs it feeds
// (`input_nr`, the output number of the forward tensor).
//
//        x (leaf) --.
//                    +-- MulBackward0 <- TanhBackward0 <- ... <- SumBackward0 (root)
//        w (leaf) --'
//
// (arrows point the way gradients flow: from the root towards the leaves)
//
// Leaves have no grad_fn. Their edge points at an AccumulateGrad node, the
// sink that adds the incoming gradient into `leaf.grad()`. Inputs that do not
// require grad get an empty edge, and backward never computes their gradient.
//
// A Node is called with the gradients w.r.t. the forward op's outputs and
// returns the gradients w.r.t. the forward op's inputs, one per next edge.
// Backward formulas are written with ordinary differentiable tensor ops, so
// when the engine runs them with grad mode on (create_graph=true) they record
// a graph of their own, which can be differentiated again.
//
// Ownership flows backwards only: a tensor owns its grad_fn, a Node owns the
// Nodes of its inputs (through the edges) and what it saved for backward. The
// saved outputs of an op are stored without their grad_fn (see SavedVariable),
// so no tensor and node ever own each other in a cycle.
//
// Recording an op costs one allocation: record() makes a LambdaNode that holds,
// in one block,
//
//   [ Node: name, sequence_nr, the edges of up to two inputs | the backward
//     lambda and what it captured | the AutogradMeta of the op's output ]
//
// (an op with more inputs keeps its edges in a vector of their own). The output
// tensor points at that AutogradMeta; the meta keeps the node alive while the
// tensor holds it (see autograd_meta.h), which the tensor's grad_fn does anyway.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "anomaly_mode.h"
#include "autograd_meta.h"
#include "grad_mode.h"
#include "../tensor/tensor.h"

namespace xg::autograd {

using variable_list = std::vector<Tensor>;
using tensor_list = std::vector<Tensor>;

struct Edge {
  std::shared_ptr<Node> function;
  uint32_t input_nr = 0;
  bool is_valid() const { return function != nullptr; }
};
using edge_list = std::vector<Edge>;

class Node : public std::enable_shared_from_this<Node> {
 public:
  Node(const char* name, edge_list&& next_edges);
  /// A node whose next edges lead to `inputs` (gradient_edge of each).
  Node(const char* name, TensorList inputs);
  virtual ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  /// Gradients w.r.t. the forward outputs in, gradients w.r.t. the forward inputs out.
  virtual variable_list apply(variable_list&& grads) = 0;
  /// Drop what was saved for backward (after a backward pass without retain_graph).
  virtual void release_variables() {}

  /// PyTorch's name for this node, e.g. "MulBackward0".
  std::string name() const { return name_; }
  const char* name_cstr() const { return name_; }
  ArrayRef<Edge> next_edges() const {
    return num_edges_ <= few_edges_.size() ? ArrayRef<Edge>(few_edges_.data(), num_edges_) : ArrayRef<Edge>(many_edges_);
  }
  const Edge& next_edge(size_t i) const { return next_edges()[i]; }
  size_t num_outputs() const { return num_edges_; }
  /// Order of creation; the engine runs later nodes first.
  uint64_t sequence_nr() const { return sequence_nr_; }

  /// Number of forward outputs (gradients this node receives), 1 for most ops.
  uint32_t num_inputs() const { return num_inputs_; }
  /// Shapes and dtypes of the forward outputs, kept only by nodes with several
  /// outputs: a missing gradient for one of them is passed as zeros.
  struct OutputInfo {
    SizeVector sizes;
    ScalarType dtype;
  };
  std::vector<OutputInfo> output_info;
  void set_num_inputs(uint32_t n) { num_inputs_ = n; }

  /// Hooks run on the incoming gradient of forward output `output_nr` before
  /// apply(): register_hook and retain_grad on non-leaf tensors use them.
  std::vector<std::pair<uint32_t, std::pair<unsigned, Hook>>> pre_hooks;

  /// Where this node was created; recorded only while anomaly mode is on (see anomaly_mode.h).
  std::shared_ptr<AnomalyMetadata> anomaly_metadata;

 protected:
  const char* name_;

 private:
  // The next edges: most ops have one or two inputs, whose edges live inside the
  // node (no allocation of their own); an op with more keeps them in many_edges_.
  std::array<Edge, 2> few_edges_;
  edge_list many_edges_;
  uint32_t num_edges_ = 0;
  uint64_t sequence_nr_;
  uint32_t num_inputs_ = 1;
};

/// A Node whose backward is a lambda (or any callable) given at the op's
/// definition, so an op's forward and backward read side by side.
template <class Backward>
class LambdaNode final : public Node {
 public:
  LambdaNode(const char* name, TensorList inputs, Backward&& backward)
      : Node(name, inputs), backward_(std::move(backward)) {}

  variable_list apply(variable_list&& grads) override;
  void release_variables() override { backward_.reset(); }
  /// The AutogradMeta for the op's output, allocated with the node (see autograd_meta.h).
  AutogradMeta& output_meta() { return output_meta_; }

 private:
  std::optional<Backward> backward_;
  AutogradMeta output_meta_;
};

[[noreturn]] void fail_freed_graph(const char* node_name);

template <class Backward>
variable_list LambdaNode<Backward>::apply(variable_list&& grads) {
  if (!backward_) fail_freed_graph(name_);
  return (*backward_)(grads);
}

/// The sink of a leaf: adds incoming gradients into leaf.grad().
class AccumulateGrad final : public Node {
 public:
  explicit AccumulateGrad(Tensor variable);
  /// Runs the leaf's hooks and adds the gradient into its grad(). Backward passes on several
  /// threads may reach one leaf at once (a model shared by two threads): they take turns here.
  variable_list apply(variable_list&& grads) override;
  const Tensor& variable() const { return variable_; }

 private:
  Tensor variable_;
  std::mutex mutex_;
};

/// The node the engine is running on this thread (null outside backward).
Node* current_node();
/// Makes `node` the current node for the scope's lifetime (the engine, around each call).
class CurrentNodeScope {
 public:
  explicit CurrentNodeScope(Node* node);
  ~CurrentNodeScope();
  CurrentNodeScope(const CurrentNodeScope&) = delete;
  CurrentNodeScope& operator=(const CurrentNodeScope&) = delete;

 private:
  Node* previous_;
};

/// Where the gradient w.r.t. `t` must be sent: its grad_fn, or its AccumulateGrad for a
/// leaf that requires grad, or an empty edge.
Edge gradient_edge(const Tensor& t);

/// Makes `grad_fn` the history of `output` (its output 0). An output without an AutogradMeta
/// takes `embedded`, a meta allocated inside grad_fn.
void set_history(const Tensor& output, std::shared_ptr<Node> grad_fn, AutogradMeta& embedded);

/// True when an op on these inputs must be recorded (grad mode on and some input requires grad).
template <class... Tensors>
bool needs_grad(const Tensors&... inputs) {
  return GradMode::is_enabled() && ((inputs.defined() && inputs.requires_grad()) || ...);  // optional inputs may be undefined
}
bool needs_grad_list(TensorList inputs);

/// Record an op: make `output` the result of a node named `name` whose next
/// edges lead to `inputs`, and whose backward is `backward(grads) -> input grads`
/// (one gradient per input, undefined where the input needs none).
template <class Backward>
void record(const char* name, TensorList inputs, const Tensor& output, Backward&& backward) {
  // One allocation: the node, its edges (see Node), the backward's captures and the
  // output's AutogradMeta together.
  auto node = std::make_shared<LambdaNode<std::decay_t<Backward>>>(name, inputs, std::forward<Backward>(backward));
  if (node->anomaly_metadata) note_forward_inputs(*node->anomaly_metadata, inputs);
  AutogradMeta& embedded = node->output_meta();
  set_history(output, std::move(node), embedded);
}

}  // namespace xg::autograd
