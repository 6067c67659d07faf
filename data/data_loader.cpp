#include "data_loader.h"

#include <algorithm>
#include <numeric>
#include <type_traits>
#include <utility>

#include "permutation.h"

namespace xg::data {

namespace {

template <class BatchType>
BatchType to_batch(std::vector<Tensor>&& tensors);

template <>
Batch to_batch<Batch>(std::vector<Tensor>&& tensors) {
  return Batch{std::move(tensors[0]), std::move(tensors[1])};
}

template <>
std::vector<Tensor> to_batch<std::vector<Tensor>>(std::vector<Tensor>&& tensors) {
  return std::move(tensors);
}

}  // namespace

DataLoaderOptions::DataLoaderOptions(int64_t batch_size) : batch_size_(batch_size) {}

template <class BatchType>
DataLoader<BatchType>::DataLoader(TensorDataset dataset, DataLoaderOptions options)
    : dataset_(std::move(dataset)), options_(options), engine_(options.seed()) {
  XG_CHECK(options_.batch_size() >= 1, "DataLoader", "batch_size must be at least 1, got ", options_.batch_size());
  if constexpr (std::is_same_v<BatchType, Batch>) {
    XG_CHECK(dataset_.num_tensors() == 2, "DataLoader", "the dataset has ", dataset_.num_tensors(),
             " tensors, but DataLoader<Batch> yields (input, target) pairs; use "
             "DataLoader<std::vector<Tensor>> for any number of tensors");
  }
}

template <class BatchType>
DataLoader<BatchType>::DataLoader(TensorDataset dataset, DistributedSampler sampler, DataLoaderOptions options)
    : DataLoader(std::move(dataset), options) {
  XG_CHECK(!options_.shuffle(), "DataLoader",
           "shuffle and a sampler exclude each other: the sampler decides the order (DistributedSamplerOptions::shuffle)");
  XG_CHECK(sampler.dataset_size() == dataset_.size(), "DataLoader", "the sampler was made for ",
           sampler.dataset_size(), " samples, but the dataset has ", dataset_.size());
  sampler_ = std::move(sampler);
}

template <class BatchType>
DistributedSampler& DataLoader<BatchType>::sampler() {
  XG_CHECK(sampler_.has_value(), "DataLoader", "this loader has no sampler");
  return *sampler_;
}

template <class BatchType>
int64_t DataLoader<BatchType>::samples_per_pass() const {
  const int64_t n = sampler_ ? sampler_->size() : dataset_.size();
  return options_.drop_last() ? n - n % options_.batch_size() : n;
}

template <class BatchType>
int64_t DataLoader<BatchType>::size() const {
  const int64_t samples = samples_per_pass();
  return (samples + options_.batch_size() - 1) / options_.batch_size();
}

template <class BatchType>
typename DataLoader<BatchType>::Iterator DataLoader<BatchType>::begin() {
  std::vector<int64_t> order;
  if (sampler_) {
    order = sampler_->indices();
  } else if (options_.shuffle()) {
    order = detail::random_permutation(dataset_.size(), engine_);
  } else {
    order.resize(static_cast<size_t>(dataset_.size()));
    std::iota(order.begin(), order.end(), int64_t{0});
  }
  return Iterator(this, std::make_shared<const std::vector<int64_t>>(std::move(order)), 0);
}

template <class BatchType>
typename DataLoader<BatchType>::Iterator DataLoader<BatchType>::end() const {
  return Iterator(this, nullptr, samples_per_pass());
}

template <class BatchType>
DataLoader<BatchType>::Iterator::Iterator(const DataLoader* loader,
                                          std::shared_ptr<const std::vector<int64_t>> order, int64_t position)
    : loader_(loader), order_(std::move(order)), position_(position) {
  if (order_ && position_ < loader_->samples_per_pass()) load_batch();
}

template <class BatchType>
typename DataLoader<BatchType>::Iterator& DataLoader<BatchType>::Iterator::operator++() {
  position_ = std::min(position_ + loader_->options_.batch_size(), loader_->samples_per_pass());
  if (position_ < loader_->samples_per_pass()) load_batch();
  return *this;
}

template <class BatchType>
void DataLoader<BatchType>::Iterator::load_batch() {
  const int64_t stop = std::min(position_ + loader_->options_.batch_size(), loader_->samples_per_pass());
  const std::vector<int64_t> indices(order_->begin() + position_, order_->begin() + stop);
  batch_ = to_batch<BatchType>(loader_->dataset_.get_batch(indices));
}

template class DataLoader<Batch>;
template class DataLoader<std::vector<Tensor>>;

}  // namespace xg::data
