#include "parameters_support.h"

#include "../../../autograd/graph/grad_mode.h"

namespace xg::nn::detail {

void print_parameters(std::ostream& stream, const char* type_name, const OrderedDict<std::string, Tensor>& parameters) {
  stream << type_name << "(\n";
  for (const auto& item : parameters)
    stream << "(" << item.key() << "): Parameter containing: [" << item.value().scalar_type() << " of size "
           << item.value().sizes() << "]\n";
  stream << ")";
}

void copy_parameters(const OrderedDict<std::string, Tensor>& parameters, Module& into) {
  NoGradGuard no_grad;
  for (const auto& item : parameters) {
    const Tensor& value = item.value();
    into.register_parameter(item.key(), value.defined() ? value.clone() : Tensor(),
                            value.defined() && value.requires_grad());
  }
}

}  // namespace xg::nn::detail
