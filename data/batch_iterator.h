#pragma once
// What the two data loaders share: how a pass is cut into batch requests, and the iterator
// that walks a pass (for (auto& batch : loader)).

#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "samplers.h"

namespace xg::data::detail {

/// The next batch request of a pass: up to batch_size indices from the sampler; std::nullopt
/// when the sampler is done, or with drop_last when fewer than batch_size are left.
template <typename SamplerType>
std::optional<typename SamplerType::BatchRequestType> next_batch_request(SamplerType& sampler, size_t batch_size,
                                                                          bool drop_last) {
  auto request = sampler.next(batch_size);
  if (request && drop_last && request->size() < batch_size) return std::nullopt;
  return request;
}

/// A sampler over a list of indices given for each pass (DataLoader's pass order).
class IndexListSampler : public samplers::Sampler<> {
 public:
  /// Starts a pass over `indices`.
  void start(std::vector<size_t> indices) {
    indices_ = std::move(indices);
    position_ = 0;
  }
  void reset(std::optional<size_t>) override { position_ = 0; }
  std::optional<std::vector<size_t>> next(size_t batch_size) override {
    const size_t end = std::min(position_ + batch_size, indices_.size());
    if (end == position_) return std::nullopt;
    std::vector<size_t> batch(indices_.begin() + position_, indices_.begin() + end);
    position_ = end;
    return batch;
  }

 private:
  std::vector<size_t> indices_;
  size_t position_ = 0;
};

/// One pass over a loader, an input iterator: each step asks the loader for its next batch
/// (loader.next(), std::nullopt at the end of the pass). The default-made iterator is end().
template <typename Loader, typename Batch>
class BatchIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = Batch;
  using difference_type = std::ptrdiff_t;
  using pointer = Batch*;
  using reference = Batch&;

  BatchIterator() = default;
  /// Fetches the pass's first batch.
  explicit BatchIterator(Loader* loader) : loader_(loader), batch_(loader->next()) {}

  Batch& operator*() { return *batch_; }
  const Batch& operator*() const { return *batch_; }
  Batch* operator->() { return &*batch_; }
  BatchIterator& operator++() {
    batch_ = loader_->next();
    return *this;
  }
  /// Equal when both are at the end of their pass (or are the same position of one pass).
  bool operator==(const BatchIterator& other) const {
    return batch_.has_value() == other.batch_.has_value() && (!batch_ || this == &other);
  }
  bool operator!=(const BatchIterator& other) const { return !(*this == other); }

 private:
  Loader* loader_ = nullptr;
  std::optional<Batch> batch_;
};

}  // namespace xg::data::detail
