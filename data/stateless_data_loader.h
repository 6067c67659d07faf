#pragma once
// make_data_loader: LibTorch's torch::data data loader over any dataset and sampler.
//
//   auto dataset = xg::data::datasets::MNIST("data").map(xg::data::transforms::Stack<>());
//   auto loader = xg::data::make_data_loader<xg::data::samplers::SequentialSampler>(
//       std::move(dataset), xg::data::DataLoaderOptions().batch_size(64).workers(2));
//   for (int epoch = 0; epoch < 10; ++epoch)
//     for (Example<>& batch : *loader) { ... }       // batch.data [64, 1, 28, 28], batch.target [64]
//
// Each pass (each begin()) resets the sampler and asks it for batch_size indices at a time;
// dataset.get_batch turns them into a batch. With workers(n) > 0, n threads each hold a copy of
// the dataset and load up to max_jobs batches ahead of the consumer; batches are handed out in
// the sampler's order (unless enforce_ordering(false)), and an exception thrown while loading a
// batch is rethrown by the consumer when it reaches that batch. Starting a new pass drops
// whatever the workers loaded for the old one.

#include <condition_variable>
#include <deque>
#include <cstddef>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "../autograd/base/error.h"
#include "batch_iterator.h"
#include "data_loader.h"
#include "samplers.h"

namespace xg::data {

/// The loader make_data_loader returns, for a dataset whose batches need no state between them.
template <typename Dataset, typename Sampler>
class StatelessDataLoader {
 public:
  using BatchType = typename Dataset::BatchType;
  using BatchRequestType = typename Sampler::BatchRequestType;
  using Iterator = detail::BatchIterator<StatelessDataLoader, BatchType>;

  /// Throws xg::Error when batch_size < 1, or with options.shuffle() (the sampler decides the order).
  StatelessDataLoader(Dataset dataset, Sampler sampler, DataLoaderOptions options)
      : sampler_(std::move(sampler)), options_(std::move(options)) {
    XG_CHECK(options_.batch_size() >= 1, "DataLoader", "batch_size must be at least 1, got ", options_.batch_size());
    XG_CHECK(!options_.shuffle(), "DataLoader",
             "make_data_loader takes no shuffle option: the sampler decides the order (samplers::RandomSampler)");
    max_jobs_ = options_.max_jobs().value_or(2 * options_.workers());
    XG_CHECK(options_.workers() == 0 || max_jobs_ >= 1, "DataLoader", "max_jobs must be at least 1, got 0");
    if (options_.workers() == 0) {
      main_thread_dataset_.emplace(std::move(dataset));
      return;
    }
    for (size_t w = 0; w < options_.workers(); ++w)
      workers_.emplace_back([this, dataset]() mutable { work(dataset); });
  }

  StatelessDataLoader(const StatelessDataLoader&) = delete;
  StatelessDataLoader& operator=(const StatelessDataLoader&) = delete;
  ~StatelessDataLoader() { join(); }

  /// Starts a new pass: resets the sampler and, with workers, requests the first batches.
  Iterator begin() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++pass_;  // results of the previous pass still in flight are dropped
      jobs_.clear();
      results_.clear();
      requested_ = handed_out_ = 0;
    }
    sampler_.reset(std::nullopt);
    sampler_done_ = false;
    request_batches();
    return Iterator(this);
  }
  Iterator end() { return Iterator(); }

  /// Stops and joins the worker threads (the destructor does it too).
  void join() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    job_ready_.notify_all();
    for (auto& worker : workers_)
      if (worker.joinable()) worker.join();
  }

  const DataLoaderOptions& options() const noexcept { return options_; }

 private:
  friend Iterator;

  struct Job {
    size_t pass, sequence;
    BatchRequestType request;
  };
  struct Result {
    std::optional<BatchType> batch;
    std::exception_ptr error;
  };

  std::optional<BatchRequestType> next_request() {
    if (sampler_done_) return std::nullopt;
    auto request = detail::next_batch_request(sampler_, static_cast<size_t>(options_.batch_size()),
                                              options_.drop_last());
    sampler_done_ = !request;
    return request;
  }

  /// Queues batch requests until max_jobs are outstanding or the sampler is done.
  void request_batches() {
    if (workers_.empty()) return;
    std::unique_lock<std::mutex> lock(mutex_);
    while (requested_ - handed_out_ < max_jobs_) {
      lock.unlock();
      auto request = next_request();
      lock.lock();
      if (!request) break;
      jobs_.push_back(Job{pass_, requested_++, std::move(*request)});
      job_ready_.notify_one();
    }
  }

  /// The pass's next batch, or std::nullopt at its end.
  std::optional<BatchType> next() {
    if (workers_.empty()) {
      auto request = next_request();
      if (!request) return std::nullopt;
      return main_thread_dataset_->get_batch(std::move(*request));
    }
    Result result;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (handed_out_ == requested_) return std::nullopt;
      const auto ready = [&] {
        return options_.enforce_ordering() ? results_.count(handed_out_) > 0 : !results_.empty();
      };
      if (options_.timeout()) {
        XG_CHECK(result_ready_.wait_for(lock, *options_.timeout(), ready), "DataLoader", "no batch arrived within ",
                 options_.timeout()->count(), " ms (DataLoaderOptions::timeout)");
      } else {
        result_ready_.wait(lock, ready);
      }
      auto it = options_.enforce_ordering() ? results_.find(handed_out_) : results_.begin();
      result = std::move(it->second);
      results_.erase(it);
      ++handed_out_;
    }
    request_batches();
    if (result.error) std::rethrow_exception(result.error);
    return std::move(result.batch);
  }

  /// A worker: loads the batches of queued requests with its own copy of the dataset.
  void work(Dataset& dataset) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      job_ready_.wait(lock, [&] { return quit_ || !jobs_.empty(); });
      if (quit_) return;
      Job job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      Result result;
      try {
        result.batch.emplace(dataset.get_batch(std::move(job.request)));
      } catch (...) {
        result.error = std::current_exception();
      }
      lock.lock();
      if (job.pass == pass_) {
        results_.emplace(job.sequence, std::move(result));
        result_ready_.notify_one();
      }
    }
  }

  Sampler sampler_;  // used by the consumer's thread only
  DataLoaderOptions options_;
  size_t max_jobs_ = 0;
  bool sampler_done_ = false;
  std::optional<Dataset> main_thread_dataset_;  // without workers
  std::vector<std::thread> workers_;

  // Shared with the workers, under mutex_.
  std::mutex mutex_;
  std::condition_variable job_ready_, result_ready_;
  std::deque<Job> jobs_;
  std::map<size_t, Result> results_;  // by sequence number within the pass
  size_t pass_ = 0, requested_ = 0, handed_out_ = 0;
  bool quit_ = false;
};

/// A loader of `dataset` in the order `sampler` gives, as torch::data::make_data_loader.
template <typename Dataset, typename Sampler>
std::unique_ptr<StatelessDataLoader<Dataset, Sampler>> make_data_loader(Dataset dataset, Sampler sampler,
                                                                        DataLoaderOptions options) {
  return std::make_unique<StatelessDataLoader<Dataset, Sampler>>(std::move(dataset), std::move(sampler),
                                                                 std::move(options));
}

/// A loader of `dataset` with a Sampler(dataset.size()): RandomSampler by default, as in LibTorch.
/// Throws xg::Error when the dataset does not know its size.
template <typename Sampler = samplers::RandomSampler, typename Dataset,
          typename = std::enable_if_t<std::is_constructible_v<Sampler, size_t>>>
std::unique_ptr<StatelessDataLoader<Dataset, Sampler>> make_data_loader(Dataset dataset,
                                                                        DataLoaderOptions options = DataLoaderOptions()) {
  const std::optional<size_t> size = dataset.size();
  XG_CHECK(size.has_value(), "make_data_loader", "the dataset does not know its size, so no sampler can be made for it");
  return make_data_loader(std::move(dataset), Sampler(*size), std::move(options));
}

}  // namespace xg::data
