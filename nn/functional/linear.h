#pragma once
// The affine map of a Linear layer as a function.

#include "../../autograd/tensor/tensor.h"

namespace xg {

/// y = x W^T + b, [*, in] x [out, in]^T (+ [out]) -> [*, out]; dx = dy W, dW = dy^T x, db = sum of dy
/// over all leading dims. bias may be undefined.
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = {});

namespace nn::functional {
/// F::linear(x, weight, bias): see xg::linear.
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = {});
}  // namespace nn::functional

}  // namespace xg
