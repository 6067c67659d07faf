#include "normalization.h"

#include "../../autograd/base/error.h"

namespace xg::nn::functional {

Tensor batch_norm(const Tensor& input, const Tensor& running_mean, const Tensor& running_var,
                  const BatchNormFuncOptions& options) {
  XG_CHECK(options.momentum().has_value(), "batch_norm",
           "momentum must be given (nullopt, the cumulative average, is for BatchNorm modules)");
  return xg::batch_norm(input, options.weight(), options.bias(), running_mean, running_var, options.training(),
                        *options.momentum(), options.eps(), /*cudnn_enabled=*/false);
}

Tensor instance_norm(const Tensor& input, const InstanceNormFuncOptions& options) {
  return xg::instance_norm(input, options.weight(), options.bias(), options.running_mean(), options.running_var(),
                           options.use_input_stats(), options.momentum(), options.eps(), /*cudnn_enabled=*/false);
}

Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& options) {
  return xg::layer_norm(input, options.normalized_shape(), options.weight(), options.bias(), options.eps());
}

Tensor group_norm(const Tensor& input, const GroupNormFuncOptions& options) {
  return xg::group_norm(input, options.num_groups(), options.weight(), options.bias(), options.eps());
}

}  // namespace xg::nn::functional
