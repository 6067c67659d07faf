#pragma once
// ParameterList: tensors held in order, each registered as a parameter "0", "1", ...,
// as torch::nn::ParameterList. A module that needs a varying number of weights keeps them
// in one, and parameters(), optimizers and checkpoints see every one.
//
//   nn::ParameterList weights(xg::randn({3, 3}, xg::requires_grad()), xg::zeros({3}));
//   weights->append(xg::ones({3}));
//   for (const auto& item : *weights) std::cout << item.key() << ' ' << item.value().sizes() << '\n';
//   weights[0], weights->at(2), weights->size(), weights->extend(other_tensors)
//
// Each parameter keeps the requires_grad it had when added, as in LibTorch.

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

#include "../../cloneable.h"
#include "../../pimpl.h"

namespace xg::nn {

class ParameterListImpl : public Cloneable<ParameterListImpl> {
 public:
  using Iterator = OrderedDict<std::string, Tensor>::Iterator;
  using ConstIterator = OrderedDict<std::string, Tensor>::ConstIterator;

  ParameterListImpl() = default;
  /// The given tensors, in order.
  template <class... Tensors, class = std::enable_if_t<(std::is_convertible_v<Tensors, Tensor> && ...)>>
  explicit ParameterListImpl(Tensors&&... params) {
    parameters_.reserve(sizeof...(Tensors));
    (append(std::forward<Tensors>(params)), ...);
  }

  /// A deep copy of every parameter (LibTorch 1.13's clone() throws for a ParameterList).
  std::shared_ptr<Module> clone() const override;
  void reset() override {}
  /// Prints the type, then one line per parameter: "(0): Parameter containing: [Float of size [2]]".
  void pretty_print(std::ostream& stream) const override;

  // ---- Adding ---------------------------------------------------------------------------------
  /// Appends a parameter, registered under the next index, keeping its requires_grad.
  void append(const Tensor& param);
  /// Appends the value of an item of named_parameters() (its key is not kept).
  void append(const OrderedDict<std::string, Tensor>::Item& pair) { append(pair.value()); }
  /// Appends every tensor (or item) of a container.
  template <class Container>
  void extend(const Container& container) {
    for (const auto& param : container) append(param);
  }
  template <class Container>
  ParameterListImpl& operator+=(const Container& other) {
    extend(other);
    return *this;
  }

  // ---- Access ---------------------------------------------------------------------------------
  Iterator begin() { return parameters_.begin(); }
  ConstIterator begin() const { return parameters_.begin(); }
  Iterator end() { return parameters_.end(); }
  ConstIterator end() const { return parameters_.end(); }
  /// The parameter at `index` (the stored handle: assigning to it replaces the parameter).
  Tensor& at(size_t index);
  const Tensor& at(size_t index) const { return const_cast<ParameterListImpl*>(this)->at(index); }
  Tensor& operator[](size_t index) { return at(index); }
  const Tensor& operator[](size_t index) const { return at(index); }
  size_t size() const noexcept { return parameters_.size(); }
  bool is_empty() const noexcept { return parameters_.is_empty(); }
};
XG_MODULE(ParameterList);

}  // namespace xg::nn
