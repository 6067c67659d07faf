#pragma once
// DataLoader: the batches of a TensorDataset, as a plain C++ range.
//
//   xg::data::TensorDataset dataset({features, targets});             // [n, d] and [n]
//   xg::data::DataLoader loader(dataset, xg::data::DataLoaderOptions(32).shuffle(true));
//   for (int epoch = 0; epoch < 10; ++epoch)
//     for (auto& [x, y] : loader) { ... }                            // x [32, d], y [32]
//
// Full-batch, mini-batch and stochastic gradient descent are one argument apart:
// DataLoader(dataset, n), DataLoader(dataset, 32) and DataLoader(dataset, 1).
//
// Each pass (each call of begin()) visits every sample exactly once. With shuffle,
// every pass draws a new order from the loader's own generator, seeded by
// DataLoaderOptions::seed: the same seed gives the same sequence of passes on any
// platform, and neither the global generator (manual_seed) nor other loaders
// affect it. The last batch is smaller when batch_size does not divide n, unless
// drop_last drops it. Batches are fresh tensors (rows copied from the dataset).
//
// With a DistributedSampler (data-parallel training), a pass visits this rank's shard
// in the order the sampler gives for its current epoch: loader.sampler().set_epoch(e).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "batch_iterator.h"
#include "distributed_sampler.h"
#include "tensor_dataset.h"

namespace xg::data {

/// DataLoaderOptions(32).shuffle(true).drop_last(true).seed(7), and for make_data_loader
/// DataLoaderOptions().batch_size(64).workers(2): the options of both loaders, LibTorch's
/// torch::data::DataLoaderOptions plus shuffle and seed (DataLoader only; with
/// make_data_loader, the sampler decides the order).
struct DataLoaderOptions {
  /// batch_size 1.
  DataLoaderOptions() = default;
  /// A plain number converts to options, so DataLoader(dataset, 32) works.
  DataLoaderOptions(int64_t batch_size);  // NOLINT: implicit by design

  /// Samples per batch (>= 1).
  DataLoaderOptions& batch_size(int64_t value) { batch_size_ = value; return *this; }
  int64_t batch_size() const noexcept { return batch_size_; }
  /// Visit the samples in a new random order on every pass; default false (dataset order).
  DataLoaderOptions& shuffle(bool value) { shuffle_ = value; return *this; }
  bool shuffle() const noexcept { return shuffle_; }
  /// Drop the last batch when it has fewer than batch_size samples; default false.
  DataLoaderOptions& drop_last(bool value) { drop_last_ = value; return *this; }
  bool drop_last() const noexcept { return drop_last_; }
  /// Seed of the loader's own shuffling generator; default 0.
  DataLoaderOptions& seed(uint64_t value) { seed_ = value; return *this; }
  uint64_t seed() const noexcept { return seed_; }
  /// make_data_loader: threads that load batches ahead of the consumer; default 0 (the
  /// consumer's thread loads each batch when it is asked for).
  DataLoaderOptions& workers(size_t value) { workers_ = value; return *this; }
  size_t workers() const noexcept { return workers_; }
  /// make_data_loader: batches requested ahead at most; default 2 * workers.
  DataLoaderOptions& max_jobs(std::optional<size_t> value) { max_jobs_ = value; return *this; }
  std::optional<size_t> max_jobs() const noexcept { return max_jobs_; }
  /// make_data_loader: how long to wait for a worker's batch before throwing; default forever.
  DataLoaderOptions& timeout(std::optional<std::chrono::milliseconds> value) { timeout_ = value; return *this; }
  std::optional<std::chrono::milliseconds> timeout() const noexcept { return timeout_; }
  /// make_data_loader with workers: hand out batches in the sampler's order (default true), or as
  /// they are ready.
  DataLoaderOptions& enforce_ordering(bool value) { enforce_ordering_ = value; return *this; }
  bool enforce_ordering() const noexcept { return enforce_ordering_; }

 private:
  int64_t batch_size_ = 1;
  bool shuffle_ = false;
  bool drop_last_ = false;
  uint64_t seed_ = 0;
  size_t workers_ = 0;
  std::optional<size_t> max_jobs_;
  std::optional<std::chrono::milliseconds> timeout_;
  bool enforce_ordering_ = true;
};

/// A batch of a two-tensor dataset: for (auto& [input, target] : loader).
struct Batch {
  Tensor input;
  Tensor target;
};

/// Iterates over the batches of a dataset. BatchType is Batch (the default) for a dataset of
/// exactly two tensors, or std::vector<Tensor> for any number of them.
template <class BatchType = Batch>
class DataLoader {
 public:
  /// One pass over the dataset; an input iterator.
  using Iterator = detail::BatchIterator<DataLoader, BatchType>;

  /// Throws xg::Error when batch_size < 1, or when BatchType is Batch and the dataset
  /// does not have exactly two tensors.
  DataLoader(TensorDataset dataset, DataLoaderOptions options);
  /// Batches of the samples `sampler` selects (this rank's shard). Throws xg::Error when the
  /// sampler was made for another dataset size, or with options.shuffle() (the sampler shuffles).
  DataLoader(TensorDataset dataset, DistributedSampler sampler, DataLoaderOptions options);

  /// Starts a new pass; with shuffle, draws the pass's order from the loader's generator.
  Iterator begin();
  Iterator end() const { return Iterator(); }
  /// The number of batches in one pass: ceil(n / batch_size), or floor with drop_last.
  int64_t size() const;

  const TensorDataset& dataset() const { return dataset_; }
  const DataLoaderOptions& options() const { return options_; }
  /// The loader's sampler, e.g. to set_epoch; throws xg::Error when it has none.
  DistributedSampler& sampler();

 private:
  friend Iterator;
  /// The pass's next batch, or std::nullopt at its end.
  std::optional<BatchType> next();

  TensorDataset dataset_;
  DataLoaderOptions options_;
  std::mt19937_64 engine_;  // the shuffling generator; its output is fixed by the C++ standard
  std::optional<DistributedSampler> sampler_;
  detail::IndexListSampler pass_;  // the current pass's order
};

// Compiled once in data_loader.cpp for the two batch types.
extern template class DataLoader<Batch>;
extern template class DataLoader<std::vector<Tensor>>;

}  // namespace xg::data
