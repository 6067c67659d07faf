#pragma once
// nn::PixelShuffle and nn::PixelUnshuffle: hold their options and call F::pixel_shuffle and
// F::pixel_unshuffle (nn/functional/pixelshuffle.h). No parameters.

#include <ostream>

#include "../cloneable.h"
#include "../options/pixelshuffle.h"
#include "../pimpl.h"

namespace xg::nn {

/// Channels into pixels: [*, C*r*r, H, W] -> [*, C, H*r, W*r], r = options.upscale_factor().
class PixelShuffleImpl : public Cloneable<PixelShuffleImpl> {
 public:
  explicit PixelShuffleImpl(const PixelShuffleOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::PixelShuffle(upscale_factor=3)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  PixelShuffleOptions options;
};
XG_MODULE(PixelShuffle);

/// Pixels into channels: [*, C, H*r, W*r] -> [*, C*r*r, H, W], r = options.downscale_factor().
class PixelUnshuffleImpl : public Cloneable<PixelUnshuffleImpl> {
 public:
  explicit PixelUnshuffleImpl(const PixelUnshuffleOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::PixelUnshuffle(downscale_factor=2)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  PixelUnshuffleOptions options;
};
XG_MODULE(PixelUnshuffle);

}  // namespace xg::nn
