// W1 and W2 (benchmarks/w1_overhead.cpp, benchmarks/w2_linreg.cpp) in LibTorch, one workload per
// process, so that a timing tool can alternate it with xgrad's program run by run. One thread,
// as `t1`. Prints the same JSON line as xgrad's programs (median, min, max of REPEATS repeats).
//   /tmp/libtorch-reference/per_op_overhead W1     # 10000 iterations (ITERS) a repeat
//   /tmp/libtorch-reference/per_op_overhead W2     # 1000 steps (STEPS) a repeat, on the anchors'
//                                                  # w2_data.csv (or the file W2_DATA names)

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <fstream>
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

// W2's data, exactly as NumPy's RandomState(42) draws it (the anchors' w2_data.csv, 17
// significant digits): a comment line ending in theta0's two values, a header, then x,y rows.
struct LinregData {
  std::vector<double> x, y;
  double theta0[2] = {0, 0};
};

LinregData read_linreg_data(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot read " << path << " (set W2_DATA to the anchors' w2_data.csv)\n";
    std::exit(2);
  }
  LinregData data;
  std::string line;
  std::getline(in, line);  // "# ... theta0=randn(2,1)=a,b"
  std::sscanf(line.substr(line.rfind('=') + 1).c_str(), "%lf,%lf", &data.theta0[0], &data.theta0[1]);
  std::getline(in, line);  // "x,y"
  double x, y;
  while (std::getline(in, line) && std::sscanf(line.c_str(), "%lf,%lf", &x, &y) == 2) {
    data.x.push_back(x);
    data.y.push_back(y);
  }
  return data;
}

// loss = ((X theta - y)^2).mean(); loss.backward(); theta -= 0.1 theta.grad; theta.grad = None.
void w2(int repeats) {
  const int steps = env_int("STEPS", 1000);
  const char* path = std::getenv("W2_DATA");
  LinregData data = read_linreg_data(path ? path : XGRAD_ANCHORS_DIR "/w2_data.csv");
  const auto m = static_cast<int64_t>(data.x.size());
  std::vector<double> Xv(2 * m);
  for (int64_t i = 0; i < m; ++i) {
    Xv[2 * i] = 1.0;
    Xv[2 * i + 1] = data.x[i];
  }
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
  torch::Tensor X = torch::from_blob(Xv.data(), {m, 2}, f64).clone();
  torch::Tensor y = torch::from_blob(data.y.data(), {m, 1}, f64).clone();
  torch::Tensor theta0 = torch::from_blob(data.theta0, {2, 1}, f64).clone();
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
  const double t0 = theta[0][0].item<double>(), t1 = theta[1][0].item<double>();
  if (steps == 1000 && (t0 != 4.215096157546738 || t1 != 2.7701133864384926)) {
    std::cerr << "W2: theta is not the one PyTorch and LibTorch reach\n";
    std::exit(1);
  }
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
