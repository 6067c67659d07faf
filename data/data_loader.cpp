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
int64_t DataLoader<BatchType>::size() const {
  const int64_t n = sampler_ ? sampler_->size() : dataset_.size();
  const int64_t batch_size = options_.batch_size();
  return options_.drop_last() ? n / batch_size : (n + batch_size - 1) / batch_size;
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
  pass_.start(std::vector<size_t>(order.begin(), order.end()));
  return Iterator(this);
}

template <class BatchType>
std::optional<BatchType> DataLoader<BatchType>::next() {
  const auto request =
      detail::next_batch_request(pass_, static_cast<size_t>(options_.batch_size()), options_.drop_last());
  if (!request) return std::nullopt;
  return to_batch<BatchType>(dataset_.get_batch(std::vector<int64_t>(request->begin(), request->end())));
}

template class DataLoader<Batch>;
template class DataLoader<std::vector<Tensor>>;

}  // namespace xg::data
