#pragma once
// nn::init: fill a tensor in place with initial values, as torch::nn::init.
//
// Every function runs under NoGradGuard (so it also works on parameters that
// require grad), returns the tensor, and draws from the global generator in
// torch's order: after the same manual_seed, the same calls give torch's numbers.
// Tensors with a zero-sized dim are left alone.
//
// fan_in / fan_out of a weight [out, in, k...] are in * k... and out * k...;
// the "gain" scales the spread for the nonlinearity that follows the layer.

#include <cstdint>
#include <tuple>
#include <variant>

#include "../autograd/tensor/tensor.h"
#include "enum.h"

namespace xg::nn::init {

using NonlinearityType =
    std::variant<enumtype::kLinear, enumtype::kConv1D, enumtype::kConv2D, enumtype::kConv3D,
                 enumtype::kConvTranspose1D, enumtype::kConvTranspose2D, enumtype::kConvTranspose3D,
                 enumtype::kSigmoid, enumtype::kTanh, enumtype::kReLU, enumtype::kLeakyReLU>;
using FanModeType = std::variant<enumtype::kFanIn, enumtype::kFanOut>;

/// The recommended gain: 1 for linear, conv and sigmoid; 5/3 for tanh; sqrt(2) for relu;
/// sqrt(2 / (1 + param^2)) for leaky_relu with negative slope `param`.
double calculate_gain(NonlinearityType nonlinearity, double param = 0.01);

/// Fills with `value`.
Tensor constant_(Tensor tensor, Scalar value);
/// Fills with 0.
Tensor zeros_(Tensor tensor);
/// Fills with 1.
Tensor ones_(Tensor tensor);
/// The identity matrix (2-D tensors only; ones on the diagonal of a non-square one).
Tensor eye_(Tensor matrix);
/// Samples of U(low, high).
Tensor uniform_(Tensor tensor, double low = 0, double high = 1);
/// Samples of N(mean, std^2).
Tensor normal_(Tensor tensor, double mean = 0, double std = 1);
/// U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out))  (Glorot & Bengio, 2010).
Tensor xavier_uniform_(Tensor tensor, double gain = 1.0);
/// N(0, s^2) with s = gain * sqrt(2 / (fan_in + fan_out)).
Tensor xavier_normal_(Tensor tensor, double gain = 1.0);
/// U(-b, b) with b = sqrt(3) * gain / sqrt(fan), gain = calculate_gain(nonlinearity, a),
/// fan = fan_in or fan_out by `mode`  (He et al., 2015). Linear's weights use a = sqrt(5).
Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanModeType mode = kFanIn,
                        NonlinearityType nonlinearity = kLeakyReLU);
/// N(0, s^2) with s = gain / sqrt(fan).
Tensor kaiming_normal_(Tensor tensor, double a = 0, FanModeType mode = kFanIn,
                       NonlinearityType nonlinearity = kLeakyReLU);

namespace detail {
/// The default initialisation of Linear and the convolutions (their reset_parameters):
/// weight from kaiming_uniform_(a = sqrt(5)), then, when bias is defined, bias from
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as LibTorch draws them.
void default_layer_init_(Tensor& weight, Tensor& bias);
}  // namespace detail

/// A (semi-)orthogonal matrix times gain (Saxe et al., 2013): the Q of the QR factorisation of
/// a N(0, 1) sample of shape [rows, numel / rows], its columns' signs fixed by R's diagonal so
/// that Q is uniformly distributed; tensors with more than 2 dims are filled as that matrix.
Tensor orthogonal_(Tensor tensor, double gain = 1);
/// (fan_in, fan_out) of a tensor with at least 2 dims.
std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const Tensor& tensor);

}  // namespace xg::nn::init
