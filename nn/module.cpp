#include "module.h"

#include <string>
#include <utility>

#include "../autograd/graph/autograd_meta.h"
#include "../autograd/graph/function.h"
#include "../autograd/graph/grad_mode.h"
#include "../autograd/graph/zero_grad.h"
#include "pimpl.h"

namespace xg::nn {

namespace {
// "block.0" from "block" and "0"; just "0" at the top.
std::string join_name(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}
}  // namespace

Module::Module(std::string name) : name_(std::move(name)) {}

Module::Module() = default;

const std::string& Module::name() const noexcept {
  // The type name is only known once the object is fully built, so it is looked up lazily.
  if (name_.empty()) name_ = autograd::demangled_name(typeid(*this).name());
  return name_;
}

std::shared_ptr<Module> Module::clone() const {
  xg::detail::fail("clone", "clone() has not been implemented for ", name(), ". Derive ", name(),
               " from nn::Cloneable<", name(), "> instead of nn::Module to inherit the ability to clone.");
}

void Module::clone_(Module& /*other*/) {}

// ---- Walking the tree ---------------------------------------------------------------------------

void Module::apply(const ModuleApplyFunction& function) {
  function(*this);
  apply_to_submodules([&function](const std::string&, const std::shared_ptr<Module>& module) { function(*module); });
}

void Module::apply(const ConstModuleApplyFunction& function) const {
  function(*this);
  apply_to_submodules([&function](const std::string&, const std::shared_ptr<Module>& module) { function(*module); });
}

void Module::apply(const NamedModuleApplyFunction& function, const std::string& name_prefix) {
  function(name_prefix, *this);
  apply_to_submodules(
      [&function](const std::string& name, const std::shared_ptr<Module>& module) { function(name, *module); },
      name_prefix);
}

void Module::apply(const ConstNamedModuleApplyFunction& function, const std::string& name_prefix) const {
  function(name_prefix, *this);
  apply_to_submodules(
      [&function](const std::string& name, const std::shared_ptr<Module>& module) { function(name, *module); },
      name_prefix);
}

void Module::apply(const ModulePointerApplyFunction& function) const {
  function(shared_from_this_checked());
  apply_to_submodules([&function](const std::string&, const std::shared_ptr<Module>& module) { function(module); });
}

void Module::apply(const NamedModulePointerApplyFunction& function, const std::string& name_prefix) const {
  function(name_prefix, shared_from_this_checked());
  apply_to_submodules(function, name_prefix);
}

void Module::apply_to_submodules(const NamedModulePointerApplyFunction& function,
                                 const std::string& name_prefix) const {
  for (const auto& child : children_) {
    const std::string qualified = join_name(name_prefix, child.key());
    function(qualified, child.value());
    child.value()->apply_to_submodules(function, qualified);
  }
}

std::shared_ptr<Module> Module::shared_from_this_checked() const {
  std::shared_ptr<const Module> self = weak_from_this().lock();
  XG_CHECK(self != nullptr, "Module",
           "this module is not owned by a std::shared_ptr, so it cannot hand itself out. Create it with "
           "std::make_shared (or a holder such as nn::Linear) instead of on the stack, or pass include_self=false "
           "to modules() / named_modules()");
  return std::const_pointer_cast<Module>(self);
}

std::vector<Tensor> Module::parameters(bool recurse) const { return named_parameters(recurse).values(); }

OrderedDict<std::string, Tensor> Module::named_parameters(bool recurse) const {
  return named_tensors(&Module::parameters_, recurse);
}

std::vector<Tensor> Module::buffers(bool recurse) const { return named_buffers(recurse).values(); }

OrderedDict<std::string, Tensor> Module::named_buffers(bool recurse) const {
  return named_tensors(&Module::buffers_, recurse);
}

OrderedDict<std::string, Tensor> Module::named_tensors(OrderedDict<std::string, Tensor> Module::*dict,
                                                       bool recurse) const {
  OrderedDict<std::string, Tensor> result;
  // `module.*dict` is that module's parameters_ (or buffers_): the same member of each module.
  auto collect = [&result, dict](const std::string& prefix, const Module& module) {
    for (const auto& item : module.*dict)
      if (item.value().defined()) result.insert(join_name(prefix, item.key()), item.value());
  };
  if (recurse) {
    apply(ConstNamedModuleApplyFunction(collect));
  } else {
    collect("", *this);
  }
  return result;
}

std::vector<std::shared_ptr<Module>> Module::modules(bool include_self) const {
  return named_modules("", include_self).values();
}

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_modules(const std::string& name_prefix,
                                                                        bool include_self) const {
  OrderedDict<std::string, std::shared_ptr<Module>> result;
  auto collect = [&result](const std::string& name, const std::shared_ptr<Module>& module) {
    result.insert(name, module);
  };
  if (include_self) {
    apply(NamedModulePointerApplyFunction(collect), name_prefix);
  } else {
    apply_to_submodules(collect, name_prefix);
  }
  return result;
}

std::vector<std::shared_ptr<Module>> Module::children() const { return children_.values(); }

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_children() const { return children_; }

// ---- Modes and conversions ------------------------------------------------------------------------

void Module::train(bool on) {
  for (auto& child : children_) child.value()->train(on);
  is_training_ = on;
}

void Module::eval() { train(false); }

bool Module::is_training() const noexcept { return is_training_; }

void Module::to(ScalarType dtype, bool non_blocking) {
  for (auto& child : children_) child.value()->to(dtype, non_blocking);
  NoGradGuard no_grad;
  for (auto& parameter : parameters_)
    if (parameter.value().defined()) parameter.value().set_data(parameter.value().to(dtype));
  for (auto& buffer : buffers_)
    if (buffer.value().defined()) buffer.value().set_data(buffer.value().to(dtype));
}

void Module::to(Device device, ScalarType dtype, bool non_blocking) {
  check_cpu_device("to", device);
  to(dtype, non_blocking);
}

void Module::to(Device device, bool /*non_blocking*/) { check_cpu_device("to", device); }

void Module::zero_grad(bool set_to_none) {
  // Through each child's own zero_grad (it is virtual), then this module's parameters.
  for (auto& child : children_) child.value()->zero_grad(set_to_none);
  autograd::zero_grad(parameters(/*recurse=*/false), set_to_none);
}

// ---- Registration ---------------------------------------------------------------------------------

Tensor& Module::register_parameter(std::string name, Tensor tensor, bool requires_grad) {
  check_name(name, "register_parameter", "parameter");
  if (tensor.defined()) tensor.set_requires_grad(requires_grad);
  return parameters_.insert(std::move(name), std::move(tensor));
}

Tensor& Module::register_buffer(std::string name, Tensor tensor) {
  check_name(name, "register_buffer", "buffer");
  return buffers_.insert(std::move(name), std::move(tensor));
}

void Module::check_name(const std::string& name, const char* op, const char* kind) const {
  // A dot would make the name ambiguous in the dotted names ("block.fc.weight").
  XG_CHECK(!name.empty(), op, kind, " name must not be empty");
  XG_CHECK(name.find('.') == std::string::npos, op, kind, " name must not contain a dot (got '", name, "')");
  // One name, one thing: a state_dict key must say which tensor it is. (A second one of the same
  // kind is the dict's own error, in LibTorch's words.)
  const std::pair<const char*, bool> taken[] = {
      {"parameter", parameters_.contains(name)}, {"buffer", buffers_.contains(name)}, {"submodule", children_.contains(name)}};
  for (const auto& [other, is_taken] : taken)
    XG_CHECK(!is_taken || std::string(other) == kind, op, "'", name, "' is already a ", other, " of this module");
}

void Module::unregister_module(const std::string& name) {
  XG_CHECK(children_.contains(name), "unregister_module", "no submodule with name '", name, "' is registered");
  children_.erase(name);
}

// ---- Printing -------------------------------------------------------------------------------------

void Module::pretty_print(std::ostream& stream) const { stream << name(); }

void Module::pretty_print_recursive(std::ostream& stream, const std::string& indentation) const {
  pretty_print(stream);
  if (children_.is_empty()) return;
  stream << "(\n";
  const std::string next_indentation = indentation + "  ";
  for (const auto& child : children_) {
    stream << next_indentation << "(" << child.key() << "): ";
    child.value()->pretty_print_recursive(stream, next_indentation);
    stream << '\n';
  }
  stream << indentation << ")";
}

std::ostream& operator<<(std::ostream& stream, const Module& module) {
  module.pretty_print_recursive(stream, "");
  return stream;
}

}  // namespace xg::nn
