#pragma once
// Options of nn::Upsample (module) and F::interpolate (function), as in LibTorch:
// nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(xg::kBilinear).
// Exactly one of size and scale_factor is given; the modes xgrad computes are kNearest
// (3-D and 4-D inputs) and kBilinear (4-D); the others are named, and rejected.

#include <optional>
#include <variant>
#include <vector>

#include "../enum.h"

namespace xg::nn {

/// UpsampleOptions().size(nullopt).scale_factor(nullopt).mode(kNearest).align_corners(nullopt)
struct UpsampleOptions {
  using mode_t = std::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                              enumtype::kTrilinear>;

  /// The output's spatial sizes, one per spatial dim.
  UpsampleOptions& size(std::optional<std::vector<int64_t>> value) { size_ = std::move(value); return *this; }
  const std::optional<std::vector<int64_t>>& size() const noexcept { return size_; }
  /// The multiplier of each spatial size, one per spatial dim.
  UpsampleOptions& scale_factor(std::optional<std::vector<double>> value) { scale_factor_ = std::move(value); return *this; }
  const std::optional<std::vector<double>>& scale_factor() const noexcept { return scale_factor_; }
  /// kNearest (default) or kBilinear.
  UpsampleOptions& mode(mode_t value) { mode_ = value; return *this; }
  const mode_t& mode() const noexcept { return mode_; }
  /// For kBilinear: whether the corner pixels of input and output are aligned (their
  /// centres coincide); unset means false.
  UpsampleOptions& align_corners(std::optional<bool> value) { align_corners_ = value; return *this; }
  std::optional<bool> align_corners() const noexcept { return align_corners_; }

 private:
  std::optional<std::vector<int64_t>> size_;
  std::optional<std::vector<double>> scale_factor_;
  mode_t mode_ = kNearest;
  std::optional<bool> align_corners_;
};

namespace functional {

/// InterpolateFuncOptions().size(nullopt).scale_factor(nullopt).mode(kNearest)
///   .align_corners(nullopt).recompute_scale_factor(nullopt).antialias(false)
struct InterpolateFuncOptions {
  using mode_t = std::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                              enumtype::kTrilinear, enumtype::kArea, enumtype::kNearestExact>;

  /// The output's spatial sizes, one per spatial dim.
  InterpolateFuncOptions& size(std::optional<std::vector<int64_t>> value) { size_ = std::move(value); return *this; }
  const std::optional<std::vector<int64_t>>& size() const noexcept { return size_; }
  /// The multiplier of each spatial size, one per spatial dim: the output size is
  /// floor(input size * scale_factor).
  InterpolateFuncOptions& scale_factor(std::optional<std::vector<double>> value) {
    scale_factor_ = std::move(value);
    return *this;
  }
  const std::optional<std::vector<double>>& scale_factor() const noexcept { return scale_factor_; }
  /// kNearest (default) or kBilinear.
  InterpolateFuncOptions& mode(mode_t value) { mode_ = value; return *this; }
  const mode_t& mode() const noexcept { return mode_; }
  /// For kBilinear only: align the corner pixels; unset means false.
  InterpolateFuncOptions& align_corners(std::optional<bool> value) { align_corners_ = value; return *this; }
  std::optional<bool> align_corners() const noexcept { return align_corners_; }
  /// With scale_factor: true places the samples by the (rounded) output size instead of by
  /// scale_factor itself, as if size had been given.
  InterpolateFuncOptions& recompute_scale_factor(std::optional<bool> value) {
    recompute_scale_factor_ = value;
    return *this;
  }
  std::optional<bool> recompute_scale_factor() const noexcept { return recompute_scale_factor_; }
  /// Anti-aliasing when downsampling (LibTorch: bilinear and bicubic); false is all xgrad has.
  InterpolateFuncOptions& antialias(bool value) { antialias_ = value; return *this; }
  bool antialias() const noexcept { return antialias_; }

 private:
  std::optional<std::vector<int64_t>> size_;
  std::optional<std::vector<double>> scale_factor_;
  mode_t mode_ = kNearest;
  std::optional<bool> align_corners_;
  std::optional<bool> recompute_scale_factor_;
  bool antialias_ = false;
};

}  // namespace functional

}  // namespace xg::nn
