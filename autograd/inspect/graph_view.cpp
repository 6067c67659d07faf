#include "graph_view.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "../graph/engine.h"
#include "../tensor/factories.h"

namespace xg::autograd {

namespace {

std::string shape_text(const Tensor& t) {
  std::ostringstream out;
  out << t.sizes();
  return out.str();
}

// The tensor's values on one line, or "" when it has more than `max_values` elements.
std::string values_text(const Tensor& t, int64_t max_values) {
  if (!t.defined() || t.numel() > max_values) return "";
  Tensor flat = t.detach().to(kDouble).contiguous().view({-1});
  std::ostringstream out;
  out << " [";
  for (int64_t i = 0; i < flat.numel(); ++i) out << (i ? ", " : "") << flat[i].item<double>();
  out << "]";
  return out.str();
}

}  // namespace

std::string to_dot(const variable_list& roots) {
  std::ostringstream dot;
  dot << "digraph xgrad {\n  rankdir=BT;\n  node [fontname=\"Helvetica\", fontsize=11];\n";
  std::map<const Node*, std::string> ids;
  auto id_of = [&](const Node* node) {
    auto [it, inserted] = ids.try_emplace(node, "n" + std::to_string(ids.size()));
    return std::make_pair(it->second, inserted);
  };
  std::vector<const Node*> stack;
  for (size_t i = 0; i < roots.size(); ++i) {
    const Tensor& root = roots[i];
    const std::string root_id = "root" + std::to_string(i);
    dot << "  " << root_id << " [shape=box, style=filled, fillcolor=\"#c8e6c9\", label=\"output\\n"
        << shape_text(root) << "\"];\n";
    Edge edge = gradient_edge(root);
    if (!edge.function) continue;
    auto [node_id, fresh] = id_of(edge.function.get());
    dot << "  " << node_id << " -> " << root_id << ";\n";
    if (fresh) stack.push_back(edge.function.get());
  }
  while (!stack.empty()) {
    const Node* node = stack.back();
    stack.pop_back();
    const std::string node_id = ids[node];
    if (const auto* sink = dynamic_cast<const AccumulateGrad*>(node)) {
      dot << "  " << node_id << " [shape=box, style=filled, fillcolor=\"#bbdefb\", label=\"leaf\\n"
          << shape_text(sink->variable()) << "\"];\n";
      continue;
    }
    dot << "  " << node_id << " [shape=ellipse, label=\"" << node->name() << "\"];\n";
    for (const Edge& edge : node->next_edges()) {
      if (!edge.function) continue;  // an input that needs no gradient
      auto [next_id, fresh] = id_of(edge.function.get());
      dot << "  " << next_id << " -> " << node_id << ";\n";
      if (fresh) stack.push_back(edge.function.get());
    }
  }
  dot << "}\n";
  return dot.str();
}

std::string to_dot(const Tensor& root) { return to_dot(variable_list{root}); }

bool render_svg(const Tensor& root, const std::string& svg_path) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) return false;
  const std::string dot_path = svg_path + ".dot";
  {
    std::ofstream out(dot_path);
    if (!out) return false;
    out << to_dot(root);
  }
  const std::string command = "dot -Tsvg '" + dot_path + "' -o '" + svg_path + "'";
  const bool ok = std::system(command.c_str()) == 0;
  std::remove(dot_path.c_str());
  return ok;
}

// ---- tracing ----------------------------------------------------------------------------

namespace {
thread_local std::ostream* trace_out = nullptr;
thread_local int64_t trace_max_values = 8;

// The engine calls this after each node it runs while a TraceGuard is alive.
void trace_step(const Node& node, const variable_list& grads_in, const variable_list& grads_out) {
  std::ostream& out = *trace_out;
  out << node.name() << "\n";
  for (size_t i = 0; i < grads_in.size(); ++i)
    if (grads_in[i].defined())
      out << "  receives grad " << shape_text(grads_in[i]) << values_text(grads_in[i], trace_max_values) << "\n";
  for (size_t i = 0; i < grads_out.size(); ++i) {
    const Edge& edge = node.next_edge(i);
    if (!edge.function) continue;
    out << "  sends to " << edge.function->name() << ": ";
    if (grads_out[i].defined())
      out << shape_text(grads_out[i]) << values_text(grads_out[i], trace_max_values) << "\n";
    else
      out << "nothing\n";
  }
}
}  // namespace

TraceGuard::TraceGuard(std::ostream& out, int64_t max_values)
    : previous_out_(trace_out), previous_max_values_(trace_max_values),
      previous_observer_(set_step_observer(trace_step)) {
  trace_out = &out;
  trace_max_values = max_values;
}

TraceGuard::~TraceGuard() {
  trace_out = previous_out_;
  trace_max_values = previous_max_values_;
  set_step_observer(previous_observer_);
}

}  // namespace xg::autograd
