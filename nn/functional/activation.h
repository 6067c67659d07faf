#pragma once
// Activation functions.
//
// Two spellings, as in LibTorch:
//   xg::leaky_relu(x, 0.2), xg::elu(x), xg::gelu(x)       the ATen-level functions
//   (xg::silu, softplus, hardtanh, mish and prelu are ops: autograd/ops/activation.cpp)
//   F::relu(x), F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(0.2)), ...
// with `namespace F = xg::nn::functional;`. Each is built from differentiable
// tensor ops (gelu's erf among them), so first and higher-order gradients come
// from those ops.

#include <string>

#include "../../autograd/tensor/tensor.h"
#include "../options/activation.h"

namespace xg {

/// x for x > 0, negative_slope * x otherwise; dx = g or g * negative_slope
Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope = 0.01);
/// scale * x for x > 0, scale * alpha * (exp(input_scale * x) - 1) otherwise
Tensor elu(const Tensor& x, const Scalar& alpha = 1, const Scalar& scale = 1, const Scalar& input_scale = 1);
/// approximate "none": x * Phi(x) = x/2 * (1 + erf(x / sqrt(2)));
/// approximate "tanh": x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))
Tensor gelu(const Tensor& x, const std::string& approximate = "none");
/// scale * elu(x, alpha), alpha = 1.6732632423543772, scale = 1.0507009873554805 (self-normalising)
Tensor selu(const Tensor& x);

namespace nn::functional {

/// max(x, 0), elementwise (in place with options.inplace()).
Tensor relu(Tensor input, const ReLUFuncOptions& options = {});
/// x for x > 0, else negative_slope * x.
Tensor leaky_relu(Tensor input, const LeakyReLUFuncOptions& options = {});
/// x for x > 0, else alpha * (exp(x) - 1).
Tensor elu(Tensor input, const ELUFuncOptions& options = {});
/// x * Phi(x), Phi the standard normal CDF (or its tanh approximation).
Tensor gelu(const Tensor& input, const GELUFuncOptions& options = {});
/// x * sigmoid(x) (xg::silu).
Tensor silu(const Tensor& input);
/// x * tanh(softplus(x)) (xg::mish).
Tensor mish(const Tensor& input);
/// log(1 + exp(beta x)) / beta, or x where beta x > threshold (xg::softplus).
Tensor softplus(const Tensor& input, const SoftplusFuncOptions& options = {});
/// x clamped to [min_val, max_val], gradient 0 outside (xg::hardtanh).
Tensor hardtanh(Tensor input, const HardtanhFuncOptions& options = {});
/// min(max(x, 0), 6): hardtanh with bounds 0 and 6.
Tensor relu6(Tensor input, const ReLU6FuncOptions& options = {});
/// scale * elu(x, alpha) with SELU's constants (xg::selu).
Tensor selu(Tensor input, const SELUFuncOptions& options = {});
/// x / (1 + |x|).
Tensor softsign(const Tensor& input);
/// x for x > 0, else weight * x, weight one slope or one per channel (xg::prelu).
Tensor prelu(const Tensor& input, const Tensor& weight);
/// exp(x_i) / sum_j exp(x_j) along options.dim().
Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options);
/// x_i - log(sum_j exp(x_j)) along options.dim(), computed stably.
Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options);

}  // namespace nn::functional
}  // namespace xg
