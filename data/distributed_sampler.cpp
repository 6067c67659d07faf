#include "distributed_sampler.h"

#include <numeric>
#include <random>

#include "../autograd/base/error.h"
#include "permutation.h"

namespace xg::data {

DistributedSampler::DistributedSampler(int64_t dataset_size, DistributedSamplerOptions options)
    : dataset_size_(dataset_size), options_(options) {
  const int64_t replicas = options_.num_replicas();
  XG_CHECK(replicas >= 1, "DistributedSampler", "num_replicas must be at least 1, got ", replicas);
  XG_CHECK(options_.rank() >= 0 && options_.rank() < replicas, "DistributedSampler", "rank must be in [0, ",
           replicas, "), got ", options_.rank());
  XG_CHECK(dataset_size >= 0, "DistributedSampler", "dataset_size must be non-negative, got ", dataset_size);
  num_samples_ = options_.drop_last() ? dataset_size / replicas : (dataset_size + replicas - 1) / replicas;
}

std::vector<int64_t> DistributedSampler::indices() const {
  std::vector<int64_t> order;
  if (options_.shuffle()) {
    std::mt19937_64 engine(options_.seed() + static_cast<uint64_t>(epoch_));
    order = detail::random_permutation(dataset_size_, engine);
  } else {
    order.resize(static_cast<size_t>(dataset_size_));
    std::iota(order.begin(), order.end(), int64_t{0});
  }
  // Pad by repeating the permutation from its start (more than once if it is short), or cut.
  const auto total = static_cast<size_t>(num_samples_ * options_.num_replicas());
  for (size_t i = 0; order.size() < total; ++i) {
    const int64_t repeated = order[i];
    order.push_back(repeated);
  }
  order.resize(total);

  std::vector<int64_t> mine;
  mine.reserve(static_cast<size_t>(num_samples_));
  for (size_t i = static_cast<size_t>(options_.rank()); i < total; i += static_cast<size_t>(options_.num_replicas()))
    mine.push_back(order[i]);
  return mine;
}

}  // namespace xg::data
