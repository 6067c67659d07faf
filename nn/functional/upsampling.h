#pragma once
// F::interpolate(x, F::InterpolateFuncOptions().size(std::vector<int64_t>{8, 8}).mode(xg::kBilinear)):
// picks the output size and the op (xg::upsample_nearest1d, upsample_nearest2d,
// upsample_bilinear2d in autograd/ops/upsample.cpp) as LibTorch's functional does.

#include "../../autograd/tensor/tensor.h"
#include "../options/upsampling.h"

namespace xg::nn::functional {

/// Resamples the spatial dims of input [N, C, W] (kNearest) or [N, C, H, W] (kNearest,
/// kBilinear) to options.size(), or to floor(size * scale_factor) per dim
Tensor interpolate(const Tensor& input, const InterpolateFuncOptions& options = {});

}  // namespace xg::nn::functional
