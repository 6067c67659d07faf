// Convolutions, lowered to matrix products as in darknet's im2col.c and convolutional_layer.c.
//
// im2col unrolls the input: the kernel-sized patch (all channels) that each output position
// sees becomes one column, [N, C, H, W] -> [N, C*kh*kw, L], L the number of output positions.
// A convolution is then one GEMM per image, the weight as a matrix [O, C*kh*kw] times the
// columns [C*kh*kw, L] giving the output image [O, L]. Its gradients are GEMMs too:
//   dcols = W^T dY, dX = col2im(dcols)   col2im adds each column back onto the pixels it was
//                                        read from: the adjoint of im2col
//   dW = dY cols^T                       one GEMM, the batch folded into L
//   db = dY summed over the batch and the positions
// With groups, the channels and the filters split into `groups` blocks, one GEMM each.
// The backward is written with ops (im2col and col2im are differentiable, each the other's
// gradient), so the gradient of a convolution has a gradient too.

#include "../graph/grad_mode.h"
#include "window.h"

namespace xg {

namespace {

using detail::Window2d;

SizeVector copy_of(IntArrayRef values) { return SizeVector(values.begin(), values.end()); }

// f(column element, input pixel) for every tap of every window of one image of `channels`
// planes: column element (row, o) with row = (c * kh + i) * kw + j reads the pixel
// (c, ih, iw) under kernel tap (i, j) of output position o. Taps in the padding read zeros
// and are skipped.
template <class F>
void each_tap(const Window2d& win, int64_t channels, F&& f) {
  const int64_t L = win.out_positions();
  int64_t row = 0;
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t i = 0; i < win.h.kernel; ++i)
      for (int64_t j = 0; j < win.w.kernel; ++j, ++row)
        for (int64_t oh = 0; oh < win.h.out; ++oh) {
          const int64_t ih = win.h.start(oh) + i * win.h.dilation;
          if (ih < 0 || ih >= win.h.size) continue;
          const int64_t column = row * L + oh * win.w.out, pixel = (c * win.h.size + ih) * win.w.size;
          for (int64_t ow = 0; ow < win.w.out; ++ow) {
            const int64_t iw = win.w.start(ow) + j * win.w.dilation;
            if (iw >= 0 && iw < win.w.size) f(column + ow, pixel + iw);
          }
        }
}

// The im2col columns of x [N, C, H, W], as a fresh tensor of `sizes` ([N, C*kh*kw, L] or
// without N); not recorded.
Tensor unfold(const Tensor& x, const Window2d& win, IntArrayRef sizes) {
  const int64_t images = x.size(0), channels = x.size(1);
  const Tensor in = detail::contiguous_data(x);
  Tensor cols = zeros(sizes, x.scalar_type());
  const int64_t image_in = channels * win.in_positions(), image_out = cols.numel() / std::max<int64_t>(images, 1);
  dispatch_floating(x.scalar_type(), "im2col", [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t n = 0; n < images; ++n) {
      const T* src = detail::data<T>(in) + n * image_in;
      T* dst = detail::data<T>(cols) + n * image_out;
      each_tap(win, channels, [&](int64_t column, int64_t pixel) { dst[column] = src[pixel]; });
    }
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
    for (int64_t n = 0; n < images; ++n) {
      const T* src = detail::data<T>(in) + n * image_cols;
      T* dst = detail::data<T>(image) + n * image_out;
      each_tap(win, channels, [&](int64_t column, int64_t pixel) { dst[pixel] += src[column]; });
    }
  });
  return image;
}

// What a convolution is told besides its tensors; conv1d's tensors get a unit height inside.
struct ConvParams {
  const char* op;
  std::array<int64_t, 2> stride, padding, dilation;
  int64_t groups;
  bool one_d;
};

// t with the unit height a 1-d convolution works with inside ([N, C, L] -> [N, C, 1, L]).
Tensor as_2d(const Tensor& t, bool one_d) { return one_d ? t.unsqueeze(2) : t; }
Tensor from_2d(const Tensor& t, bool one_d) { return one_d ? t.squeeze(2) : t; }

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
  const Tensor x = as_2d(input.detach(), p.one_d), w = as_2d(weight.detach(), p.one_d);  // [N, C, H, W], [O, C/G, kh, kw]
  const Window2d win = detail::make_window(op, x.size(2), x.size(3), {w.size(2), w.size(3)}, p.stride, p.padding,
                                           p.dilation);
  const int64_t N = x.size(0), L = win.out_positions(), Og = O / G, Kg = w.numel() / std::max<int64_t>(O, 1);
  const Tensor cols = unfold(x, win, {N, C * win.h.kernel * win.w.kernel, L});
  const Tensor filters = detail::contiguous_data(w).view({G, Og, Kg});
  SizeVector out_sizes = {N, O, win.h.out, win.w.out};
  if (p.one_d) out_sizes.erase(out_sizes.begin() + 2);
  Tensor out = detail::empty(out_sizes, input.scalar_type());
  const Tensor blocks = out.view({N, G, Og, L});
  // Y_g [Og, L] = W_g [Og, Kg] x cols_g [Kg, L], for every image n and group g
  for (int64_t n = 0; n < N; ++n)
    for (int64_t g = 0; g < G; ++g)
      detail::mm_into(filters.select(0, g), cols.select(0, n).narrow(0, g * Kg, Kg), blocks.select(0, n).select(0, g));
  if (bias.defined()) {
    NoGradGuard no_grad;
    out.add_(p.one_d ? bias.detach().view({1, O, 1}) : bias.detach().view({1, O, 1, 1}));
  }
  if (needs_grad(input, weight, bias)) {
    const std::array<bool, 3> need = {input.requires_grad(), weight.requires_grad(),
                                      bias.defined() && bias.requires_grad()};
    record("ConvolutionBackward0", {input, weight, bias}, out,
           [p, need, input_saved = SavedVariable(need[1] ? input : Tensor(), false),
            weight_saved = SavedVariable(need[0] ? weight : Tensor(), false), input_sizes = copy_of(input.sizes()),
            weight_sizes = copy_of(weight.sizes())](const variable_list& g) -> variable_list {
             return convolution_backward(g[0], input_saved.unpack(), weight_saved.unpack(), input_sizes, weight_sizes,
                                         p, need);
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
