#include "image_grid.h"

#include <algorithm>

#include "../autograd/base/error.h"

namespace xg::viz {

std::pair<double, double> ImageGrid::caption_position(int64_t i) const {
  const int64_t row = i / columns, column = i % columns;
  // cell (r, c) is centred at x = c, y = r; a tile starts `gap` cells into its slot
  const double x = column * (width + gap) + gap + (width - 1) / 2.0;
  const double y = row * (height + gap) + (gap - 1) / 2.0;
  return {x, y};
}

ImageGrid image_grid(const Tensor& images, int64_t columns, int64_t gap, double background) {
  XG_CHECK(images.defined() && (images.dim() == 3 || (images.dim() == 4 && images.size(1) == 1)), "image_grid",
           "expected images [N, H, W] or [N, 1, H, W], got ", images.defined() ? images.sizes() : IntArrayRef{});
  XG_CHECK(images.size(0) >= 1, "image_grid", "no images to tile (sizes ", images.sizes(), ")");
  XG_CHECK(columns >= 1, "image_grid", "columns must be at least 1, got ", columns);
  XG_CHECK(gap >= 0, "image_grid", "gap must not be negative, got ", gap);
  const Tensor pixels = images.detach().reshape({images.size(0), images.size(-2), images.size(-1)}).to(kDouble).contiguous();
  const int64_t n = pixels.size(0), h = pixels.size(1), w = pixels.size(2);
  const int64_t rows = (n + columns - 1) / columns, used_columns = std::min(n, columns);
  ImageGrid grid{std::vector<std::vector<double>>(rows * (h + gap) + gap,
                                                  std::vector<double>(used_columns * (w + gap) + gap, background)),
                 used_columns, h, w, gap};
  const double* data = pixels.data_ptr<double>();
  for (int64_t i = 0; i < n; ++i) {
    const double* image = data + i * h * w;
    const auto [low, high] = std::minmax_element(image, image + h * w);
    const double range = *high > *low ? *high - *low : 1.0;
    const int64_t top = (i / used_columns) * (h + gap) + gap, left = (i % used_columns) * (w + gap) + gap;
    for (int64_t r = 0; r < h; ++r)
      for (int64_t c = 0; c < w; ++c) grid.cells[top + r][left + c] = (image[r * w + c] - *low) / range;
  }
  return grid;
}

}  // namespace xg::viz
