#include "parallel.h"

#include "error.h"

// OpenBLAS's own thread control (cblas.h declares these too, but including it
// here would pull every BLAS prototype into this small file).
extern "C" {
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
}

namespace xg {

void set_num_threads(int n) {
  XG_CHECK(n >= 1, "set_num_threads", "the number of threads must be at least 1, got ", n);
  openblas_set_num_threads(n);
}

int get_num_threads() { return openblas_get_num_threads(); }

}  // namespace xg
