#include "moduledict.h"

namespace xg::nn {

std::shared_ptr<Module> ModuleDictImpl::clone() const {
  auto copy = std::make_shared<ModuleDictImpl>();
  for (const auto& item : modules_) copy->insert(item.key(), item.value()->clone());
  return copy;
}

void ModuleDictImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::ModuleDict"; }

void ModuleDictImpl::insert(const std::string& key, std::shared_ptr<Module> module) {
  XG_CHECK(module != nullptr, "ModuleDict", "cannot add an empty module under key '", key, "'");
  if (std::shared_ptr<Module>* stored = modules_.find(key)) {
    *stored = module;
    replace_module(key, std::move(module));
  } else {
    register_module(key, module);  // first: it rejects a bad key before anything is stored
    modules_.insert(key, std::move(module));
  }
}

void ModuleDictImpl::update(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
  for (const auto& [key, module] : modules) insert(key, module);
}

std::shared_ptr<Module> ModuleDictImpl::pop(const std::string& key) {
  std::shared_ptr<Module> module = (*this)[key];
  modules_.erase(key);
  unregister_module(key);
  return module;
}

void ModuleDictImpl::clear() {
  for (const auto& item : modules_) unregister_module(item.key());
  modules_.clear();
}

std::shared_ptr<Module> ModuleDictImpl::operator[](const std::string& key) const {
  const std::shared_ptr<Module>* module = modules_.find(key);
  XG_CHECK(module != nullptr, "ModuleDict", "key '", key, "' is not defined");
  return *module;
}

}  // namespace xg::nn
