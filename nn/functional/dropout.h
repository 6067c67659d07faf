#pragma once
// Dropout: during training, zero each element with probability p and scale the
// survivors by 1 / (1 - p), so the expected value of every element is unchanged.
// Outside training it is the identity.
//
// The keep/drop draws come from xgrad's global generator, one uniform double
// per element in memory order, each kept when u < 1 - p: the draws torch's CPU
// dropout makes, so manual_seed(s) gives torch's mask.

#include "../../autograd/tensor/tensor.h"
#include "../options/dropout.h"

namespace xg {

/// train ? x * mask / (1 - p) : x, mask_i ~ Bernoulli(1 - p); dx = g * mask / (1 - p)
Tensor dropout(const Tensor& input, double p, bool train);
/// The in-place form: input takes the result's values and history.
Tensor dropout_(Tensor& input, double p, bool train);

/// train ? x * mask / (1 - p) : x over [N, C, H, W] (or [C, H, W]), with one draw per channel:
/// mask [N, C, 1, 1], mask_nc ~ Bernoulli(1 - p), so whole feature maps are zeroed;
/// dx = g * mask / (1 - p)
Tensor dropout2d(const Tensor& input, double p, bool train);

namespace nn::functional {
/// F::dropout(x, F::DropoutFuncOptions().p(0.2).training(is_training())); training defaults to true.
Tensor dropout(Tensor input, const DropoutFuncOptions& options = {});
/// F::dropout2d(x, F::Dropout2dFuncOptions().p(0.2).training(is_training())): whole channels dropped.
Tensor dropout2d(Tensor input, const Dropout2dFuncOptions& options = {});
}  // namespace nn::functional

}  // namespace xg
