#pragma once
// Module checkpoints, as torch::save(model, path) / torch::load(model, path).
//
//   xg::save(model, "model.npz");   // model: a module, or any holder (nn::Linear, nn::Sequential, ...)
//   xg::load(model, "model.npz");   // copies the values into the existing parameters and buffers
//
// The checkpoint is the module's state_dict: the names of named_parameters() then
// named_buffers() (serialize.h), so numpy.load and tools/npz_to_state_dict.py read it.
// Loading copies in place, so parameters stay the tensors an optimizer holds; it is all
// or nothing: a missing, unexpected, misshapen or mistyped tensor throws "[load] ..."
// naming each problem, and the module is left as it was.

#include <memory>
#include <string>
#include <type_traits>

#include "../nn/module.h"
#include "../nn/pimpl.h"
#include "npz.h"

namespace xg {

namespace serialize {
/// The module's state_dict: named_parameters() then named_buffers(), sharing their storage.
NamedTensors state_dict(const nn::Module& module);
}  // namespace serialize

/// Saves the module's state_dict to `path` (atomically).
void save(const nn::Module& module, const std::string& path);
/// Loads a state_dict saved by save(module) into `module` in place, all or nothing.
void load(nn::Module& module, const std::string& path);

/// save(module) for a holder: xg::save(linear, path) with linear an nn::Linear.
template <class Contained>
void save(const nn::ModuleHolder<Contained>& module, const std::string& path) {
  save(static_cast<const nn::Module&>(*module), path);
}
/// load(module) for a holder: xg::load(linear, path) with linear an nn::Linear.
template <class Contained>
void load(nn::ModuleHolder<Contained>& module, const std::string& path) {
  load(static_cast<nn::Module&>(*module), path);
}

/// save(module) for a module held by std::shared_ptr, as LibTorch programs write
/// torch::save(net, path) with `auto net = std::make_shared<Net>()`.
template <class M, std::enable_if_t<std::is_base_of_v<nn::Module, M>, int> = 0>
void save(const std::shared_ptr<M>& module, const std::string& path) {
  XG_CHECK(module != nullptr, "save", "the module pointer is null");
  save(static_cast<const nn::Module&>(*module), path);
}
/// load(module) for a module held by std::shared_ptr.
template <class M, std::enable_if_t<std::is_base_of_v<nn::Module, M>, int> = 0>
void load(const std::shared_ptr<M>& module, const std::string& path) {
  XG_CHECK(module != nullptr, "load", "the module pointer is null");
  load(static_cast<nn::Module&>(*module), path);
}

}  // namespace xg
