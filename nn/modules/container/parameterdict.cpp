#include "parameterdict.h"

#include "parameters_support.h"

namespace xg::nn {

std::shared_ptr<Module> ParameterDictImpl::clone() const {
  auto copy = std::make_shared<ParameterDictImpl>();
  detail::copy_parameters(parameters_, *copy);
  return copy;
}

void ParameterDictImpl::pretty_print(std::ostream& stream) const {
  detail::print_parameters(stream, "torch::nn::ParameterDict", parameters_);
}

Tensor& ParameterDictImpl::insert(const std::string& key, const Tensor& param) {
  XG_CHECK(!parameters_.contains(key), "ParameterDict", "key '", key, "' is already defined");
  XG_CHECK(param.defined(), "ParameterDict", "cannot insert an undefined tensor under key '", key, "'");
  return register_parameter(key, param, param.requires_grad());
}

void ParameterDictImpl::insert_or_assign(const std::string& key, const Tensor& param) {
  if (Tensor* stored = parameters_.find(key)) {
    XG_CHECK(param.defined(), "ParameterDict", "cannot store an undefined tensor under key '", key, "'");
    *stored = param;
  } else {
    insert(key, param);
  }
}

Tensor ParameterDictImpl::pop(const std::string& key) {
  Tensor param = get(key);
  parameters_.erase(key);
  return param;
}

Tensor& ParameterDictImpl::get(const std::string& key) {
  Tensor* param = parameters_.find(key);
  XG_CHECK(param != nullptr, "ParameterDict", "key '", key, "' is not defined");
  return *param;
}

}  // namespace xg::nn
