#pragma once
// Collectives: operations every rank calls together, in the same order, on tensors of the
// same shape and dtype (as torch.distributed's all_reduce, broadcast and barrier).
//
//   xg::Tensor t = xg::full({3}, rank);
//   xg::distributed::all_reduce(t);                         // every rank: 0 + 1 + ... + (n-1)
//   xg::distributed::all_reduce(t, xg::distributed::ReduceOp::AVG);
//   xg::distributed::broadcast(weights, /*src=*/0);          // every rank: rank 0's weights
//
// They work in place on float, double and long tensors, contiguous or not (a strided view is
// reduced through a contiguous copy, then written back). Writes do not record autograd
// history, as an optimizer's update does not. A rank that calls a collective the others do
// not call waits forever: the tests run with a timeout for that reason.

#include <memory>

#include "../autograd/tensor/tensor.h"

namespace xg::distributed {

/// How all_reduce combines the ranks' tensors, element by element (torch's ReduceOp names).
/// AVG is the sum divided by the world size (float and double tensors only).
enum class ReduceOp { SUM, AVG, MIN, MAX };

/// Replaces `tensor` on every rank by the element-wise reduction of all ranks' tensors.
void all_reduce(const Tensor& tensor, ReduceOp op = ReduceOp::SUM);
/// Replaces `tensor` on every rank by rank `src`'s tensor.
void broadcast(const Tensor& tensor, int src = 0);
/// Returns on every rank once all ranks have called it.
void barrier();

/// A collective started without waiting for it (torch's Work): the tensor must not be read or
/// written until wait() returns. Destroying an unfinished Work waits for it.
class Work {
 public:
  Work();
  ~Work();
  Work(Work&&) noexcept;
  Work& operator=(Work&&) noexcept;
  /// True once the collective has finished; also lets MPI make progress on it.
  bool is_completed();
  /// Blocks until the collective has finished (then applies AVG's division).
  void wait();

 private:
  friend Work all_reduce_async(const Tensor& tensor, ReduceOp op);
  struct State;
  std::unique_ptr<State> state_;
};

/// Starts an all_reduce of a contiguous tensor (MPI_Iallreduce) and returns at once; the result
/// is in `tensor` after wait(). Throws xg::Error for a non-contiguous tensor.
Work all_reduce_async(const Tensor& tensor, ReduceOp op = ReduceOp::SUM);

}  // namespace xg::distributed
