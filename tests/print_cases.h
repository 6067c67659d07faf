#pragma once
// The printing cases, shared word for word by tests/test_print.cpp (run on
// xgrad) and tools/libtorch_reference/make_reference.cpp (run on LibTorch, which
// writes tests/data/print_reference.txt). Before including this file, say which
// library `lib` is:  namespace lib = xg;  or  namespace lib = torch;
//
// Each case returns the text that `std::ostream << x` produces. The values are
// given literally or made by exact arithmetic, so both libraries print the
// same numbers and only the formatting is under test.

#include <cstdint>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace print_cases {

struct Case {
  std::string name;
  std::function<std::string()> run;
};

template <class T>
std::string text(const T& x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// A tensor of the given dtype holding `values`, reshaped to `sizes`.
inline lib::Tensor values(const std::vector<double>& v, std::vector<int64_t> sizes,
                          lib::ScalarType dtype = lib::kFloat) {
  return lib::tensor(v, lib::TensorOptions().dtype(lib::kDouble)).to(dtype).reshape(sizes);
}
inline lib::Tensor values(const std::vector<double>& v, lib::ScalarType dtype = lib::kFloat) {
  return values(v, {static_cast<int64_t>(v.size())}, dtype);
}
// start, start + step, ... (n values), exact for the steps used here.
inline lib::Tensor ramp(int64_t n, double start, double step, lib::ScalarType dtype = lib::kFloat) {
  return lib::arange(n, lib::TensorOptions().dtype(lib::kDouble)).mul(step).add(start).to(dtype);
}

inline std::vector<Case> all() {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const lib::ScalarType f64 = lib::kDouble, i64 = lib::kLong, b8 = lib::kBool;
  std::vector<Case> cases;
  auto add = [&cases](std::string name, std::function<lib::Tensor()> make) {
    cases.push_back({std::move(name), [make] { return text(make()); }});
  };
  auto add_text = [&cases](std::string name, std::function<std::string()> run) {
    cases.push_back({std::move(name), std::move(run)});
  };

  add("undefined", [] { return lib::Tensor(); });

  // 0-d
  add("scalar_float", [] { return lib::tensor(3.5); });
  add("scalar_float_fraction", [] { return lib::tensor(0.1); });
  add("scalar_double", [] { return lib::tensor(3.14159265358979, lib::kDouble); });
  add("scalar_long", [] { return lib::tensor(-7, lib::kLong); });
  add("scalar_bool", [] { return lib::tensor(true); });
  add("scalar_large", [] { return lib::tensor(1.5e10); });
  add("scalar_tiny_double", [] { return lib::tensor(1.25e-30, lib::kDouble); });
  add("scalar_minus_inf", [=] { return lib::tensor(-inf); });
  add("scalar_nan", [=] { return lib::tensor(nan); });
  add("scalar_from_sum", [] { return lib::arange(5, lib::kFloat).sum(); });

  // 1-d
  add("float_simple", [] { return values({0.5, -1.25, 3.0, 4.125}); });
  add("float_integers", [] { return values({1, 2, -3}); });
  add("float_all_zero", [] { return lib::zeros({4}); });
  add("float_negative_zero", [] { return values({-0.0, 0.0, 1.0}); });
  add("float_fractions", [] { return values({0.1, 0.2, 1.0 / 3}); });
  add("float_small_scale", [] { return values({0.001, 0.0025, 0.0005}); });
  add("float_scale_1e5", [] { return values({100000.5, 200000.25, 300000.125}); });
  add("float_five_digits", [] { return values({12345.5, 1.5, -23456.25}); });
  add("float_sci_mixed", [] { return values({1e-5, 1.0, 12345.678}); });
  add("float_sci_huge", [] { return values({1e20, 1e-20, 1.5}); });
  add("double_sci_three_digit_exponent", [=] { return values({1e100, 1e-100, 0.5}, f64); });
  add("float_big_integers", [] { return values({1e10, 2, 3}); });
  add("float_inf_nan", [=] { return values({1.5, inf, -inf, nan, -2.25}); });
  add("float_all_inf", [=] { return values({inf, -inf}); });
  add("float_all_nan", [=] { return values({nan, nan}); });
  add("float_integers_and_inf", [=] { return values({1, inf, -20}); });
  add("float_negative_only", [] { return values({-1.5, -2.5, -1000.25}); });
  add("float_negative_large", [] { return values({-123456.7, 1.5}); });
  add("float_negative_small", [] { return values({-0.001, -0.002}); });
  add("double_precise", [=] { return values({1.0 / 3, 2.0 / 3, 1e-4}, f64); });
  add("double_scale_small", [=] { return values({1.5e-7, 2.5e-7, 9.75e-7}, f64); });
  add("long_arange", [] { return lib::arange(10); });
  add("long_negative", [=] { return values({-5, 0, 12345}, i64); });
  add("long_big", [=] { return values({12345678901.0, -1}, i64); });
  add("bool_1d", [=] { return values({1, 0, 1}, b8); });
  add("float_empty", [] { return lib::zeros({0}); });
  add("long_empty", [=] { return lib::zeros({0}, i64); });
  add("float_one_element", [] { return values({-0.75}); });

  add("float_fixed_below_one", [] { return values({0.5, 0.1, -0.25}); });
  add("float_scale_hundredths", [] { return values({0.05, 0.01, -0.0375}); });
  add("float_negative_zero_fixed", [] { return values({-0.0, 0.5}); });
  add("float_rounding", [] { return values({2.00005, 0.99995, 1.23456789}); });
  add("float_inexact_integer", [] { return values({123456789.0, 1}); });
  add("float_nan_and_integers", [=] { return values({nan, 3, -4}); });
  add("float_extremes", [] {
    return values({std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min(), 1.0});
  });
  add("double_huge_integers", [=] { return values({1e15, -1e15, 7}, f64); });
  add("double_tiny_and_one", [=] { return values({1e-300, 1.0}, f64); });
  add("long_extremes", [=] { return values({-9007199254740992.0, 9007199254740992.0}, i64); });

  // 2-d
  add("float_2x3", [] { return values({1.5, -2.25, 3.0, 4.0, 5.5, -6.75}, {2, 3}); });
  add("double_2x2_scale_small", [=] { return values({0.001, 0.002, 0.003, 0.0045}, {2, 2}, f64); });
  add("float_2x2_scale_1e5", [] { return values({100000.5, 200000.25, 300000.125, 123456.0}, {2, 2}); });
  add("float_2x2_sci", [] { return values({1e-6, 1.0, 250.5, -3e4}, {2, 2}); });
  add("float_2x2_inf_nan", [=] { return values({1.5, nan, -inf, 2.0}, {2, 2}); });
  add("float_wide_3x20", [] { return ramp(60, -7, 1.5).reshape({3, 20}); });
  add("float_wide_scale", [] { return ramp(40, 100000.5, 1).reshape({2, 20}); });
  add("float_wide_sci", [] { return ramp(30, 1e-6, 37.25).reshape({2, 15}); });
  add("long_wide_2x15", [] { return lib::arange(30).mul(1000).reshape({2, 15}); });
  add("float_10_columns_fit", [] { return ramp(20, 0.5, 0.25).reshape({2, 10}); });
  add("float_11_columns_split", [] { return ramp(22, 0.5, 0.25).reshape({2, 11}); });
  add("double_wide_integers", [=] { return ramp(50, -25, 1, f64).reshape({2, 25}); });
  add("bool_2x2", [=] { return values({1, 0, 0, 1}, {2, 2}, b8); });
  add("float_empty_0x3", [] { return lib::zeros({0, 3}); });
  add("float_empty_3x0", [] { return lib::zeros({3, 0}); });
  add("float_column", [] { return ramp(4, 0.5, 1).reshape({4, 1}); });
  add("float_row", [] { return ramp(5, -2, 0.5).reshape({1, 5}); });
  add("long_transposed", [] { return lib::arange(6).reshape({2, 3}).t(); });
  add("float_requires_grad", [] { return lib::ones({2, 2}, lib::TensorOptions().requires_grad(true)); });

  add("float_2x2_all_nan", [=] { return values({nan, nan, nan, nan}, {2, 2}); });
  add("float_wide_sci_negative", [] { return ramp(24, -1e-6, -41.5).reshape({2, 12}); });
  add("double_wide_sci_three_digits", [=] { return ramp(14, 1e-120, 1e110, f64).reshape({2, 7}); });
  add("float_wide_scale_small", [] { return ramp(36, 0.0001, 0.0000125).reshape({3, 12}); });
  add("bool_wide", [=] {
    std::vector<double> v;
    for (int i = 0; i < 90; ++i) v.push_back(i % 3 == 0);
    return values(v, {2, 45}, b8);
  });

  // 3-d and more
  add("float_3d", [] { return ramp(24, -2.875, 0.25).reshape({2, 3, 4}); });
  add("long_3d", [] { return lib::arange(12).reshape({3, 2, 2}); });
  add("float_3d_scale", [] { return ramp(8, 0.0005, 0.00125).reshape({2, 2, 2}); });
  add("float_3d_wide", [] { return ramp(100, 0, 0.5).reshape({2, 2, 25}); });
  add("bool_3d", [=] { return values({1, 0, 0, 1, 1, 1, 0, 0}, {2, 2, 2}, b8); });
  add("float_3d_empty_middle", [] { return lib::zeros({2, 0, 3}); });
  add("float_3d_empty_first", [] { return lib::zeros({0, 2, 2}); });
  add("float_3d_wide_scale", [] { return ramp(60, 100000.5, 1.25).reshape({2, 2, 15}); });
  add("float_3d_wide_sci", [] { return ramp(48, 1e-7, 3.5).reshape({2, 2, 12}); });
  add("float_3d_inf_nan", [=] { return values({1, inf, nan, -2.5, 0, -inf, 3, 4}, {2, 2, 2}); });
  add("float_4d", [] { return ramp(24, 0, 0.5).reshape({2, 2, 2, 3}); });
  add("double_4d_sci", [=] {
    return values({1e-8, 2.5e-3, 1.0, 1e3, -7.5, 0.25, 3e-5, 42.0}, {1, 2, 2, 2}, f64);
  });
  add("long_4d_size_one", [] { return lib::arange(4).reshape({1, 1, 2, 2}); });
  add("float_4d_empty", [] { return lib::zeros({2, 0, 2, 2}); });
  add("float_5d", [] { return ramp(8, 1, 1).reshape({2, 1, 2, 1, 2}); });

  // sizes() and the stream's own state
  add_text("sizes_0d", [] { return text(lib::tensor(1.0).sizes()); });
  add_text("sizes_1d", [] { return text(lib::zeros({3}).sizes()); });
  add_text("sizes_3d", [] { return text(lib::zeros({2, 3, 4}).sizes()); });
  add_text("sizes_empty", [] { return text(lib::zeros({0, 3}).sizes()); });
  add_text("stream_state_restored", [] {
    std::ostringstream out;
    out << values({0.5, 1.5}) << '\n' << 2.718281828 << ' ' << 1e-7 << '\n'
        << values({100000.5, 200000.25}, {1, 2}) << '\n' << 3.14159;
    return out.str();
  });
  add_text("stream_precision_kept_for_scalars", [] {
    std::ostringstream out;
    out << std::setprecision(2) << lib::tensor(3.14159) << '\n' << values({3.14159, 2.5}) << '\n' << 3.14159;
    return out.str();
  });
  add_text("stream_width_applies_to_scalar", [] {
    std::ostringstream out;
    out << std::setw(10) << lib::tensor(3.5) << '|' << std::setw(6) << values({1.5, 2.5});
    return out.str();
  });
  // print() writes only the type and sizes, to stderr.
  add_text("print_method", [] {
    std::ostringstream captured;
    std::streambuf* saved = std::cerr.rdbuf(captured.rdbuf());
    values({1.5, 2.0}, {1, 2}).print();
    lib::tensor(2.5).print();
    lib::Tensor().print();
    std::cerr.rdbuf(saved);
    return captured.str();
  });
  return cases;
}

}  // namespace print_cases
