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
/// xg::max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode) on [N, C, L]
Tensor max_pool1d(const Tensor& input, const MaxPool1dFuncOptions& options);
/// xg::max_pool1d_with_indices: the maxima and their positions along L
std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input, const MaxPool1dFuncOptions& options);
/// xg::avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad) on [N, C, L]
Tensor avg_pool1d(const Tensor& input, const AvgPool1dFuncOptions& options);
/// xg::adaptive_avg_pool1d(input, output_size)
Tensor adaptive_avg_pool1d(const Tensor& input, const AdaptiveAvgPool1dFuncOptions& options);
/// xg::adaptive_avg_pool2d(input, output_size), a size left nullopt keeping the input's
Tensor adaptive_avg_pool2d(const Tensor& input, const AdaptiveAvgPool2dFuncOptions& options);
/// xg::adaptive_max_pool1d(input, output_size) without the indices
Tensor adaptive_max_pool1d(const Tensor& input, const AdaptiveMaxPool1dFuncOptions& options);
/// xg::adaptive_max_pool1d: the maxima and their positions along L
std::tuple<Tensor, Tensor> adaptive_max_pool1d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool1dFuncOptions& options);
/// xg::adaptive_max_pool2d(input, output_size) without the indices (nullopt: the input's size)
Tensor adaptive_max_pool2d(const Tensor& input, const AdaptiveMaxPool2dFuncOptions& options);
/// xg::adaptive_max_pool2d: the maxima and their positions h * W + w in their planes
std::tuple<Tensor, Tensor> adaptive_max_pool2d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool2dFuncOptions& options);

}  // namespace xg::nn::functional
