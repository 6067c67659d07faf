#pragma once
// Two fused updates of torch's that xgrad's Tensor does not have as methods,
// written with the ops it has. The optimizers' .cpp files use them so that their
// update lines read like PyTorch's.

#include "../autograd/tensor/tensor.h"

namespace xg {
namespace optim {
namespace detail {

/// self += value * a * b (torch's self.addcmul_(a, b, value)); returns self.
inline Tensor& addcmul_(Tensor& self, const Tensor& a, const Tensor& b, double value = 1) {
  return self.add_(a.mul(value).mul(b));
}

/// self += value * a / b (torch's self.addcdiv_(a, b, value)); returns self.
inline Tensor& addcdiv_(Tensor& self, const Tensor& a, const Tensor& b, double value = 1) {
  return self.add_(a.mul(value).div(b));
}

}  // namespace detail
}  // namespace optim
}  // namespace xg
