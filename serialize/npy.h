#pragma once
// The .npy format: one array, as numpy.save writes it. An .npz checkpoint is a
// zip archive of these (see serialize.h).
//
// A .npy file is
//   "\x93NUMPY"                 6 bytes of magic
//   major, minor                the format version: 1.0, or 2.0 when the header needs more than 64 KiB
//   header length               little-endian, 2 bytes in version 1, 4 bytes in versions 2 and 3
//   header                      a Python dict literal, padded with spaces and ended by '\n' so
//                               that the data starts at a multiple of 64 bytes:
//                               {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
//   data                        the elements, row-major (column-major when fortran_order is True)
// The dtypes xgrad maps: '<f4' Float, '<f8' Double, '<i8' Long, '|b1' Bool. Shapes are
// Python tuples: () for a 0-d array, (3,) for a vector.
// (numpy's own description: numpy/lib/format.py, "The .npy format".)

#include <cstddef>
#include <functional>
#include <string>

#include "../autograd/tensor/tensor.h"

namespace xg::serialize {

/// The bytes of a .npy header (magic to '\n') for a C-ordered array of this dtype and shape;
/// the data follows it.
std::string npy_header(ScalarType dtype, IntArrayRef shape);

/// The next `size` bytes of a .npy file go to `buffer`; returns how many there were (fewer
/// only at the end of the file).
using ReadBytes = std::function<size_t(void* buffer, size_t size)>;

/// Reads a whole .npy file of `size` bytes into a new contiguous tensor. Throws xg::Error
/// starting with "[load] <what>: " when the file is not a .npy file of a dtype xgrad maps,
/// or when it is shorter or longer than its header says.
Tensor read_npy(const ReadBytes& read, size_t size, const std::string& what);

}  // namespace xg::serialize
