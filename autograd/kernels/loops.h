#pragma once
// The elementwise loops every op runs: out = f(in), out = f(a, b), out = f(c, a, b).
//
// Each takes a contiguous fast path (a plain loop over pointers, which the
// compiler vectorises) and otherwise walks the output's index space with one
// set of strides per operand (for_each_offset), which covers views and
// broadcasting alike. Internal: not installed with the public headers.

#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>

#include "../tensor/shape.h"
#include "../tensor/tensor.h"
#include "../tensor/xtensor_interop.h"

namespace xg::detail {

/// Number of storage elements a view spans from its first element.
int64_t span(const TensorImpl& impl);

/// Strides of `t` seen through a broadcast to `sizes`: 0 along dims that t lacks or has as 1.
SizeVector broadcast_strides(const Tensor& t, IntArrayRef sizes);

/// Visits every position of an n-d index space in row-major order, calling
/// visit(offsets) with one element offset per operand, each operand walking
/// with its own strides (0 where it is broadcast). The innermost dim is a
/// plain loop; the outer dims advance like an odometer.
template <size_t N, class Visit>
void for_each_offset(IntArrayRef sizes, const std::array<SizeVector, N>& strides, Visit visit) {
  const int64_t ndim = static_cast<int64_t>(sizes.size());
  int64_t total = 1;
  for (int64_t s : sizes) total *= s;
  if (total == 0) return;
  const int64_t inner = ndim > 0 ? sizes[ndim - 1] : 1;
  std::array<int64_t, N> inner_step{}, offsets{};
  for (size_t k = 0; k < N; ++k) inner_step[k] = ndim > 0 ? strides[k][ndim - 1] : 0;
  SizeVector counter(static_cast<size_t>(std::max<int64_t>(ndim - 1, 0)), 0);
  for (int64_t done = 0; done < total; done += inner) {
    std::array<int64_t, N> at = offsets;
    for (int64_t i = 0; i < inner; ++i) {
      visit(at);
      for (size_t k = 0; k < N; ++k) at[k] += inner_step[k];
    }
    for (int64_t d = ndim - 2; d >= 0; --d) {
      for (size_t k = 0; k < N; ++k) offsets[k] += strides[k][d];
      if (++counter[d] < sizes[d]) break;
      for (size_t k = 0; k < N; ++k) offsets[k] -= strides[k][d] * sizes[d];
      counter[d] = 0;
    }
  }
}

/// True when every element of t is the same memory location: one element, or a
/// scalar expanded to a shape (the gradients of sum and mean are such expansions).
inline bool is_single_value(const Tensor& t) {
  const IntArrayRef sizes = t.sizes(), strides = t.strides();
  for (size_t d = 0; d < sizes.size(); ++d)
    if (strides[d] != 0 && sizes[d] != 1) return false;
  return true;
}

/// out = f(in) elementwise; `in` has element type T and broadcasts to out's shape.
template <class R, class T, class F>
void map_into(const Tensor& out, const Tensor& in, F f) {
  R* o = data<R>(out);
  const T* x = data<T>(in);
  if (out.is_contiguous() && in.is_contiguous() && out.numel() == in.numel()) {
    for (int64_t i = 0, n = out.numel(); i < n; ++i) o[i] = f(x[i]);
    return;
  }
  if (out.is_contiguous() && out.numel() > 0 && is_single_value(in)) {  // one value computed once, then a plain fill
    std::fill(o, o + out.numel(), f(*x));
    return;
  }
  const std::array<SizeVector, 2> strides = {broadcast_strides(out, out.sizes()), broadcast_strides(in, out.sizes())};
  for_each_offset<2>(out.sizes(), strides, [&](const std::array<int64_t, 2>& at) { o[at[0]] = f(x[at[1]]); });
}

/// out[i] = value for every element of out (any layout); reads nothing.
template <class T>
void fill_into(const Tensor& out, T value) {
  T* o = data<T>(out);
  if (out.is_contiguous()) {
    std::fill(o, o + out.numel(), value);
    return;
  }
  const std::array<SizeVector, 1> strides = {broadcast_strides(out, out.sizes())};
  for_each_offset<1>(out.sizes(), strides, [&](const std::array<int64_t, 1>& at) { o[at[0]] = value; });
}

/// o[i] = f(o[i], y[i]) for i < n, or f(o[i], y[0]) when y has one element: an in-place
/// op (self += other). Kept out of line on purpose: with o and the input as two pointers to
/// the same memory, the compiler's overlap check fails and the loop runs unvectorised, 4x slower.
template <class T, class F>
[[gnu::noinline]] void update_in_place(T* o, const T* y, int64_t y_count, int64_t n, F f) {
  if (y_count == 1) {
    const T yv = *y;
    for (int64_t i = 0; i < n; ++i) o[i] = f(o[i], yv);
  } else {
    for (int64_t i = 0; i < n; ++i) o[i] = f(o[i], y[i]);
  }
}

/// out = f(a, b) elementwise; a and b have element type T and broadcast to out's shape.
template <class R, class T, class F>
void zip_into(const Tensor& out, const Tensor& a, const Tensor& b, F f) {
  R* o = data<R>(out);
  const T* x = data<T>(a);
  const T* y = data<T>(b);
  const int64_t n = out.numel();
  if (out.is_contiguous() && n > 0) {
    // Contiguous operands, or single values (expanded scalars included), make plain loops.
    const bool a_full = a.is_contiguous() && a.numel() == n, b_full = b.is_contiguous() && b.numel() == n;
    if constexpr (std::is_same_v<R, T>) {
      if (o == x && a_full && (b_full || is_single_value(b))) return update_in_place(o, y, b_full ? n : 1, n, f);
    }
    if (a_full && b_full) {
      for (int64_t i = 0; i < n; ++i) o[i] = f(x[i], y[i]);
      return;
    }
    if (a_full && is_single_value(b)) {
      const T yv = *y;
      for (int64_t i = 0; i < n; ++i) o[i] = f(x[i], yv);
      return;
    }
    if (is_single_value(a) && b_full) {
      const T xv = *x;
      for (int64_t i = 0; i < n; ++i) o[i] = f(xv, y[i]);
      return;
    }
  }
  const std::array<SizeVector, 3> strides = {broadcast_strides(out, out.sizes()), broadcast_strides(a, out.sizes()),
                                             broadcast_strides(b, out.sizes())};
  for_each_offset<3>(out.sizes(), strides,
                     [&](const std::array<int64_t, 3>& at) { o[at[0]] = f(x[at[1]], y[at[2]]); });
}

/// out = f(c, a, b) elementwise (for where); c is bool, a and b have type T.
template <class T, class F>
void zip3_into(const Tensor& out, const Tensor& c, const Tensor& a, const Tensor& b, F f) {
  T* o = data<T>(out);
  const bool* w = data<bool>(c);
  const T* x = data<T>(a);
  const T* y = data<T>(b);
  const std::array<SizeVector, 4> strides = {broadcast_strides(out, out.sizes()), broadcast_strides(c, out.sizes()),
                                             broadcast_strides(a, out.sizes()), broadcast_strides(b, out.sizes())};
  for_each_offset<4>(out.sizes(), strides,
                     [&](const std::array<int64_t, 4>& at) { o[at[0]] = f(w[at[1]], x[at[2]], y[at[3]]); });
}

}  // namespace xg::detail
