#include "normalization.h"

#include "../../autograd/tensor/factories.h"
#include "../functional/normalization.h"
#include "../init.h"

namespace xg::nn {

void detail::register_affine(Module& module, IntArrayRef shape, bool affine, Tensor& weight, Tensor& bias) {
  weight = module.register_parameter("weight", affine ? xg::empty(shape) : Tensor(), /*requires_grad=*/affine);
  bias = module.register_parameter("bias", affine ? xg::empty(shape) : Tensor(), /*requires_grad=*/affine);
}

LayerNormImpl::LayerNormImpl(LayerNormOptions options_) : options(std::move(options_)) { reset(); }

void LayerNormImpl::reset() {
  detail::register_affine(*this, options.normalized_shape(), options.elementwise_affine(), weight, bias);
  reset_parameters();
}

void LayerNormImpl::reset_parameters() {
  if (!options.elementwise_affine()) return;
  init::ones_(weight);
  init::zeros_(bias);
}

void LayerNormImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::LayerNorm(" << IntArrayRef(options.normalized_shape())
         << ", eps=" << options.eps() << ", elementwise_affine=" << options.elementwise_affine() << ")";
}

Tensor LayerNormImpl::forward(const Tensor& input) {
  return functional::layer_norm(input, functional::LayerNormFuncOptions(options.normalized_shape())
                                           .weight(weight)
                                           .bias(bias)
                                           .eps(options.eps()));
}

GroupNormImpl::GroupNormImpl(const GroupNormOptions& options_) : options(options_) {
  XG_CHECK(options.num_groups() > 0 && options.num_channels() > 0, "GroupNorm",
           "num_groups and num_channels must be positive, got ", options.num_groups(), " and ",
           options.num_channels());
  XG_CHECK(options.num_channels() % options.num_groups() == 0, "GroupNorm",
           "num_channels must be divisible by num_groups, got num_channels=", options.num_channels(),
           " and num_groups=", options.num_groups());
  reset();
}

void GroupNormImpl::reset() {
  detail::register_affine(*this, {options.num_channels()}, options.affine(), weight, bias);
  reset_parameters();
}

void GroupNormImpl::reset_parameters() {
  if (!options.affine()) return;
  init::ones_(weight);
  init::zeros_(bias);
}

void GroupNormImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::GroupNorm(" << options.num_groups() << ", " << options.num_channels()
         << ", eps=" << options.eps() << ", affine=" << options.affine() << ")";
}

Tensor GroupNormImpl::forward(const Tensor& input) {
  return functional::group_norm(
      input, functional::GroupNormFuncOptions(options.num_groups()).weight(weight).bias(bias).eps(options.eps()));
}

}  // namespace xg::nn
