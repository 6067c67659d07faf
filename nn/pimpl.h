#pragma once
// ModuleHolder and XG_MODULE: the shared handles that make `nn::Linear` work
// like LibTorch's.
//
// A layer is written as a class `LinearImpl` (derived from nn::Module); the
// line XG_MODULE(Linear) then declares `Linear`, a ModuleHolder<LinearImpl>:
// a std::shared_ptr to a LinearImpl with a friendlier face.
//
//   nn::Linear fc(4, 2);        // builds a LinearImpl(4, 2) behind the handle
//   fc->weight;                 // -> reaches the LinearImpl's members
//   fc(x);                      // calls fc->forward(x)
//   nn::Linear other = fc;      // a second handle to the same layer (shared parameters)
//   nn::Linear empty{nullptr};  // no module yet; assign one later
//
// A holder default-constructs its module when the module has a default
// constructor (nn::Sequential seq; is an empty Sequential, not null); for a
// module without one, `Linear fc;` does not compile: write `Linear fc{nullptr};`.
//
// With `#define TORCH_MODULE XG_MODULE`, LibTorch sources declaring their own
// modules with TORCH_MODULE(Net) compile unchanged.

#include <memory>
#include <ostream>
#include <type_traits>
#include <utility>

#include "../autograd/base/error.h"

namespace xg::nn {

class Module;

template <class Contained>
class ModuleHolder {
 public:
  using ContainedType = Contained;

  /// Default-constructs the module (only for modules with a default constructor).
  ModuleHolder() : impl_(default_construct()) {
    static_assert(std::is_default_constructible_v<Contained>,
                  "This module has no default constructor. Use = nullptr to give the holder the empty state "
                  "(e.g. `Linear linear = nullptr;` instead of `Linear linear;`).");
  }
  /// The empty state: holds no module.
  ModuleHolder(std::nullptr_t) : impl_(nullptr) {}  // NOLINT: implicit like LibTorch
  /// Builds the module from the constructor arguments: nn::Linear(4, 2) is a new LinearImpl(4, 2).
  template <class Head, class... Tail,
            // (a single holder argument is a copy, not constructor arguments)
            class = std::enable_if_t<!(std::is_base_of_v<ModuleHolder, std::decay_t<Head>> && sizeof...(Tail) == 0)>>
  explicit ModuleHolder(Head&& head, Tail&&... tail)
      : impl_(std::make_shared<Contained>(std::forward<Head>(head), std::forward<Tail>(tail)...)) {}
  /// Wraps an existing module (register_module returns one).
  ModuleHolder(std::shared_ptr<Contained> module) : impl_(std::move(module)) {}  // NOLINT: implicit like LibTorch

  /// True unless empty.
  explicit operator bool() const noexcept { return !is_empty(); }
  bool is_empty() const noexcept { return impl_ == nullptr; }

  Contained* operator->() { return get(); }
  const Contained* operator->() const { return get(); }
  Contained& operator*() { return *get(); }
  const Contained& operator*() const { return *get(); }
  /// The shared pointer to the module.
  const std::shared_ptr<Contained>& ptr() const {
    check_not_empty();
    return impl_;
  }
  Contained* get() {
    check_not_empty();
    return impl_.get();
  }
  const Contained* get() const {
    check_not_empty();
    return impl_.get();
  }

  /// Calls the module's forward with the same arguments.
  template <class... Args>
  decltype(auto) operator()(Args&&... args) {
    return get()->forward(std::forward<Args>(args)...);
  }
  /// Forwards indexing to the module (Sequential's seq[0]).
  template <class Arg>
  decltype(auto) operator[](Arg&& arg) {
    return (*get())[std::forward<Arg>(arg)];
  }

 protected:
  std::shared_ptr<Contained> impl_;

 private:
  void check_not_empty() const {
    XG_CHECK(impl_ != nullptr, "ModuleHolder",
             "accessing an empty module holder (it was made with nullptr and never assigned a module)");
  }
  static std::shared_ptr<Contained> default_construct() {
    if constexpr (std::is_default_constructible_v<Contained>) {
      return std::make_shared<Contained>();
    } else {
      return nullptr;
    }
  }
};

/// Prints the module behind the holder (see operator<< for Module).
template <class ModuleType>
std::ostream& operator<<(std::ostream& stream, const ModuleHolder<ModuleType>& module) {
  return stream << *module;
}

}  // namespace xg::nn

/// XG_MODULE_IMPL(Name, Impl) declares the holder class Name for the module class Impl.
#define XG_MODULE_IMPL(Name, ImplType)                               \
  class Name : public ::xg::nn::ModuleHolder<ImplType> { /* NOLINT */ \
   public:                                                           \
    using ::xg::nn::ModuleHolder<ImplType>::ModuleHolder;            \
    using Impl = ImplType;                                           \
  }

/// XG_MODULE(Linear) declares Linear, the holder of LinearImpl.
#define XG_MODULE(Name) XG_MODULE_IMPL(Name, Name##Impl)
