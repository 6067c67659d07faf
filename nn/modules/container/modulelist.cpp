#include "modulelist.h"

#include <string>

namespace xg::nn {

std::shared_ptr<Module> ModuleListImpl::clone() const {
  auto copy = std::make_shared<ModuleListImpl>();
  for (const auto& module : modules_) copy->push_back(module->clone());
  return copy;
}

void ModuleListImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::ModuleList"; }

void ModuleListImpl::push_back(std::shared_ptr<Module> module) {
  XG_CHECK(module != nullptr, "ModuleList", "cannot add an empty module");
  register_module(std::to_string(modules_.size()), module);
  modules_.push_back(std::move(module));
}

void ModuleListImpl::insert(size_t index, std::shared_ptr<Module> module) {
  XG_CHECK(index <= modules_.size(), "ModuleList", "index ", index, " is out of range for insert into a ModuleList of ",
           modules_.size(), " modules");
  XG_CHECK(module != nullptr, "ModuleList", "cannot add an empty module");
  if (index == modules_.size()) return push_back(std::move(module));
  modules_.insert(modules_.begin() + static_cast<std::ptrdiff_t>(index), std::move(module));
  // Children keep their registration order, so the names "index".."size-2" are rebound
  // to their new modules and the last one is registered anew.
  for (size_t i = index; i + 1 < modules_.size(); ++i) replace_module(std::to_string(i), modules_[i]);
  register_module(std::to_string(modules_.size() - 1), modules_.back());
}

std::shared_ptr<Module> ModuleListImpl::ptr(size_t index) const {
  XG_CHECK(index < modules_.size(), "ModuleList", "index ", index, " is out of range for a ModuleList of ",
           modules_.size(), " modules");
  return modules_[index];
}

}  // namespace xg::nn
