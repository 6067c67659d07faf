#pragma once
// TensorDataset: n samples stored as the rows of a few tensors that share their
// first dimension, e.g. features [n, d] and targets [n].

#include <cstdint>
#include <vector>

#include "../autograd/tensor/tensor.h"

namespace xg::data {

class TensorDataset {
 public:
  /// Takes tensors that share their first dim, the number of samples n. Throws xg::Error
  /// for an empty list, an undefined or 0-d tensor, or first dims that differ. The dataset
  /// keeps detached, contiguous handles: a contiguous tensor is shared, not copied.
  explicit TensorDataset(std::vector<Tensor> tensors);

  /// The number of samples n.
  int64_t size() const { return size_; }
  /// How many tensors each sample has (2 for features and targets).
  size_t num_tensors() const { return tensors_.size(); }
  /// The tensors given to the constructor (detached).
  const std::vector<Tensor>& tensors() const { return tensors_; }

  /// Sample i: the i-th row of each tensor, as views; [n, d] gives [d], [n] gives a 0-d tensor.
  std::vector<Tensor> get(int64_t index) const;
  /// The rows `indices` of each tensor, copied into new tensors in that order:
  /// [n, d] gives [indices.size(), d]. This is how a DataLoader makes its batches.
  std::vector<Tensor> get_batch(const std::vector<int64_t>& indices) const;

 private:
  std::vector<Tensor> tensors_;
  int64_t size_ = 0;
};

}  // namespace xg::data
