// Upsampling: each output pixel of [N, C, H_out, W_out] is a weighted sum of at most 2 x 2
// input pixels of [N, C, H, W], chosen axis by axis (a 1-d input [N, C, L] is a 2-d one of
// height 1). Along one axis of input size n and output size m, output position o reads
//   nearest:   i = min(floor(o * scale), n - 1), weight 1,
//              scale = 1 / scale_factor when one is given, else n / m
//   bilinear:  x = o * (n - 1) / (m - 1)                     with align_corners,
//              x = max((o + 0.5) * scale - 0.5, 0)           without (scale as for nearest),
//              i0 = floor(x), i1 = min(i0 + 1, n - 1), weights 1 - (x - i0) and x - i0,
// as LibTorch's CPU kernels (UpSample.h) compute them. Both directions are linear maps:
//   forward:   y[o] = sum of w * x[i] over the taps of o              (upsample_*)
//   backward:  dx[i] += w * dy[o] over the same taps                  (upsample_*_backward)
// and each is the other's adjoint, so the backward's own gradient is the forward again.

#include <algorithm>
#include <cmath>
#include <vector>

#include "op_support.h"

namespace xg {

namespace {

// The taps of every output position o along one axis: input positions index[k][o] with
// weights weight[k][o], k < count (1 for nearest, 2 for linear).
template <class T>
struct AxisTaps {
  int count = 1;
  std::vector<int64_t> index[2];
  std::vector<T> weight[2];
  AxisTaps(int count_, int64_t out) : count(count_) {
    for (int k = 0; k < count; ++k) index[k].resize(out), weight[k].resize(out);
  }
};

// LibTorch's compute_scales_value: 1 / scale_factor when given, else input / output.
template <class T>
T scale_of(std::optional<double> scale_factor, int64_t in, int64_t out) {
  return scale_factor && *scale_factor > 0 ? static_cast<T>(1.0 / *scale_factor)
                                           : static_cast<T>(in) / static_cast<T>(out);
}

template <class T>
AxisTaps<T> nearest_taps(int64_t in, int64_t out, std::optional<double> scale_factor) {
  AxisTaps<T> taps(1, out);
  // LibTorch's nearest_idx computes in float whatever the dtype, with exact shortcuts for
  // equal sizes and doubling.
  const float scale = scale_of<float>(scale_factor, in, out);
  for (int64_t o = 0; o < out; ++o) {
    taps.index[0][o] = out == in       ? o
                       : out == 2 * in ? o >> 1
                                       : std::min(static_cast<int64_t>(std::floor(static_cast<float>(o) * scale)), in - 1);
    taps.weight[0][o] = T(1);
  }
  return taps;
}

template <class T>
AxisTaps<T> linear_taps(int64_t in, int64_t out, bool align_corners, std::optional<double> scale_factor) {
  AxisTaps<T> taps(2, out);
  const T scale = align_corners ? (out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0))
                                : scale_of<T>(scale_factor, in, out);
  for (int64_t o = 0; o < out; ++o) {
    const T x = align_corners ? scale * static_cast<T>(o)
                              : std::max(static_cast<T>(scale * (static_cast<double>(o) + 0.5) - 0.5), T(0));
    const int64_t i0 = std::min(static_cast<int64_t>(std::floor(x)), in - 1);
    const T lambda = std::min(std::max(x - static_cast<T>(i0), T(0)), T(1));
    taps.index[0][o] = i0;
    taps.index[1][o] = i0 < in - 1 ? i0 + 1 : i0;
    taps.weight[0][o] = T(1) - lambda;
    taps.weight[1][o] = lambda;
  }
  return taps;
}

// What an upsampling op is: its name (in errors), its nodes, and how it places its taps.
struct Upsample {
  const char* op;
  const char* node;           // the forward's backward node
  const char* backward_node;  // the backward's backward node
  int spatial_dims;           // 1 or 2
  bool bilinear = false;
  bool align_corners = false;
  std::optional<double> scale_h, scale_w;  // 1-d: scale_w only

  template <class T>
  AxisTaps<T> taps(int64_t in, int64_t out, std::optional<double> scale_factor) const {
    return bilinear ? linear_taps<T>(in, out, align_corners, scale_factor) : nearest_taps<T>(in, out, scale_factor);
  }
};

// The [N, C, (H,) W] sizes of the input and of the output, checked as LibTorch's
// upsample_*_common_check does.
struct UpsampleSizes {
  SizeVector input, output;
  int64_t height_in() const { return input.size() == 4 ? input[2] : 1; }
  int64_t height_out() const { return output.size() == 4 ? output[2] : 1; }
  /// The output's spatial sizes, as the ops take them.
  IntArrayRef output_size() const { return IntArrayRef(output.data() + 2, output.size() - 2); }
};

UpsampleSizes upsample_sizes(const Upsample& u, IntArrayRef input_size, IntArrayRef output_size) {
  const size_t dims = static_cast<size_t>(u.spatial_dims);
  XG_CHECK(output_size.size() == dims, u.op, "expected output_size to have ", dims, " elements, got ", output_size);
  XG_CHECK(input_size.size() == dims + 2, u.op, "expected a ", dims + 2, "-D input (batch, channels, ",
           dims == 1 ? "width" : "height, width", "), got sizes ", input_size);
  UpsampleSizes sizes{SizeVector(input_size.begin(), input_size.end()), SizeVector(input_size.begin(), input_size.end())};
  std::copy(output_size.begin(), output_size.end(), sizes.output.begin() + 2);
  bool positive = true;
  for (size_t d = 2; d < sizes.input.size(); ++d) positive = positive && sizes.input[d] > 0 && sizes.output[d] > 0;
  XG_CHECK(positive, u.op, "Input and output sizes should be greater than 0, but got input sizes ", input_size,
           " and output_size ", output_size);
  return sizes;
}

int64_t planes_of(const UpsampleSizes& s) { return s.input[0] * s.input[1]; }

// The upsampling of x (forward), or x added back onto the input positions with the same
// weights (backward, `adjoint`): the one loop both directions share.
Tensor resample(const Upsample& u, const Tensor& x, const UpsampleSizes& s, bool adjoint) {
  Tensor out = zeros(adjoint ? s.input : s.output, x.scalar_type());
  const Tensor in = detail::contiguous_data(x);
  dispatch_floating(x.scalar_type(), u.op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const AxisTaps<T> h = u.taps<T>(s.height_in(), s.height_out(), u.scale_h);
    const AxisTaps<T> w = u.taps<T>(s.input.back(), s.output.back(), u.scale_w);
    const int64_t width_in = s.input.back(), width_out = s.output.back();
    const int64_t in_plane = s.height_in() * width_in, out_plane = s.height_out() * width_out;
    for (int64_t plane = 0; plane < planes_of(s); ++plane) {
      const T* from = detail::data<T>(in) + plane * (adjoint ? out_plane : in_plane);
      T* to = detail::data<T>(out) + plane * (adjoint ? in_plane : out_plane);
      for (int64_t oh = 0; oh < s.height_out(); ++oh)
        for (int64_t ow = 0; ow < width_out; ++ow) {
          const int64_t o = oh * width_out + ow;
          T sum = 0;
          for (int a = 0; a < h.count; ++a)
            for (int b = 0; b < w.count; ++b) {
              const int64_t i = h.index[a][oh] * width_in + w.index[b][ow];
              const T weight = h.weight[a][oh] * w.weight[b][ow];
              if (adjoint)
                to[i] += weight * from[o];
              else
                sum += weight * from[i];
            }
          if (!adjoint) to[o] = sum;
        }
    }
  });
  return out;
}

Tensor upsample_backward_of(const Upsample& u, const Tensor& grad_output, IntArrayRef output_size,
                            IntArrayRef input_size);

// The forward: checks, the kernel, and its node (whose gradient is the backward op).
Tensor upsample_forward(const Upsample& u, const Tensor& self, IntArrayRef output_size) {
  XG_CHECK(self.defined(), u.op, "input is undefined");
  XG_CHECK(self.is_floating_point(), u.op, "expected a floating-point input, got ", self.scalar_type());
  const UpsampleSizes s = upsample_sizes(u, self.sizes(), output_size);
  Tensor out = resample(u, self, s, false);
  if (needs_grad(self)) {
    record(u.node, {self}, out, [u, s](const variable_list& g) -> variable_list {
      return {upsample_backward_of(u, g[0], s.output_size(), s.input)};
    });
  }
  return out;
}

Tensor upsample_backward_of(const Upsample& u, const Tensor& grad_output, IntArrayRef output_size,
                            IntArrayRef input_size) {
  XG_CHECK(grad_output.defined(), u.op, "grad_output is undefined");
  XG_CHECK(grad_output.is_floating_point(), u.op, "expected a floating-point grad_output, got ",
           grad_output.scalar_type());
  const UpsampleSizes s = upsample_sizes(u, input_size, output_size);
  XG_CHECK(grad_output.sizes() == IntArrayRef(s.output), u.op, "expected grad_output of sizes ", IntArrayRef(s.output),
           ", got ", grad_output.sizes());
  Tensor grad_input = resample(u, grad_output, s, true);
  if (needs_grad(grad_output)) {
    record(u.backward_node, {grad_output}, grad_input, [u, s](const variable_list& g) -> variable_list {
      return {upsample_forward(u, g[0], s.output_size())};
    });
  }
  return grad_input;
}

Upsample nearest1d(std::optional<double> scales) {
  return {"upsample_nearest1d", "UpsampleNearest1DBackward0", "UpsampleNearest1DBackwardBackward0", 1, false, false,
          std::nullopt, scales};
}
Upsample nearest2d(std::optional<double> scales_h, std::optional<double> scales_w) {
  return {"upsample_nearest2d", "UpsampleNearest2DBackward0", "UpsampleNearest2DBackwardBackward0", 2, false, false,
          scales_h, scales_w};
}
Upsample bilinear2d(bool align_corners, std::optional<double> scales_h, std::optional<double> scales_w) {
  return {"upsample_bilinear2d", "UpsampleBilinear2DBackward0", "UpsampleBilinear2DBackwardBackward0", 2, true,
          align_corners, scales_h, scales_w};
}

}  // namespace

/// [N, C, W] -> [N, C, output_size]: each output element copies the input element at
/// min(floor(o * scale), W - 1), scale = 1 / scales when given, else W / output_size;
/// dself = upsample_nearest1d_backward(dy, ...): dy summed onto the elements it copied
Tensor upsample_nearest1d(const Tensor& self, IntArrayRef output_size, std::optional<double> scales) {
  return upsample_forward(nearest1d(scales), self, output_size);
}

/// The adjoint of upsample_nearest1d: grad_output [N, C, output_size] summed onto
/// input_size [N, C, W]; d grad_output = upsample_nearest1d(gg, ...)
Tensor upsample_nearest1d_backward(const Tensor& grad_output, IntArrayRef output_size, IntArrayRef input_size,
                                   std::optional<double> scales) {
  return upsample_backward_of(nearest1d(scales), grad_output, output_size, input_size);
}

/// [N, C, H, W] -> [N, C, H_out, W_out]: nearest along each axis as in upsample_nearest1d;
/// dself = upsample_nearest2d_backward(dy, ...)
Tensor upsample_nearest2d(const Tensor& self, IntArrayRef output_size, std::optional<double> scales_h,
                          std::optional<double> scales_w) {
  return upsample_forward(nearest2d(scales_h, scales_w), self, output_size);
}

/// The adjoint of upsample_nearest2d; d grad_output = upsample_nearest2d(gg, ...)
Tensor upsample_nearest2d_backward(const Tensor& grad_output, IntArrayRef output_size, IntArrayRef input_size,
                                   std::optional<double> scales_h, std::optional<double> scales_w) {
  return upsample_backward_of(nearest2d(scales_h, scales_w), grad_output, output_size, input_size);
}

/// [N, C, H, W] -> [N, C, H_out, W_out]: each output pixel interpolated from its 2 x 2
/// nearest input pixels (positions as in the comment at the top of upsample.cpp);
/// dself = upsample_bilinear2d_backward(dy, ...): dy spread back with the same weights
Tensor upsample_bilinear2d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                           std::optional<double> scales_h, std::optional<double> scales_w) {
  return upsample_forward(bilinear2d(align_corners, scales_h, scales_w), self, output_size);
}

/// The adjoint of upsample_bilinear2d; d grad_output = upsample_bilinear2d(gg, ...)
Tensor upsample_bilinear2d_backward(const Tensor& grad_output, IntArrayRef output_size, IntArrayRef input_size,
                                    bool align_corners, std::optional<double> scales_h,
                                    std::optional<double> scales_w) {
  return upsample_backward_of(bilinear2d(align_corners, scales_h, scales_w), grad_output, output_size, input_size);
}

}  // namespace xg
