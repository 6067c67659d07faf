#pragma once
// The .npz format: a zip archive with one .npy file per array, as numpy.savez
// writes it (entries stored uncompressed; numpy.savez_compressed's deflated
// entries are read too). libzip does the zip; npy.h does each entry.

#include <string>
#include <utility>
#include <vector>

#include "../autograd/tensor/tensor.h"

namespace xg::serialize {

/// Tensors with names, in order: the contents of a checkpoint.
using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

/// Writes each tensor as the entry "<name>.npy" of a new .npz archive at `path`, replacing
/// any file there atomically (atomic_file.h). Names must be non-empty and distinct; tensors
/// must be defined (any dtype, shape and strides; no gradient is written).
void write_npz(const NamedTensors& tensors, const std::string& path);

/// Every array of the .npz archive at `path`, named without ".npy", in archive order.
/// Throws xg::Error "[load] ..." naming the file when it is missing, not a zip archive
/// (e.g. truncated), fails its checksums, or holds something other than .npy arrays
/// of the dtypes xgrad maps.
NamedTensors read_npz(const std::string& path);

}  // namespace xg::serialize
