#pragma once
// DistributedSampler: which samples of a data set this rank trains on, as PyTorch's
// torch.utils.data.distributed.DistributedSampler.
//
//   xg::data::DistributedSampler sampler(dataset.size(),
//       xg::data::DistributedSamplerOptions(world_size, rank).seed(7));
//   xg::data::DataLoader loader(dataset, sampler, 32);   // batches of this rank's shard
//   for (int64_t epoch = 0; epoch < 10; ++epoch) {
//     loader.sampler().set_epoch(epoch);                 // a new order every epoch
//     for (auto& [x, y] : loader) { ... }
//   }
//
// Every epoch, all ranks draw the same permutation of 0..n-1 (from seed + epoch), pad it
// by repeating its start until its length is a multiple of num_replicas (or, with drop_last,
// cut it to one), and rank r takes the positions r, r + num_replicas, r + 2 num_replicas, ...
// So the shards are disjoint (without padding), together cover the data set, and have the same
// size on every rank: each rank runs the same number of steps, as collectives require. Without
// shuffle the permutation is 0..n-1. Nothing here needs MPI: the rank and the number of
// replicas are given (xg::distributed::get_rank() and get_world_size() under MPI).
// The permutation is xgrad's (the same on every platform), not torch's randperm.

#include <cstdint>
#include <vector>

namespace xg::data {

/// DistributedSamplerOptions(num_replicas, rank).shuffle(true).seed(0).drop_last(false).
struct DistributedSamplerOptions {
  DistributedSamplerOptions(int64_t num_replicas, int64_t rank) : num_replicas_(num_replicas), rank_(rank) {}

  /// How many ranks share the data set (>= 1).
  DistributedSamplerOptions& num_replicas(int64_t value) { num_replicas_ = value; return *this; }
  int64_t num_replicas() const noexcept { return num_replicas_; }
  /// This rank, in [0, num_replicas).
  DistributedSamplerOptions& rank(int64_t value) { rank_ = value; return *this; }
  int64_t rank() const noexcept { return rank_; }
  /// Draw a new permutation every epoch; default true (as torch).
  DistributedSamplerOptions& shuffle(bool value) { shuffle_ = value; return *this; }
  bool shuffle() const noexcept { return shuffle_; }
  /// The permutation of epoch e comes from seed + e; must be the same on every rank. Default 0.
  DistributedSamplerOptions& seed(uint64_t value) { seed_ = value; return *this; }
  uint64_t seed() const noexcept { return seed_; }
  /// Drop the last n % num_replicas samples of each permutation instead of padding; default false.
  DistributedSamplerOptions& drop_last(bool value) { drop_last_ = value; return *this; }
  bool drop_last() const noexcept { return drop_last_; }

 private:
  int64_t num_replicas_;
  int64_t rank_;
  bool shuffle_ = true;
  uint64_t seed_ = 0;
  bool drop_last_ = false;
};

class DistributedSampler {
 public:
  /// A sampler over the samples 0..dataset_size-1. Throws xg::Error when num_replicas < 1,
  /// rank is outside [0, num_replicas) or dataset_size < 0.
  DistributedSampler(int64_t dataset_size, DistributedSamplerOptions options);

  /// Selects the permutation of epoch `epoch` (call it before every epoch, as in torch).
  void set_epoch(int64_t epoch) { epoch_ = epoch; }
  int64_t epoch() const noexcept { return epoch_; }
  /// This rank's sample indices for the current epoch, in visiting order; size() of them.
  std::vector<int64_t> indices() const;
  /// Samples per rank and epoch: ceil(n / num_replicas), or floor with drop_last.
  int64_t size() const noexcept { return num_samples_; }
  /// The size of the data set the sampler was made for.
  int64_t dataset_size() const noexcept { return dataset_size_; }
  const DistributedSamplerOptions& options() const noexcept { return options_; }

 private:
  int64_t dataset_size_;
  DistributedSamplerOptions options_;
  int64_t num_samples_;
  int64_t epoch_ = 0;
};

}  // namespace xg::data
