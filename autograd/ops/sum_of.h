#pragma once
// A sum in double of many floats, fast: normalisation's statistics and gradients (norm.cpp) and
// a convolution's bias gradient (conv.cpp). Internal, not installed.

#include <cstdint>

namespace xg::detail {

/// Sum of f(i) (a double) for i = 0 .. n-1, with eight independent partial sums: the additions
/// of one chain wait on each other (the compiler keeps the order of a floating-point sum), eight
/// chains keep the adder busy.
template <class F>
double sum_of(int64_t n, F f) {
  double part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) part[k] += f(i + k);
  for (; i < n; ++i) part[0] += f(i);
  return ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
}

}  // namespace xg::detail
