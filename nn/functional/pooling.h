#pragma once
// Pooling as functions: F::max_pool2d(x, F::MaxPool2dFuncOptions(2)). The ops themselves are
// xg::max_pool2d, xg::max_pool2d_with_indices and xg::avg_pool2d (autograd/ops/pool.cpp).

#include "../../autograd/tensor/tensor.h"
#include "../options/pooling.h"

namespace xg::nn::functional {

/// xg::max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)
Tensor max_pool2d(const Tensor& input, const MaxPool2dFuncOptions& options);
/// xg::max_pool2d_with_indices: the maxima and their positions h * W + w in their planes
std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input, const MaxPool2dFuncOptions& options);
/// xg::avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
Tensor avg_pool2d(const Tensor& input, const AvgPool2dFuncOptions& options);

}  // namespace xg::nn::functional
