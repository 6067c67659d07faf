// max_pool2d_with_indices forward and backward on [64, 16, 28, 28], kernel 2 (the pooling
// of a small CNN): milliseconds per call, median of REPEATS rounds of ITERS calls. Written
// against LibTorch's API, so the same file builds against xgrad (target max_pool_timing,
// through xgrad::torch) and against LibTorch itself, for a comparison on one machine.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

namespace {

int env_or(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

// The median over `repeats` rounds of the mean time of `iters` calls of f, in milliseconds.
template <class F>
double median_ms(int repeats, int iters, F&& f) {
  f();  // warm-up
  std::vector<double> rounds;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iters; ++i) f();
    rounds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / iters);
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

}  // namespace

int main() {
  torch::set_num_threads(1);
  torch::manual_seed(0);
  const int repeats = env_or("REPEATS", 7), iters = env_or("ITERS", 20);
  const torch::Tensor x = torch::randn({64, 16, 28, 28});
  const torch::Tensor x_grad = x.detach().requires_grad_(true);
  torch::Tensor out, indices;
  std::tie(out, indices) = torch::max_pool2d_with_indices(x, 2);
  const torch::Tensor grad = torch::randn(out.sizes());
  const double forward = median_ms(repeats, iters, [&] { torch::max_pool2d_with_indices(x, 2); });
  const double backward = median_ms(repeats, iters, [&] {
    torch::max_pool2d_with_indices_backward(grad, x, {2, 2}, {2, 2}, {0, 0}, {1, 1}, false, indices);
  });
  const double step = median_ms(repeats, iters, [&] {
    torch::max_pool2d(x_grad, 2).backward(grad);
    x_grad.mutable_grad() = torch::Tensor();
  });
  std::cout << "max_pool2d_with_indices [64, 16, 28, 28] k2: forward " << forward << " ms, backward " << backward
            << " ms, forward+backward through autograd " << step << " ms\n";
}
