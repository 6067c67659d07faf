#include "pixelshuffle.h"

namespace xg::nn::functional {

Tensor pixel_shuffle(const Tensor& input, const PixelShuffleFuncOptions& options) {
  return xg::pixel_shuffle(input, options.upscale_factor());
}

Tensor pixel_unshuffle(const Tensor& input, const PixelUnshuffleFuncOptions& options) {
  return xg::pixel_unshuffle(input, options.downscale_factor());
}

}  // namespace xg::nn::functional
