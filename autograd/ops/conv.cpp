// Convolutions, lowered to matrix products as in darknet's im2col.c and convolutional_layer.c.
//
// im2col unrolls the input: the kernel-sized patch (all channels) that each output position
// sees becomes one column, [C, H, W] -> [C*kh*kw, L] per image, L the number of output
// positions. A convolution is then one GEMM per image, the weight as a matrix [O, C*kh*kw]
// times the columns [C*kh*kw, L] giving the output image [O, L]. Its gradients are GEMMs too:
//   dcols = W^T dY, dX = col2im(dcols)   col2im adds each column back onto the pixels it was
//                                        read from: the adjoint of im2col
//   dW = sum over images of dY cols^T
//   db = dY summed over the batch and the positions
// With groups, the channels and the filters split into `groups` blocks, one GEMM each.
// The work goes image by image, so one image's columns (not the whole batch's, 64 times as
// many) are all the scratch memory there is, and they stay in cache between im2col and GEMM.
// A backward that must itself be differentiable (create_graph) is written with ops instead:
// im2col and col2im are differentiable, each the other's gradient, so the gradient of a
// convolution has a gradient too.

#include <algorithm>
#include <cstring>
#include <vector>

#include "../graph/grad_mode.h"
#include "sum_of.h"
#include "window.h"

namespace xg {

namespace {

using detail::as_2d;
using detail::copy_of;
using detail::from_2d;
using detail::inside;
using detail::Span;
using detail::Window2d;

// dst[0, n) = src[0, n). The runs of a small image are short (8 or 24 floats in a MNIST
// network), where a call to memmove per run costs more than the copying: fixed-size blocks
// compile to a few vector moves inline.
template <class T>
void copy_run(const T* src, T* dst, int64_t n) {
  constexpr int64_t block = 32 / sizeof(T);
  int64_t k = 0;
  for (; k + block <= n; k += block) std::memcpy(dst + k, src + k, 32);
  for (; k < n; ++k) dst[k] = src[k];
}

// im2col of one image [channels, H, W] into cols [channels*kh*kw, Ho*Wo]: row (c, i, j) holds
// the pixel each output position reads under tap (i, j), zero where that is padding. Written
// row by row: the in-range part of an output row is one run of pixels `stride` apart (a
// plain copy when the stride is 1), the rest zeros.
template <class T>
void im2col_image(const T* image, T* cols, const Window2d& win, int64_t channels) {
  const detail::Axis &h = win.h, &w = win.w;
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t i = 0; i < h.kernel; ++i) {
      const Span rows = inside(h, i);
      for (int64_t j = 0; j < w.kernel; ++j) {
        const Span run = inside(w, j);
        const int64_t shift = j * w.dilation - w.padding;
        T* out = cols;
        cols += h.out * w.out;
        std::fill(out, out + rows.lo * w.out, T(0));
        for (int64_t oh = rows.lo; oh < rows.hi; ++oh) {
          const T* in_row = image + (c * h.size + oh * h.stride + i * h.dilation - h.padding) * w.size;
          T* out_row = out + oh * w.out;
          std::fill(out_row, out_row + run.lo, T(0));
          if (w.stride == 1)
            copy_run(in_row + run.lo + shift, out_row + run.lo, run.hi - run.lo);
          else
            for (int64_t ow = run.lo; ow < run.hi; ++ow) out_row[ow] = in_row[ow * w.stride + shift];
          std::fill(out_row + run.hi, out_row + w.out, T(0));
        }
        std::fill(out + rows.hi * w.out, out + h.out * w.out, T(0));
      }
    }
}

// col2im of one image, the adjoint of im2col_image: each element of cols added onto the
// pixel of image [channels, H, W] it was read from (image is accumulated into).
template <class T>
void col2im_image(const T* cols, T* image, const Window2d& win, int64_t channels) {
  const detail::Axis &h = win.h, &w = win.w;
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t i = 0; i < h.kernel; ++i) {
      const Span rows = inside(h, i);
      for (int64_t j = 0; j < w.kernel; ++j, cols += h.out * w.out) {
        const Span run = inside(w, j);
        const int64_t shift = j * w.dilation - w.padding;
        for (int64_t oh = rows.lo; oh < rows.hi; ++oh) {
          T* image_row = image + (c * h.size + oh * h.stride + i * h.dilation - h.padding) * w.size;
          const T* col_row = cols + oh * w.out;
          if (w.stride == 1)  // a loop the compiler vectorises
            for (int64_t ow = run.lo; ow < run.hi; ++ow) image_row[ow + shift] += col_row[ow];
          else
            for (int64_t ow = run.lo; ow < run.hi; ++ow) image_row[ow * w.stride + shift] += col_row[ow];
        }
      }
    }
}

// The im2col columns of x [N, C, H, W], as a fresh tensor of `sizes` ([N, C*kh*kw, L] or
// without N); not recorded.
Tensor unfold(const Tensor& x, const Window2d& win, IntArrayRef sizes) {
  const int64_t images = x.size(0), channels = x.size(1);
  const Tensor in = detail::contiguous_data(x);
  Tensor cols = detail::empty(sizes, x.scalar_type());
  const int64_t image_in = channels * win.in_positions(), image_out = cols.numel() / std::max<int64_t>(images, 1);
  dispatch_floating(x.scalar_type(), "im2col", [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t n = 0; n < images; ++n)
      im2col_image(detail::data<T>(in) + n * image_in, detail::data<T>(cols) + n * image_out, win, channels);
  });
  return cols;
}

// col2im: the columns cols [N, C*kh*kw, L] added onto a fresh image tensor of `sizes`
// ([N, C, H, W] or without N); not recorded.
Tensor fold(const Tensor& cols, const Window2d& win, int64_t images, int64_t channels, IntArrayRef sizes) {
  const Tensor in = detail::contiguous_data(cols);
  Tensor image = zeros(sizes, cols.scalar_type());
  const int64_t image_cols = in.numel() / std::max<int64_t>(images, 1), image_out = channels * win.in_positions();
  dispatch_floating(cols.scalar_type(), "col2im", [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t n = 0; n < images; ++n)
      col2im_image(detail::data<T>(in) + n * image_cols, detail::data<T>(image) + n * image_out, win, channels);
  });
  return image;
}

// The sizes of one convolution, as its per-image GEMMs see them: image n's output block of
// group g, Y[n, g] [Og, L], is W_g [Og, Kg] times rows g*Kg .. (g+1)*Kg of the image's
// columns [G*Kg, L].
struct ConvShape {
  Window2d win;
  int64_t N, C, O, G, Og, Kg, L;
  /// A 1x1 kernel with unit stride and no padding reads each pixel once: the image [C, H*W]
  /// is its own columns, and im2col is skipped.
  bool pointwise() const {
    return win.h.kernel == 1 && win.w.kernel == 1 && win.h.stride == 1 && win.w.stride == 1 && win.h.padding == 0 &&
           win.w.padding == 0;
  }
};

// A scratch buffer of `count` elements of T from the buffer cache (base/memory.h), or none.
template <class T>
Tensor scratch(int64_t count) {
  return count > 0 ? detail::empty({count}, dtype_of<T>()) : Tensor();
}

// The columns of image x [C, H, W]: the image itself when the convolution is pointwise,
// else im2col into `buffer`.
template <class T>
const T* columns_of(const T* x, T* buffer, const ConvShape& s) {
  if (s.pointwise()) return x;
  im2col_image(x, buffer, s.win, s.C);
  return buffer;
}

// The forward GEMMs, image by image (the columns of one image at a time stay in cache):
//   Y[n, g] = W_g cols_n[g]  (+ the bias, written first and accumulated onto)
template <class T>
void convolution_forward(const ConvShape& s, const T* x, const T* w, const T* bias, T* y) {
  const Tensor buffer = scratch<T>(s.pointwise() ? 0 : s.G * s.Kg * s.L);
  for (int64_t n = 0; n < s.N; ++n, x += s.C * s.win.in_positions(), y += s.O * s.L) {
    const T* cols = columns_of(x, buffer.defined() ? detail::data<T>(buffer) : nullptr, s);
    if (bias)
      for (int64_t o = 0; o < s.O; ++o) std::fill(y + o * s.L, y + (o + 1) * s.L, bias[o]);
    for (int64_t g = 0; g < s.G; ++g)
      detail::gemm<T>(false, false, s.Og, s.L, s.Kg, w + g * s.Og * s.Kg, s.Kg, cols + g * s.Kg * s.L, s.L,
                      T(bias ? 1 : 0), y + g * s.Og * s.L, s.L);
  }
}

// The backward when no graph is recorded (the usual backward(), without create_graph), image
// by image like the forward, into fresh dx, dw, db (when not null):
//   dcols = W_g^T dY[n, g], dx_n = col2im(dcols)   (dx_n = dcols when pointwise)
//   dW_g += dY[n, g] cols_n[g]^T                   accumulated over the images
//   db[o] += sum of dY[n, o] over the positions    (in double)
template <class T>
void convolution_backward_direct(const ConvShape& s, const T* dy, const T* x, const T* w, T* dx, T* dw, T* db) {
  const int64_t image_in = s.C * s.win.in_positions(), rows = s.G * s.Kg;
  const Tensor cols_buffer = scratch<T>(dw && !s.pointwise() ? rows * s.L : 0),
               dcols_buffer = scratch<T>(dx && !s.pointwise() ? rows * s.L : 0);
  if (dw) std::fill(dw, dw + s.O * s.Kg, T(0));
  std::vector<double> bias_sums(db ? static_cast<size_t>(s.O) : 0, 0.0);
  for (int64_t n = 0; n < s.N; ++n, dy += s.O * s.L) {
    for (int64_t o = 0; o < static_cast<int64_t>(bias_sums.size()); ++o) {
      const T* row = dy + o * s.L;
      bias_sums[o] += detail::sum_of(s.L, [row](int64_t i) { return static_cast<double>(row[i]); });
    }
    if (dx) {
      T* dcols = s.pointwise() ? dx + n * image_in : detail::data<T>(dcols_buffer);
      for (int64_t g = 0; g < s.G; ++g)
        detail::gemm<T>(true, false, s.Kg, s.L, s.Og, w + g * s.Og * s.Kg, s.Kg, dy + g * s.Og * s.L, s.L, T(0),
                        dcols + g * s.Kg * s.L, s.L);
      if (!s.pointwise()) {
        std::fill(dx + n * image_in, dx + (n + 1) * image_in, T(0));
        col2im_image(dcols, dx + n * image_in, s.win, s.C);
      }
    }
    if (dw) {
      const T* cols = columns_of(x + n * image_in, cols_buffer.defined() ? detail::data<T>(cols_buffer) : nullptr, s);
      for (int64_t g = 0; g < s.G; ++g)
        detail::gemm<T>(false, true, s.Og, s.Kg, s.L, dy + g * s.Og * s.L, s.L, cols + g * s.Kg * s.L, s.L, T(1),
                        dw + g * s.Og * s.Kg, s.Kg);
    }
  }
  std::copy(bias_sums.begin(), bias_sums.end(), db);
}

// What a convolution is told besides its tensors; conv1d's tensors get a unit height inside.
struct ConvParams {
  const char* op;
  std::array<int64_t, 2> stride, padding, dilation;
  int64_t groups;
  bool one_d;
};


// dX, dW, db of a convolution (each only when asked for), written with differentiable ops.
variable_list convolution_backward(const Tensor& grad, const Tensor& input, const Tensor& weight,
                                   IntArrayRef input_sizes, IntArrayRef weight_sizes, const ConvParams& p,
                                   std::array<bool, 3> need) {
  const Tensor g = as_2d(grad, p.one_d);  // [N, O, Ho, Wo]
  const int64_t N = g.size(0), O = g.size(1), L = g.size(2) * g.size(3), G = p.groups, Og = O / G;
  const int64_t Kg = detail::numel_of(weight_sizes) / O;  // (C / G) * kh * kw
  const std::array<int64_t, 2> kernel = {p.one_d ? 1 : weight_sizes[2], weight_sizes.back()};
  const Tensor gv = g.reshape({N, G, Og, L});
  Tensor dx, dw, db;
  if (need[0]) {
    // dcols [N, G, Kg, L] = W_g^T [Kg, Og] x dY_g [Og, L], for every image and group
    const Tensor dcols = matmul(as_2d(weight, p.one_d).reshape({G, Og, Kg}).transpose(1, 2), gv);
    const std::array<int64_t, 2> image = {p.one_d ? 1 : input_sizes[2], input_sizes.back()};
    dx = from_2d(col2im(dcols.reshape({N, G * Kg, L}), image, kernel, p.dilation, p.padding, p.stride), p.one_d);
  }
  if (need[1]) {
    const Tensor cols = im2col(as_2d(input, p.one_d), kernel, p.dilation, p.padding, p.stride).reshape({N, G, Kg, L});
    // dW_g [Og, Kg] = dY_g [Og, N*L] x cols_g^T [N*L, Kg]: the sum over the images is inside the GEMM
    dw = matmul(gv.permute({1, 2, 0, 3}).reshape({G, Og, N * L}), cols.permute({1, 0, 3, 2}).reshape({G, N * L, Kg}))
             .reshape(weight_sizes);
  }
  if (need[2]) db = p.one_d ? grad.sum(IntArrayRef{0, 2}) : grad.sum(IntArrayRef{0, 2, 3});
  return {dx, dw, db};
}

// The GEMM sizes of a convolution of an input of input_sizes ([N, C, (H,) W]) with a weight of
// weight_sizes ([O, C / groups, (kh,) kw]).
ConvShape conv_shape(const ConvParams& p, IntArrayRef input_sizes, IntArrayRef weight_sizes) {
  const int64_t kh = p.one_d ? 1 : weight_sizes[2], kw = weight_sizes.back();
  ConvShape s;
  s.win = detail::make_window(p.op, p.one_d ? 1 : input_sizes[2], input_sizes.back(), {kh, kw}, p.stride, p.padding,
                              p.dilation);
  s.N = input_sizes[0], s.C = input_sizes[1], s.O = weight_sizes[0], s.G = p.groups;
  s.Og = s.O / s.G, s.Kg = weight_sizes[1] * kh * kw, s.L = s.win.out_positions();
  return s;
}

// convolution_backward's values computed directly, image by image, for a backward that
// records nothing: no im2col of the whole batch, no graph.
variable_list convolution_backward_unrecorded(const Tensor& grad, const Tensor& input, const Tensor& weight,
                                              IntArrayRef input_sizes, IntArrayRef weight_sizes, const ConvParams& p,
                                              std::array<bool, 3> need) {
  const ConvShape s = conv_shape(p, input_sizes, weight_sizes);
  const Tensor dy = detail::contiguous_data(grad);
  const Tensor x = need[1] ? detail::contiguous_data(input) : Tensor();
  const Tensor w = need[0] ? detail::contiguous_data(weight) : Tensor();
  Tensor dx = need[0] ? detail::empty(input_sizes, grad.scalar_type()) : Tensor();
  Tensor dw = need[1] ? detail::empty(weight_sizes, grad.scalar_type()) : Tensor();
  Tensor db = need[2] ? detail::empty({s.O}, grad.scalar_type()) : Tensor();
  dispatch_floating(grad.scalar_type(), p.op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto data_or_null = [](const Tensor& t) { return t.defined() ? detail::data<T>(t) : nullptr; };
    convolution_backward_direct<T>(s, detail::data<T>(dy), data_or_null(x), data_or_null(w), data_or_null(dx),
                                   data_or_null(dw), data_or_null(db));
  });
  return {dx, dw, db};
}

// The convolution of a batched input [N, C, (H,) W] with weight [O, C / groups, (kh,) kw].
Tensor convolution(const ConvParams& p, const Tensor& input, const Tensor& weight, const Tensor& bias) {
  const char* op = p.op;
  const int64_t C = input.size(1), O = weight.size(0), G = p.groups;
  XG_CHECK(G > 0, op, "groups must be positive, got ", G);
  XG_CHECK(C % G == 0, op, "groups=", G, " must divide the input channels, got input of sizes ", input.sizes());
  XG_CHECK(O % G == 0, op, "groups=", G, " must divide the output channels, got weight of sizes ", weight.sizes());
  XG_CHECK(weight.size(1) * G == C, op, "weight of sizes ", weight.sizes(), " with groups=", G, " expects ",
           weight.size(1) * G, " input channels, but got input of sizes ", input.sizes());
  XG_CHECK(input.scalar_type() == weight.scalar_type(), op, "input (", input.scalar_type(), ") and weight (",
           weight.scalar_type(), ") must have the same dtype");
  XG_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == O), op, "bias must be 1-D of size out_channels=",
           O, ", got sizes ", bias.sizes());
  XG_CHECK(!bias.defined() || bias.scalar_type() == weight.scalar_type(), op, "bias (", bias.scalar_type(),
           ") and weight (", weight.scalar_type(), ") must have the same dtype");
  dispatch_floating(input.scalar_type(), op, [](auto) {});
  const ConvShape s = conv_shape(p, input.sizes(), weight.sizes());
  const Tensor x = detail::contiguous_data(input), w = detail::contiguous_data(weight);
  const Tensor b = bias.defined() ? detail::contiguous_data(bias) : Tensor();
  SizeVector out_sizes = {s.N, O, s.win.h.out, s.win.w.out};
  if (p.one_d) out_sizes.erase(out_sizes.begin() + 2);
  Tensor out = detail::empty(out_sizes, input.scalar_type());
  dispatch_floating(input.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    convolution_forward<T>(s, detail::data<T>(x), detail::data<T>(w), b.defined() ? detail::data<T>(b) : nullptr,
                           detail::data<T>(out));
  });
  if (needs_grad(input, weight, bias)) {
    const std::array<bool, 3> need = {input.requires_grad(), weight.requires_grad(),
                                      bias.defined() && bias.requires_grad()};
    record("ConvolutionBackward0", {input, weight, bias}, out,
           [p, need, input_saved = SavedVariable(need[1] ? input : Tensor(), false),
            weight_saved = SavedVariable(need[0] ? weight : Tensor(), false), input_sizes = copy_of(input.sizes()),
            weight_sizes = copy_of(weight.sizes())](const variable_list& g) -> variable_list {
             // A backward that builds a graph (create_graph) needs the gradient as ops; one that
             // does not takes the direct route.
             const auto backward = GradMode::is_enabled() ? convolution_backward : convolution_backward_unrecorded;
             return backward(g[0], input_saved.unpack(), weight_saved.unpack(), input_sizes, weight_sizes, p, need);
           });
  }
  return out;
}

// A 1-d convolution's parameter (one value) as the 2-d one of a unit height: {height_value, value}.
std::array<int64_t, 2> with_unit_height(const char* what, IntArrayRef values, int64_t height_value) {
  XG_CHECK(values.size() == 1, "conv1d", what, " must have one value, got ", values);
  return {height_value, values[0]};
}

}  // namespace

/// The kernel-sized patches of self as columns, [N, C, H, W] -> [N, C*kh*kw, L] (or
/// [C, H, W] -> [C*kh*kw, L]), L the number of window positions, rows ordered (channel,
/// kernel row, kernel column), padding read as zeros;
/// dself = col2im(g): each column added back onto the pixels it was read from
Tensor im2col(const Tensor& self, IntArrayRef kernel_size, IntArrayRef dilation, IntArrayRef padding,
              IntArrayRef stride) {
  XG_CHECK(self.dim() == 3 || self.dim() == 4, "im2col", "expected a 3-D or 4-D input, got sizes ", self.sizes());
  const Tensor x = self.dim() == 4 ? self.detach() : self.detach().unsqueeze(0);
  const auto kernel = detail::expand_pair("im2col", "kernel_size", kernel_size);
  const Window2d win = detail::make_window("im2col", x.size(2), x.size(3), kernel,
                                           detail::expand_pair("im2col", "stride", stride),
                                           detail::expand_pair("im2col", "padding", padding),
                                           detail::expand_pair("im2col", "dilation", dilation));
  SizeVector sizes = {x.size(0), x.size(1) * kernel[0] * kernel[1], win.out_positions()};
  if (self.dim() == 3) sizes.erase(sizes.begin());
  Tensor out = unfold(x, win, sizes);
  if (needs_grad(self)) {
    record("Im2ColBackward0", {self}, out,
           [image = std::array<int64_t, 2>{x.size(2), x.size(3)}, kernel, dilation = copy_of(dilation),
            padding = copy_of(padding), stride = copy_of(stride)](const variable_list& g) -> variable_list {
             return {col2im(g[0], image, kernel, dilation, padding, stride)};
           });
  }
  return out;
}

/// The adjoint of im2col: each column of self [N, C*kh*kw, L] (or [C*kh*kw, L]) added onto
/// the pixels of the [N, C, H, W] result (output_size {H, W}) that im2col would read it from;
/// dself = im2col(g)
Tensor col2im(const Tensor& self, IntArrayRef output_size, IntArrayRef kernel_size, IntArrayRef dilation,
              IntArrayRef padding, IntArrayRef stride) {
  XG_CHECK(self.dim() == 2 || self.dim() == 3, "col2im", "expected a 2-D or 3-D input, got sizes ", self.sizes());
  XG_CHECK(output_size.size() == 2, "col2im", "output_size must have two values, got ", output_size);
  const auto kernel = detail::expand_pair("col2im", "kernel_size", kernel_size);
  const Window2d win = detail::make_window("col2im", output_size[0], output_size[1], kernel,
                                           detail::expand_pair("col2im", "stride", stride),
                                           detail::expand_pair("col2im", "padding", padding),
                                           detail::expand_pair("col2im", "dilation", dilation));
  const int64_t rows = self.size(-2), taps = kernel[0] * kernel[1], images = self.dim() == 3 ? self.size(0) : 1;
  XG_CHECK(rows % taps == 0, "col2im", "the rows of self (sizes ", self.sizes(),
           ") must be a multiple of the kernel's ", taps, " taps");
  XG_CHECK(self.size(-1) == win.out_positions(), "col2im", "self has ", self.size(-1), " columns (sizes ",
           self.sizes(), "), the windows of the output ", win.out_positions());
  SizeVector sizes = {images, rows / taps, output_size[0], output_size[1]};
  if (self.dim() == 2) sizes.erase(sizes.begin());
  Tensor out = fold(self.detach(), win, images, rows / taps, sizes);
  if (needs_grad(self)) {
    record("Col2ImBackward0", {self}, out,
           [kernel, dilation = copy_of(dilation), padding = copy_of(padding),
            stride = copy_of(stride)](const variable_list& g) -> variable_list {
             return {im2col(g[0], kernel, dilation, padding, stride)};
           });
  }
  return out;
}

/// y[n, o] = b[o] + sum over c, i, j of w[o, c, i, j] x[n, g*C/G + c, s*h - p + d*i, s*w - p + d*j]
/// (o in group g), [N, C, H, W] x [O, C/G, kh, kw] -> [N, O, Ho, Wo], or unbatched [C, H, W] ->
/// [O, Ho, Wo]; as GEMMs: Y = W im2col(X); dX = col2im(W^T dY), dW = dY im2col(X)^T,
/// db = sum of dY over all but the channel dim
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  XG_CHECK(input.defined() && weight.defined(), "conv2d", "input and weight must be defined");
  XG_CHECK(input.dim() == 3 || input.dim() == 4, "conv2d",
           "expected a 3-D (unbatched) or 4-D (batched) input, got sizes ", input.sizes());
  XG_CHECK(weight.dim() == 4, "conv2d", "weight must be 4-D [out_channels, in_channels / groups, kH, kW], got sizes ",
           weight.sizes());
  const ConvParams p = {"conv2d", detail::expand_pair("conv2d", "stride", stride),
                        detail::expand_pair("conv2d", "padding", padding),
                        detail::expand_pair("conv2d", "dilation", dilation), groups, false};
  if (input.dim() == 3) return convolution(p, input.unsqueeze(0), weight, bias).squeeze(0);
  return convolution(p, input, weight, bias);
}

/// conv2d's 1-d form: [N, C, L] x [O, C/G, k] -> [N, O, Lo], or unbatched [C, L] -> [O, Lo];
/// computed as a 2-d convolution of height 1, with the same gradients
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  XG_CHECK(input.defined() && weight.defined(), "conv1d", "input and weight must be defined");
  XG_CHECK(input.dim() == 2 || input.dim() == 3, "conv1d",
           "expected a 2-D (unbatched) or 3-D (batched) input, got sizes ", input.sizes());
  XG_CHECK(weight.dim() == 3, "conv1d", "weight must be 3-D [out_channels, in_channels / groups, kW], got sizes ",
           weight.sizes());
  const ConvParams p = {"conv1d", with_unit_height("stride", stride, 1), with_unit_height("padding", padding, 0),
                        with_unit_height("dilation", dilation, 1), groups, true};
  if (input.dim() == 2) return convolution(p, input.unsqueeze(0), weight, bias).squeeze(0);
  return convolution(p, input, weight, bias);
}

// ---- padding given as "valid" or "same" -------------------------------------------------------------

namespace {

// conv (conv1d or conv2d) with padding "valid" (none) or "same" (the output as large as the
// input: dilation * (k - 1) zeros in all per spatial dim, half before and half after). When
// that total is odd the extra zero goes after, as LibTorch does it: the input is padded by
// one more on that side with constant_pad_nd, and the convolution pads the even rest.
template <class Conv>
Tensor conv_padded_by_mode(const char* op, Conv conv, const Tensor& input, const Tensor& weight, const Tensor& bias,
                           IntArrayRef stride, std::string_view padding, IntArrayRef dilation, int64_t groups) {
  XG_CHECK(input.defined() && weight.defined(), op, "input and weight must be defined");
  if (padding == "valid") return conv(input, weight, bias, stride, 0, dilation, groups);
  XG_CHECK(padding == "same", op, "Invalid padding string: '", padding, "'");
  for (int64_t s : stride) XG_CHECK(s == 1, op, "padding='same' is not supported for strided convolutions");
  const int64_t spatial = weight.dim() - 2;
  XG_CHECK(spatial >= 1 && (dilation.size() == 1 || static_cast<int64_t>(dilation.size()) == spatial), op,
           "dilation must have 1 or ", spatial, " values, got ", dilation);
  SizeVector half(spatial), extra(2 * spatial, 0);  // extra: constant_pad_nd's pairs, last dim first
  bool symmetric = true;
  for (int64_t d = 0; d < spatial; ++d) {
    const int64_t total = dilation[dilation.size() == 1 ? 0 : d] * (weight.size(2 + d) - 1);
    half[d] = total / 2;
    extra[2 * (spatial - 1 - d) + 1] = total % 2;
    symmetric = symmetric && total % 2 == 0;
  }
  const Tensor padded = symmetric ? input : constant_pad_nd(input, extra);
  return conv(padded, weight, bias, stride, half, dilation, groups);
}

Tensor conv2d_explicit(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
                       IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv2d(input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv1d_explicit(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
                       IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv1d(input, weight, bias, stride, padding, dilation, groups);
}

}  // namespace

/// conv2d with padding "valid" (no padding) or "same" (output as large as the input; stride
/// 1 only), as LibTorch's string overload; the gradients are conv2d's (and constant_pad_nd's
/// when the padding "same" needs is odd)
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              PaddingString padding, IntArrayRef dilation, int64_t groups) {
  return conv_padded_by_mode("conv2d", conv2d_explicit, input, weight, bias, stride, padding, dilation, groups);
}

/// conv1d with padding "valid" or "same", as conv2d's string overload
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              PaddingString padding, IntArrayRef dilation, int64_t groups) {
  return conv_padded_by_mode("conv1d", conv1d_explicit, input, weight, bias, stride, padding, dilation, groups);
}

}  // namespace xg
