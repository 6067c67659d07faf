#pragma once
// Options of nn::PixelShuffle and nn::PixelUnshuffle (modules) and of F::pixel_shuffle and
// F::pixel_unshuffle (functions), as in LibTorch: nn::PixelShuffle(nn::PixelShuffleOptions(3)).

#include <cstdint>

namespace xg::nn {

/// PixelShuffleOptions(upscale_factor)
struct PixelShuffleOptions {
  PixelShuffleOptions(int64_t upscale_factor) : upscale_factor_(upscale_factor) {}  // NOLINT
  /// The factor r the height and the width grow by (the channels shrink by r * r).
  PixelShuffleOptions& upscale_factor(int64_t value) { upscale_factor_ = value; return *this; }
  int64_t upscale_factor() const noexcept { return upscale_factor_; }

 private:
  int64_t upscale_factor_;
};

/// PixelUnshuffleOptions(downscale_factor)
struct PixelUnshuffleOptions {
  PixelUnshuffleOptions(int64_t downscale_factor) : downscale_factor_(downscale_factor) {}  // NOLINT
  /// The factor r the height and the width shrink by (the channels grow by r * r).
  PixelUnshuffleOptions& downscale_factor(int64_t value) { downscale_factor_ = value; return *this; }
  int64_t downscale_factor() const noexcept { return downscale_factor_; }

 private:
  int64_t downscale_factor_;
};

namespace functional {
using PixelShuffleFuncOptions = PixelShuffleOptions;
using PixelUnshuffleFuncOptions = PixelUnshuffleOptions;
}  // namespace functional

}  // namespace xg::nn
