#pragma once
// DistributedDataParallel: the same model on every rank, each rank training on its own
// shard of every batch, gradients averaged across ranks so every replica takes the same step.
//
//   xg::distributed::InitGuard mpi;
//   auto model = torch::nn::Linear(10, 1);
//   xg::distributed::DistributedDataParallel ddp(*model);   // rank 0's weights everywhere
//   torch::optim::SGD optimizer(model->parameters(), 0.1);
//   for (auto& [x, y] : loader) {                           // this rank's shard (DistributedSampler)
//     optimizer.zero_grad();
//     torch::mse_loss(model(x), y).backward();              // grads averaged over the ranks
//     optimizer.step();                                     // the same step on every rank
//   }
//
// How it works (as PyTorch's DDP and its Reducer):
//  - At construction, rank 0 broadcasts the parameters and buffers, so the replicas start
//    identical; from then on they stay identical because they take identical steps.
//  - The parameters are grouped into buckets of at most bucket_cap_mb megabytes (25 by
//    default; the first bucket 1 MB so communication starts early), in reverse order of
//    parameters(), roughly the order in which backward produces their gradients.
//  - A post-accumulate-grad hook on every parameter marks it ready. When all the parameters of
//    the next bucket are ready, their gradients are copied into the bucket's flat buffer and a
//    non-blocking all_reduce (MPI_Iallreduce) of it starts, while backward goes on computing
//    the other gradients. Buckets start in the same order on every rank, as MPI requires.
//  - When the last bucket has started, the hook waits for all of them and writes the averages
//    back into the parameters' grad(): when backward() returns, the gradients are averaged.
//    (OpenMPI moves a non-blocking collective forward only inside MPI calls; the hooks test the
//    pending buckets to give it those chances, so the overlap is partial.)
//
// Unlike torch, the model is called directly: the wrapper only watches its parameters.
// A parameter that gets no gradient in a backward pass keeps its bucket from starting: then
// call synchronize() after backward() on every rank (it averages what is left, counting the
// missing gradients as zeros). Every rank must run the same number of backward passes.

#include <memory>
#include <vector>

#include "../autograd/tensor/tensor.h"

namespace xg::nn {
class Module;
}

namespace xg::distributed {

/// DistributedDataParallelOptions().bucket_cap_mb(25).
struct DistributedDataParallelOptions {
  /// Largest bucket, in megabytes (2^20 bytes); default 25 as in torch.
  DistributedDataParallelOptions& bucket_cap_mb(double value) { bucket_cap_mb_ = value; return *this; }
  double bucket_cap_mb() const noexcept { return bucket_cap_mb_; }

 private:
  double bucket_cap_mb_ = 25;
};

class DistributedDataParallel {
 public:
  /// Broadcasts module's parameters and buffers from rank 0 (a collective: every rank constructs
  /// its wrapper at the same point) and hooks the parameters that require grad. Throws
  /// xg::Error before init_process_group, or for a bucket cap that is not positive.
  explicit DistributedDataParallel(const nn::Module& module, DistributedDataParallelOptions options = {});
  /// The same for a list of parameters (and buffers to broadcast).
  explicit DistributedDataParallel(std::vector<Tensor> parameters, std::vector<Tensor> buffers = {},
                                   DistributedDataParallelOptions options = {});
  /// Removes the hooks; the module trains alone again.
  ~DistributedDataParallel();
  DistributedDataParallel(const DistributedDataParallel&) = delete;
  DistributedDataParallel& operator=(const DistributedDataParallel&) = delete;

  /// Finishes averaging the gradients of the current backward pass: starts the buckets still
  /// waiting (a parameter without a gradient counts as zeros and then gets the average) and
  /// waits for all. Does nothing when backward already finished it. A collective.
  void synchronize();
  /// The number of buckets the parameters were grouped into.
  int64_t num_buckets() const;

 private:
  class Reducer;
  std::unique_ptr<Reducer> reducer_;
};

}  // namespace xg::distributed
