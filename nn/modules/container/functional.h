#pragma once
// Functional: wraps a plain function Tensor -> Tensor as a module, so it can sit
// in a Sequential:
//
//   nn::Sequential net(nn::Linear(4, 4), nn::Functional(xg::relu), ...);
//   nn::Functional(xg::leaky_relu, 0.2);     // extra arguments are bound after the input

#include <functional>
#include <ostream>
#include <utility>

#include "../../cloneable.h"
#include "../../pimpl.h"

namespace xg::nn {

class FunctionalImpl : public Cloneable<FunctionalImpl> {
 public:
  using Function = std::function<Tensor(Tensor)>;

  explicit FunctionalImpl(Function function);
  /// original_function(input, args...) for each input.
  template <class SomeFunction, class... Args, class = std::enable_if_t<(sizeof...(Args) > 0)>>
  explicit FunctionalImpl(SomeFunction original_function, Args&&... args)
      : function_([original_function, args...](Tensor input) { return original_function(input, args...); }) {}

  void reset() override {}
  /// Prints "torch::nn::Functional()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);
  Tensor operator()(Tensor input) { return forward(std::move(input)); }

 private:
  Function function_;
};
XG_MODULE(Functional);

}  // namespace xg::nn
