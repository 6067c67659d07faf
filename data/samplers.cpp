#include "samplers.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "../autograd/tensor/factories.h"

namespace xg::data::samplers {

void SequentialSampler::reset(std::optional<size_t> new_size) {
  if (new_size) size_ = *new_size;
  index_ = 0;
}

std::optional<std::vector<size_t>> SequentialSampler::next(size_t batch_size) {
  const size_t count = std::min(batch_size, size_ - index_);
  if (count == 0) return std::nullopt;
  std::vector<size_t> batch(count);
  std::iota(batch.begin(), batch.end(), index_);
  index_ += count;
  return batch;
}

RandomSampler::RandomSampler(int64_t size, ScalarType index_dtype) {
  XG_CHECK(size >= 0, "RandomSampler", "size must be non-negative, got ", size);
  indices_ = randperm(size, index_dtype);
}

void RandomSampler::reset(std::optional<size_t> new_size) {
  const auto size = new_size ? static_cast<int64_t>(*new_size) : indices_.numel();
  indices_ = randperm(size, indices_.scalar_type());
  index_ = 0;
}

std::optional<std::vector<size_t>> RandomSampler::next(size_t batch_size) {
  const size_t count = std::min(batch_size, static_cast<size_t>(indices_.numel()) - index_);
  if (count == 0) return std::nullopt;
  const Tensor slice = indices_.slice(0, static_cast<int64_t>(index_), static_cast<int64_t>(index_ + count)).to(kLong);
  const auto* values = static_cast<const int64_t*>(slice.contiguous().data_ptr());
  std::vector<size_t> batch(values, values + count);
  index_ += count;
  return batch;
}

DistributedRandomSampler::DistributedRandomSampler(size_t size, size_t num_replicas, size_t rank,
                                                   bool allow_duplicates)
    : DistributedSampler(size, num_replicas, rank, allow_duplicates) {
  reset(size_);
}

void DistributedRandomSampler::reset(std::optional<size_t> new_size) {
  size_ = new_size.value_or(size_);
  // With allow_duplicates the blocks may reach past size: those positions wrap to the start.
  const size_t count = num_replicas_ == 1 ? size_ : local_sample_count() * num_replicas_;
  all_indices_.resize(count);
  for (size_t i = 0; i < count; ++i) all_indices_[i] = i % size_;  // count > 0 implies size_ > 0
  std::mt19937 engine(static_cast<std::mt19937::result_type>(epoch_));
  std::shuffle(all_indices_.begin(), all_indices_.end(), engine);
  start_block();
}

std::optional<std::vector<size_t>> DistributedRandomSampler::next(size_t batch_size) {
  const auto range = take(batch_size);
  if (!range) return std::nullopt;
  return std::vector<size_t>(all_indices_.begin() + range->first, all_indices_.begin() + range->second);
}

DistributedSequentialSampler::DistributedSequentialSampler(size_t size, size_t num_replicas, size_t rank,
                                                           bool allow_duplicates)
    : DistributedSampler(size, num_replicas, rank, allow_duplicates) {
  start_block();
}

void DistributedSequentialSampler::reset(std::optional<size_t> new_size) {
  size_ = new_size.value_or(size_);
  start_block();
}

std::optional<std::vector<size_t>> DistributedSequentialSampler::next(size_t batch_size) {
  const auto range = take(batch_size);
  if (!range) return std::nullopt;
  std::vector<size_t> batch;
  // Positions past the end of the dataset (the last block, with allow_duplicates) wrap around.
  for (size_t position = range->first; position < range->second; ++position) batch.push_back(position % size_);
  return batch;
}

}  // namespace xg::data::samplers
