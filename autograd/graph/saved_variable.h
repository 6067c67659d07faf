#pragma once
// SavedVariable: a tensor an op keeps for its backward pass.
//
// It remembers the storage version at the time it was saved; unpacking after
// an in-place write to that storage is an error, because backward would
// silently use the new values.
//
// An op that saves its own output (exp, tanh, sigmoid, ...) must not keep the
// output's grad_fn alive: that grad_fn is the node holding this SavedVariable,
// which would make a cycle. So outputs are saved as a detached alias, and
// unpack() re-attaches the node currently run by the engine when a graph of
// the backward pass is being recorded (create_graph).

#include <cstdint>

#include "node.h"

namespace xg::autograd {

class SavedVariable {
 public:
  SavedVariable() = default;
  SavedVariable(const Tensor& tensor, bool is_output);

  /// The saved tensor; throws if its storage was modified in place since it was saved.
  Tensor unpack() const;
  bool defined() const { return data_.defined(); }

 private:
  Tensor data_;
  uint32_t saved_version_ = 0;
  uint32_t output_nr_ = 0;
  bool is_output_ = false;
  bool requires_grad_ = false;
};

}  // namespace xg::autograd
