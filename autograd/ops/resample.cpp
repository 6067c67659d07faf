// Pixel shuffle and unshuffle: moving elements between the channels and the spatial dims
// (Shi et al. 2016, "Real-Time Single Image and Video Super-Resolution Using an Efficient
// Sub-Pixel Convolutional Neural Network"). With factor r, the r*r channels c*r*r + i*r + j
// of one output channel c become the pixels (h*r + i, w*r + j) of a plane r times as high and
// wide:
//   pixel_shuffle:    [*, C*r*r, H, W] -> [*, C, H*r, W*r]
//   pixel_unshuffle:  [*, C, H*r, W*r] -> [*, C*r*r, H, W]
// Each is a reshape that splits dims, a permutation, and a reshape that merges them; no value
// changes, so each one's gradient is the other one applied to the gradient, and the second
// order follows.

#include "op_support.h"

namespace xg {

namespace {

// A copy of x with its last three dims rearranged: x seen as the sizes `split` (the batch
// dims, then the C, H, W dims split around the factor), those trailing dims put in the
// order `order` (positions counted after the batch dims), and the result merged into
// `merged` (the batch dims, then C, H, W). Not recorded.
Tensor rearranged(const Tensor& x, IntArrayRef split, IntArrayRef order, IntArrayRef merged) {
  const int64_t batch_dims = x.dim() - 3;
  SizeVector sizes(x.sizes().begin(), x.sizes().begin() + batch_dims), permutation;
  for (int64_t d = 0; d < batch_dims; ++d) permutation.push_back(d);
  for (int64_t d : order) permutation.push_back(batch_dims + d);
  sizes.insert(sizes.end(), split.begin(), split.end());
  SizeVector out_sizes(x.sizes().begin(), x.sizes().begin() + batch_dims);
  out_sizes.insert(out_sizes.end(), merged.begin(), merged.end());
  NoGradGuard no_grad;
  // clone() always copies (also when the permutation leaves the order as it was, r = 1),
  // so the result never shares the input's storage.
  return x.reshape(sizes).permute(permutation).clone().view(out_sizes);
}

void check_rank_and_factor(const char* op, const Tensor& self, const char* factor_name, int64_t factor) {
  XG_CHECK(self.defined(), op, "input is undefined");
  XG_CHECK(self.dim() >= 3, op, "expects input to have at least 3 dimensions, but got input with ", self.dim(),
           " dimension(s)");
  XG_CHECK(factor > 0, op, "expects a positive ", factor_name, ", but got ", factor);
}

}  // namespace

/// [*, C*r*r, H, W] -> [*, C, H*r, W*r], r = upscale_factor: out[.., c, h*r + i, w*r + j] =
/// self[.., c*r*r + i*r + j, h, w]; dself = pixel_unshuffle(g, r)
Tensor pixel_shuffle(const Tensor& self, int64_t upscale_factor) {
  const int64_t r = upscale_factor;
  check_rank_and_factor("pixel_shuffle", self, "upscale_factor", r);
  const int64_t c = self.size(-3), h = self.size(-2), w = self.size(-1);
  // c % r and then (c / r) % r: c % (r * r) could overflow for a huge r
  XG_CHECK(c % r == 0 && (c / r) % r == 0, "pixel_shuffle",
           "expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=",
           c, " is not divisible by ", r * r);
  // [C, r, r, H, W] -> [C, H, r, W, r]
  Tensor out = rearranged(self, {c / (r * r), r, r, h, w}, {0, 3, 1, 4, 2}, {c / (r * r), h * r, w * r});
  if (needs_grad(self)) {
    record("PixelShuffleBackward0", {self}, out,
           [r](const variable_list& g) -> variable_list { return {pixel_unshuffle(g[0], r)}; });
  }
  return out;
}

/// [*, C, H*r, W*r] -> [*, C*r*r, H, W], r = downscale_factor, the inverse of pixel_shuffle:
/// out[.., c*r*r + i*r + j, h, w] = self[.., c, h*r + i, w*r + j]; dself = pixel_shuffle(g, r)
Tensor pixel_unshuffle(const Tensor& self, int64_t downscale_factor) {
  const int64_t r = downscale_factor;
  check_rank_and_factor("pixel_unshuffle", self, "downscale_factor", r);
  const int64_t c = self.size(-3), h = self.size(-2), w = self.size(-1);
  XG_CHECK(h % r == 0, "pixel_unshuffle", "expects height to be divisible by downscale_factor, but input.size(-2)=", h,
           " is not divisible by ", r);
  XG_CHECK(w % r == 0, "pixel_unshuffle", "expects width to be divisible by downscale_factor, but input.size(-1)=", w,
           " is not divisible by ", r);
  // [C, H, r, W, r] -> [C, r, r, H, W]
  Tensor out = rearranged(self, {c, h / r, r, w / r, r}, {0, 2, 4, 1, 3}, {c * r * r, h / r, w / r});
  if (needs_grad(self)) {
    record("PixelUnshuffleBackward0", {self}, out,
           [r](const variable_list& g) -> variable_list { return {pixel_shuffle(g[0], r)}; });
  }
  return out;
}

}  // namespace xg
