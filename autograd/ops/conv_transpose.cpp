// Transposed convolutions: the adjoint of conv2d's input gradient, so each input pixel
// spreads its value, weighted by the filter, over a kernel-sized patch of the output.
// With im2col/col2im (conv.cpp) that is one GEMM and a col2im:
//   cols [N, G, (O/G)*kh*kw, L] = W_g^T x X_g          L = H*W, the input pixels
//   Y = col2im(cols) over an output whose windows (kernel, stride, padding, dilation) are
//       exactly the input's H x W positions
// and the gradients are a convolution's forward and weight gradient:
//   dcols = im2col(dY);  dX_g = W_g dcols_g;  dW_g = X_g dcols_g^T;  db = dY summed
// The backward is written with these differentiable ops, so it has a gradient too.

#include "../graph/grad_mode.h"
#include "op_support.h"
#include "window.h"

namespace xg {

namespace {

using detail::as_2d;
using detail::copy_of;
using detail::from_2d;

// What a transposed convolution is told besides its tensors; 1-d ones work with a unit height.
struct TransposeParams {
  const char* op;
  std::array<int64_t, 2> stride, padding, output_padding, dilation;
  int64_t groups;
  bool one_d;
};


// dX, dW, db of a transposed convolution (each only when asked for), with differentiable ops.
variable_list conv_transpose_backward(const Tensor& grad, const Tensor& input, const Tensor& weight,
                                      IntArrayRef input_sizes, IntArrayRef weight_sizes, const TransposeParams& p,
                                      std::array<bool, 3> need) {
  const Tensor g = as_2d(grad, p.one_d);  // [N, O, Ho, Wo]
  const int64_t N = g.size(0), C = input_sizes[1], G = p.groups, Cg = C / G;
  const int64_t H = p.one_d ? 1 : input_sizes[2], W = input_sizes.back(), L = H * W;
  const std::array<int64_t, 2> kernel = {p.one_d ? 1 : weight_sizes[2], weight_sizes.back()};
  const int64_t Kg = detail::numel_of(weight_sizes) / std::max<int64_t>(C, 1);  // (O / G) * kh * kw
  Tensor dcols;  // [N, G, Kg, L]: the output gradient read through the windows of each input pixel
  if (need[0] || need[1]) dcols = im2col(g, kernel, p.dilation, p.padding, p.stride).reshape({N, G, Kg, L});
  Tensor dx, dw, db;
  if (need[0]) {
    // dX_g [Cg, L] = W_g [Cg, Kg] x dcols_g [Kg, L]: a convolution of dY with the weight
    dx = matmul(as_2d(weight, p.one_d).reshape({G, Cg, Kg}), dcols).reshape(input_sizes);
  }
  if (need[1]) {
    // dW_g [Cg, Kg] = X_g [Cg, N*L] x dcols_g^T [N*L, Kg]: the sum over the images is inside the GEMM
    const Tensor x = input.reshape({N, G, Cg, L}).permute({1, 2, 0, 3}).reshape({G, Cg, N * L});
    dw = matmul(x, dcols.permute({1, 0, 3, 2}).reshape({G, N * L, Kg})).reshape(weight_sizes);
  }
  if (need[2]) db = p.one_d ? grad.sum(IntArrayRef{0, 2}) : grad.sum(IntArrayRef{0, 2, 3});
  return {dx, dw, db};
}

// The output size along one axis: (n - 1) stride - 2 padding + dilation (k - 1) + output_padding + 1.
int64_t transposed_size(int64_t n, int64_t k, int64_t stride, int64_t padding, int64_t output_padding,
                        int64_t dilation) {
  return (n - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1;
}

// The transposed convolution of a batched input [N, C, (H,) W] with weight [C, O / groups, (kh,) kw].
Tensor conv_transpose(const TransposeParams& p, const Tensor& input, const Tensor& weight, const Tensor& bias) {
  const char* op = p.op;
  const int64_t C = input.size(1), G = p.groups;
  XG_CHECK(G > 0, op, "groups must be positive, got ", G);
  XG_CHECK(weight.size(0) % G == 0, op, "Given groups=", G, ", expected weight to be divisible by ", G,
           " at dimension 0, but got weight of size ", weight.sizes(), " instead");
  XG_CHECK(weight.size(0) == C, op, "Given transposed=1, weight of size ", weight.sizes(), ", expected input",
           input.sizes(), " to have ", weight.size(0), " channels, but got ", C, " channels instead");
  const int64_t O = weight.size(1) * G;
  XG_CHECK(input.scalar_type() == weight.scalar_type(), op, "input (", input.scalar_type(), ") and weight (",
           weight.scalar_type(), ") must have the same dtype");
  XG_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == O), op,
           "bias must be 1-D of size out_channels=", O, ", got sizes ", bias.sizes());
  XG_CHECK(!bias.defined() || bias.scalar_type() == weight.scalar_type(), op, "bias (", bias.scalar_type(),
           ") and weight (", weight.scalar_type(), ") must have the same dtype");
  dispatch_floating(input.scalar_type(), op, [](auto) {});
  for (int a = 0; a < 2; ++a) {
    XG_CHECK(p.stride[a] > 0 && p.dilation[a] > 0, op, "stride and dilation must be positive, got stride ",
             IntArrayRef(p.stride), " and dilation ", IntArrayRef(p.dilation));
    XG_CHECK(p.padding[a] >= 0 && p.output_padding[a] >= 0, op,
             "padding and output_padding must not be negative, got padding ", IntArrayRef(p.padding),
             " and output_padding ", IntArrayRef(p.output_padding));
    XG_CHECK(p.output_padding[a] < p.stride[a] || p.output_padding[a] < p.dilation[a], op,
             "output padding must be smaller than either stride or dilation, but got output_padding ",
             IntArrayRef(p.output_padding), ", stride ", IntArrayRef(p.stride), ", dilation ",
             IntArrayRef(p.dilation));
  }
  const Tensor x = as_2d(input.detach(), p.one_d), w = as_2d(weight.detach(), p.one_d);  // [N, C, H, W], [C, O/G, kh, kw]
  const std::array<int64_t, 2> kernel = {w.size(2), w.size(3)};
  std::array<int64_t, 2> out_image{};
  for (int a = 0; a < 2; ++a)
    out_image[a] = transposed_size(x.size(2 + a), kernel[a], p.stride[a], p.padding[a], p.output_padding[a],
                                   p.dilation[a]);
  XG_CHECK(out_image[0] > 0 && out_image[1] > 0, op, "Given input size per channel: (", x.size(2), " x ", x.size(3),
           "). Calculated output size per channel: (", out_image[0], " x ", out_image[1], "). Output size is too small");
  const int64_t N = x.size(0), L = x.size(2) * x.size(3), Cg = C / G, Kg = w.numel() / std::max<int64_t>(C, 1);
  Tensor out;
  {
    NoGradGuard no_grad;
    // cols_g [Kg, L] = W_g^T [Kg, Cg] x X_g [Cg, L], for every image and group
    const Tensor cols = matmul(w.reshape({G, Cg, Kg}).transpose(1, 2), x.reshape({N, G, Cg, L}));
    out = col2im(cols.reshape({N, G * Kg, L}), out_image, kernel, p.dilation, p.padding, p.stride);
    if (bias.defined()) out.add_(bias.detach().view({1, O, 1, 1}));
    out = from_2d(out, p.one_d);
  }
  if (needs_grad(input, weight, bias)) {
    const std::array<bool, 3> need = {input.requires_grad(), weight.requires_grad(),
                                      bias.defined() && bias.requires_grad()};
    record("ConvolutionBackward0", {input, weight, bias}, out,
           [p, need, input_saved = SavedVariable(need[1] ? input : Tensor(), false),
            weight_saved = SavedVariable(need[0] ? weight : Tensor(), false), input_sizes = copy_of(input.sizes()),
            weight_sizes = copy_of(weight.sizes())](const variable_list& g) -> variable_list {
             return conv_transpose_backward(g[0], input_saved.unpack(), weight_saved.unpack(), input_sizes,
                                            weight_sizes, p, need);
           });
  }
  return out;
}

// A 1-d parameter (one value) as the 2-d one of a unit height: {height_value, value}.
std::array<int64_t, 2> with_unit_height(const char* what, IntArrayRef values, int64_t height_value) {
  XG_CHECK(values.size() == 1, "conv_transpose1d", what, " must have one value, got ", values);
  return {height_value, values[0]};
}

}  // namespace

/// The transpose of conv2d: each input pixel adds its value times the filter onto a
/// kernel-sized patch of the output, patches `stride` apart; [N, C, H, W] x [C, O/G, kh, kw] ->
/// [N, O, Ho, Wo], Ho = (H - 1) stride - 2 padding + dilation (kh - 1) + output_padding + 1,
/// or unbatched [C, H, W] -> [O, Ho, Wo]. Y = col2im(W^T X); dX = W im2col(dY) (a conv2d of dY),
/// dW = X im2col(dY)^T, db = sum of dY over all but the channel dim
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
                        IntArrayRef padding, IntArrayRef output_padding, int64_t groups, IntArrayRef dilation) {
  const char* op = "conv_transpose2d";
  XG_CHECK(input.defined() && weight.defined(), op, "input and weight must be defined");
  XG_CHECK(input.dim() == 3 || input.dim() == 4, op, "expected a 3-D (unbatched) or 4-D (batched) input, got sizes ",
           input.sizes());
  XG_CHECK(weight.dim() == 4, op, "weight must be 4-D [in_channels, out_channels / groups, kH, kW], got sizes ",
           weight.sizes());
  const TransposeParams p = {op,
                             detail::expand_pair(op, "stride", stride),
                             detail::expand_pair(op, "padding", padding),
                             detail::expand_pair(op, "output_padding", output_padding),
                             detail::expand_pair(op, "dilation", dilation),
                             groups,
                             false};
  if (input.dim() == 3) return conv_transpose(p, input.unsqueeze(0), weight, bias).squeeze(0);
  return conv_transpose(p, input, weight, bias);
}

/// conv_transpose2d's 1-d form: [N, C, L] x [C, O/G, k] -> [N, O, Lo], or unbatched [C, L] ->
/// [O, Lo]; computed as a 2-d one of height 1, with the same gradients
Tensor conv_transpose1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
                        IntArrayRef padding, IntArrayRef output_padding, int64_t groups, IntArrayRef dilation) {
  const char* op = "conv_transpose1d";
  XG_CHECK(input.defined() && weight.defined(), op, "input and weight must be defined");
  XG_CHECK(input.dim() == 2 || input.dim() == 3, op, "expected a 2-D (unbatched) or 3-D (batched) input, got sizes ",
           input.sizes());
  XG_CHECK(weight.dim() == 3, op, "weight must be 3-D [in_channels, out_channels / groups, kW], got sizes ",
           weight.sizes());
  const TransposeParams p = {op,
                             with_unit_height("stride", stride, 1),
                             with_unit_height("padding", padding, 0),
                             with_unit_height("output_padding", output_padding, 0),
                             with_unit_height("dilation", dilation, 1),
                             groups,
                             true};
  if (input.dim() == 2) return conv_transpose(p, input.unsqueeze(0), weight, bias).squeeze(0);
  return conv_transpose(p, input, weight, bias);
}

}  // namespace xg
