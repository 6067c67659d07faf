#pragma once
// What ParameterList and ParameterDict share: their printing and their deep copy.

#include <ostream>
#include <string>

#include "../../module.h"

namespace xg::nn::detail {

/// LibTorch's printing of a parameter container, one line per parameter:
///   torch::nn::ParameterList(
///   (0): Parameter containing: [Float of size [2, 3]]
///   )
void print_parameters(std::ostream& stream, const char* type_name, const OrderedDict<std::string, Tensor>& parameters);

/// Registers a copy of every parameter of `parameters` in `into`, under the same name and
/// with the same requires_grad (a deep copy: new storage, no history).
void copy_parameters(const OrderedDict<std::string, Tensor>& parameters, Module& into);

}  // namespace xg::nn::detail
