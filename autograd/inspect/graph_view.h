#pragma once
// Looking at the recorded graph: as Graphviz DOT text, as an SVG picture, and
// step by step while backward runs.
//
//   std::cout << xg::autograd::to_dot(loss);           // paste into any Graphviz viewer
//   xg::autograd::render_svg(loss, "graph.svg");       // needs Debian's graphviz (`dot`)
//   {
//     xg::autograd::TraceGuard trace;                  // prints every node backward runs
//     loss.backward();
//   }

#include <iostream>
#include <string>

#include "../graph/engine.h"

namespace xg::autograd {

/// The graph that produced `roots`, in Graphviz DOT. Boxes are tensors: the
/// roots (green, with their shapes) and the leaves that require grad (blue,
/// with their shapes); ellipses are backward nodes with PyTorch's names. Arrows
/// follow the forward computation, from inputs to results.
std::string to_dot(const variable_list& roots);
std::string to_dot(const Tensor& root);

/// Writes the graph as SVG with Graphviz's `dot`; returns false (writing nothing)
/// when `dot` is not installed (apt-get install graphviz) or fails.
bool render_svg(const Tensor& root, const std::string& svg_path);

/// While alive, every backward pass on this thread prints each node it runs:
/// its name, the gradient it receives, and what it sends to each input
/// (shapes always, values for tensors of at most `max_values` elements).
class TraceGuard {
 public:
  explicit TraceGuard(std::ostream& out = std::cout, int64_t max_values = 8);
  ~TraceGuard();
  TraceGuard(const TraceGuard&) = delete;
  TraceGuard& operator=(const TraceGuard&) = delete;

 private:
  std::ostream* previous_out_;
  int64_t previous_max_values_;
  StepObserver previous_observer_;
};

}  // namespace xg::autograd
