#pragma once
// ModuleList: modules held in order, registered as submodules "0", "1", ..., with no
// forward of its own (the owner decides how to call them).
//
//   nn::ModuleList layers(nn::Linear(2, 8), nn::Linear(8, 8));
//   layers->push_back(nn::Linear(8, 1));
//   for (const auto& layer : *layers) x = layer->as<nn::Linear>()->forward(x);
//   layers[0], layers->at<nn::LinearImpl>(0).weight, layers->ptr<nn::LinearImpl>(2), layers->size()
//
// Its parameters are named "0.weight", "0.bias", "1.weight", ... as in LibTorch.

#include <cstddef>
#include <memory>
#include <ostream>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../cloneable.h"
#include "../../pimpl.h"
#include "any.h"

namespace xg::nn {

class ModuleListImpl : public Cloneable<ModuleListImpl> {
 public:
  using Iterator = std::vector<std::shared_ptr<Module>>::iterator;
  using ConstIterator = std::vector<std::shared_ptr<Module>>::const_iterator;

  ModuleListImpl() = default;
  /// The given modules, in order (holders, shared pointers or module objects).
  template <class... Modules>
  explicit ModuleListImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    (push_back(std::forward<Modules>(modules)), ...);
  }

  /// A deep copy of every module.
  std::shared_ptr<Module> clone() const override;
  void reset() override {}
  /// Prints "torch::nn::ModuleList".
  void pretty_print(std::ostream& stream) const override;

  // ---- Adding modules -----------------------------------------------------------------------
  /// Appends a module, registered under the next index.
  void push_back(std::shared_ptr<Module> module);
  template <class M>
  void push_back(const ModuleHolder<M>& holder) {
    push_back(std::shared_ptr<Module>(holder.ptr()));
  }
  template <class M, class = std::enable_if_t<detail::is_module_v<M>>>
  void push_back(M&& module) {
    push_back(std::shared_ptr<Module>(std::make_shared<std::remove_reference_t<M>>(std::forward<M>(module))));
  }
  /// Appends every module of another ModuleList (or any container of modules).
  template <class Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }
  /// Inserts a module before `index` (index == size() appends); the modules after it move
  /// up one index, and are registered again under their new names.
  void insert(size_t index, std::shared_ptr<Module> module);
  template <class M>
  void insert(size_t index, const ModuleHolder<M>& holder) {
    insert(index, std::shared_ptr<Module>(holder.ptr()));
  }
  template <class M, class = std::enable_if_t<detail::is_module_v<M>>>
  void insert(size_t index, M&& module) {
    insert(index, std::shared_ptr<Module>(std::make_shared<std::remove_reference_t<M>>(std::forward<M>(module))));
  }

  // ---- Access ---------------------------------------------------------------------------------
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }
  /// The module at `index` as its own type: list->at<nn::LinearImpl>(0).weight.
  template <class T>
  T& at(size_t index) {
    return *checked_as<T>(index);
  }
  template <class T>
  const T& at(size_t index) const {
    return *checked_as<T>(index);
  }
  /// The module at `index`, as a Module or as its own type (null when it is not a T).
  std::shared_ptr<Module> ptr(size_t index) const;
  template <class T>
  std::shared_ptr<T> ptr(size_t index) const {
    return std::dynamic_pointer_cast<T>(ptr(index));
  }
  std::shared_ptr<Module> operator[](size_t index) const { return ptr(index); }
  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }

 private:
  template <class T>
  T* checked_as(size_t index) const {
    T* module = ptr(index)->template as<T>();
    XG_CHECK(module != nullptr, "ModuleList", "the module at index ", index, " is not of the requested type");
    return module;
  }

  std::vector<std::shared_ptr<Module>> modules_;
};
XG_MODULE(ModuleList);

}  // namespace xg::nn
