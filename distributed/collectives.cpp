#include "collectives.h"

#include <mpi.h>

#include <cstdint>
#include <utility>

#include "../autograd/base/error.h"
#include "../autograd/graph/grad_mode.h"
#include "process_group.h"

namespace xg::distributed {

namespace {

template <class T>
MPI_Datatype mpi_datatype();
template <>
MPI_Datatype mpi_datatype<float>() { return MPI_FLOAT; }
template <>
MPI_Datatype mpi_datatype<double>() { return MPI_DOUBLE; }
template <>
MPI_Datatype mpi_datatype<int64_t>() { return MPI_INT64_T; }
template <>
MPI_Datatype mpi_datatype<int32_t>() { return MPI_INT32_T; }
template <>
MPI_Datatype mpi_datatype<int16_t>() { return MPI_INT16_T; }
template <>
MPI_Datatype mpi_datatype<int8_t>() { return MPI_INT8_T; }
template <>
MPI_Datatype mpi_datatype<uint8_t>() { return MPI_UINT8_T; }

MPI_Datatype datatype_of(const Tensor& tensor, const char* op) {
  return dispatch_numeric(tensor.scalar_type(), op, [](auto tag) { return mpi_datatype<typename decltype(tag)::type>(); });
}

MPI_Op mpi_op(ReduceOp op) {
  switch (op) {
    case ReduceOp::SUM:
    case ReduceOp::AVG: return MPI_SUM;
    case ReduceOp::MIN: return MPI_MIN;
    case ReduceOp::MAX: return MPI_MAX;
  }
  return MPI_SUM;
}

int element_count(const Tensor& tensor, const char* op) {
  XG_CHECK(tensor.numel() <= INT32_MAX, op, "tensors of more than 2^31 - 1 elements are not supported, got ",
           tensor.numel());
  return static_cast<int>(tensor.numel());
}

void check_reducible(const Tensor& tensor, ReduceOp op, const char* name) {
  XG_CHECK(tensor.defined(), name, "the tensor is undefined");
  datatype_of(tensor, name);  // throws for Bool
  XG_CHECK(op != ReduceOp::AVG || tensor.is_floating_point(), name,
           "ReduceOp::AVG needs a Float or Double tensor, got ", toString(tensor.scalar_type()),
           " (reduce with SUM and divide as you need)");
  get_world_size();  // throws before init_process_group
}

/// Tells autograd that MPI wrote into the tensor's memory.
void mark_written(const Tensor& tensor) { tensor.unsafeGetTensorImpl()->bump_version(); }

/// AVG = SUM / world size (nothing to do in a world of one: x / 1 is x).
void finish_reduction(const Tensor& tensor, ReduceOp op) {
  NoGradGuard no_grad;
  if (op == ReduceOp::AVG && get_world_size() > 1) tensor.detach().div_(get_world_size());
}

}  // namespace

void all_reduce(const Tensor& tensor, ReduceOp op) {
  check_reducible(tensor, op, "all_reduce");
  // MPI needs one block of memory: reduce a strided view through a contiguous copy.
  Tensor buffer = tensor.is_contiguous() ? tensor : tensor.contiguous();
  MPI_Allreduce(MPI_IN_PLACE, buffer.data_ptr(), element_count(buffer, "all_reduce"), datatype_of(buffer, "all_reduce"),
                mpi_op(op), MPI_COMM_WORLD);
  mark_written(buffer);
  finish_reduction(buffer, op);
  if (!buffer.is_same(tensor)) {
    NoGradGuard no_grad;
    tensor.detach().copy_(buffer);
  }
}

void broadcast(const Tensor& tensor, int src) {
  XG_CHECK(tensor.defined(), "broadcast", "the tensor is undefined");
  const int size = get_world_size();
  XG_CHECK(src >= 0 && src < size, "broadcast", "src must be a rank in [0, ", size, "), got ", src);
  Tensor buffer = tensor.is_contiguous() ? tensor : tensor.contiguous();
  const auto bytes = static_cast<int64_t>(buffer.numel() * buffer.element_size());
  XG_CHECK(bytes <= INT32_MAX, "broadcast", "tensors of more than 2^31 - 1 bytes are not supported, got ", bytes);
  // Any dtype, Bool included, travels as bytes: nothing is computed on the values.
  MPI_Bcast(buffer.data_ptr(), static_cast<int>(bytes), MPI_BYTE, src, MPI_COMM_WORLD);
  mark_written(buffer);
  if (!buffer.is_same(tensor)) {
    NoGradGuard no_grad;
    tensor.detach().copy_(buffer);
  }
}

void barrier() {
  get_world_size();  // throws before init_process_group
  MPI_Barrier(MPI_COMM_WORLD);
}

// ---- Work: a non-blocking all_reduce ------------------------------------------------------

struct Work::State {
  Tensor tensor;  // keeps the memory MPI writes into alive
  ReduceOp op = ReduceOp::SUM;
  MPI_Request request = MPI_REQUEST_NULL;
  bool finished = false;

  /// Called once MPI reports the request done.
  void finish() {
    finished = true;
    mark_written(tensor);
    finish_reduction(tensor, op);
  }
};

Work::Work() = default;
Work::Work(Work&&) noexcept = default;
Work& Work::operator=(Work&& other) noexcept {
  if (this != &other) {
    if (state_) wait();
    state_ = std::move(other.state_);
  }
  return *this;
}

Work::~Work() {
  if (state_ && !state_->finished) {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Wait(&state_->request, MPI_STATUS_IGNORE);
  }
}

bool Work::is_completed() {
  if (!state_ || state_->finished) return true;
  int done = 0;
  MPI_Test(&state_->request, &done, MPI_STATUS_IGNORE);
  if (done) state_->finish();
  return done != 0;
}

void Work::wait() {
  if (!state_ || state_->finished) return;
  MPI_Wait(&state_->request, MPI_STATUS_IGNORE);
  state_->finish();
}

Work all_reduce_async(const Tensor& tensor, ReduceOp op) {
  check_reducible(tensor, op, "all_reduce_async");
  XG_CHECK(tensor.is_contiguous(), "all_reduce_async", "the tensor must be contiguous (MPI writes into its memory)");
  Work work;
  work.state_ = std::make_unique<Work::State>();
  work.state_->tensor = tensor;
  work.state_->op = op;
  MPI_Iallreduce(MPI_IN_PLACE, tensor.data_ptr(), element_count(tensor, "all_reduce_async"),
                 datatype_of(tensor, "all_reduce_async"), mpi_op(op), MPI_COMM_WORLD, &work.state_->request);
  return work;
}

}  // namespace xg::distributed
