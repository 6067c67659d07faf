#pragma once
// Normalisation as functions: F::batch_norm, F::instance_norm, F::layer_norm, F::group_norm.
// The ops themselves are xg::batch_norm, xg::instance_norm, xg::layer_norm and xg::group_norm
// (autograd/ops/norm.cpp).

#include "../../autograd/tensor/tensor.h"
#include "../options/batchnorm.h"
#include "../options/instancenorm.h"
#include "../options/normalization.h"

namespace xg::nn::functional {

/// xg::batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps);
/// running_mean and running_var are updated in place when training. momentum must be given
/// (the cumulative average of momentum = nullopt is BatchNorm's, which counts the batches).
Tensor batch_norm(const Tensor& input, const Tensor& running_mean, const Tensor& running_var,
                  const BatchNormFuncOptions& options = {});
/// xg::instance_norm(input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps)
Tensor instance_norm(const Tensor& input, const InstanceNormFuncOptions& options = {});
/// xg::layer_norm(input, normalized_shape, weight, bias, eps)
Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& options);
/// xg::group_norm(input, num_groups, weight, bias, eps)
Tensor group_norm(const Tensor& input, const GroupNormFuncOptions& options);

}  // namespace xg::nn::functional
