#pragma once
// zero_grad(params, set_to_none): clears the gradients of a list of tensors. It is
// the one implementation behind nn::Module::zero_grad and optim::Optimizer::zero_grad.

#include <vector>

#include "../tensor/tensor.h"

namespace xg::autograd {

/// Clears the gradient of every tensor in `params` that has one: sets it to undefined
/// (set_to_none) or fills it with zeros. Before zeroing, the gradient is detached in place,
/// so a gradient made by backward with create_graph no longer keeps its graph alive and
/// the zeroing is not recorded in it. Tensors without a gradient are left alone; every
/// tensor in `params` must be defined.
void zero_grad(const std::vector<Tensor>& params, bool set_to_none);

}  // namespace xg::autograd
