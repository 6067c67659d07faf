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

#include "engine.h"

#include <algorithm>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "../tensor/factories.h"
#include "../tensor/ops.h"

namespace xg::autograd {

namespace {

thread_local StepObserver step_observer = nullptr;

struct Capture {
  uint32_t input_nr;  // which incoming gradient of the node
  size_t index;       // which requested input it answers
};

// What the sweep knows about one node: how many edges still have to deliver
// a gradient to it, and the sum of what they delivered so far.
struct NodeState {
  int dependencies = 0;
  variable_list buffer;
};

struct GraphTask {
  bool keep_graph = false;
  bool accumulate = true;  // false for grad(): leave grad() untouched
  std::unordered_map<Node*, NodeState> nodes;  // every node reachable from the roots
  std::unordered_map<Node*, std::vector<Capture>> captures;
  std::unordered_set<Node*> needed;  // with captures: the nodes on a path to one
  variable_list captured;
  // The root and capture nodes. A leaf's AccumulateGrad is owned by the graph
  // that uses it; a leaf used as a root or an input may have no such graph.
  std::vector<std::shared_ptr<Node>> pinned;
};

void add_to_buffer(variable_list& buffer, uint32_t pos, const Tensor& grad, uint32_t size) {
  if (buffer.empty()) buffer.resize(size);
  Tensor& slot = buffer[pos];
  slot = slot.defined() ? slot + grad : grad;
}

// Registers every node reachable from the roots and counts the edges into each.
void count_dependencies(const std::vector<Node*>& roots, GraphTask& task) {
  std::vector<Node*> stack(roots.begin(), roots.end());
  while (!stack.empty()) {
    Node* node = stack.back();
    stack.pop_back();
    for (const Edge& edge : node->next_edges()) {
      if (!edge.function) continue;
      auto [it, first_visit] = task.nodes.try_emplace(edge.function.get());
      ++it->second.dependencies;
      if (first_visit) stack.push_back(edge.function.get());
    }
  }
}

// Marks every node from which a capture can be reached (iterative post-order).
void mark_needed(const std::vector<Node*>& roots, GraphTask& task) {
  std::unordered_map<Node*, bool> done;
  std::vector<std::pair<Node*, size_t>> stack;
  for (Node* root : roots)
    if (!done.count(root)) stack.push_back({root, 0});
  while (!stack.empty()) {
    auto& [node, next_child] = stack.back();
    done.emplace(node, false);
    if (next_child < node->num_outputs()) {
      Node* child = node->next_edge(next_child++).function.get();
      if (child && !done.count(child)) stack.push_back({child, 0});
      continue;
    }
    bool needed = task.captures.count(node) > 0;
    for (const Edge& edge : node->next_edges())
      needed = needed || (edge.function && task.needed.count(edge.function.get()));
    if (needed) task.needed.insert(node);
    stack.pop_back();
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

void run(const variable_list& roots, const variable_list& grad_roots, GraphTask& task) {
  XG_CHECK(grad_roots.empty() || grad_roots.size() == roots.size(), "backward", "got ",
           grad_roots.size(), " gradients for ", roots.size(), " tensors");
  std::vector<Node*> root_nodes;
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
    Node* node = edge.function.get();
    add_to_buffer(task.nodes[node].buffer, edge.input_nr, grad, node->num_inputs());
    if (std::find(root_nodes.begin(), root_nodes.end(), node) == root_nodes.end()) root_nodes.push_back(node);
    task.pinned.push_back(std::move(edge.function));
  }

  count_dependencies(root_nodes, task);
  const bool filtered = !task.captures.empty();
  if (filtered) mark_needed(root_nodes, task);
  auto runs = [&](Node* node) { return !filtered || task.needed.count(node) > 0; };

  auto later_first = [](Node* a, Node* b) { return a->sequence_nr() < b->sequence_nr(); };
  std::priority_queue<Node*, std::vector<Node*>, decltype(later_first)> ready(later_first);
  for (Node* node : root_nodes)
    if (task.nodes[node].dependencies == 0 && runs(node)) ready.push(node);

  while (!ready.empty()) {
    Node* node = ready.top();
    ready.pop();
    variable_list inputs = std::move(task.nodes[node].buffer);
    if (inputs.empty()) inputs.resize(node->num_inputs());

    for (auto& [output_nr, hook] : node->pre_hooks)
      if (inputs[output_nr].defined()) apply_hook(hook.second, inputs[output_nr]);
    if (auto it = task.captures.find(node); it != task.captures.end())
      for (const Capture& c : it->second) task.captured[c.index] = inputs[c.input_nr];

    const bool is_sink = dynamic_cast<AccumulateGrad*>(node) != nullptr;
    if (is_sink && !task.accumulate) continue;
    variable_list outputs = call_node(*node, std::move(inputs));
    if (!task.keep_graph) {
      node->release_variables();
      // The node cannot run again; dropping its hooks also breaks the cycle a hook makes
      // when it captures the tensor it is registered on (tensor -> node -> hook -> tensor).
      node->pre_hooks.clear();
    }

    for (size_t i = 0; i < outputs.size(); ++i) {
      const Edge& edge = node->next_edge(i);
      if (!edge.function) continue;
      Node* next = edge.function.get();
      NodeState& state = task.nodes[next];
      if (outputs[i].defined()) add_to_buffer(state.buffer, edge.input_nr, outputs[i], next->num_inputs());
      if (--state.dependencies == 0 && runs(next)) ready.push(next);
    }
  }
}

// Sets up the captures of grad(): where each input's gradient will arrive.
void capture_inputs(const variable_list& inputs, GraphTask& task) {
  task.captured.resize(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    XG_CHECK(inputs[i].defined() && inputs[i].requires_grad(), "grad", "input ", i,
             " does not require grad");
    Edge edge = gradient_edge(inputs[i]);
    task.captures[edge.function.get()].push_back({edge.input_nr, i});
    task.pinned.push_back(std::move(edge.function));
  }
}

}  // namespace

StepObserver set_step_observer(StepObserver observer) {
  StepObserver previous = step_observer;
  step_observer = observer;
  return previous;
}

void backward(const variable_list& roots, const variable_list& grad_roots,
              std::optional<bool> retain_graph, bool create_graph, const variable_list& inputs) {
  GraphTask task;
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

variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs, std::optional<bool> retain_graph,
                   bool create_graph, bool allow_unused) {
  XG_CHECK(!inputs.empty(), "grad", "inputs must not be empty");
  GraphTask task;
  task.keep_graph = retain_graph.value_or(create_graph);
  task.accumulate = false;
  AutoGradMode mode(create_graph);
  capture_inputs(inputs, task);
  run(outputs, grad_outputs, task);
  for (size_t i = 0; i < inputs.size(); ++i)
    XG_CHECK(allow_unused || task.captured[i].defined(), "grad", "one of the differentiated Tensors (input ", i,
             ") appears to not have been used in the graph; set allow_unused=true if this is the desired behavior");
  return task.captured;
}

}  // namespace xg::autograd

namespace xg {

// Tensor::backward is this engine's entry point.
void Tensor::backward(const Tensor& gradient, std::optional<bool> retain_graph, bool create_graph,
                      std::optional<std::vector<Tensor>> inputs) const {
  autograd::variable_list grads;
  if (gradient.defined()) grads.push_back(gradient);
  autograd::backward({*this}, grads, retain_graph, create_graph, inputs.value_or(std::vector<Tensor>{}));
}

}  // namespace xg
