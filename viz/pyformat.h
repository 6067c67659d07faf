#pragma once
// Numbers and arrays printed exactly as Python and NumPy print them, so a C++
// program can reproduce a tutorial's output character for character.
//
//   py_repr(16.0 - 1.25e-12)           -> "15.99999999999875"   (Python's repr / str / f"{x}")
//   py_repr(1e-05)                     -> "1e-05"
//   numpy_str(torch::tensor({-2.4, 3.2}, torch::kFloat64))  -> "[-2.4  3.2]"   (print(array))

#include <string>

#include "../autograd/tensor/tensor.h"

namespace xg::viz {

/// A double as Python's repr() and str() print it: the shortest digits that
/// read back as the same double, positional for 1e-4 <= |x| < 1e16 (with ".0"
/// for whole numbers), otherwise scientific ("2.4519928653780434e-05").
std::string py_repr(double x);

/// A 0-, 1- or 2-D floating tensor as NumPy's str(array) / print(array) prints
/// the same values with default print options (precision 8, floatmode
/// "maxprec", scientific when NumPy would switch, lines wrapped at 75
/// characters). float32 tensors print as float32 arrays do. Arrays are never
/// summarised with "...": NumPy would do so above 1000 elements.
std::string numpy_str(const Tensor& t);

}  // namespace xg::viz
