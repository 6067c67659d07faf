#include "process_group.h"

#include <mpi.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "../autograd/base/error.h"

namespace xg::distributed {

namespace {

bool initialized = false;       // between init_process_group and destroy_process_group
bool finalize_on_destroy = false;  // we called MPI_Init, so we call MPI_Finalize
std::terminate_handler previous_terminate = nullptr;

/// std::terminate runs this when an exception escapes main (or a noexcept function).
[[noreturn]] void terminate_job() {
  std::string why = "std::terminate called";
  if (std::exception_ptr error = std::current_exception()) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      why = std::string("uncaught exception: ") + e.what();
    } catch (...) {
      why = "uncaught exception of a type not derived from std::exception";
    }
  }
  abort_job(why.c_str());
}

void check_initialized(const char* op) {
  XG_CHECK(initialized, op, "the process group is not initialized; call xg::distributed::init_process_group() "
                            "or create an xg::distributed::InitGuard first");
}

}  // namespace

void init_process_group() {
  XG_CHECK(!initialized, "init_process_group", "the process group is already initialized");
  int mpi_initialized = 0;
  MPI_Initialized(&mpi_initialized);
  if (!mpi_initialized) {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    finalize_on_destroy = true;
  }
  initialized = true;
  previous_terminate = std::set_terminate(terminate_job);
}

void destroy_process_group() {
  check_initialized("destroy_process_group");
  std::set_terminate(previous_terminate);
  initialized = false;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalize_on_destroy && !finalized) MPI_Finalize();
  finalize_on_destroy = false;
}

bool is_initialized() { return initialized; }

int get_rank() {
  check_initialized("get_rank");
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

int get_world_size() {
  check_initialized("get_world_size");
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}

void abort_job(const char* why) {
  int mpi_initialized = 0, finalized = 0;
  MPI_Initialized(&mpi_initialized);
  MPI_Finalized(&finalized);
  const bool mpi_usable = mpi_initialized && !finalized;
  int rank = 0, size = 1;
  if (mpi_usable) {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
  }
  std::cerr << "[distributed] rank " << rank << " of " << size << ": " << why << "; aborting the job" << std::endl;
  if (mpi_usable) MPI_Abort(MPI_COMM_WORLD, 1);
  std::_Exit(1);
}

InitGuard::InitGuard() : uncaught_on_entry_(std::uncaught_exceptions()) { init_process_group(); }

InitGuard::~InitGuard() {
  if (std::uncaught_exceptions() > uncaught_on_entry_)
    abort_job("an exception is leaving the scope of xg::distributed::InitGuard (it is reported where it is caught)");
  if (initialized) destroy_process_group();
}

}  // namespace xg::distributed
