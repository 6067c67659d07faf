#include "upsampling.h"

#include <cmath>

namespace xg::nn::functional {

namespace {

// The output's spatial sizes: options.size(), else floor(input size * scale factor).
std::vector<int64_t> interpolated_sizes(const Tensor& input, const InterpolateFuncOptions& options) {
  const auto& size = options.size();
  const auto& scale_factor = options.scale_factor();
  const size_t dims = static_cast<size_t>(input.dim() - 2);
  XG_CHECK(size || scale_factor, "interpolate", "either size or scale_factor should be defined");
  XG_CHECK(!(size && scale_factor), "interpolate", "only one of size or scale_factor should be defined");
  if (size) {
    XG_CHECK(size->size() == dims, "interpolate", "size must have one value per spatial dim: input is ", dims,
             "-D, size is ", IntArrayRef(*size));
    return *size;
  }
  XG_CHECK(scale_factor->size() == dims, "interpolate", "scale_factor shape must match input shape: input is ", dims,
           "-D, scale_factor size is ", ArrayRef<double>(*scale_factor));
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < dims; ++i)
    sizes.push_back(static_cast<int64_t>(std::floor(static_cast<double>(input.size(i + 2)) * (*scale_factor)[i])));
  return sizes;
}

}  // namespace

Tensor interpolate(const Tensor& input, const InterpolateFuncOptions& options) {
  const auto& mode = options.mode();
  const bool nearest = std::holds_alternative<enumtype::kNearest>(mode);
  const bool bilinear = std::holds_alternative<enumtype::kBilinear>(mode);
  XG_CHECK(nearest || bilinear, "interpolate", "mode ", enumtype::get_enum_name(mode),
           " is not supported: xgrad has kNearest and kBilinear");
  XG_CHECK(!nearest || !options.align_corners(), "interpolate",
           "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
  XG_CHECK(!options.antialias(), "interpolate", "antialias is not supported");
  XG_CHECK(input.defined(), "interpolate", "input is undefined");
  XG_CHECK((nearest && (input.dim() == 3 || input.dim() == 4)) || (bilinear && input.dim() == 4), "interpolate",
           "expected a ", bilinear ? "4-D input [N, C, H, W]" : "3-D [N, C, W] or 4-D [N, C, H, W] input", " for mode ",
           enumtype::get_enum_name(mode), ", got sizes ", input.sizes());
  const std::vector<int64_t> size = interpolated_sizes(input, options);
  // The scale factors place the samples, unless recompute_scale_factor asks to place them
  // by the output size alone.
  std::vector<std::optional<double>> scales(size.size());
  if (options.scale_factor() && !options.recompute_scale_factor().value_or(false))
    scales.assign(options.scale_factor()->begin(), options.scale_factor()->end());
  if (input.dim() == 3) return upsample_nearest1d(input, size, scales[0]);
  if (nearest) return upsample_nearest2d(input, size, scales[0], scales[1]);
  return upsample_bilinear2d(input, size, options.align_corners().value_or(false), scales[0], scales[1]);
}

}  // namespace xg::nn::functional
