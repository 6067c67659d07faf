#include "window.h"

namespace xg::detail {

std::array<int64_t, 2> expand_pair(const char* op, const char* what, IntArrayRef values) {
  XG_CHECK(values.size() == 1 || values.size() == 2, op, what, " must have one or two values, got ", values);
  return {values[0], values[values.size() - 1]};
}

Window2d make_window(const char* op, int64_t height, int64_t width, std::array<int64_t, 2> kernel,
                     std::array<int64_t, 2> stride, std::array<int64_t, 2> padding, std::array<int64_t, 2> dilation,
                     bool ceil_mode) {
  Window2d window;
  Axis* axes[2] = {&window.h, &window.w};
  const int64_t sizes[2] = {height, width};
  for (int i = 0; i < 2; ++i) {
    XG_CHECK(kernel[i] > 0, op, "kernel size must be positive, got ", kernel[0], " x ", kernel[1]);
    XG_CHECK(stride[i] > 0, op, "stride must be positive, got ", stride[0], " x ", stride[1]);
    XG_CHECK(dilation[i] > 0, op, "dilation must be positive, got ", dilation[0], " x ", dilation[1]);
    XG_CHECK(padding[i] >= 0, op, "padding must not be negative, got ", padding[0], " x ", padding[1]);
    Axis& a = *axes[i];
    a = {sizes[i], kernel[i], stride[i], padding[i], dilation[i], 0};
    const int64_t span = a.size + 2 * a.padding - a.dilation * (a.kernel - 1) - 1;  // room for the window to slide
    XG_CHECK(span >= 0, op, "the kernel (", kernel[0], " x ", kernel[1], ", dilation ", dilation[0], " x ", dilation[1],
             ") is larger than the padded input (", height + 2 * padding[0], " x ", width + 2 * padding[1], ")");
    a.out = (ceil_mode ? (span + a.stride - 1) / a.stride : span / a.stride) + 1;
    // With ceil_mode the last window must start inside the input or its left padding.
    if (ceil_mode && (a.out - 1) * a.stride >= a.size + a.padding) --a.out;
  }
  return window;
}

}  // namespace xg::detail
