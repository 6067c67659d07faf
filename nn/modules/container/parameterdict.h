#pragma once
// ParameterDict: tensors held under string keys, in insertion order, each registered as a
// parameter under its key, as torch::nn::ParameterDict.
//
//   nn::ParameterDict scales(OrderedDict<std::string, Tensor>{{"alpha", xg::ones({1}, xg::requires_grad())}});
//   scales->insert("beta", xg::zeros({3}, xg::requires_grad()));
//   scales["alpha"], scales->get("beta"), scales->contains("gamma"), scales->pop("beta"), scales->keys()
//   for (const auto& item : *scales) std::cout << item.key() << '\n';
//
// Each parameter keeps the requires_grad it had when added, as in LibTorch. Where LibTorch 1.13
// differs from PyTorch's ParameterDict, this one follows PyTorch: update() inserts keys that are
// new (LibTorch throws "Key ... is not defined") and clone() works (LibTorch's throws).

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "../../cloneable.h"
#include "../../pimpl.h"

namespace xg::nn {

class ParameterDictImpl : public Cloneable<ParameterDictImpl> {
 public:
  using Iterator = OrderedDict<std::string, Tensor>::Iterator;
  using ConstIterator = OrderedDict<std::string, Tensor>::ConstIterator;

  ParameterDictImpl() = default;
  /// The given parameters, in order.
  explicit ParameterDictImpl(const OrderedDict<std::string, Tensor>& params) { update(params); }

  /// A deep copy of every parameter.
  std::shared_ptr<Module> clone() const override;
  void reset() override {}
  /// Prints the type, then one line per parameter: "(alpha): Parameter containing: [Float of size [1]]".
  void pretty_print(std::ostream& stream) const override;

  // ---- Adding and removing ------------------------------------------------------------------
  /// Adds `param` under a new `key`, keeping its requires_grad; returns the stored handle.
  Tensor& insert(const std::string& key, const Tensor& param);
  /// For every item of an OrderedDict or another ParameterDict: replaces the parameter under
  /// its key, or inserts it when the key is new.
  template <class Container>
  void update(const Container& container) {
    for (const auto& item : container) insert_or_assign(item.key(), item.value());
  }
  /// Removes the parameter under `key` and returns it.
  Tensor pop(const std::string& key);
  void clear() { parameters_.clear(); }

  // ---- Access ---------------------------------------------------------------------------------
  Iterator begin() { return parameters_.begin(); }
  ConstIterator begin() const { return parameters_.begin(); }
  Iterator end() { return parameters_.end(); }
  ConstIterator end() const { return parameters_.end(); }
  /// The parameter under `key` (the stored handle: assigning to it replaces the parameter).
  Tensor& get(const std::string& key);
  const Tensor& get(const std::string& key) const { return const_cast<ParameterDictImpl*>(this)->get(key); }
  Tensor& operator[](const std::string& key) { return get(key); }
  const Tensor& operator[](const std::string& key) const { return get(key); }
  std::vector<std::pair<std::string, Tensor>> items() const { return parameters_.pairs(); }
  std::vector<std::string> keys() const { return parameters_.keys(); }
  std::vector<Tensor> values() const { return parameters_.values(); }
  size_t size() const noexcept { return parameters_.size(); }
  bool empty() const noexcept { return parameters_.is_empty(); }
  bool contains(const std::string& key) const noexcept { return parameters_.contains(key); }

 private:
  void insert_or_assign(const std::string& key, const Tensor& param);
};
XG_MODULE(ParameterDict);

}  // namespace xg::nn
