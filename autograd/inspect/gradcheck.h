#pragma once
// Checking autograd against finite differences.
//
//   numerical_gradient(f, x)   the gradient of a scalar function by central
//                              differences (f(x+h) - f(x-h)) / 2h, element by element,
//                              exactly as the gradient-descent tutorials compute it.
//   gradcheck(fn, inputs)      torch.autograd.gradcheck: the whole Jacobian of fn,
//                              from backward (row by row) and from central
//                              differences (column by column), must agree.
//   gradgradcheck(fn, inputs)  the same for the gradient of fn (second order).
//
// None of them modifies the tensors passed in: they work on copies.

#include <functional>
#include <type_traits>

#include "../graph/node.h"

namespace xg::autograd {

/// d f / d x by central differences; f must return a one-element tensor.
Tensor numerical_gradient(const std::function<Tensor(const Tensor&)>& f, const Tensor& x, double h = 1e-4);

using MultiFunction = std::function<variable_list(const variable_list&)>;

/// True when analytical and numerical Jacobians agree to atol + rtol * |numerical|
/// for every input that requires grad. With raise_exception, a mismatch throws
/// xg::Error showing both Jacobians.
bool gradcheck(const MultiFunction& fn, const variable_list& inputs, double eps = 1e-6, double atol = 1e-5,
               double rtol = 1e-3, bool raise_exception = true);
/// Second-order check: gradcheck of the vector-Jacobian product of fn.
bool gradgradcheck(const MultiFunction& fn, const variable_list& inputs, double eps = 1e-6, double atol = 1e-5,
                   double rtol = 1e-3, bool raise_exception = true);

/// Overloads for functions that return a single tensor.
template <class F, std::enable_if_t<std::is_same_v<std::invoke_result_t<F, const variable_list&>, Tensor>, int> = 0>
bool gradcheck(F fn, const variable_list& inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3,
               bool raise_exception = true) {
  return gradcheck(MultiFunction([fn](const variable_list& x) { return variable_list{fn(x)}; }), inputs, eps, atol,
                   rtol, raise_exception);
}
template <class F, std::enable_if_t<std::is_same_v<std::invoke_result_t<F, const variable_list&>, Tensor>, int> = 0>
bool gradgradcheck(F fn, const variable_list& inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3,
                   bool raise_exception = true) {
  return gradgradcheck(MultiFunction([fn](const variable_list& x) { return variable_list{fn(x)}; }), inputs, eps,
                       atol, rtol, raise_exception);
}

}  // namespace xg::autograd
