// batch_norm in training mode, forward and backward, on [64, 64, 32, 32] at one thread:
// the median of 15 calls in milliseconds. Written against LibTorch's API, so the same file
// builds against xgrad (target batch_norm_timing, through xgrad::torch) and against LibTorch
// (g++ -std=c++17 -O2 batch_norm_timing.cpp -I/usr/include/torch/csrc/api/include -ltorch
// -ltorch_cpu -lc10), for a comparison on one machine; run the two alternately.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

int main() {
  torch::set_num_threads(1);
  torch::manual_seed(0);
  auto x = torch::randn({64, 64, 32, 32}).requires_grad_(true);
  auto weight = torch::ones({64}).requires_grad_(true), bias = torch::zeros({64}).requires_grad_(true);
  const auto grad = torch::randn({64, 64, 32, 32});
  std::vector<double> milliseconds;
  for (int round = 0; round < 15; ++round) {
    const auto start = std::chrono::steady_clock::now();
    auto y = torch::batch_norm(x, weight, bias, /*running_mean=*/{}, /*running_var=*/{}, /*training=*/true,
                               /*momentum=*/0.1, /*eps=*/1e-5, /*cudnn_enabled=*/false);
    y.backward(grad);
    milliseconds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  std::printf("batch_norm [64, 64, 32, 32] forward+backward: %.1f ms (median of 15)\n", milliseconds[7]);
}
