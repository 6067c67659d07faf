// W6's convolution alone: how close one Conv2d layer's forward+backward gets to raw OpenBLAS.
//   manual_seed(0); x = randn(64, 32, 28, 28) requiring grad; Conv2d(32, 64, 3, padding 1)
//   fwd+bwd: y = conv(x); y.backward(g) with g all ones; gradients reset
// As GEMMs the layer is, per image, Y [64, 784] = W [64, 288] cols [288, 784] forward, and
// dcols = W^T dY and dW += dY cols^T backward: 3 * 2 * 64 * 288 * 784 flops per image.
// The raw figure is three single sgemms of the whole batch's size (M 64, N 64*784, K 288; the
// same flops), which no convolution can beat: it is the ceiling, and the ratio says what
// im2col, col2im and the bias cost around the products.
// One call of each is timed first; a repeat runs as many calls as fill MIN_TIME seconds (0.3),
// xgrad and raw BLAS alternately. Prints GFLOP/s of both; the last line is JSON.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <vector>

#include <cblas.h>

#include <xgrad/xgrad.hpp>

#include "timing.h"

int main(int argc, char** argv) {
  const std::string config = bench::thread_config(argc, argv);
  const int repeats = bench::env_int("REPEATS", 5);
  const double min_time = bench::env_double("MIN_TIME", 0.3);
  const int64_t N = bench::env_int("BATCH", 64), C = 32, O = 64, H = 28, W = 28, K = C * 9, L = H * W;
  const double flops = 3.0 * 2.0 * O * K * L * N;

  xg::manual_seed(0);
  xg::Tensor x = xg::randn({N, C, H, W}).requires_grad_(true);
  xg::nn::Conv2d conv(xg::nn::Conv2dOptions(C, O, 3).padding(1));
  xg::Tensor g = xg::ones({N, O, H, W});
  auto layer = [&] {
    x.mutable_grad() = xg::Tensor();
    conv->zero_grad();
    conv->forward(x).backward(g);
  };

  // The same flops as three raw sgemms: C1 = A B, C2 = A^T C1 (the shape of dcols), C3 = C1 B^T.
  std::vector<float> a(O * K, 0.5f), b(K * N * L, 0.25f), c1(O * N * L), c2(K * N * L), c3(O * K);
  auto raw = [&] {
    const int m = O, n = static_cast<int>(N * L), k = K;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a.data(), k, b.data(), n, 0, c1.data(), n);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, n, m, 1, a.data(), k, c1.data(), n, 0, c2.data(), n);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, k, n, 1, c1.data(), n, b.data(), n, 0, c3.data(), k);
  };

  auto seconds_of = [](const std::function<void()>& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return bench::seconds_since(start);
  };
  const double one_call = std::max(seconds_of(layer), seconds_of(raw));
  const int calls = std::max(1, static_cast<int>(min_time / one_call));
  std::vector<double> ours, blas;
  for (int r = 0; r < repeats; ++r) {
    ours.push_back(seconds_of([&] { for (int i = 0; i < calls; ++i) layer(); }) / calls);
    blas.push_back(seconds_of([&] { for (int i = 0; i < calls; ++i) raw(); }) / calls);
  }
  bench::Stats xgrad_gflops, raw_gflops;
  for (double s : ours) xgrad_gflops.values.push_back(flops / s / 1e9);
  for (double s : blas) raw_gflops.values.push_back(flops / s / 1e9);
  std::sort(xgrad_gflops.values.begin(), xgrad_gflops.values.end());
  std::sort(raw_gflops.values.begin(), raw_gflops.values.end());

  // The result must be a convolution's: the input gradient of an all-ones output gradient at an
  // interior pixel is the sum over output channels of each input channel's 3x3 filter.
  const xg::Tensor expected = conv->weight.sum({0, 2, 3});
  const xg::Tensor got = x.grad().select(0, 0).select(1, 5).select(1, 5);
  bench::require(got.allclose(expected, 1e-4, 1e-4), "the input gradient at an interior pixel");

  std::printf("W6 conv %s: Conv2d(32, 64, 3, padding 1) on [%ld, 32, 28, 28], fwd+bwd %.1f GFLOP/s, raw sgemm %.1f "
              "GFLOP/s (%.2fx), %d calls per repeat\n",
              config.c_str(), static_cast<long>(N), xgrad_gflops.median(), raw_gflops.median(),
              xgrad_gflops.median() / raw_gflops.median(), calls);
  std::printf("{\"W6conv\": {\"config\": \"%s\", \"fwd_bwd_gflops\": ", config.c_str());
  bench::write_json(std::cout, xgrad_gflops);
  std::cout << ", \"raw_sgemm_gflops\": ";
  bench::write_json(std::cout, raw_gflops);
  std::cout << "}}" << std::endl;
}
