#pragma once
// ModuleDict: modules held under string keys, in insertion order, each registered as a
// submodule under its key, with no forward of its own (the owner decides how to call them).
//
//   using Pairs = std::vector<std::pair<std::string, std::shared_ptr<nn::Module>>>;
//   nn::ModuleDict heads(Pairs{{"classify", nn::Linear(8, 3).ptr()}, {"regress", nn::Linear(8, 1).ptr()}});
//   heads->insert("act", nn::ReLU());           // an existing key's module is replaced
//   x = heads->at<nn::LinearImpl>("classify").forward(x);
//   for (const auto& item : *heads) std::cout << item.key() << '\n';
//   heads["regress"], heads->contains("act"), heads->pop("act"), heads->keys(), heads->size()
//
// Its parameters are named "classify.weight", "classify.bias", ... as in LibTorch.
// Unlike LibTorch 1.13, pop() and clear() also unregister the submodules they remove (as
// PyTorch's Python ModuleDict does), so the removed modules' parameters leave parameters().

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "../../cloneable.h"
#include "../../pimpl.h"

namespace xg::nn {

class ModuleDictImpl : public Cloneable<ModuleDictImpl> {
 public:
  using Iterator = OrderedDict<std::string, std::shared_ptr<Module>>::Iterator;
  using ConstIterator = OrderedDict<std::string, std::shared_ptr<Module>>::ConstIterator;

  ModuleDictImpl() = default;
  /// The given (key, module) pairs, in order; a repeated key replaces the earlier module.
  explicit ModuleDictImpl(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
    update(modules);
  }
  explicit ModuleDictImpl(const OrderedDict<std::string, std::shared_ptr<Module>>& modules) { update(modules); }

  /// A deep copy of every module, under the same keys.
  std::shared_ptr<Module> clone() const override;
  void reset() override {}
  /// Prints "torch::nn::ModuleDict".
  void pretty_print(std::ostream& stream) const override;

  // ---- Adding and removing ------------------------------------------------------------------
  /// Adds `module` under `key`, or replaces the module already there (keeping its position).
  void insert(const std::string& key, std::shared_ptr<Module> module);
  template <class M>
  void insert(const std::string& key, const ModuleHolder<M>& holder) {
    insert(key, std::shared_ptr<Module>(holder.ptr()));
  }
  /// insert() of every (key, module) pair, in order.
  void update(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);
  /// insert() of every item of an OrderedDict or another ModuleDict.
  template <class Container>
  void update(const Container& container) {
    for (const auto& item : container) insert(item.key(), item.value());
  }
  /// Removes the module under `key` and returns it.
  std::shared_ptr<Module> pop(const std::string& key);
  /// Removes every module.
  void clear();

  // ---- Access ---------------------------------------------------------------------------------
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }
  /// The module under `key`.
  std::shared_ptr<Module> operator[](const std::string& key) const;
  /// The module under `key` as its own type: dict->at<nn::LinearImpl>("fc").weight.
  template <class T>
  T& at(const std::string& key) {
    return *checked_as<T>(key);
  }
  template <class T>
  const T& at(const std::string& key) const {
    return *checked_as<T>(key);
  }
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> items() const { return modules_.pairs(); }
  std::vector<std::string> keys() const { return modules_.keys(); }
  std::vector<std::shared_ptr<Module>> values() const { return modules_.values(); }
  size_t size() const noexcept { return modules_.size(); }
  bool empty() const noexcept { return modules_.is_empty(); }
  bool contains(const std::string& key) const noexcept { return modules_.contains(key); }

 private:
  template <class T>
  T* checked_as(const std::string& key) const {
    T* module = (*this)[key]->template as<T>();
    XG_CHECK(module != nullptr, "ModuleDict", "the module under key '", key, "' is not of the requested type");
    return module;
  }

  OrderedDict<std::string, std::shared_ptr<Module>> modules_;
};
XG_MODULE(ModuleDict);

}  // namespace xg::nn
