#pragma once
// AnyModule: any module whose forward takes one tensor and returns one, behind
// one type, so that a Sequential can hold a Linear next to a ReLU next to a
// user's own module. (LibTorch's AnyModule also accepts other forward
// signatures; xgrad's Sequential passes one tensor from layer to layer, which
// is what models built from the layers here need.)
//
// NamedAnyModule pairs one with a name, for Sequential({{"fc", nn::Linear(3, 2)}, ...}).

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "../../module.h"
#include "../../pimpl.h"

namespace xg::nn {

namespace detail {
template <class M>
constexpr bool is_module_v = std::is_base_of_v<Module, std::decay_t<M>>;
}

class AnyModule {
 public:
  /// An empty AnyModule.
  AnyModule() = default;
  /// Holds a module given by shared pointer, by holder (nn::Linear(3, 2)) or by value.
  template <class ModuleType>
  explicit AnyModule(std::shared_ptr<ModuleType> module) : module_(module), forward_(make_forward(module)),
        clone_(make_cloner<ModuleType>()) {}
  template <class ModuleType>
  explicit AnyModule(const ModuleHolder<ModuleType>& holder) : AnyModule(holder.ptr()) {}
  template <class ModuleType, class = std::enable_if_t<detail::is_module_v<ModuleType>>>
  explicit AnyModule(ModuleType&& module)
      : AnyModule(std::make_shared<std::decay_t<ModuleType>>(std::forward<ModuleType>(module))) {}

  /// Runs the module's forward.
  template <class ReturnType = Tensor>
  ReturnType forward(const Tensor& input) const {
    XG_CHECK(!is_empty(), "AnyModule", "forward() called on an empty AnyModule");
    return forward_(input);
  }

  /// The module, as a Module or (checked) as its own type.
  std::shared_ptr<Module> ptr() const { return module_; }
  template <class T, class = std::enable_if_t<detail::is_module_v<T>>>
  std::shared_ptr<T> ptr() const {
    auto typed = std::dynamic_pointer_cast<T>(module_);
    XG_CHECK(typed != nullptr, "AnyModule", "the module is a ", module_->name(), ", not the type asked for");
    return typed;
  }
  template <class T, class = std::enable_if_t<detail::is_module_v<T>>>
  T& get() const {
    return *ptr<T>();
  }
  /// A deep copy of the module (Module::clone), held the same way.
  AnyModule clone() const {
    XG_CHECK(!is_empty(), "AnyModule", "clone() called on an empty AnyModule");
    return clone_(*module_);
  }
  bool is_empty() const noexcept { return module_ == nullptr; }

 private:
  template <class ModuleType>
  static std::function<Tensor(const Tensor&)> make_forward(const std::shared_ptr<ModuleType>& module) {
    XG_CHECK(module != nullptr, "AnyModule", "cannot hold an empty module (nullptr)");
    ModuleType* raw = module.get();  // the module lives as long as module_ does
    return [raw](const Tensor& input) -> Tensor { return raw->forward(input); };
  }
  template <class ModuleType>
  static std::function<AnyModule(const Module&)> make_cloner() {
    return [](const Module& module) {
      return AnyModule(std::dynamic_pointer_cast<ModuleType>(module.clone()));
    };
  }

  std::shared_ptr<Module> module_;
  std::function<Tensor(const Tensor&)> forward_;
  std::function<AnyModule(const Module&)> clone_;
};

/// A name and a module, for Sequential's {{"name", module}, ...} constructor.
class NamedAnyModule {
 public:
  template <class ModuleType>
  NamedAnyModule(std::string name, std::shared_ptr<ModuleType> module)
      : NamedAnyModule(std::move(name), AnyModule(std::move(module))) {}
  template <class ModuleType>
  NamedAnyModule(std::string name, const ModuleHolder<ModuleType>& holder)
      : NamedAnyModule(std::move(name), holder.ptr()) {}
  template <class ModuleType, class = std::enable_if_t<detail::is_module_v<ModuleType>>>
  NamedAnyModule(std::string name, ModuleType&& module)
      : NamedAnyModule(std::move(name), std::make_shared<std::decay_t<ModuleType>>(std::forward<ModuleType>(module))) {}
  NamedAnyModule(std::string name, AnyModule module) : name_(std::move(name)), module_(std::move(module)) {}

  const std::string& name() const noexcept { return name_; }
  AnyModule& module() noexcept { return module_; }
  const AnyModule& module() const noexcept { return module_; }

 private:
  std::string name_;
  AnyModule module_;
};

}  // namespace xg::nn
