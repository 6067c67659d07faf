#pragma once
// The backward engine: runs the recorded graph from the roots to the leaves.
// See engine.cpp for the algorithm.

#include <optional>

#include "node.h"

namespace xg::autograd {

/// Accumulates d(sum of roots·grad_roots)/d(leaf) into every leaf's grad()
/// (or only into `inputs` when given). A missing grad_root means ones, allowed
/// for one-element roots only.
void backward(const variable_list& roots, const variable_list& grad_roots = {},
              std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
              const variable_list& inputs = {});

/// Returns d(sum of outputs·grad_outputs)/d(input) for each input, without
/// touching any grad(). `allow_unused`: an input the outputs do not depend on
/// gets an undefined tensor instead of an error.
variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs = {},
                   std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
                   bool allow_unused = false);

/// A function the engine calls after each node it runs on this thread, with the gradients
/// the node received and those it returned. inspect/graph_view.h's TraceGuard installs one
/// to print backward step by step. Returns the observer it replaces (null: none).
using StepObserver = void (*)(const Node& node, const variable_list& grads_in, const variable_list& grads_out);
StepObserver set_step_observer(StepObserver observer);

}  // namespace xg::autograd
