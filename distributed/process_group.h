#pragma once
// The MPI environment: which process this is (its rank) among how many (the world size).
//
//   int main() {
//     xg::distributed::InitGuard mpi;                 // MPI_Init ... MPI_Finalize
//     int rank = xg::distributed::get_rank();         // 0 .. get_world_size() - 1
//     ...
//   }
//
// Start the program with `mpirun -np 4 ./program`: every process runs main, each with its own
// rank. Started without mpirun it is a world of one process (rank 0, world size 1), so the
// same program runs unchanged on a laptop.
//
// A process that fails must not leave the others waiting forever in a collective. After
// init_process_group, an exception that escapes main (std::terminate) prints the rank and
// the exception's message, then MPI_Abort ends every process of the job with exit code 1.
// InitGuard does the same when an exception leaves its scope.
//
// This mirrors torch.distributed's init_process_group(backend="mpi"), get_rank,
// get_world_size and destroy_process_group; mpi.h stays out of these headers.

namespace xg::distributed {

/// Initialises MPI (MPI_Init_thread, funneled: MPI is called from the main thread only) unless
/// the program already did, and installs the abort-the-job handler. Throws xg::Error when called
/// twice without destroy_process_group in between.
void init_process_group();
/// Finalises MPI if init_process_group initialised it. Every rank must call it.
void destroy_process_group();
/// True between init_process_group and destroy_process_group.
bool is_initialized();
/// This process's rank in [0, world size); throws xg::Error before init_process_group.
int get_rank();
/// The number of processes in the job; throws xg::Error before init_process_group.
int get_world_size();

/// Prints "[distributed] rank r of n: <why>" to stderr and ends every process of the job
/// (MPI_Abort, exit code 1). For errors after which the ranks cannot continue together.
[[noreturn]] void abort_job(const char* why);

/// init_process_group() on construction, destroy_process_group() on destruction; if an
/// exception is leaving the guard's scope, the whole job is aborted instead (the other ranks
/// would otherwise wait for this one forever).
class InitGuard {
 public:
  InitGuard();
  ~InitGuard();
  InitGuard(const InitGuard&) = delete;
  InitGuard& operator=(const InitGuard&) = delete;

 private:
  int uncaught_on_entry_;
};

}  // namespace xg::distributed
