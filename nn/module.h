#pragma once
// nn::Module: the base of every layer and model, as torch::nn::Module.
//
// A module owns three ordered lists, each filled by its constructor:
//   parameters  tensors the optimizer trains (register_parameter),
//   buffers     tensors that are state but not trained (register_buffer),
//   children    submodules (register_module).
// Everything else follows from walking that tree: parameters() collects the
// parameters of the module and all its descendants (named "fc1.weight", ...),
// train()/eval() set the mode everywhere, zero_grad() clears every gradient,
// to(kDouble) converts every tensor, and operator<< prints the tree.
//
//   struct NetImpl : xg::nn::Module {
//     NetImpl() {
//       fc1 = register_module("fc1", xg::nn::Linear(4, 8));
//       fc2 = register_module("fc2", xg::nn::Linear(8, 1));
//     }
//     xg::Tensor forward(xg::Tensor x) { return fc2(xg::relu(fc1(x))); }
//     xg::nn::Linear fc1{nullptr}, fc2{nullptr};
//   };
//   XG_MODULE(Net);   // Net: a shared handle to a NetImpl (see pimpl.h)
//
// Modules are meant to live in a std::shared_ptr (a holder such as Net keeps
// them there); modules(), named_modules() and clone() rely on it.

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "../autograd/base/error.h"
#include "../autograd/tensor/tensor.h"
#include "ordered_dict.h"

namespace xg::nn {

template <class Contained>
class ModuleHolder;
template <class Derived>
class Cloneable;

class Module : public std::enable_shared_from_this<Module> {
 public:
  using ModuleApplyFunction = std::function<void(Module&)>;
  using ConstModuleApplyFunction = std::function<void(const Module&)>;
  using NamedModuleApplyFunction = std::function<void(const std::string&, Module&)>;
  using ConstNamedModuleApplyFunction = std::function<void(const std::string&, const Module&)>;
  using ModulePointerApplyFunction = std::function<void(const std::shared_ptr<Module>&)>;
  using NamedModulePointerApplyFunction = std::function<void(const std::string&, const std::shared_ptr<Module>&)>;

  /// A module with a fixed name (otherwise the name is the C++ type's name).
  explicit Module(std::string name);
  Module();
  virtual ~Module() = default;

  /// The module's name: the one given to the constructor, or the demangled C++ type
  /// name ("Net", "xg::nn::LinearImpl").
  const std::string& name() const noexcept;

  /// A deep copy with its own parameters. Modules deriving from nn::Cloneable have it;
  /// the base throws.
  virtual std::shared_ptr<Module> clone() const;

  /// Calls `function` on this module and every descendant, parents before children.
  void apply(const ModuleApplyFunction& function);
  void apply(const ConstModuleApplyFunction& function) const;
  /// The same, passing each module's dotted name ("", "fc1", "block.0", ...) after `name_prefix`.
  void apply(const NamedModuleApplyFunction& function, const std::string& name_prefix = std::string());
  void apply(const ConstNamedModuleApplyFunction& function, const std::string& name_prefix = std::string()) const;
  void apply(const ModulePointerApplyFunction& function) const;
  void apply(const NamedModulePointerApplyFunction& function, const std::string& name_prefix = std::string()) const;

  // ---- The tree ---------------------------------------------------------------------------
  /// The parameters of this module and (with recurse) of all its descendants, in
  /// registration order, depth first. Undefined tensors (Linear's missing bias) are skipped.
  std::vector<Tensor> parameters(bool recurse = true) const;
  /// The same with dotted names: "weight", "fc1.weight", "0.bias", ...
  OrderedDict<std::string, Tensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_buffers(bool recurse = true) const;
  /// This module (unless include_self is false) and all descendants, depth first.
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true) const;
  /// The same with dotted names; this module's own name is name_prefix ("" by default).
  OrderedDict<std::string, std::shared_ptr<Module>> named_modules(const std::string& name_prefix = std::string(),
                                                                  bool include_self = true) const;
  /// The direct submodules only.
  std::vector<std::shared_ptr<Module>> children() const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_children() const;

  // ---- Modes and conversions -------------------------------------------------------------------
  /// Training mode on (default) or off, for this module and all descendants. Layers such
  /// as Dropout behave differently in the two modes.
  virtual void train(bool on = true);
  /// train(false).
  void eval();
  virtual bool is_training() const noexcept;
  /// Converts every parameter and buffer to `dtype` in place: each tensor keeps its identity,
  /// so optimizers and handles (linear->weight) see the converted values.
  virtual void to(ScalarType dtype, bool non_blocking = false);
  /// Converts every parameter and buffer to `dtype` on `device`, which must be the CPU
  /// (xg::Error otherwise, before anything is converted).
  virtual void to(Device device, ScalarType dtype, bool non_blocking = false);
  /// Moves every parameter and buffer to `device`: nothing to do on the CPU, xg::Error otherwise.
  virtual void to(Device device, bool non_blocking = false);
  /// Clears the gradient of every parameter: sets it to undefined (set_to_none, the
  /// default here as in xgrad's optimizers; LibTorch 1.13 defaults to false) or to zeros.
  virtual void zero_grad(bool set_to_none = true);

  /// This module as a `ModuleType` (a module class or a holder such as nn::Linear), or
  /// nullptr when it is something else.
  template <class ModuleType>
  auto* as() noexcept;
  template <class ModuleType>
  const auto* as() const noexcept;
  /// True when this module is a `ModuleType`.
  template <class ModuleType>
  bool is() const noexcept {
    return as<ModuleType>() != nullptr;
  }

  /// Writes the module's one-line description; the default is name(). operator<< calls it
  /// for every module of the tree.
  virtual void pretty_print(std::ostream& stream) const;

  // ---- Registration (called from constructors) -------------------------------------------------
  /// Adds a parameter and sets its requires_grad; returns a reference to the stored handle.
  /// An undefined tensor is allowed (an absent optional parameter).
  Tensor& register_parameter(std::string name, Tensor tensor, bool requires_grad = true);
  /// Adds a buffer: state saved with the module and converted by to(), but not trained.
  Tensor& register_buffer(std::string name, Tensor tensor);
  /// Adds a submodule and returns it, so a constructor can write
  /// fc1 = register_module("fc1", nn::Linear(4, 8)).
  template <class ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, std::shared_ptr<ModuleType> module);
  template <class ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, ModuleHolder<ModuleType> module_holder);
  /// Swaps the submodule registered under `name` for another one.
  template <class ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, std::shared_ptr<ModuleType> module);
  template <class ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, ModuleHolder<ModuleType> module_holder);
  void unregister_module(const std::string& name);

 protected:
  OrderedDict<std::string, Tensor> parameters_{"Parameter"};

 private:
  template <class Derived>
  friend class Cloneable;
  friend std::ostream& operator<<(std::ostream& stream, const Module& module);

  /// For Cloneable: become a deep copy of `other`.
  virtual void clone_(Module& other);
  void pretty_print_recursive(std::ostream& stream, const std::string& indentation) const;
  void apply_to_submodules(const NamedModulePointerApplyFunction& function,
                           const std::string& name_prefix = std::string()) const;
  std::shared_ptr<Module> shared_from_this_checked() const;
  /// named_parameters() or named_buffers(), as `dict` is &Module::parameters_ or &Module::buffers_:
  /// the defined tensors of that dictionary in this module and (with recurse) in every
  /// descendant, depth first, under dotted names.
  OrderedDict<std::string, Tensor> named_tensors(OrderedDict<std::string, Tensor> Module::*dict,
                                                 bool recurse) const;
  /// Throws "[op] <kind> name must not ..." unless `name` is non-empty and has no dot.
  /// A name must be non-empty, without dots, and not taken by a parameter, buffer or submodule.
  void check_name(const std::string& name, const char* op, const char* kind) const;

  OrderedDict<std::string, Tensor> buffers_{"Buffer"};
  OrderedDict<std::string, std::shared_ptr<Module>> children_{"Submodule"};
  mutable std::string name_;
  bool is_training_ = true;
};

/// Prints the module tree as LibTorch does:
///   torch::nn::Sequential(
///     (0): torch::nn::Linear(in_features=3, out_features=2, bias=true)
///     (1): torch::nn::ReLU()
///   )
std::ostream& operator<<(std::ostream& stream, const Module& module);

namespace detail {
template <class T, class = void>
struct is_module_holder : std::false_type {};
template <class T>
struct is_module_holder<T, std::void_t<typename T::ContainedType>>
    : std::is_base_of<ModuleHolder<typename T::ContainedType>, T> {};
}  // namespace detail

// ---- Template definitions ---------------------------------------------------------------------

template <class ModuleType>
auto* Module::as() noexcept {
  if constexpr (detail::is_module_holder<ModuleType>::value) {
    return dynamic_cast<typename ModuleType::ContainedType*>(this);
  } else {
    return dynamic_cast<ModuleType*>(this);
  }
}

template <class ModuleType>
const auto* Module::as() const noexcept {
  return const_cast<Module*>(this)->as<ModuleType>();
}

template <class ModuleType>
std::shared_ptr<ModuleType> Module::register_module(std::string name, std::shared_ptr<ModuleType> module) {
  check_name(name, "register_module", "submodule");
  XG_CHECK(module != nullptr, "register_module", "submodule '", name, "' is empty (nullptr)");
  auto& stored = children_.insert(std::move(name), std::move(module));
  return std::dynamic_pointer_cast<ModuleType>(stored);
}

template <class ModuleType>
std::shared_ptr<ModuleType> Module::register_module(std::string name, ModuleHolder<ModuleType> module_holder) {
  return register_module(std::move(name), module_holder.ptr());
}

template <class ModuleType>
std::shared_ptr<ModuleType> Module::replace_module(const std::string& name, std::shared_ptr<ModuleType> module) {
  auto& stored = (children_[name] = std::move(module));
  return std::dynamic_pointer_cast<ModuleType>(stored);
}

template <class ModuleType>
std::shared_ptr<ModuleType> Module::replace_module(const std::string& name, ModuleHolder<ModuleType> module_holder) {
  return replace_module(name, module_holder.ptr());
}

}  // namespace xg::nn
