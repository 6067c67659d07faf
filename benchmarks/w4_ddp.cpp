// W4 (MLP 784-256-10, batch 64, SGD momentum 0.9, float32; see ../shared/anchors) trained
// data-parallel with DistributedDataParallel:
//   mpirun -np 2 build/benchmarks/w4_ddp          the batch of 64 split over the ranks (32 each)
//   PER_RANK=1 mpirun -np 2 build/benchmarks/w4_ddp   64 samples on every rank (128 per step)
// A repeat: manual_seed(1), the model, then STEPS (500) steps; warm-up 50 steps; REPEATS repeats.
// Rank 0 prints ms/step, samples/s, the final loss (averaged over the ranks; 0.00149258 in
// torch for the split batch, which is W4 itself), and the bytes all-reduced per step.

#include <iostream>

#include <xgrad/xgrad.hpp>

#include "timing.h"

namespace dist = xg::distributed;
namespace nn = xg::nn;

int main() {
  dist::InitGuard mpi;
  const int rank = dist::get_rank();
  const int world = dist::get_world_size();
  const int steps = bench::env_int("STEPS", 500);
  const int repeats = bench::env_int("REPEATS", 5);
  const bool per_rank = bench::env_int("PER_RANK", 0) != 0;

  xg::manual_seed(0);
  xg::Tensor x = xg::randn({64, 784});
  xg::Tensor t = xg::randint(0, 10, {64});
  if (!per_rank) {  // this rank's rows of the batch
    const int64_t rows = 64 / world;
    x = x.narrow(0, rank * rows, rows).contiguous();
    t = t.narrow(0, rank * rows, rows).contiguous();
  }
  const int64_t samples_per_step = per_rank ? 64 * world : 64;

  double final_loss = 0;
  int64_t parameter_count = 0;
  auto run = [&](int n) {
    xg::manual_seed(1);
    nn::Sequential model(nn::Linear(784, 256), nn::ReLU(), nn::Linear(256, 10));
    dist::DistributedDataParallel ddp(*model);
    nn::CrossEntropyLoss criterion;
    xg::optim::SGD optimizer(model->parameters(), xg::optim::SGDOptions(0.01).momentum(0.9));
    xg::Tensor loss;
    for (int i = 0; i < n; ++i) {
      optimizer.zero_grad(true);
      loss = criterion(model->forward(x), t);
      loss.backward();
      optimizer.step();
    }
    loss = loss.detach().clone();
    dist::all_reduce(loss, dist::ReduceOp::AVG);
    final_loss = loss.item<double>();
    parameter_count = 0;
    for (const xg::Tensor& p : model->parameters()) parameter_count += p.numel();
    dist::barrier();  // a repeat ends when the slowest rank is done
  };
  bench::Stats ms = bench::scaled(bench::measure(repeats, [&] { run(50); }, [&] { run(steps); }), 1e3 / steps);

  // The communication alone: averaging a buffer of all the gradients, as a step does.
  xg::Tensor gradients = xg::zeros({parameter_count});
  constexpr int kReductions = 100;
  auto reduce = [&](int n) {
    for (int i = 0; i < n; ++i) dist::all_reduce(gradients, dist::ReduceOp::AVG);
  };
  bench::Stats reduce_ms = bench::scaled(bench::measure(repeats, [&] { reduce(10); }, [&] { reduce(kReductions); }),
                                         1e3 / kReductions);

  if (rank == 0) {
    const double bytes = 4.0 * static_cast<double>(parameter_count);
    // A ring all-reduce sends (and receives) 2 (n - 1) / n times the buffer per rank.
    const double ring_bytes = 2.0 * (world - 1) / world * bytes;
    std::cout << "W4 data-parallel, " << world << " rank(s), " << samples_per_step << " samples per step ("
              << (per_rank ? "64 per rank" : "the batch of 64 split") << "): " << ms.median() << " ms/step (min "
              << ms.min() << ", max " << ms.max() << ", " << repeats << " repeats of " << steps << " steps), "
              << samples_per_step / ms.median() * 1e3 << " samples/s, final loss " << final_loss << "\n"
              << "  all-reduced per step: " << parameter_count << " float32 gradients = " << bytes
              << " bytes; a ring all-reduce moves " << ring_bytes << " bytes per rank, "
              << ring_bytes * 8 / 10e9 * 1e3 << " ms at 10 Gbit/s; measured here: " << reduce_ms.median()
              << " ms per all_reduce (min " << reduce_ms.min() << ")\n";
  }
}
