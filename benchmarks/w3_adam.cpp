// W3, linear regression with Adam (float32): one big product per step, small parameters.
//   manual_seed(0); X = randn(10000, 100); w = randn(100, 1); y = X w + 0.1 randn(10000, 1)
//   a repeat: manual_seed(1); Linear(100, 1); Adam(lr 0.01); MSELoss; 200 full-batch steps of
//   zero_grad(set_to_none); mse_loss(model(X), y).backward(); step()
// Warm-up 20 steps; REPEATS repeats of STEPS steps. Prints microseconds per step and the
// final loss, which must be PyTorch's 5.42365 after 200 steps.

#include <cmath>
#include <iostream>

#include <xgrad/xgrad.hpp>

#include "timing.h"

int main(int argc, char** argv) {
  const std::string config = bench::thread_config(argc, argv);
  const int steps = bench::env_int("STEPS", 200);
  const int repeats = bench::env_int("REPEATS", 7);
  xg::manual_seed(0);
  xg::Tensor X = xg::randn({10000, 100});
  xg::Tensor w_true = xg::randn({100, 1});
  xg::Tensor y = X.mm(w_true) + 0.1 * xg::randn({10000, 1});

  double final_loss = 0;
  auto train = [&](int n) {
    xg::manual_seed(1);
    xg::nn::Linear model(100, 1);
    xg::optim::Adam optimizer(model->parameters(), xg::optim::AdamOptions(0.01));
    xg::Tensor loss;
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < n; ++s) {
      optimizer.zero_grad(/*set_to_none=*/true);
      loss = xg::mse_loss(model->forward(X), y);
      loss.backward();
      optimizer.step();
    }
    const double elapsed = bench::seconds_since(start);
    final_loss = loss.item<double>();
    return elapsed;
  };
  train(20);
  bench::Stats per_step = bench::scaled(bench::collect(repeats, [&] { return train(steps); }), 1e6 / steps);

  std::cout.precision(9);
  std::cout << "W3 Adam 10000x100 [" << config << "]: " << per_step.median() << " us/step (min " << per_step.min()
            << ", max " << per_step.max() << "), final loss " << final_loss << "\n";
  // PyTorch and LibTorch both end at 5.42364501953125; float32 sums in another order move the last digits.
  if (steps == 200) bench::require(std::abs(final_loss - 5.42364501953125) < 1e-4 * 5.42, "W3 final loss");
  std::cout << "{\"W3\": {\"us_per_step\": ";
  bench::write_json(std::cout, per_step);
  std::cout << ", \"steps\": " << steps << ", \"dtype\": \"float32\", \"final_loss\": " << final_loss << "}}\n";
}
