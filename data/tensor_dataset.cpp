#include "tensor_dataset.h"

#include <algorithm>
#include <cstring>

#include "../autograd/tensor/factories.h"

namespace xg::data {

TensorDataset::TensorDataset(std::vector<Tensor> tensors) {
  XG_CHECK(!tensors.empty(), "TensorDataset", "expected at least one tensor, got none");
  for (size_t i = 0; i < tensors.size(); ++i) {
    XG_CHECK(tensors[i].defined(), "TensorDataset", "tensor ", i, " is undefined");
    XG_CHECK(tensors[i].dim() > 0, "TensorDataset", "tensor ", i,
             " is 0-d; every tensor needs a first dim that counts the samples");
    XG_CHECK(tensors[i].size(0) == tensors[0].size(0), "TensorDataset", "tensor ", i, " has shape ",
             tensors[i].sizes(), " but tensor 0 has shape ", tensors[0].sizes(),
             "; all tensors must have the same first dim (the number of samples)");
  }
  size_ = tensors[0].size(0);
  for (const Tensor& t : tensors) tensors_.push_back(t.detach().contiguous());
}

std::vector<Tensor> TensorDataset::get(int64_t index) const {
  XG_CHECK(index >= 0 && index < size_, "TensorDataset", "index ", index, " is out of range for a dataset of ",
           size_, " samples");
  std::vector<Tensor> sample;
  for (const Tensor& t : tensors_) sample.push_back(t.select(0, index));
  return sample;
}

std::vector<Tensor> TensorDataset::get_batch(const std::vector<int64_t>& indices) const {
  for (int64_t index : indices) {
    XG_CHECK(index >= 0 && index < size_, "TensorDataset", "index ", index,
             " is out of range for a dataset of ", size_, " samples");
  }
  std::vector<Tensor> batch;
  for (const Tensor& t : tensors_) {
    SizeVector shape(t.sizes().begin(), t.sizes().end());
    shape[0] = static_cast<int64_t>(indices.size());
    Tensor out = empty(shape, t.scalar_type());
    // Both are contiguous, so a row is one block of bytes.
    const size_t row_bytes = static_cast<size_t>(t.numel() / std::max<int64_t>(size_, 1)) * t.element_size();
    const char* from = static_cast<const char*>(t.data_ptr());
    char* to = static_cast<char*>(out.data_ptr());
    for (size_t r = 0; r < indices.size() && row_bytes > 0; ++r) {
      std::memcpy(to + r * row_bytes, from + static_cast<size_t>(indices[r]) * row_bytes, row_bytes);
    }
    batch.push_back(out);
  }
  return batch;
}

}  // namespace xg::data
