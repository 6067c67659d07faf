#pragma once
// Checkpoints: tensors saved to and loaded from NumPy's .npz format, a zip
// archive of .npy arrays that numpy (numpy.load) and therefore PyTorch can read
// (tools/npz_to_state_dict.py turns one into a state_dict).
//
//   xg::save(weights, "weights.npz");        // arrays arr_0, arr_1, ... as numpy.savez(f, *arrays)
//   xg::load(weights, "weights.npz");        // checks and copies them back
//
// Key scheme. Each tensor is the archive entry "<key>.npy"; numpy shows it as
// np.load(path)[key]. The keys are
//   - positional saves (save(tensor), save(vector)): arr_0, arr_1, ... (numpy.savez's names);
//   - modules: PyTorch's state_dict keys, i.e. the names of named_parameters() then
//     named_buffers(), dotted by submodule: "fc1.weight", "fc1.bias", "bn.running_mean";
//   - optimizers: "state.<i>.<name>" for the per-parameter state of the i-th parameter
//     (counted over all parameter groups in order, as in torch's optimizer state_dict),
//     e.g. "state.0.exp_avg", "state.0.step", and "param_groups.<g>.<option>" for the
//     options of group g (0-d Double tensors), e.g. "param_groups.0.lr".
// Keys are distinct, non-empty, and saved in the order given; load_named returns that order.
//
// Writes are atomic (atomic_file.h): after a failure or a crash the file at the path is
// the previous checkpoint, whole. Loads read and check the whole checkpoint first and
// change no target unless every name, shape and dtype matches:
//   [load] checkpoint 'x.npz' has weight with shape [3, 2], expected [2, 3]
// Dtypes: Float '<f4', Double '<f8', Long '<i8', Bool '|b1'; any shape including 0-d and
// empty; views are written in row-major order. Gradients and requires_grad are not saved.

#include <string>
#include <utility>
#include <vector>

#include "../autograd/tensor/tensor.h"
#include "npz.h"

namespace xg {

/// Saves one tensor (the array "arr_0").
void save(const Tensor& tensor, const std::string& path);
/// Saves tensors as the arrays "arr_0", "arr_1", ... in order.
void save(const std::vector<Tensor>& tensors, const std::string& path);

/// Loads the one array of a checkpoint (whatever its name). A defined `tensor` must have its
/// shape and dtype and receives the values in place (under NoGradGuard, so parameters stay
/// the same tensors); an undefined one becomes the loaded tensor.
void load(Tensor& tensor, const std::string& path);
/// Loads "arr_0", "arr_1", ... into `tensors` as load(Tensor&) does, all or nothing; the
/// checkpoint must hold exactly tensors.size() arrays. An empty vector receives every array
/// of the checkpoint, in order.
void load(std::vector<Tensor>& tensors, const std::string& path);

namespace serialize {

/// Saves tensors under their names (the key scheme above), in order.
void save_named(const NamedTensors& tensors, const std::string& path);
/// Every tensor of a checkpoint with its name, in the order they were saved.
NamedTensors load_named(const std::string& path);
/// Copies the checkpoint's tensors into `targets` (defined tensors, e.g. a module's parameters
/// and buffers) in place, matching by name. Throws xg::Error naming every mismatch, and changes
/// nothing, when a target's name is missing from the checkpoint, or its shape or dtype differs,
/// or (when `strict`) the checkpoint holds a name no target has.
void load_named_into(const NamedTensors& targets, const std::string& path, bool strict = true);

}  // namespace serialize
}  // namespace xg

// Modules and optimizers: xg::save(model, path), xg::save(optimizer, path) and their loads.
#include "module_io.h"
#include "optimizer_io.h"
