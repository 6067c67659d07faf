#pragma once
// xg::viz::image_grid: a batch of one-channel images tiled into one matrix for
// Figure::heatmap (torchvision's make_grid), with a gap above each image for its caption.
//
//   auto grid = xg::viz::image_grid(images.slice(0, 0, 16), /*columns=*/8);
//   xg::viz::Figure figure;
//   figure.heatmap(grid.cells);
//   auto [x, y] = grid.caption_position(3);
//   figure.text(x, y, "shirt").save("test_images");

#include <cstdint>
#include <utility>
#include <vector>

#include "../autograd/tensor/tensor.h"

namespace xg::viz {

struct ImageGrid {
  std::vector<std::vector<double>> cells;  // rows of the tiled picture, for Figure::heatmap
  int64_t columns = 0, height = 0, width = 0, gap = 0;

  /// The centre of the gap above image i, in the heatmap's coordinates: where its caption goes.
  std::pair<double, double> caption_position(int64_t i) const;
};

/// images [N, H, W] or [N, 1, H, W] (any real dtype), `columns` to a row, `gap` cells of
/// `background` around each; each image is scaled on its own from its lowest value (0) to its
/// highest (1), so filters with small weights are as visible as pixels. N >= 1.
ImageGrid image_grid(const Tensor& images, int64_t columns, int64_t gap = 2, double background = 1.0);

}  // namespace xg::viz
