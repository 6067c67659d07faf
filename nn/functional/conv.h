#pragma once
// Convolutions as functions: F::conv2d(x, weight, F::Conv2dFuncOptions().bias(b).padding(1)),
// F::conv_transpose2d(x, weight, F::ConvTranspose2dFuncOptions().stride(2)).
// The ops themselves are xg::conv1d, xg::conv2d (autograd/ops/conv.cpp) and
// xg::conv_transpose1d, xg::conv_transpose2d (autograd/ops/conv_transpose.cpp).

#include "../../autograd/tensor/tensor.h"
#include "../options/conv.h"

namespace xg::nn::functional {

/// xg::conv1d(input, weight, options.bias(), stride, padding, dilation, groups); padding kValid
/// or kSame as the strings "valid" and "same"
Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& options = {});
/// xg::conv2d(input, weight, options.bias(), stride, padding, dilation, groups), as conv1d
Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& options = {});

/// xg::conv_transpose1d(input, weight, bias, stride, padding, output_padding, groups, dilation)
Tensor conv_transpose1d(const Tensor& input, const Tensor& weight, const ConvTranspose1dFuncOptions& options = {});
/// xg::conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const ConvTranspose2dFuncOptions& options = {});

}  // namespace xg::nn::functional
