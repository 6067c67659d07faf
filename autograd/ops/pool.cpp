// Pooling: the largest element (max_pool2d) or the mean (avg_pool2d) of every window of
// every plane of the input [N, C, H, W] (or unbatched [C, H, W]); windows as in window.h.
//   max: y = x at the window's argmax; dx = dy sent back to the argmax positions
//        (max_pool2d_with_indices_backward), whose own gradient reads ddx there (a gather).
//   avg: y = window sum / divisor; dx = dy / divisor spread over each window
//        (avg_pool2d_backward), a linear map whose adjoint is avg_pool2d itself.
// Adaptive pooling picks the windows from the output size instead: output position o of m
// along an axis of n covers [floor(o n / m), ceil((o + 1) n / m)), so windows may overlap
// or differ in size. The 1-d forms are the 2-d ones on a height-1 input, as in LibTorch
// (unsqueeze, pool, squeeze).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

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
// half the (dilated) kernel, so that every window holds at least one input element (unless a
// dilated window skips over a short input: max pooling checks for that).
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

AvgParams avg_params(const char* op, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                     bool ceil_mode, bool count_include_pad, std::optional<int64_t> divisor_override) {
  XG_CHECK(!divisor_override || *divisor_override != 0, op, "divisor_override must not be zero");
  const PoolParams p = pool_params(op, kernel_size, stride, padding, 1, ceil_mode);
  return {p.kernel, p.stride, p.padding, ceil_mode, count_include_pad, divisor_override};
}

Window2d avg_window(const char* op, const Tensor& self, const AvgParams& a) {
  return pool_window(op, self, {a.kernel, a.stride, a.padding, {1, 1}, a.ceil_mode});
}

// The taps k of one window that fall inside the input: first <= k < last.
struct TapRange {
  int64_t first, last;
};

// For every output position along the axis, the range of its taps inside the input: the
// kernel loops then run without a bounds test per tap.
std::vector<TapRange> tap_ranges(const detail::Axis& a) {
  std::vector<TapRange> ranges(static_cast<size_t>(a.out));
  for (int64_t o = 0; o < a.out; ++o) {
    const int64_t start = a.start(o);  // ceil divisions: the first tap at or after 0, the first at or past size
    const int64_t first = start < 0 ? (-start + a.dilation - 1) / a.dilation : 0;
    const int64_t last = std::min(a.kernel, (a.size - start + a.dilation - 1) / a.dilation);
    ranges[o] = {first, last};
  }
  return ranges;
}

// `a` if `take`, else `b`, by masking bits instead of branching: which tap of a window holds
// the maximum depends on the data, so a branch on it is mispredicted about every other tap
// (and compilers turn a plain `take ? a : b` of two running values back into a branch).
template <class T>
T select(bool take, T a, T b) {
  using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  static_assert(sizeof(T) == sizeof(Bits), "select: a 4- or 8-byte type");
  Bits x, y;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  const Bits mask = Bits(0) - Bits(take);
  const Bits chosen = (x & mask) | (y & ~mask);
  T out;
  std::memcpy(&out, &chosen, sizeof out);
  return out;
}

// Whether every window is 2x2 of adjacent pixels inside the input (no padding, no dilation):
// the pooling of most CNNs, which max_pool_2x2 runs with its four taps unrolled.
bool two_by_two_inside(const Window2d& win) {
  auto adjacent_pair_inside = [](const detail::Axis& a) {
    return a.kernel == 2 && a.dilation == 1 && a.padding == 0 && (a.out - 1) * a.stride + 1 < a.size;
  };
  return adjacent_pair_inside(win.h) && adjacent_pair_inside(win.w);
}

// max_pool_with_indices' loop for two_by_two_inside windows: the same taps in the same order
// (so the same winner on ties and NaN), held in registers.
template <class T>
void max_pool_2x2(const T* src, T* best, int64_t* best_at, const Window2d& win, int64_t planes) {
  const int64_t W = win.w.size;
  for (int64_t plane = 0; plane < planes; ++plane, src += win.in_positions())
    for (int64_t oh = 0; oh < win.h.out; ++oh)
      for (int64_t ow = 0; ow < win.w.out; ++ow) {
        const int64_t first = oh * win.h.stride * W + ow * win.w.stride;
        T m = src[first];
        int64_t at = first;
        for (const int64_t position : {first + 1, first + W, first + W + 1}) {
          const T v = src[position];
          const bool wins = (v > m) | (v != v);
          m = select(wins, v, m);
          at = select(wins, position, at);
        }
        *best++ = m;
        *best_at++ = at;
      }
}

// max_pool2d_with_indices, its errors naming `op` (max_pool1d uses it too).
std::tuple<Tensor, Tensor> max_pool_with_indices(const char* op, const Tensor& self, IntArrayRef kernel_size,
                                                 IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                                                 bool ceil_mode) {
  const PoolParams p = pool_params(op, kernel_size, stride, padding, dilation, ceil_mode);
  const Window2d win = pool_window(op, self, p);
  const SizeVector sizes = pooled_sizes(self, win);
  Tensor out = detail::empty(sizes, self.scalar_type()), indices = detail::empty(sizes, kLong);
  const Tensor in = detail::contiguous_data(self);
  const std::vector<TapRange> rows = tap_ranges(win.h), columns = tap_ranges(win.w);
  // With dilation, a window over a short input can fall between its elements (taps at -1 and
  // 1 of a length-1 input): it has no maximum (LibTorch gives -inf and an index outside the input).
  auto every_window_holds_input = [](const std::vector<TapRange>& ranges) {
    return std::all_of(ranges.begin(), ranges.end(), [](const TapRange& r) { return r.first < r.last; });
  };
  XG_CHECK(every_window_holds_input(rows) && every_window_holds_input(columns), op,
           "a window holds no input element: input ", win.h.size, " x ", win.w.size, ", kernel ", p.kernel[0], " x ",
           p.kernel[1], ", padding ", p.padding[0], " x ", p.padding[1], ", dilation ", p.dilation[0], " x ",
           p.dilation[1]);
  std::vector<detail::Span> outputs_of_tap(static_cast<size_t>(win.w.kernel));  // along the width
  for (int64_t j = 0; j < win.w.kernel; ++j) outputs_of_tap[j] = detail::inside(win.w, j);
  dispatch_floating(self.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* best = detail::data<T>(out);
    int64_t* best_at = detail::data<int64_t>(indices);
    if (two_by_two_inside(win)) return max_pool_2x2(src, best, best_at, win, planes_of(self));
    const int64_t W = win.w.size, Wo = win.w.out, sw = win.w.stride, dh = win.h.dilation, dw = win.w.dilation;
    // A whole output row at a time, tap by tap: the outputs of a row do not depend on each
    // other, so the processor overlaps them, where one window's taps form a chain.
    for (int64_t plane = 0; plane < planes_of(self); ++plane, src += win.in_positions())
      for (int64_t oh = 0; oh < win.h.out; ++oh, best += Wo, best_at += Wo) {
        const TapRange r = rows[oh];
        const int64_t h0 = win.h.start(oh);
        // Every window holds an input element (checked above): its index stands until a tap
        // beats -inf.
        for (int64_t ow = 0; ow < Wo; ++ow) {
          best[ow] = -std::numeric_limits<T>::infinity();
          best_at[ow] = (h0 + r.first * dh) * W + win.w.start(ow) + columns[ow].first * dw;
        }
        for (int64_t i = r.first; i < r.last; ++i) {
          const int64_t row = (h0 + i * dh) * W;
          for (int64_t j = 0; j < win.w.kernel; ++j) {
            const int64_t shift = row + j * dw - win.w.padding;
            for (int64_t ow = outputs_of_tap[j].lo; ow < outputs_of_tap[j].hi; ++ow) {
              const int64_t position = ow * sw + shift;
              const T v = src[position];
              const bool wins = (v > best[ow]) | (v != v);  // NaN wins, as in LibTorch
              best[ow] = select(wins, v, best[ow]);
              best_at[ow] = select(wins, position, best_at[ow]);
            }
          }
        }
      }
  });
  if (needs_grad(self)) {
    // indices is saved as a SavedVariable too: backward must refuse it once written in place.
    record("MaxPool2DWithIndicesBackward0", {self}, out,
           [p, self_saved = SavedVariable(self, false),
            indices_saved = SavedVariable(indices, false)](const variable_list& g) -> variable_list {
             return {max_pool2d_with_indices_backward(g[0], self_saved.unpack(), p.kernel, p.stride, p.padding,
                                                      p.dilation, p.ceil_mode, indices_saved.unpack())};
           });
  }
  return {out, indices};
}

// grad_output added into zeros of self's sizes at `indices` (positions within each plane):
// the backward of max pooling and of adaptive max pooling. Its own gradient reads the
// gradient at the same positions (a gather), recorded as `node`.
Tensor scatter_to_indices(const char* op, const char* node, const Tensor& grad_output, const Tensor& self,
                          const Tensor& indices) {
  XG_CHECK(indices.scalar_type() == kLong, op, "indices must be Long, got ", indices.scalar_type());
  Tensor grad_input = zeros(self.sizes(), grad_output.scalar_type());
  const Tensor g = detail::contiguous_data(grad_output), at = detail::contiguous_data(indices);
  dispatch_floating(grad_output.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(g);
    const int64_t* where = detail::data<int64_t>(at);
    T* dst = detail::data<T>(grad_input);
    const int64_t out_positions = grad_output.size(-2) * grad_output.size(-1);
    const int64_t in_positions = self.size(-2) * self.size(-1);
    for (int64_t plane = 0; plane < planes_of(self); ++plane, dst += in_positions)
      for (int64_t o = 0; o < out_positions; ++o, ++src, ++where) {
        XG_CHECK(*where >= 0 && *where < in_positions, op, "index ", *where, " is outside a plane of ",
                 in_positions, " positions (input sizes ", self.sizes(), ")");
        dst[*where] += *src;
      }
  });
  if (needs_grad(grad_output)) {
    record(node, {grad_output}, grad_input, [indices](const variable_list& g) -> variable_list {
      return {g[0].flatten(-2).gather(-1, indices.flatten(-2)).view_as(indices)};
    });
  }
  return grad_input;
}

// The input rows [first, last) of the adaptive window of output position o of `out` along
// an axis of `in` positions.
TapRange adaptive_bin(int64_t o, int64_t in, int64_t out) {
  return {(o * in) / out, ((o + 1) * in + out - 1) / out};
}

// Adaptive pooling of the [H, W] planes of an input to [out_h, out_w] (LibTorch's checks
// made once here, for the forward and the backward ops).
struct AdaptiveWindows {
  SizeVector out_sizes;  // the input's sizes with the last two replaced by [out_h, out_w]
  int64_t planes, H, W, out_h, out_w;

  int64_t in_positions() const { return H * W; }
  int64_t out_positions() const { return out_h * out_w; }

  // f(output position, h0, h1, w0, w1) for every window of a plane.
  template <class F>
  void each(F&& f) const {
    for (int64_t oh = 0; oh < out_h; ++oh) {
      const TapRange r = adaptive_bin(oh, H, out_h);
      for (int64_t ow = 0; ow < out_w; ++ow) {
        const TapRange c = adaptive_bin(ow, W, out_w);
        f(oh * out_w + ow, r.first, r.last, c.first, c.last);
      }
    }
  }
};

AdaptiveWindows adaptive_windows(const char* op, const Tensor& self, IntArrayRef output_size) {
  XG_CHECK(self.defined(), op, "input is undefined");
  XG_CHECK(output_size.size() == 2, op, "output_size must have 2 values, got ", output_size);
  XG_CHECK(self.dim() == 3 || self.dim() == 4, op, "expected a 3-D (unbatched) or 4-D (batched) input, got sizes ",
           self.sizes());
  for (int64_t d = 1; d < self.dim(); ++d)
    XG_CHECK(self.size(d) > 0, op, "expected an input with non-zero sizes except the batch, got sizes ",
             self.sizes());
  XG_CHECK(output_size[0] >= 0 && output_size[1] >= 0, op, "output_size must not be negative, got ", output_size);
  SizeVector sizes(self.sizes().begin(), self.sizes().end());
  sizes[sizes.size() - 2] = output_size[0];
  sizes[sizes.size() - 1] = output_size[1];
  return {sizes, planes_of(self), self.size(-2), self.size(-1), output_size[0], output_size[1]};
}

// The 1-d forms: x [N, C, L] (or [C, L]) as [N, C, 1, L], after the check that it is 2-D or 3-D.
Tensor with_unit_height(const char* op, const Tensor& self) {
  XG_CHECK(self.defined(), op, "input is undefined");
  XG_CHECK(self.dim() == 2 || self.dim() == 3, op, "expected a 2-D (unbatched) or 3-D (batched) input, got sizes ",
           self.sizes());
  return self.unsqueeze(-2);
}

// A 1-d parameter (kernel_size, stride, ...) as {1, value} for the 2-d op ({} stays {}).
SizeVector one_row(const char* op, const char* what, IntArrayRef values, int64_t height_value) {
  if (values.empty()) return {};
  XG_CHECK(values.size() == 1, op, what, " must have one value, got ", values);
  return {height_value, values[0]};
}

}  // namespace

/// y = the largest element of each window (NaN wins), and its position h * W + w in its
/// plane (kLong); dself = max_pool2d_with_indices_backward(dy, ...): dy sent to those positions
std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                                                   IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return max_pool_with_indices("max_pool2d", self, kernel_size, stride, padding, dilation, ceil_mode);
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
  return scatter_to_indices(op, "MaxPool2DWithIndicesBackwardBackward0", grad_output, self, indices);
}

/// max_pool2d_with_indices without the indices
Tensor max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                  IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(max_pool2d_with_indices(self, kernel_size, stride, padding, dilation, ceil_mode));
}

namespace {

// avg_pool2d, its errors naming `op` (avg_pool1d uses it too).
Tensor avg_pool(const char* op, const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                bool ceil_mode, bool count_include_pad, std::optional<int64_t> divisor_override) {
  const AvgParams a = avg_params(op, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
  const Window2d win = avg_window(op, self, a);
  Tensor out = detail::empty(pooled_sizes(self, win), self.scalar_type());
  const Tensor in = detail::contiguous_data(self);
  dispatch_floating(self.scalar_type(), op, [&](auto tag) {
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

}  // namespace

/// y = the sum of each window / its divisor (see each_avg_window);
/// dself = avg_pool2d_backward(dy, ...): dy / divisor added over each window
Tensor avg_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                  bool count_include_pad, std::optional<int64_t> divisor_override) {
  return avg_pool("avg_pool2d", self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
}

/// dself: each element of grad_output divided by its window's divisor and added over the
/// window; linear in grad_output, with avg_pool2d as its adjoint: d grad_output = avg_pool2d(gg)
Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                           std::optional<int64_t> divisor_override) {
  const char* op = "avg_pool2d_backward";
  const AvgParams a = avg_params(op, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
  const Window2d win = avg_window(op, self, a);
  XG_CHECK(grad_output.sizes() == IntArrayRef(pooled_sizes(self, win)), op, "grad_output has sizes ",
           grad_output.sizes(), ", the pooled input ", IntArrayRef(pooled_sizes(self, win)));
  Tensor grad_input = zeros(self.sizes(), grad_output.scalar_type());
  const Tensor g = detail::contiguous_data(grad_output);
  dispatch_floating(grad_output.scalar_type(), op, [&](auto tag) {
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

// ---- 1-d pooling: the 2-d ops on a height-1 input ----------------------------------------------

/// max_pool2d_with_indices of x [N, C, L] as [N, C, 1, L], squeezed back: the maxima and
/// their positions along L
std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                                                   IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  const char* op = "max_pool1d";
  auto [out, indices] = max_pool_with_indices(op, with_unit_height(op, self), one_row(op, "kernel_size", kernel_size, 1),
                                              one_row(op, "stride", stride, 1), one_row(op, "padding", padding, 0),
                                              one_row(op, "dilation", dilation, 1), ceil_mode);
  return {out.squeeze(-2), indices.squeeze(-2)};
}

/// max_pool1d_with_indices without the indices
Tensor max_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                  IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(max_pool1d_with_indices(self, kernel_size, stride, padding, dilation, ceil_mode));
}

/// avg_pool2d of x [N, C, L] as [N, C, 1, L], squeezed back
Tensor avg_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                  bool count_include_pad) {
  const char* op = "avg_pool1d";
  return avg_pool(op, with_unit_height(op, self), one_row(op, "kernel_size", kernel_size, 1),
                  one_row(op, "stride", stride, 1), one_row(op, "padding", padding, 0), ceil_mode, count_include_pad,
                  std::nullopt)
      .squeeze(-2);
}

// ---- adaptive pooling ---------------------------------------------------------------------------

/// y = the mean of each adaptive window (see the top of pool.cpp), [.., H, W] -> [.., output_size];
/// dself = _adaptive_avg_pool2d_backward(dy, self): dy / window size spread over each window
Tensor _adaptive_avg_pool2d(const Tensor& self, IntArrayRef output_size) {
  const char* op = "adaptive_avg_pool2d";
  const AdaptiveWindows win = adaptive_windows(op, self, output_size);
  Tensor out = detail::empty(win.out_sizes, self.scalar_type());
  const Tensor in = detail::contiguous_data(self);
  dispatch_floating(self.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* dst = detail::data<T>(out);
    for (int64_t plane = 0; plane < win.planes; ++plane, src += win.in_positions(), dst += win.out_positions())
      win.each([&](int64_t o, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
        T sum = 0;
        for (int64_t h = h0; h < h1; ++h)
          for (int64_t w = w0; w < w1; ++w) sum += src[h * win.W + w];
        dst[o] = sum / static_cast<T>((h1 - h0) * (w1 - w0));
      });
  });
  if (needs_grad(self)) {
    record("AdaptiveAvgPool2DBackward0", {self}, out,
           [self_saved = SavedVariable(self, false)](const variable_list& g) -> variable_list {
             return {_adaptive_avg_pool2d_backward(g[0], self_saved.unpack())};
           });
  }
  return out;
}

/// dself: each element of grad_output divided by its window's size and added over the
/// window; linear, with _adaptive_avg_pool2d as its adjoint
Tensor _adaptive_avg_pool2d_backward(const Tensor& grad_output, const Tensor& self) {
  const char* op = "adaptive_avg_pool2d_backward";
  XG_CHECK(grad_output.defined() && grad_output.dim() == self.dim(), op, "grad_output (sizes ",
           grad_output.sizes(), ") must have the dims of the input (sizes ", self.sizes(), ")");
  const int64_t out_h = grad_output.size(-2), out_w = grad_output.size(-1);
  const AdaptiveWindows win = adaptive_windows(op, self, {out_h, out_w});
  XG_CHECK(grad_output.sizes() == IntArrayRef(win.out_sizes), op, "grad_output has sizes ", grad_output.sizes(),
           ", the pooled input ", IntArrayRef(win.out_sizes));
  Tensor grad_input = zeros(self.sizes(), grad_output.scalar_type());
  const Tensor g = detail::contiguous_data(grad_output);
  dispatch_floating(grad_output.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(g);
    T* dst = detail::data<T>(grad_input);
    for (int64_t plane = 0; plane < win.planes; ++plane, src += win.out_positions(), dst += win.in_positions())
      win.each([&](int64_t o, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
        const T share = src[o] / static_cast<T>((h1 - h0) * (w1 - w0));
        for (int64_t h = h0; h < h1; ++h)
          for (int64_t w = w0; w < w1; ++w) dst[h * win.W + w] += share;
      });
  });
  if (needs_grad(grad_output)) {
    record("AdaptiveAvgPool2DBackwardBackward0", {grad_output}, grad_input,
           [out_h, out_w](const variable_list& g) -> variable_list { return {_adaptive_avg_pool2d(g[0], {out_h, out_w})}; });
  }
  return grad_input;
}

/// _adaptive_avg_pool2d, except that a 1 x 1 output is the mean over the plane (as LibTorch,
/// which records MeanBackward1 there)
Tensor adaptive_avg_pool2d(const Tensor& self, IntArrayRef output_size) {
  adaptive_windows("adaptive_avg_pool2d", self, output_size);  // checked before output_size is read
  if (output_size[0] == 1 && output_size[1] == 1) return self.mean(IntArrayRef{-1, -2}, true);
  return _adaptive_avg_pool2d(self, output_size);
}

/// adaptive_avg_pool2d of x [N, C, L] as [N, C, 1, L], squeezed back
Tensor adaptive_avg_pool1d(const Tensor& self, IntArrayRef output_size) {
  const char* op = "adaptive_avg_pool1d";
  return adaptive_avg_pool2d(with_unit_height(op, self), one_row(op, "output_size", output_size, 1)).squeeze(-2);
}

/// y = the largest element of each adaptive window (NaN wins) and its position h * W + w;
/// dself = adaptive_max_pool2d_backward(dy, self, indices): dy sent to those positions
std::tuple<Tensor, Tensor> adaptive_max_pool2d(const Tensor& self, IntArrayRef output_size) {
  const char* op = "adaptive_max_pool2d";
  const AdaptiveWindows win = adaptive_windows(op, self, output_size);
  Tensor out = detail::empty(win.out_sizes, self.scalar_type()), indices = detail::empty(win.out_sizes, kLong);
  const Tensor in = detail::contiguous_data(self);
  dispatch_floating(self.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = detail::data<T>(in);
    T* dst = detail::data<T>(out);
    int64_t* at = detail::data<int64_t>(indices);
    for (int64_t plane = 0; plane < win.planes;
         ++plane, src += win.in_positions(), dst += win.out_positions(), at += win.out_positions())
      win.each([&](int64_t o, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
        int64_t best_at = h0 * win.W + w0;
        T best = src[best_at];
        for (int64_t h = h0; h < h1; ++h)
          for (int64_t w = w0; w < w1; ++w)
            if (src[h * win.W + w] > best || std::isnan(src[h * win.W + w])) {
              best = src[h * win.W + w];
              best_at = h * win.W + w;
            }
        dst[o] = best;
        at[o] = best_at;
      });
  });
  if (needs_grad(self)) {
    record("AdaptiveMaxPool2DBackward0", {self}, out,
           [self_saved = SavedVariable(self, false),
            indices_saved = SavedVariable(indices, false)](const variable_list& g) -> variable_list {
             return {adaptive_max_pool2d_backward(g[0], self_saved.unpack(), indices_saved.unpack())};
           });
  }
  return {out, indices};
}

/// dself: grad_output added at the positions `indices` (from adaptive_max_pool2d), zeros
/// elsewhere; d grad_output = gather(gg, indices)
Tensor adaptive_max_pool2d_backward(const Tensor& grad_output, const Tensor& self, const Tensor& indices) {
  const char* op = "adaptive_max_pool2d_backward";
  XG_CHECK(grad_output.defined() && indices.defined() && grad_output.sizes() == indices.sizes() &&
               grad_output.dim() == self.dim(),
           op, "grad_output (sizes ", grad_output.sizes(), ") and indices (sizes ", indices.sizes(),
           ") must have the same sizes and the dims of the input (sizes ", self.sizes(), ")");
  return scatter_to_indices(op, "AdaptiveMaxPool2DBackwardBackward0", grad_output, self, indices);
}

/// adaptive_max_pool2d of x [N, C, L] as [N, C, 1, L], squeezed back
std::tuple<Tensor, Tensor> adaptive_max_pool1d(const Tensor& self, IntArrayRef output_size) {
  const char* op = "adaptive_max_pool1d";
  auto [out, indices] = adaptive_max_pool2d(with_unit_height(op, self), one_row(op, "output_size", output_size, 1));
  return {out.squeeze(-2), indices.squeeze(-2)};
}

}  // namespace xg
