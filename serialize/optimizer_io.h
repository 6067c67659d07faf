#pragma once
// Optimizer checkpoints, as torch::save(optimizer, path) / torch::load(optimizer, path).
//
//   xg::save(model, "model.npz");  xg::save(optimizer, "optimizer.npz");
//   ...later, in a new process with a new model and optimizer built the same way...
//   xg::load(model, "model.npz");  xg::load(optimizer, "optimizer.npz");
//   // training continues exactly as if it had never stopped
//
// Keys (serialize.h), counting parameters i over all groups in order, as torch's
// optimizer state_dict does:
//   state.<i>.<name>          the per-parameter state: each counter (e.g. "step") as a 0-d
//                             Long tensor, each real number (e.g. LBFGS's "t") as a 0-d
//                             Double, then each tensor made so far (e.g. "exp_avg"), then the
//                             whole-group tensors made so far (e.g. LBFGS's "d") and the
//                             elements of whole-group lists, oldest first ("old_dirs.0", ...);
//                             a parameter that has no state yet has no keys
//   param_groups.<g>.params   the indices i of group g's parameters (1-D Long)
//   param_groups.<g>.<option> each option of group g as a 0-d Double (flags are 0 or 1;
//                             Adam's betas are "betas.0" and "betas.1")
// The names come from the state and options types themselves (OptimizerParamState::tensors(),
// counters(), numbers() and group_slots(), OptimizerOptions::slots()), so this file knows no
// optimizer by name.
//
// Loading checks everything first: the groups and their sizes, every option, and for each
// parameter with saved state, every counter and number and every tensor's shape and dtype
// (those of its parameter; for whole-group tensors, 1-D over all the group's elements or 0-d,
// in the parameter's dtype), and that the lists of one state have the same length. Any mismatch (a checkpoint of another optimizer type, another parameter
// count or shape, a truncated file) throws "[load] ..." naming the problems and leaves the
// optimizer untouched; otherwise its options are replaced and its state rebuilt from the
// checkpoint, state objects being made as needed (a fresh optimizer has none).
//
// Adam and AdamW share their keys, so either loads the other's checkpoint, as in PyTorch.
// LBFGS keeps its state, a history of whole-model vectors, under its first parameter, as
// torch does; an optimizer without checkpoint support (Optimizer::make_param_state() null)
// makes save and load throw "[save] / [load] ... has no checkpoint support".

#include <string>

#include "../optim/optimizer.h"
#include "npz.h"

namespace xg {

namespace serialize {
/// The optimizer's state_dict under the keys above: state, then param_groups.
NamedTensors optimizer_state_dict(const optim::Optimizer& optimizer);
}  // namespace serialize

/// Saves the optimizer's state and options to `path` (atomically).
void save(const optim::Optimizer& optimizer, const std::string& path);
/// Loads a checkpoint saved by save(optimizer) into `optimizer`, all or nothing.
void load(optim::Optimizer& optimizer, const std::string& path);

}  // namespace xg
