#pragma once
// Sequential: a chain of modules, each one's output the next one's input.
//
//   nn::Sequential net(nn::Linear(2, 8), nn::Tanh(), nn::Linear(8, 1));
//   Tensor y = net->forward(x);                       // or net(x)
//   nn::Sequential named({{"fc1", nn::Linear(2, 8)}, {"act", nn::Tanh()}});
//   net->push_back(nn::Sigmoid());
//   net[0], net->size(), for (const auto& m : *net) ...
//
// The modules are registered as submodules named "0", "1", ... (or the names
// given), so parameters() are named "0.weight", "0.bias", "2.weight", ...

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "../../cloneable.h"
#include "../../pimpl.h"
#include "any.h"

namespace xg::nn {

class SequentialImpl : public Cloneable<SequentialImpl> {
 public:
  using Iterator = std::vector<AnyModule>::iterator;
  using ConstIterator = std::vector<AnyModule>::const_iterator;

  SequentialImpl() = default;
  /// The given modules, in order (holders, shared pointers or module objects).
  template <class... Modules>
  explicit SequentialImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    (push_back(std::forward<Modules>(modules)), ...);
  }
  /// Named modules, in the dictionary's order.
  explicit SequentialImpl(OrderedDict<std::string, AnyModule>&& ordered_dict);
  explicit SequentialImpl(std::initializer_list<NamedAnyModule> named_modules);

  /// A deep copy of every module.
  std::shared_ptr<Module> clone() const override;
  void reset() override {}
  /// Prints "torch::nn::Sequential".
  void pretty_print(std::ostream& stream) const override;

  /// Runs the modules in order; an error when there are none.
  template <class ReturnType = Tensor>
  ReturnType forward(const Tensor& input) {
    return run(input);
  }

  // ---- Adding modules -----------------------------------------------------------------------
  /// Appends a module, registered under the next index ("3") or the given name.
  template <class ModuleType>
  void push_back(std::shared_ptr<ModuleType> module) {
    push_back(std::to_string(modules_.size()), AnyModule(std::move(module)));
  }
  template <class ModuleType>
  void push_back(std::string name, std::shared_ptr<ModuleType> module) {
    push_back(std::move(name), AnyModule(std::move(module)));
  }
  template <class ModuleType>
  void push_back(const ModuleHolder<ModuleType>& holder) {
    push_back(std::to_string(modules_.size()), AnyModule(holder.ptr()));
  }
  template <class ModuleType>
  void push_back(std::string name, const ModuleHolder<ModuleType>& holder) {
    push_back(std::move(name), AnyModule(holder.ptr()));
  }
  template <class ModuleType, class = std::enable_if_t<detail::is_module_v<ModuleType>>>
  void push_back(ModuleType&& module) {
    push_back(std::to_string(modules_.size()), AnyModule(std::forward<ModuleType>(module)));
  }
  template <class ModuleType, class = std::enable_if_t<detail::is_module_v<ModuleType>>>
  void push_back(std::string name, ModuleType&& module) {
    push_back(std::move(name), AnyModule(std::forward<ModuleType>(module)));
  }
  void push_back(AnyModule any_module);
  void push_back(std::string name, AnyModule any_module);
  /// Appends every module of another Sequential (or any container of modules).
  template <class Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }

  // ---- Access ---------------------------------------------------------------------------------
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }
  /// The module at `index` as its own type: seq->at<nn::LinearImpl>(0).weight.
  template <class T>
  T& at(size_t index) {
    check_index(index);
    return modules_[index].get<T>();
  }
  template <class T>
  const T& at(size_t index) const {
    check_index(index);
    return modules_[index].get<T>();
  }
  /// The module at `index`, as a Module or as its own type.
  std::shared_ptr<Module> ptr(size_t index) const;
  template <class T>
  std::shared_ptr<T> ptr(size_t index) const {
    check_index(index);
    return modules_[index].ptr<T>();
  }
  std::shared_ptr<Module> operator[](size_t index) const { return ptr(index); }
  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }

 private:
  Tensor run(const Tensor& input);
  void check_index(size_t index) const;

  std::vector<AnyModule> modules_;
};

/// The holder of SequentialImpl, also constructible from {{"name", module}, ...}.
class Sequential : public ModuleHolder<SequentialImpl> {
 public:
  using ModuleHolder<SequentialImpl>::ModuleHolder;
  Sequential() : ModuleHolder() {}
  Sequential(std::initializer_list<NamedAnyModule> named_modules)
      : ModuleHolder(std::make_shared<SequentialImpl>(named_modules)) {}
};

}  // namespace xg::nn
