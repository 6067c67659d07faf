// W1, per-op overhead (float32): the cost of the framework itself on a tiny graph.
//   manual_seed(0); x = randn(16), requires grad
//   one iteration: y = ((x * 2.0 + 1.0).tanh() * x).sum(); y.backward(); x.grad = None
// Warm-up 1000 iterations; a repeat is 10000 iterations (ITERS), REPEATS repeats.
// Prints microseconds per iteration and per forward op (5 forward ops), and checks x.grad
// against the derivative written out by hand.

#include <cmath>
#include <iostream>

#include <xgrad/xgrad.hpp>

#include "timing.h"

int main(int argc, char** argv) {
  const std::string config = bench::thread_config(argc, argv);
  const int iterations = bench::env_int("ITERS", 10000);
  const int repeats = bench::env_int("REPEATS", 7);
  xg::manual_seed(0);
  xg::Tensor x = xg::randn({16}).requires_grad_();
  auto iterate = [&](int n) {
    for (int i = 0; i < n; ++i) {
      xg::Tensor y = ((x * 2.0 + 1.0).tanh() * x).sum();
      y.backward();
      x.mutable_grad() = xg::Tensor();
    }
  };
  bench::Stats per_iter = bench::scaled(
      bench::measure(repeats, [&] { iterate(1000); }, [&] { iterate(iterations); }), 1e6 / iterations);
  // d/dx sum(tanh(2x + 1) x) = tanh(2x + 1) + 2 x (1 - tanh^2(2x + 1)), in double
  ((x * 2.0 + 1.0).tanh() * x).sum().backward();
  for (int64_t i = 0; i < 16; ++i) {
    const double xi = x[i].item<double>(), th = std::tanh(2 * xi + 1);
    bench::require(std::abs(x.grad()[i].item<double>() - (th + 2 * xi * (1 - th * th))) < 1e-5, "W1 x.grad");
  }
  std::cout << "W1 per-op overhead [" << config << "]: " << per_iter.median() << " us/iteration (min " << per_iter.min() << ", max "
            << per_iter.max() << ", " << repeats << " repeats of " << iterations << "), "
            << per_iter.median() / 5 << " us per forward op\n";
  std::cout << "{\"W1\": {\"us_per_iter\": ";
  bench::write_json(std::cout, per_iter);
  std::cout << ", \"us_per_fwd_op\": ";
  bench::write_json(std::cout, bench::scaled(per_iter, 0.2));
  std::cout << ", \"iters\": " << iterations << ", \"dtype\": \"float32\"}}\n";
}
