#include "sequential.h"

namespace xg::nn {

SequentialImpl::SequentialImpl(OrderedDict<std::string, AnyModule>&& ordered_dict) {
  modules_.reserve(ordered_dict.size());
  for (auto& item : ordered_dict) push_back(item.key(), std::move(item.value()));
}

SequentialImpl::SequentialImpl(std::initializer_list<NamedAnyModule> named_modules) {
  modules_.reserve(named_modules.size());
  for (const auto& named_module : named_modules) push_back(named_module.name(), named_module.module());
}

std::shared_ptr<Module> SequentialImpl::clone() const {
  auto copy = std::make_shared<SequentialImpl>();
  const auto names = named_children().keys();
  for (size_t i = 0; i < modules_.size(); ++i) copy->push_back(names[i], modules_[i].clone());
  return copy;
}

void SequentialImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Sequential"; }

void SequentialImpl::push_back(AnyModule any_module) {
  push_back(std::to_string(modules_.size()), std::move(any_module));
}

void SequentialImpl::push_back(std::string name, AnyModule any_module) {
  XG_CHECK(!any_module.is_empty(), "Sequential", "cannot add an empty module (\"", name, "\")");
  register_module(std::move(name), any_module.ptr());
  modules_.push_back(std::move(any_module));
}

std::shared_ptr<Module> SequentialImpl::ptr(size_t index) const {
  check_index(index);
  return modules_[index].ptr();
}

Tensor SequentialImpl::run(const Tensor& input) {
  XG_CHECK(!is_empty(), "Sequential", "cannot call forward() on an empty Sequential");
  Tensor x = input;
  for (const AnyModule& module : modules_) x = module.forward(x);
  return x;
}

void SequentialImpl::check_index(size_t index) const {
  XG_CHECK(index < modules_.size(), "Sequential", "index ", index, " is out of range for a Sequential of ",
           modules_.size(), " modules");
}

}  // namespace xg::nn
