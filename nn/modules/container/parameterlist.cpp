#include "parameterlist.h"

#include "parameters_support.h"

namespace xg::nn {

std::shared_ptr<Module> ParameterListImpl::clone() const {
  auto copy = std::make_shared<ParameterListImpl>();
  detail::copy_parameters(parameters_, *copy);
  return copy;
}

void ParameterListImpl::pretty_print(std::ostream& stream) const {
  detail::print_parameters(stream, "torch::nn::ParameterList", parameters_);
}

void ParameterListImpl::append(const Tensor& param) {
  XG_CHECK(param.defined(), "ParameterList", "cannot append an undefined tensor");
  register_parameter(std::to_string(parameters_.size()), param, param.requires_grad());
}

Tensor& ParameterListImpl::at(size_t index) {
  XG_CHECK(index < parameters_.size(), "ParameterList", "index ", index, " is out of range for a ParameterList of ",
           parameters_.size(), " parameters");
  return parameters_[index].value();
}

}  // namespace xg::nn
