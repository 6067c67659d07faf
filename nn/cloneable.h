#pragma once
// nn::Cloneable<Derived>: the base of xgrad's layers, as torch::nn::Cloneable.
//
// A cloneable module builds all its parameters, buffers and submodules in a
// method reset(), which its constructor calls. That is what makes clone()
// possible without the module's help: clone() copies the C++ object, empties
// its lists, calls reset() on the copy to register fresh tensors, then copies
// the values over (and clones every submodule the same way). Like LibTorch's,
// the fresh tensors are initialised by reset() first, so clone() draws from
// the random generator.
//
//   struct NetImpl : xg::nn::Cloneable<NetImpl> {
//     NetImpl() { reset(); }
//     void reset() override { fc = register_module("fc", xg::nn::Linear(2, 1)); }
//     ...
//   };

#include <memory>

#include "../autograd/graph/grad_mode.h"
#include "module.h"

namespace xg::nn {

template <class Derived>
class Cloneable : public Module {
 public:
  using Module::Module;

  /// (Re)creates the module's parameters, buffers and submodules.
  virtual void reset() = 0;

  /// A deep copy: same structure, same values, separate tensors.
  std::shared_ptr<Module> clone() const override {
    NoGradGuard no_grad;
    const auto& self = static_cast<const Derived&>(*this);
    auto copy = std::make_shared<Derived>(self);
    copy->parameters_.clear();
    copy->buffers_.clear();
    copy->children_.clear();
    copy->reset();
    XG_CHECK(copy->parameters_.size() == parameters_.size(), "clone",
             "the module made by reset() has a different number of parameters than the original (",
             copy->parameters_.size(), " vs ", parameters_.size(), "): reset() must register all of them");
    for (const auto& parameter : parameters_) {
      if (parameter.value().defined())
        copy->parameters_[parameter.key()].set_data(parameter.value().clone());
    }
    XG_CHECK(copy->buffers_.size() == buffers_.size(), "clone",
             "the module made by reset() has a different number of buffers than the original");
    for (const auto& buffer : buffers_) {
      if (buffer.value().defined()) copy->buffers_[buffer.key()].set_data(buffer.value().clone());
    }
    XG_CHECK(copy->children_.size() == children_.size(), "clone",
             "the module made by reset() has a different number of submodules than the original");
    for (const auto& child : children_) copy->children_[child.key()]->clone_(*child.value());
    return copy;
  }

 private:
  // Called on a child of a fresh copy: become a clone of the original child `other`.
  void clone_(Module& other) final {
    auto clone = std::dynamic_pointer_cast<Derived>(other.clone());
    XG_CHECK(clone != nullptr, "clone", "the clone of a ", other.name(), " is not a ", name());
    static_cast<Derived&>(*this) = std::move(*clone);
  }
};

}  // namespace xg::nn
