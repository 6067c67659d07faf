#pragma once
// Convolutions as functions: F::conv2d(x, weight, F::Conv2dFuncOptions().bias(b).padding(1)).
// The ops themselves are xg::conv1d and xg::conv2d (autograd/ops/conv.cpp).

#include "../../autograd/tensor/tensor.h"
#include "../options/conv.h"

namespace xg::nn::functional {

/// xg::conv1d(input, weight, options.bias(), stride, padding, dilation, groups)
Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& options = {});
/// xg::conv2d(input, weight, options.bias(), stride, padding, dilation, groups)
Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& options = {});

}  // namespace xg::nn::functional
