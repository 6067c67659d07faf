#pragma once
// Pixel shuffling as functions: F::pixel_shuffle(x, F::PixelShuffleFuncOptions(2)) and
// F::pixel_unshuffle(x, 2). The ops themselves are xg::pixel_shuffle and xg::pixel_unshuffle
// (autograd/ops/resample.cpp).

#include "../../autograd/tensor/tensor.h"
#include "../options/pixelshuffle.h"

namespace xg::nn::functional {

/// xg::pixel_shuffle(input, upscale_factor): [*, C*r*r, H, W] -> [*, C, H*r, W*r]
Tensor pixel_shuffle(const Tensor& input, const PixelShuffleFuncOptions& options);

/// xg::pixel_unshuffle(input, downscale_factor): [*, C, H*r, W*r] -> [*, C*r*r, H, W]
Tensor pixel_unshuffle(const Tensor& input, const PixelUnshuffleFuncOptions& options);

}  // namespace xg::nn::functional
