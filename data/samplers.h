#pragma once
// Samplers, as torch::data::samplers: the order in which a data loader visits a dataset.
// A sampler hands out the indices of one batch at a time (next(batch_size), std::nullopt
// once the pass is done); the loader calls reset() at the start of every pass.
//
//   SequentialSampler(n)          0, 1, ..., n-1
//   RandomSampler(n)              a new torch::randperm(n) on every reset: after the same
//                                 manual_seed, the same orders as LibTorch's
//   DistributedSequentialSampler  rank r of R visits the r-th of R contiguous blocks of
//   DistributedRandomSampler      0..n-1 (or of a permutation shuffled by the epoch); blocks
//     (n, R, r, allow_duplicates)  have ceil(n / R) indices, those past n wrapping around to
//                                 the start, or floor(n / R) without allow_duplicates
//
// xgrad's DistributedSampler (distributed_sampler.h, PyTorch's Python layout: rank r takes
// every R-th index) is another class; these follow LibTorch's C++ layout.

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "../autograd/base/dtype.h"
#include "../autograd/tensor/tensor.h"

namespace xg::data::samplers {

/// The interface of samplers: reset() before each pass, then next(batch_size) until std::nullopt.
template <typename BatchRequest = std::vector<size_t>>
class Sampler {
 public:
  using BatchRequestType = BatchRequest;

  virtual ~Sampler() = default;
  /// Starts a new pass, over new_size samples if given.
  virtual void reset(std::optional<size_t> new_size) = 0;
  /// The indices of the next batch (at most batch_size), or std::nullopt when the pass is done.
  virtual std::optional<BatchRequest> next(size_t batch_size) = 0;
};

/// 0, 1, ..., size-1 in order.
class SequentialSampler : public Sampler<> {
 public:
  explicit SequentialSampler(size_t size) : size_(size) {}

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  /// How many indices this pass has handed out.
  size_t index() const noexcept { return index_; }

 private:
  size_t size_;
  size_t index_ = 0;
};

/// 0, 1, ..., size-1 in a random order, a new one (torch::randperm(size)) on every reset.
/// The constructor draws one permutation too, as LibTorch's does.
class RandomSampler : public Sampler<> {
 public:
  /// index_dtype is the dtype of the permutation tensor (kInt64 or another integer dtype).
  explicit RandomSampler(int64_t size, ScalarType index_dtype = kInt64);

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  size_t index() const noexcept { return index_; }

 private:
  Tensor indices_;  // the permutation of this pass, [size]
  size_t index_ = 0;
};

/// What distributed samplers share: the dataset size, this rank, the epoch.
template <typename BatchRequest = std::vector<size_t>>
class DistributedSampler : public Sampler<BatchRequest> {
 public:
  /// Throws xg::Error when num_replicas is 0 or rank >= num_replicas.
  DistributedSampler(size_t size, size_t num_replicas = 1, size_t rank = 0, bool allow_duplicates = true)
      : size_(size), num_replicas_(num_replicas), rank_(rank), allow_duplicates_(allow_duplicates) {
    XG_CHECK(num_replicas >= 1, "DistributedSampler", "num_replicas must be at least 1, got ", num_replicas);
    XG_CHECK(rank < num_replicas, "DistributedSampler", "rank must be in [0, ", num_replicas, "), got ", rank);
  }

  /// The epoch seeds DistributedRandomSampler's shuffle; set it before each pass.
  void set_epoch(size_t epoch) { epoch_ = epoch; }
  size_t epoch() const { return epoch_; }
  /// Where the pass is: this rank's block is positions [rank * count, (rank + 1) * count).
  size_t index() const noexcept { return sample_index_; }

 protected:
  /// Samples per rank: ceil(size / num_replicas), or floor without allow_duplicates.
  size_t local_sample_count() const {
    return allow_duplicates_ ? (size_ + num_replicas_ - 1) / num_replicas_ : size_ / num_replicas_;
  }
  /// Places the pass at the start of this rank's block.
  void start_block() {
    begin_index_ = rank_ * local_sample_count();
    end_index_ = begin_index_ + local_sample_count();
    sample_index_ = begin_index_;
  }
  /// The positions [first, last) of the next batch in this rank's block, and moves past them;
  /// std::nullopt at the block's end.
  std::optional<std::pair<size_t, size_t>> take(size_t batch_size) {
    const size_t first = sample_index_;
    sample_index_ = std::min(sample_index_ + batch_size, end_index_);
    if (first == sample_index_) return std::nullopt;
    return std::make_pair(first, sample_index_);
  }

  size_t size_;
  size_t num_replicas_;
  size_t rank_;
  size_t epoch_ = 0;
  bool allow_duplicates_;
  size_t begin_index_ = 0, end_index_ = 0, sample_index_ = 0;
};

/// This rank's block of 0..size-1 shuffled by std::mt19937(epoch) and std::shuffle, as
/// LibTorch's (the same orders as LibTorch's where the standard library is the same).
class DistributedRandomSampler : public DistributedSampler<> {
 public:
  DistributedRandomSampler(size_t size, size_t num_replicas = 1, size_t rank = 0, bool allow_duplicates = true);

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;

 private:
  std::vector<size_t> all_indices_;  // the shuffled positions of all ranks' blocks
};

/// This rank's block of 0..size-1, in order.
class DistributedSequentialSampler : public DistributedSampler<> {
 public:
  DistributedSequentialSampler(size_t size, size_t num_replicas = 1, size_t rank = 0, bool allow_duplicates = true);

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
};

}  // namespace xg::data::samplers
