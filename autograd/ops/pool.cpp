// Pooling: the largest element (max_pool2d) or the mean (avg_pool2d) of every window of
// every plane of the input [N, C, H, W] (or unbatched [C, H, W]); windows as in window.h.
//   max: y = x at the window's argmax; dx = dy sent back to the argmax positions
//        (max_pool2d_with_indices_backward), whose own gradient reads ddx there (a gather).
//   avg: y = window sum / divisor; dx = dy / divisor spread over each window
//        (avg_pool2d_backward), a linear map whose adjoint is avg_pool2d itself.

#include <cmath>
#include <limits>

#include "window.h"

namespace xg {

namespace {

using detail::Window2d;

struct PoolParams {
  std::array<int64_t, 2> kernel, stride, padding, dilation;
  bool ceil_mode;
};

PoolParams pool_params(const char* op, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                       IntArrayRef dilation, bool ceil_mode) {
  const auto kernel = detail::expand_pair(op, "kernel_size", kernel_size);
  return {kernel, stride.empty() ? kernel : detail::expand_pair(op, "stride", stride),
          detail::expand_pair(op, "padding", padding), detail::expand_pair(op, "dilation", dilation), ceil_mode};
}

// The window over the last two dims of self, with LibTorch's limit on the padding: at most
// half the (dilated) kernel, so that every window holds at least one input element.
Window2d pool_window(const char* op, const Tensor& self, const PoolParams& p) {
  XG_CHECK(self.defined(), op, "input is undefined");
  XG_CHECK(self.dim() == 3 || self.dim() == 4, op, "expected a 3-D (unbatched) or 4-D (batched) input, got sizes ",
           self.sizes());
  XG_CHECK(self.numel() > 0, op, "expected a non-empty input, got sizes ", self.sizes());
  for (int i = 0; i < 2; ++i)
    XG_CHECK(p.padding[i] <= (p.dilation[i] * (p.kernel[i] - 1) + 1) / 2, op,
             "padding should be at most half of the effective kernel size, got padding ", p.padding[0], " x ",
             p.padding[1], " for kernel ", p.kernel[0], " x ", p.kernel[1], " (dilation ", p.dilation[0], " x ",
             p.dilation[1], ")");
  return detail::make_window(op, self.size(-2), self.size(-1), p.kernel, p.stride, p.padding, p.dilation,
                             p.ceil_mode);
}

// self's sizes with the last two replaced by the window's output sizes.
SizeVector pooled_sizes(const Tensor& self, const Window2d& win) {
  SizeVector sizes(self.sizes().begin(), self.sizes().end());
  sizes[sizes.size() - 2] = win.h.out;
  sizes[sizes.size() - 1] = win.w.out;
  return sizes;
}

int64_t planes_of(const Tensor& self) { return self.numel() / (self.size(-2) * self.size(-1)); }

// f(output position, h0, h1, w0, w1, divisor) for every window of avg_pool2d: the window
// covers input rows [h0, h1) and columns [w0, w1) (padding cut off) and its sum is divided
// by divisor: divisor_override, else the window's size counting the padding (but not
// what ceil_mode adds past it) when count_include_pad, else the elements it covers.
template <class F>
void each_avg_window(const Window2d& win, bool count_include_pad, std::optional<int64_t> divisor_override, F&& f) {
  for (int64_t oh = 0; oh < win.h.out; ++oh) {
    const int64_t hs = win.h.start(oh), he = std::min(hs + win.h.kernel, win.h.size + win.h.padding);
    const int64_t h0 = std::max<int64_t>(hs, 0), h1 = std::min(he, win.h.size);
    for (int64_t ow = 0; ow < win.w.out; ++ow) {
      const int64_t ws = win.w.start(ow), we = std::min(ws + win.w.kernel, win.w.size + win.w.padding);
      const int64_t w0 = std::max<int64_t>(ws, 0), w1 = std::min(we, win.w.size);
      const int64_t divisor = divisor_override ? *divisor_override
                              : count_include_pad ? (he - hs) * (we - ws)
                                                  : (h1 - h0) * (w1 - w0);
      f(oh * win.w.out + ow, h0, h1, w0, w1, divisor);
    }
  }
}

struct AvgParams {
  std::array<int64_t, 2> kernel, stride, padding;
  bool ceil_mode, count_include_pad;
  std::optional<int64_t> divisor_override;
};

AvgParams avg_params(IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                     bool count_include_pad, std::optional<int64_t> divisor_override) {
  XG_CHECK(!divisor_override || *divisor_override != 0, "avg_pool2d", "divisor_override must not be zero");
  const PoolParams p = pool_params("avg_pool2d", kernel_size, stride, padding, 1, ceil_mode);
  return {p.kernel, p.stride, p.padding, ceil_mode, count_include_pad, divisor_override};
}

Window2d avg_window(const Tensor& self, const AvgParams& a) {
  return pool_window("avg_pool2d", self, {a.kernel, a.stride, a.padding, {1, 1}, a.ceil_mode});
}

}  // namespace

/// y = the largest element of each window (NaN wins), and its position h * W + w in its
/// plane (kLong); dself = max_pool2d_with_indices_backward(dy, ...): dy sent to those positions
std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                                                   IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  const char* op = "max_pool2d";
  const PoolParams p = pool_params(op, kernel_size, stride, padding, dilation, ceil_mode);
  const Window2d win = pool_window(op, self, p);
  const SizeVector sizes = pooled_sizes(self, win);
  Tensor out = detail::empty(sizes, self.scalar_type()), indices = detail::empty(sizes, kLong);
  const Tensor in = detail::contiguous_data(self);
  dispatch_floating(self.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* dst = detail::data<T>(out);
    int64_t* at = detail::data<int64_t>(indices);
    for (int64_t plane = 0; plane < planes_of(self); ++plane, src += win.in_positions())
      for (int64_t oh = 0; oh < win.h.out; ++oh)
        for (int64_t ow = 0; ow < win.w.out; ++ow, ++dst, ++at) {
          T best = -std::numeric_limits<T>::infinity();
          int64_t best_at = -1;
          for (int64_t i = 0; i < win.h.kernel; ++i) {
            const int64_t ih = win.h.start(oh) + i * win.h.dilation;
            if (ih < 0 || ih >= win.h.size) continue;
            for (int64_t j = 0; j < win.w.kernel; ++j) {
              const int64_t iw = win.w.start(ow) + j * win.w.dilation;
              if (iw < 0 || iw >= win.w.size) continue;
              const T v = src[ih * win.w.size + iw];
              if (best_at < 0 || v > best || std::isnan(v)) {
                best = v > best || std::isnan(v) ? v : best;
                best_at = ih * win.w.size + iw;
              }
            }
          }
          *dst = best;
          *at = best_at;
        }
  });
  if (needs_grad(self)) {
    record("MaxPool2DWithIndicesBackward0", {self}, out,
           [p, self_saved = SavedVariable(self, false), indices](const variable_list& g) -> variable_list {
             return {max_pool2d_with_indices_backward(g[0], self_saved.unpack(), p.kernel, p.stride, p.padding,
                                                      p.dilation, p.ceil_mode, indices)};
           });
  }
  return {out, indices};
}

/// dself: each element of grad_output added at its window's argmax (indices, from
/// max_pool2d_with_indices), zeros elsewhere; its gradient reads the gradient at the
/// same positions: d grad_output = gather(gg, indices)
Tensor max_pool2d_with_indices_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size,
                                        IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool ceil_mode,
                                        const Tensor& indices) {
  const char* op = "max_pool2d_with_indices_backward";
  const Window2d win = pool_window(op, self, pool_params(op, kernel_size, stride, padding, dilation, ceil_mode));
  const SizeVector sizes = pooled_sizes(self, win);
  XG_CHECK(grad_output.sizes() == IntArrayRef(sizes) && indices.sizes() == IntArrayRef(sizes), op,
           "grad_output (sizes ", grad_output.sizes(), ") and indices (sizes ", indices.sizes(),
           ") must have the pooled sizes ", IntArrayRef(sizes));
  XG_CHECK(indices.scalar_type() == kLong, op, "indices must be Long, got ", indices.scalar_type());
  Tensor grad_input = zeros(self.sizes(), grad_output.scalar_type());
  const Tensor g = detail::contiguous_data(grad_output), at = detail::contiguous_data(indices);
  dispatch_floating(grad_output.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(g);
    const int64_t* where = detail::data<int64_t>(at);
    T* dst = detail::data<T>(grad_input);
    const int64_t out_positions = win.out_positions();
    for (int64_t plane = 0; plane < planes_of(self); ++plane, dst += win.in_positions())
      for (int64_t o = 0; o < out_positions; ++o, ++src, ++where) dst[*where] += *src;
  });
  if (needs_grad(grad_output)) {
    record("MaxPool2DWithIndicesBackwardBackward0", {grad_output}, grad_input,
           [indices](const variable_list& g) -> variable_list {
             return {g[0].flatten(-2).gather(-1, indices.flatten(-2)).view_as(indices)};
           });
  }
  return grad_input;
}

/// max_pool2d_with_indices without the indices
Tensor max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                  IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(max_pool2d_with_indices(self, kernel_size, stride, padding, dilation, ceil_mode));
}

/// y = the sum of each window / its divisor (see each_avg_window);
/// dself = avg_pool2d_backward(dy, ...): dy / divisor added over each window
Tensor avg_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                  bool count_include_pad, std::optional<int64_t> divisor_override) {
  const AvgParams a = avg_params(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
  const Window2d win = avg_window(self, a);
  Tensor out = detail::empty(pooled_sizes(self, win), self.scalar_type());
  const Tensor in = detail::contiguous_data(self);
  dispatch_floating(self.scalar_type(), "avg_pool2d", [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* dst = detail::data<T>(out);
    for (int64_t plane = 0; plane < planes_of(self); ++plane, src += win.in_positions(), dst += win.out_positions())
      each_avg_window(win, count_include_pad, divisor_override,
                      [&](int64_t o, int64_t h0, int64_t h1, int64_t w0, int64_t w1, int64_t divisor) {
                        T sum = 0;
                        for (int64_t h = h0; h < h1; ++h)
                          for (int64_t w = w0; w < w1; ++w) sum += src[h * win.w.size + w];
                        dst[o] = sum / static_cast<T>(divisor);
                      });
  });
  if (needs_grad(self)) {
    record("AvgPool2DBackward0", {self}, out,
           [a, self_saved = SavedVariable(self, false)](const variable_list& g) -> variable_list {
             return {avg_pool2d_backward(g[0], self_saved.unpack(), a.kernel, a.stride, a.padding, a.ceil_mode,
                                         a.count_include_pad, a.divisor_override)};
           });
  }
  return out;
}

/// dself: each element of grad_output divided by its window's divisor and added over the
/// window; linear in grad_output, with avg_pool2d as its adjoint: d grad_output = avg_pool2d(gg)
Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                           std::optional<int64_t> divisor_override) {
  const AvgParams a = avg_params(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
  const Window2d win = avg_window(self, a);
  XG_CHECK(grad_output.sizes() == IntArrayRef(pooled_sizes(self, win)), "avg_pool2d_backward", "grad_output has sizes ",
           grad_output.sizes(), ", the pooled input ", IntArrayRef(pooled_sizes(self, win)));
  Tensor grad_input = zeros(self.sizes(), grad_output.scalar_type());
  const Tensor g = detail::contiguous_data(grad_output);
  dispatch_floating(grad_output.scalar_type(), "avg_pool2d_backward", [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(g);
    T* dst = detail::data<T>(grad_input);
    for (int64_t plane = 0; plane < planes_of(self); ++plane, src += win.out_positions(), dst += win.in_positions())
      each_avg_window(win, count_include_pad, divisor_override,
                      [&](int64_t o, int64_t h0, int64_t h1, int64_t w0, int64_t w1, int64_t divisor) {
                        const T share = src[o] / static_cast<T>(divisor);
                        for (int64_t h = h0; h < h1; ++h)
                          for (int64_t w = w0; w < w1; ++w) dst[h * win.w.size + w] += share;
                      });
  });
  if (needs_grad(grad_output)) {
    record("AvgPool2DBackwardBackward0", {grad_output}, grad_input,
           [a](const variable_list& g) -> variable_list {
             return {avg_pool2d(g[0], a.kernel, a.stride, a.padding, a.ceil_mode, a.count_include_pad,
                                a.divisor_override)};
           });
  }
  return grad_input;
}

}  // namespace xg
