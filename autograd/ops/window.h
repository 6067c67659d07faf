#pragma once
// Where a sliding window falls on a 2-D input: the index arithmetic that convolution
// (conv.cpp: im2col and col2im) and pooling (pool.cpp) share. Internal, not installed.
//
// Along one axis of size n, output position o reads the input at
//   o * stride - padding + k * dilation,   k = 0 .. kernel - 1,
// positions outside [0, n) being padding, and there are
//   out = floor((n + 2 padding - dilation (kernel - 1) - 1) / stride) + 1
// output positions (pooling's ceil_mode rounds up instead, without starting a window
// in the right padding). A 1-D input is a 2-D one of height 1.

#include <algorithm>
#include <array>
#include <cstdint>

#include "op_support.h"

namespace xg::detail {

struct Axis {
  int64_t size = 1;      // input positions
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t padding = 0;
  int64_t dilation = 1;
  int64_t out = 1;       // output positions
  /// The input position the first tap of output o reads (may be in the padding).
  int64_t start(int64_t o) const { return o * stride - padding; }
};

/// The output positions [lo, hi) whose tap k reads inside the input along axis a: tap k of
/// output o reads position o * stride + k * dilation - padding.
struct Span {
  int64_t lo, hi;
};
inline Span inside(const Axis& a, int64_t k) {
  const int64_t offset = k * a.dilation - a.padding;
  const int64_t lo = offset >= 0 ? 0 : (-offset + a.stride - 1) / a.stride;
  const int64_t last = a.size - 1 - offset;  // o * stride <= last
  const int64_t hi = last < 0 ? 0 : last / a.stride + 1;
  return {std::min(lo, a.out), std::clamp(hi, std::min(lo, a.out), a.out)};
}

/// A window over the last two dims (height, width) of the input.
struct Window2d {
  Axis h, w;
  int64_t out_positions() const { return h.out * w.out; }
  int64_t in_positions() const { return h.size * w.size; }
};

/// `values` as {height, width}: one value is used for both, as LibTorch expands it.
/// `what` names the parameter in the error ("[conv2d] stride must have ...").
std::array<int64_t, 2> expand_pair(const char* op, const char* what, IntArrayRef values);

/// The window of kernel/stride/padding/dilation ({h, w} each) over a [height, width]
/// input, with the checks every op shares: kernel, stride and dilation positive,
/// padding not negative, and at least one output position.
Window2d make_window(const char* op, int64_t height, int64_t width, std::array<int64_t, 2> kernel,
                     std::array<int64_t, 2> stride, std::array<int64_t, 2> padding, std::array<int64_t, 2> dilation,
                     bool ceil_mode = false);

/// values as an owned SizeVector, for a backward's capture that outlives the call.
inline SizeVector copy_of(IntArrayRef values) { return SizeVector(values.begin(), values.end()); }

/// A 1-d convolution's tensor with the unit height it works with inside ([N, C, L] ->
/// [N, C, 1, L]), and back; unchanged when not one_d.
inline Tensor as_2d(const Tensor& t, bool one_d) { return one_d ? t.unsqueeze(2) : t; }
inline Tensor from_2d(const Tensor& t, bool one_d) { return one_d ? t.squeeze(2) : t; }

}  // namespace xg::detail
