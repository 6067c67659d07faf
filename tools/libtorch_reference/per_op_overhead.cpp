// W1 and W2 (benchmarks/w1_overhead.cpp, benchmarks/w2_linreg.cpp) in LibTorch, one workload per
// process, so that a timing tool can alternate it with xgrad's program run by run. One thread,
// as `t1`. Prints the same JSON line as xgrad's programs (median, min, max of REPEATS repeats).
//   /tmp/libtorch-reference/per_op_overhead W1     # 10000 iterations (ITERS) a repeat
//   /tmp/libtorch-reference/per_op_overhead W2     # 1000 steps (STEPS) a repeat

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

extern "C" void openblas_set_num_threads(int);

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

void print_json(const char* workload, const char* key, std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const double median = values[values.size() / 2];
  std::printf("{\"%s\": {\"%s\": {\"median\": %.6g, \"min\": %.6g, \"max\": %.6g, \"n\": %zu}}}\n", workload, key,
              median, values.front(), values.back(), values.size());
}

// y = ((x*2.0 + 1.0).tanh() * x).sum(); y.backward(); x.grad = None, on 16 floats.
void w1(int repeats) {
  const int iterations = env_int("ITERS", 10000);
  torch::manual_seed(0);
  torch::Tensor x = torch::randn({16}, torch::requires_grad());
  auto iterate = [&](int n) {
    const auto start = Clock::now();
    for (int i = 0; i < n; ++i) {
      torch::Tensor y = ((x * 2.0 + 1.0).tanh() * x).sum();
      y.backward();
      x.mutable_grad() = torch::Tensor();
    }
    return seconds_since(start);
  };
  iterate(1000);
  std::vector<double> us;
  for (int r = 0; r < repeats; ++r) us.push_back(iterate(iterations) / iterations * 1e6);
  print_json("W1", "us_per_iter", us);
}

// numpy's legacy RandomState(42): MT19937, 53-bit doubles, polar Box-Muller with a cache.
struct NumpyLegacyRNG {
  std::mt19937 mt;
  bool has_gauss = false;
  double gauss_cache = 0;
  explicit NumpyLegacyRNG(uint32_t seed) : mt(seed) {}
  double rand() {
    uint32_t a = mt() >> 5, b = mt() >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  double randn() {
    if (has_gauss) {
      has_gauss = false;
      return gauss_cache;
    }
    double x1, x2, r2;
    do {
      x1 = 2.0 * rand() - 1.0;
      x2 = 2.0 * rand() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = std::sqrt(-2.0 * std::log(r2) / r2);
    gauss_cache = f * x1;
    has_gauss = true;
    return f * x2;
  }
};

// loss = ((X theta - y)^2).mean(); loss.backward(); theta -= 0.1 theta.grad; theta.grad = None.
void w2(int repeats) {
  const int steps = env_int("STEPS", 1000);
  NumpyLegacyRNG rng(42);
  const int m = 100;
  std::vector<double> xv(m), yv(m), Xv(2 * m);
  for (int i = 0; i < m; ++i) xv[i] = 2 * rng.rand();
  for (int i = 0; i < m; ++i) yv[i] = 4 + 3 * xv[i] + rng.randn();
  double th0[2] = {rng.randn(), rng.randn()};
  for (int i = 0; i < m; ++i) {
    Xv[2 * i] = 1.0;
    Xv[2 * i + 1] = xv[i];
  }
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
  torch::Tensor X = torch::from_blob(Xv.data(), {m, 2}, f64).clone();
  torch::Tensor y = torch::from_blob(yv.data(), {m, 1}, f64).clone();
  torch::Tensor theta0 = torch::from_blob(th0, {2, 1}, f64).clone();
  torch::Tensor theta;
  auto train = [&] {
    theta = theta0.clone().set_requires_grad(true);
    const auto start = Clock::now();
    for (int s = 0; s < steps; ++s) {
      torch::Tensor loss = (X.matmul(theta) - y).pow(2).mean();
      loss.backward();
      {
        torch::NoGradGuard no_grad;
        theta -= 0.1 * theta.grad();
      }
      theta.mutable_grad() = torch::Tensor();
    }
    return seconds_since(start);
  };
  train();
  std::vector<double> us;
  for (int r = 0; r < repeats; ++r) us.push_back(train() / steps * 1e6);
  print_json("W2", "us_per_step", us);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string workload = argc > 1 ? argv[1] : "W1";
  const int repeats = env_int("REPEATS", 7);
  torch::set_num_threads(1);
  openblas_set_num_threads(1);
  if (workload == "W1") {
    w1(repeats);
  } else if (workload == "W2") {
    w2(repeats);
  } else {
    std::cerr << "unknown workload " << workload << " (use W1 or W2)\n";
    return 2;
  }
}
