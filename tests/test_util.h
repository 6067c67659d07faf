#pragma once
// Small helpers shared by the test programs.

#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace test_util {

/// The elements of any tensor as doubles, in row-major order.
inline std::vector<double> values(const xg::Tensor& t) {
  xg::Tensor c = t.detach().to(xg::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

/// Runs f and returns the message of the xg::Error it throws ("" if it throws none).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const xg::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace test_util
