// The backward engine.
//
// backward(roots) computes, for every tensor the roots depend on, the gradient
// of the roots, and deposits it in the leaves. It walks the graph of Nodes in
// three steps:
//
//  1. Count dependencies: for every node reachable from the roots, how many
//     edges point at it. A node may run only once all of them have delivered
//     their gradient, because its input is their sum (a tensor used twice
//     receives two contributions).
//  2. Seed the roots' input buffers with the gradient of each root (ones for
//     a scalar loss) and mark the roots ready.
//  3. Repeatedly take a ready node (the most recently created first, as
//     PyTorch does), call it on its summed input gradients, and add each
//     gradient it returns into the buffer of the node its edge points at.
//     When a node's dependency count drops to zero it becomes ready.
//
// AccumulateGrad nodes, the sinks, add the final gradients into leaf.grad().
// Unless retain_graph is set, each node frees what it saved once it has run.
//
// grad(outputs, inputs) runs the same sweep but, instead of touching grad(),
// reads the gradients arriving at the inputs' nodes ("captures"), and only
// runs the nodes on a path to those inputs.
//
// The sweep's bookkeeping lives in a few vectors of the GraphTask, not in the
// nodes: two threads may run backward at the same time through shared nodes (a
// leaf's AccumulateGrad, say). Step 1 numbers the nodes it finds (their
// position in GraphTask::nodes) and writes, for each node, the positions its
// edges lead to; steps 2 and 3 then only index vectors. The only lookup by Node*
// is the one step 1 needs to recognise a node it has already seen.

#include "engine.h"

#include <algorithm>
#include <cstdint>

#include "../tensor/factories.h"

namespace xg::autograd {

namespace {

thread_local StepObserver step_observer = nullptr;

constexpr uint32_t kNowhere = UINT32_MAX;  // the position of an empty edge's node

// What the sweep knows about one node: how many edges still have to deliver a
// gradient to it, where the sum of what they delivered so far is kept, and
// where its own edges lead.
struct NodeTask {
  Node* node;
  int dependencies = 0;
  uint32_t first_slot = 0;  // its gradients: GraphTask::grads[first_slot, first_slot + num_inputs())
  uint32_t first_edge = 0;  // its edges' nodes: GraphTask::next[first_edge, first_edge + num_outputs())
  bool needed = true;       // with captures: a capture can be reached from it
  bool captures = false;    // some requested input's gradient arrives here
};

// A root of the sweep: the node its gradient goes to, which of that node's incoming
// gradients it is, and the gradient itself. Holding the node pins it: a leaf's
// AccumulateGrad is owned by the graph that uses it, and a leaf used as a root
// may have no such graph.
struct Root {
  std::shared_ptr<Node> node;
  uint32_t input_nr;
  Tensor grad;
  uint32_t position = 0;  // of node, in GraphTask::nodes
};

// grad(): where the gradient of a requested input arrives (the node is pinned as a root's is).
struct Capture {
  std::shared_ptr<Node> node;
  uint32_t input_nr;      // which incoming gradient of the node
  size_t index;           // which requested input it answers
  uint32_t position = 0;  // of node, in GraphTask::nodes
};

// Node* -> position in GraphTask::nodes: an open-addressing table (linear
// probing) in one vector, kept at most half full. Used while counting only.
class NodePositions {
 public:
  /// Empties the table, keeping its size.
  void clear() {
    slots_.assign(std::max<size_t>(slots_.size(), 16), Slot{nullptr, 0});
    size_ = 0;
  }
  size_t capacity() const { return slots_.size(); }
  /// The position of `node`, or `fresh` when it was not there yet (second: true then).
  std::pair<uint32_t, bool> insert(Node* node, uint32_t fresh) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    Slot& slot = find(node);
    if (slot.node) return {slot.position, false};
    slot = {node, fresh};
    ++size_;
    return {fresh, true};
  }

 private:
  struct Slot {
    Node* node;
    uint32_t position;
  };
  Slot& find(Node* node) {
    const size_t mask = slots_.size() - 1;
    // Fibonacci hashing: spreads the pointer's bits (the low ones are alignment zeros).
    size_t i = static_cast<size_t>((reinterpret_cast<uintptr_t>(node) * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (slots_[i].node && slots_[i].node != node) i = (i + 1) & mask;
    return slots_[i];
  }
  void grow() {
    std::vector<Slot> old(2 * slots_.size(), Slot{nullptr, 0});
    old.swap(slots_);
    for (const Slot& slot : old)
      if (slot.node) find(slot.node) = slot;
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

struct GraphTask {
  bool keep_graph = false;
  bool accumulate = true;  // false for grad(): leave grad() untouched
  std::vector<Root> roots;
  std::vector<NodeTask> nodes;  // every node reachable from the roots, in the order found
  std::vector<uint32_t> next;   // the positions the nodes' edges lead to (kNowhere: empty edge)
  variable_list grads;          // the gradients received so far, num_inputs() slots per node
  std::vector<Capture> captures;
  variable_list captured;
  // Scratch of the sweep itself.
  NodePositions positions;
  std::vector<uint32_t> stack;  // count_dependencies: the nodes still to visit
  std::vector<uint32_t> ready;  // run: a heap, the most recently created node on top
  variable_list inputs;         // run: the gradients of the node being called

  /// Forgets the last sweep (releasing its tensors and nodes) but keeps the vectors' memory.
  void clear() {
    keep_graph = false;
    accumulate = true;
    roots.clear();
    nodes.clear();
    next.clear();
    grads.clear();
    captures.clear();
    captured.clear();
    positions.clear();
    stack.clear();
    ready.clear();
    inputs.clear();
  }
};

// A GraphTask for one backward call. Each thread keeps the one its last call used, so a
// training loop's backward allocates nothing for its bookkeeping; a backward started
// inside another (from a hook) finds none kept and makes its own. A task that served a
// very large graph is not kept: clearing its table would cost every later call.
class TaskLease {
 public:
  TaskLease() : task_(kept_ ? std::move(kept_) : std::make_unique<GraphTask>()) { task_->clear(); }
  ~TaskLease() {
    if (task_->positions.capacity() > kLargestKept) return;
    task_->clear();
    kept_ = std::move(task_);
  }
  TaskLease(const TaskLease&) = delete;
  TaskLease& operator=(const TaskLease&) = delete;
  GraphTask& operator*() { return *task_; }

 private:
  static constexpr size_t kLargestKept = 4096;  // slots of the node table
  static thread_local std::unique_ptr<GraphTask> kept_;
  std::unique_ptr<GraphTask> task_;
};
thread_local std::unique_ptr<GraphTask> TaskLease::kept_;

// The first gradient is moved in, not copied (no reference count); later ones are summed.
void add_gradient(Tensor& slot, Tensor&& grad) { slot = slot.defined() ? slot + grad : std::move(grad); }

// Numbers every node reachable from the roots, the roots' nodes first (so they
// are positions 0 to the returned count - 1), counts the edges into each node
// and gives each its gradient slots.
uint32_t count_dependencies(GraphTask& task) {
  uint32_t slots = 0;
  auto add = [&](Node* node) {
    auto [position, fresh] = task.positions.insert(node, static_cast<uint32_t>(task.nodes.size()));
    if (fresh) {
      task.nodes.push_back({node});
      task.nodes.back().first_slot = slots;
      slots += node->num_inputs();
    }
    return std::pair<uint32_t, bool>{position, fresh};
  };
  std::vector<uint32_t>& stack = task.stack;
  for (Root& root : task.roots) {
    auto [position, fresh] = add(root.node.get());
    root.position = position;
    if (fresh) stack.push_back(position);
  }
  const auto root_count = static_cast<uint32_t>(task.nodes.size());
  while (!stack.empty()) {
    const uint32_t current = stack.back();
    stack.pop_back();
    const ArrayRef<Edge> edges = task.nodes[current].node->next_edges();
    task.nodes[current].first_edge = static_cast<uint32_t>(task.next.size());
    for (const Edge& edge : edges) {
      if (!edge.function) {
        task.next.push_back(kNowhere);
        continue;
      }
      auto [position, fresh] = add(edge.function.get());
      ++task.nodes[position].dependencies;
      task.next.push_back(position);
      if (fresh) stack.push_back(position);
    }
  }
  for (Capture& capture : task.captures) {
    auto [position, fresh] = add(capture.node.get());
    if (fresh) {  // not reachable from the roots: its gradient stays undefined
      task.nodes.back().first_edge = static_cast<uint32_t>(task.next.size());
      task.next.insert(task.next.end(), capture.node->num_outputs(), kNowhere);
    }
    capture.position = position;
    task.nodes[position].captures = true;
  }
  task.grads.resize(slots);
  return root_count;
}

// Marks the nodes from which a capture can be reached (iterative post-order).
void mark_needed(GraphTask& task) {
  std::vector<char> seen(task.nodes.size(), 0);
  for (NodeTask& n : task.nodes) n.needed = n.captures;
  std::vector<std::pair<uint32_t, uint32_t>> stack;  // (node, next edge to visit)
  for (uint32_t start = 0; start < task.nodes.size(); ++start) {
    if (seen[start]) continue;
    seen[start] = 1;
    stack.push_back({start, 0});
    while (!stack.empty()) {
      auto& [current, next_child] = stack.back();
      NodeTask& n = task.nodes[current];
      if (next_child < n.node->num_outputs()) {
        const uint32_t child = task.next[n.first_edge + next_child++];
        if (child != kNowhere && !seen[child]) {
          seen[child] = 1;
          stack.push_back({child, 0});
        }
        continue;
      }
      for (uint32_t i = 0; i < n.node->num_outputs(); ++i) {
        const uint32_t child = task.next[n.first_edge + i];
        n.needed = n.needed || (child != kNowhere && task.nodes[child].needed);
      }
      stack.pop_back();
    }
  }
}

variable_list call_node(Node& node, variable_list&& inputs) {
  const bool any_defined = std::any_of(inputs.begin(), inputs.end(), [](const Tensor& t) { return t.defined(); });
  if (!any_defined) return variable_list(node.num_outputs());
  for (size_t i = 0; i < node.output_info.size(); ++i)
    if (!inputs[i].defined())
      inputs[i] = zeros(node.output_info[i].sizes, node.output_info[i].dtype);
  CurrentNodeScope scope(&node);
  const StepObserver observer = step_observer;
  variable_list observed_inputs = observer ? inputs : variable_list();
  variable_list outputs = node.apply(std::move(inputs));
  if (observer) observer(node, observed_inputs, outputs);
  if (outputs.size() != node.num_outputs())
    detail::fail("backward", "function ", node.name_cstr(), " returned ", outputs.size(),
                 " gradients, but ", node.num_outputs(), " were expected");
  if (AnomalyMode::is_enabled()) check_anomaly(node.name_cstr(), node.anomaly_metadata.get(), outputs);
  return outputs;
}

void run(TensorList roots, TensorList grad_roots, GraphTask& task) {
  XG_CHECK(grad_roots.empty() || grad_roots.size() == roots.size(), "backward", "got ",
           grad_roots.size(), " gradients for ", roots.size(), " tensors");
  for (size_t i = 0; i < roots.size(); ++i) {
    const Tensor& root = roots[i];
    XG_CHECK(root.defined(), "backward", "tensor ", i, " is undefined");
    Edge edge = gradient_edge(root);
    XG_CHECK(edge.is_valid(), "backward", "element ", i,
             " of tensors does not require grad and does not have a grad_fn");
    Tensor grad = grad_roots.empty() ? Tensor() : grad_roots[i];
    if (!grad.defined()) {
      XG_CHECK(root.numel() == 1, "backward",
               "grad can be implicitly created only for scalar outputs, but the output has shape ",
               root.sizes(), "; pass a gradient of that shape");
      grad = ones_like(root);
    } else {
      XG_CHECK(grad.sizes().equals(root.sizes()), "backward", "mismatch in shape: grad_output[", i,
               "] has a shape of ", grad.sizes(), " and output[", i, "] has a shape of ", root.sizes());
    }
    task.roots.push_back({std::move(edge.function), edge.input_nr, std::move(grad)});
  }

  const uint32_t root_count = count_dependencies(task);
  for (Root& root : task.roots)
    add_gradient(task.grads[task.nodes[root.position].first_slot + root.input_nr], std::move(root.grad));
  if (!task.captures.empty()) mark_needed(task);

  auto later_first = [&](uint32_t a, uint32_t b) {
    return task.nodes[a].node->sequence_nr() < task.nodes[b].node->sequence_nr();
  };
  std::vector<uint32_t>& ready = task.ready;
  auto make_ready = [&](uint32_t position) {
    ready.push_back(position);
    std::push_heap(ready.begin(), ready.end(), later_first);
  };
  for (uint32_t position = 0; position < root_count; ++position)
    if (task.nodes[position].dependencies == 0 && task.nodes[position].needed) make_ready(position);

  variable_list& inputs = task.inputs;
  while (!ready.empty()) {
    std::pop_heap(ready.begin(), ready.end(), later_first);
    const uint32_t current = ready.back();
    ready.pop_back();
    const NodeTask& n = task.nodes[current];
    Node* node = n.node;
    const auto slots = task.grads.begin() + n.first_slot;
    inputs.clear();
    inputs.insert(inputs.end(), std::make_move_iterator(slots), std::make_move_iterator(slots + node->num_inputs()));

    for (auto& [output_nr, hook] : node->pre_hooks)
      if (inputs[output_nr].defined()) apply_hook(hook.second, inputs[output_nr]);
    if (n.captures)
      for (const Capture& c : task.captures)
        if (c.position == current) task.captured[c.index] = inputs[c.input_nr];

    if (!task.accumulate && dynamic_cast<AccumulateGrad*>(node)) continue;  // a sink: leave grad() alone
    variable_list outputs = call_node(*node, std::move(inputs));
    if (!task.keep_graph) {
      node->release_variables();
      // The node cannot run again; dropping its hooks also breaks the cycle a hook makes
      // when it captures the tensor it is registered on (tensor -> node -> hook -> tensor).
      node->pre_hooks.clear();
    }

    for (size_t i = 0; i < outputs.size(); ++i) {
      const uint32_t target = task.next[n.first_edge + i];
      if (target == kNowhere) continue;
      NodeTask& next = task.nodes[target];
      if (outputs[i].defined()) add_gradient(task.grads[next.first_slot + node->next_edge(i).input_nr], std::move(outputs[i]));
      if (--next.dependencies == 0 && next.needed) make_ready(target);
    }
  }
}

// Sets up the captures of grad(): where each input's gradient will arrive.
void capture_inputs(TensorList inputs, GraphTask& task) {
  task.captured.resize(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    XG_CHECK(inputs[i].defined() && inputs[i].requires_grad(), "grad", "input ", i,
             " does not require grad");
    Edge edge = gradient_edge(inputs[i]);
    task.captures.push_back({std::move(edge.function), edge.input_nr, i});
  }
}

}  // namespace

StepObserver set_step_observer(StepObserver observer) {
  StepObserver previous = step_observer;
  step_observer = observer;
  return previous;
}

namespace {

// backward() and Tensor::backward.
void backward_from(TensorList roots, TensorList grad_roots, std::optional<bool> retain_graph, bool create_graph,
                   TensorList inputs) {
  TaskLease lease;
  GraphTask& task = *lease;
  task.keep_graph = retain_graph.value_or(create_graph);
  AutoGradMode mode(create_graph);
  if (inputs.empty()) {
    run(roots, grad_roots, task);
    return;
  }
  // backward(inputs=...): accumulate into the given tensors only.
  task.accumulate = false;
  capture_inputs(inputs, task);
  run(roots, grad_roots, task);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& grad = task.captured[i];
    if (!grad.defined()) continue;
    if (inputs[i].is_leaf()) {
      gradient_edge(inputs[i]).function->apply({grad});
    } else {
      Tensor& stored = inputs[i].mutable_grad();
      stored = stored.defined() ? stored + grad : grad;
    }
  }
}

}  // namespace

void backward(const variable_list& roots, const variable_list& grad_roots,
              std::optional<bool> retain_graph, bool create_graph, const variable_list& inputs) {
  backward_from(roots, grad_roots, retain_graph, create_graph, inputs);
}

variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs, std::optional<bool> retain_graph,
                   bool create_graph, bool allow_unused) {
  XG_CHECK(!inputs.empty(), "grad", "inputs must not be empty");
  TaskLease lease;
  GraphTask& task = *lease;
  task.keep_graph = retain_graph.value_or(create_graph);
  task.accumulate = false;
  AutoGradMode mode(create_graph);
  capture_inputs(inputs, task);
  run(outputs, grad_outputs, task);
  for (size_t i = 0; i < inputs.size(); ++i)
    XG_CHECK(allow_unused || task.captured[i].defined(), "grad", "one of the differentiated Tensors (input ", i,
             ") appears to not have been used in the graph; set allow_unused=true if this is the desired behavior");
  return std::move(task.captured);
}

}  // namespace xg::autograd

namespace xg {

// Tensor::backward is this engine's entry point.
void Tensor::backward(const Tensor& gradient, std::optional<bool> retain_graph, bool create_graph,
                      std::optional<std::vector<Tensor>> inputs) const {
  const TensorList grads = gradient.defined() ? TensorList(gradient) : TensorList();
  autograd::backward_from(*this, grads, retain_graph, create_graph, inputs ? TensorList(*inputs) : TensorList());
}

}  // namespace xg
