#pragma once
// Thread control, with LibTorch's names (ATen/Parallel.h).
//
// xgrad runs elementwise ops on the calling thread; the only worker threads are
// OpenBLAS's pool, which does the matrix products. So one number controls
// everything: set_num_threads resizes that pool. At start-up OpenBLAS reads
// OPENBLAS_NUM_THREADS (then GOTO_NUM_THREADS, then OMP_NUM_THREADS) and
// defaults to one thread per core. Keeping elementwise code single-threaded is
// deliberate: a second pool of spinning workers would fight OpenBLAS's threads
// for the same cores (the oversubscription that makes LibTorch 4x slower with
// 2 OpenMP threads + 2 OpenBLAS threads on 2 cores).

namespace xg {

/// Sets the number of threads matrix products use (OpenBLAS's pool); n >= 1.
void set_num_threads(int n);
/// The number of threads matrix products use.
int get_num_threads();

}  // namespace xg
