#include "node.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "../base/live_objects.h"
#include "../tensor/factories.h"

namespace xg::autograd {

namespace {
// Creation order of nodes; the engine runs the most recent first.
thread_local uint64_t next_sequence_nr = 0;
thread_local Node* current = nullptr;
}  // namespace

Node* current_node() { return current; }
CurrentNodeScope::CurrentNodeScope(Node* node) : previous_(current) { current = node; }
CurrentNodeScope::~CurrentNodeScope() { current = previous_; }

Node::Node(const char* name, edge_list&& next_edges)
    : name_(name), num_edges_(static_cast<uint32_t>(next_edges.size())), sequence_nr_(next_sequence_nr++) {
  XG_COUNT_LIVE(live_nodes, 1);
  if (num_edges_ <= few_edges_.size()) std::move(next_edges.begin(), next_edges.end(), few_edges_.begin());
  else many_edges_ = std::move(next_edges);
  if (AnomalyMode::is_enabled()) anomaly_metadata = capture_anomaly_metadata();
}

Node::Node(const char* name, TensorList inputs) : name_(name), num_edges_(static_cast<uint32_t>(inputs.size())) {
  XG_COUNT_LIVE(live_nodes, 1);
  Edge* edges = few_edges_.data();
  if (num_edges_ > few_edges_.size()) {
    many_edges_.resize(num_edges_);
    edges = many_edges_.data();
  }
  for (size_t i = 0; i < inputs.size(); ++i) edges[i] = gradient_edge(inputs[i]);
  sequence_nr_ = next_sequence_nr++;  // after the inputs' AccumulateGrad nodes, which gradient_edge may create
  if (AnomalyMode::is_enabled()) anomaly_metadata = capture_anomaly_metadata();
}

Node::~Node() { XG_COUNT_LIVE(live_nodes, -1); }

LiveCounts live_counts() {
#ifndef XGRAD_NO_LIVE_COUNTS
  return {xg::detail::live_tensor_impls.load(), xg::detail::live_nodes.load()};
#else
  return {-1, -1};
#endif
}

void fail_freed_graph(const char* node_name) {
  detail::fail("backward", "trying to backward through the graph a second time (", node_name,
               " has already freed its saved tensors); specify retain_graph=true on the first "
               "backward call if you need to backward twice");
}

AccumulateGrad::AccumulateGrad(Tensor variable)
    : Node("torch::autograd::AccumulateGrad", edge_list()), variable_(std::move(variable)) {}

variable_list AccumulateGrad::apply(variable_list&& grads) {
  std::lock_guard<std::mutex> lock(mutex_);
  Tensor grad = std::move(grads[0]);
  AutogradMeta& meta = materialize_meta(variable_);
  for (auto& [handle, hook] : meta.hooks) apply_hook(hook, grad);
  Tensor& stored = meta.grad;
  if (!stored.defined()) {
    // Keep the incoming gradient if nothing else uses its memory and it is a
    // plain dense tensor; otherwise keep a dense copy we own. (A gradient may be
    // another tensor's gradient too, or an expanded view whose elements share
    // memory, which later in-place accumulation would corrupt.)
    const TensorImpl& impl = *grad.unsafeGetTensorImpl();
    const bool can_keep = grad.use_count() == 1 && impl.storage().use_count() == 1 && impl.is_contiguous() &&
                          impl.numel() == impl.storage()->numel();
    stored = GradMode::is_enabled() ? grad : (can_keep ? grad.detach() : grad.detach().clone());
  } else if (GradMode::is_enabled()) {
    stored = stored + grad;  // create_graph: keep the sum differentiable
  } else {
    stored.add_(grad);
  }
  for (auto& [handle, hook] : meta.post_accumulate_hooks) hook(variable_);
  return {};
}

Edge gradient_edge(const Tensor& t) {
  if (!t.defined() || !t.requires_grad()) return {};
  AutogradMeta& meta = *t.unsafeGetTensorImpl()->autograd_meta();
  if (meta.grad_fn) return {meta.grad_fn, meta.output_nr};
  // Two threads recording ops on one leaf must find (or make) the same accumulator.
  static std::mutex accumulator_mutex;
  std::lock_guard<std::mutex> lock(accumulator_mutex);
  std::shared_ptr<Node> accumulator = meta.grad_accumulator.lock();
  if (!accumulator) {
    accumulator = std::make_shared<AccumulateGrad>(t);
    meta.grad_accumulator = accumulator;
  }
  return {std::move(accumulator), 0};
}

void set_history(const Tensor& output, std::shared_ptr<Node> grad_fn, AutogradMeta& embedded) {
  TensorImpl* impl = output.unsafeGetTensorImpl();
  AutogradMeta* meta = &embedded;
  if (!impl->autograd_meta()) {
    embedded.enclosing_node = grad_fn;
    impl->set_autograd_meta(AutogradMetaPtr(&embedded));
  } else {
    meta = &standalone_meta(output);  // a meta it had may live inside its old grad_fn
  }
  meta->requires_grad = true;
  meta->grad_fn = std::move(grad_fn);
  meta->output_nr = 0;
}

bool needs_grad_list(TensorList inputs) {
  if (!GradMode::is_enabled()) return false;
  for (const Tensor& t : inputs)
    if (t.defined() && t.requires_grad()) return true;
  return false;
}

}  // namespace xg::autograd
