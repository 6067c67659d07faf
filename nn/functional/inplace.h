#pragma once
// How nn's functions honour inplace=true: compute the result out of place, then
// copy it into the input, which takes the result's autograd history (copy_ is
// recorded). The function reads a clone of the input when autograd records, so
// the values it saved for backward are not the ones the copy overwrites.

#include "../../autograd/tensor/tensor.h"

namespace xg::nn::functional::detail {

template <class F>
Tensor apply_inplace(Tensor& input, F&& f) {
  const Tensor result = f(input.requires_grad() ? input.clone() : input);
  input.copy_(result);
  return input;
}

}  // namespace xg::nn::functional::detail
