#pragma once
// Parameters as one flat vector and back, as torch::nn::utils (handy for
// optimizers or tests that see the model as a single point in R^n).

#include <vector>

#include "../../autograd/tensor/tensor.h"

namespace xg::nn::utils {

/// All parameters flattened and concatenated, in order: [sum of numel].
Tensor parameters_to_vector(const std::vector<Tensor>& parameters);
/// The inverse: each parameter takes its slice of `vec` (reshaped to its sizes) as its data,
/// in place, sharing vec's memory as LibTorch's set_data does.
void vector_to_parameters(const Tensor& vec, std::vector<Tensor> parameters);

}  // namespace xg::nn::utils
