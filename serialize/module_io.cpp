#include "module_io.h"

#include "serialize.h"

namespace xg {

serialize::NamedTensors serialize::state_dict(const nn::Module& module) {
  NamedTensors tensors = module.named_parameters().pairs();
  for (auto& buffer : module.named_buffers().pairs()) tensors.push_back(std::move(buffer));
  return tensors;
}

void save(const nn::Module& module, const std::string& path) {
  serialize::save_named(serialize::state_dict(module), path);
}

void load(nn::Module& module, const std::string& path) {
  serialize::load_named_into(serialize::state_dict(module), path, /*strict=*/true);
}

}  // namespace xg
