// W2, the tutorials' linear regression (float64): a 100x2 problem, so per-op overhead dominates.
//   NumPy's RandomState(42): x = 2 rand(100, 1); y = 4 + 3 x + randn(100, 1); theta0 = randn(2, 1)
//   X = [1, x] (100x2); a step: loss = ((X theta - y)^2).mean(); loss.backward();
//   theta -= 0.1 theta.grad (no grad); theta.grad = None
// A repeat is STEPS (1000) steps from theta0; one warm-up run. Prints microseconds per step and
// the final theta, which PyTorch and LibTorch both end at: [4.215096157546738, 2.7701133864384926].

#include <cstdio>
#include <iostream>

#include <xgrad/xgrad.hpp>

#include "timing.h"

int main(int argc, char** argv) {
  const std::string config = bench::thread_config(argc, argv);
  const int steps = bench::env_int("STEPS", 1000);
  const int repeats = bench::env_int("REPEATS", 7);
  xg::data::NumpyRandomState rng(42);  // three statements: the draws happen in this order
  xg::Tensor x = 2 * rng.rand({100, 1});
  xg::Tensor y = 4 + 3 * x + rng.randn({100, 1});
  xg::Tensor theta0 = rng.randn({2, 1});
  xg::Tensor X = xg::cat({xg::ones({100, 1}, xg::kDouble), x}, 1);

  xg::Tensor theta;
  double final_loss = 0;
  auto train = [&] {
    theta = theta0.clone().requires_grad_();
    xg::Tensor loss;
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < steps; ++s) {
      loss = (X.matmul(theta) - y).pow(2).mean();
      loss.backward();
      {
        xg::NoGradGuard no_grad;
        theta -= 0.1 * theta.grad();
      }
      theta.mutable_grad() = xg::Tensor();
    }
    const double elapsed = bench::seconds_since(start);
    final_loss = loss.item<double>();
    return elapsed;
  };
  train();
  bench::Stats per_step = bench::scaled(bench::collect(repeats, train), 1e6 / steps);

  const double t0 = theta[0][0].item<double>(), t1 = theta[1][0].item<double>();
  char theta_text[80];
  std::snprintf(theta_text, sizeof theta_text, "[%.17g, %.17g]", t0, t1);
  std::cout << "W2 linear regression float64 [" << config << "]: " << per_step.median() << " us/step (min "
            << per_step.min() << ", max " << per_step.max() << "), final theta " << theta_text << "\n";
  if (steps == 1000) bench::require(t0 == 4.215096157546738 && t1 == 2.7701133864384926, "W2 theta, bit for bit");
  std::cout << "{\"W2\": {\"us_per_step\": ";
  bench::write_json(std::cout, per_step);
  std::printf(", \"steps\": %d, \"dtype\": \"float64\", \"final_theta\": %s, \"final_loss\": %.17g}}\n", steps,
              theta_text, final_loss);
}
