#include "functional.h"

namespace xg::nn {

FunctionalImpl::FunctionalImpl(Function function) : function_(std::move(function)) {
  XG_CHECK(static_cast<bool>(function_), "Functional", "the function is empty");
}

void FunctionalImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Functional()"; }

Tensor FunctionalImpl::forward(Tensor input) { return function_(std::move(input)); }

}  // namespace xg::nn
