// Rank 1 throws while rank 0 waits in a barrier for it. Without the abort handling the job
// would hang; with it, the job ends with rank 1's error. check_abort.sh checks that.
//   abort_on_error terminate   the exception escapes main (std::terminate)
//   abort_on_error guard       the exception leaves an InitGuard's scope and is caught later

#include <iostream>
#include <string>

#include <xgrad/xgrad.hpp>

namespace dist = xg::distributed;

namespace {

void train_step() {
  if (dist::get_rank() == 1) throw xg::Error("[train_step] rank 1 failed on purpose");
  dist::barrier();  // rank 0 waits here for a rank that will never come
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "terminate";
  if (mode == "guard") {
    try {
      dist::InitGuard mpi;
      train_step();
    } catch (const std::exception& e) {
      std::cerr << "caught after the guard: " << e.what() << "\n";  // never reached: the guard aborted
    }
    return 0;
  }
  dist::init_process_group();
  train_step();
  dist::barrier();
  dist::destroy_process_group();
  return 0;
}
