// W4 (benchmarks/w4_mlp.cpp) in LibTorch, for the memory and phase comparisons of the
// README's Performance section: peak resident memory, the resident memory along a long run
// (RSS_EVERY=n STEPS=m), and forward / backward / optimizer time. One thread, as `t1`.
//   /tmp/libtorch-reference/w4_memory            # 500 steps after 50 warm-up steps
//   RSS_EVERY=2000 STEPS=20000 /tmp/libtorch-reference/w4_memory

#include <torch/torch.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

// A field of /proc/self/status in MiB (VmRSS: now, VmHWM: the peak).
double status_mib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  return -1;
}

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

}  // namespace

int main() {
  torch::set_num_threads(1);
  const int steps = env_int("STEPS", 500), rss_every = env_int("RSS_EVERY", 0);
  torch::manual_seed(0);
  torch::Tensor X = torch::randn({64, 784});
  torch::Tensor t = torch::randint(0, 10, {64});
  torch::manual_seed(1);
  torch::nn::Linear l1(784, 256);
  torch::nn::Linear l2(256, 10);
  torch::nn::Sequential model(l1, torch::nn::ReLU(), l2);
  torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
  using clock = std::chrono::steady_clock;
  double forward_s = 0, backward_s = 0, step_s = 0;
  torch::Tensor loss;
  for (int s = 0; s < 50 + steps; ++s) {
    if (rss_every > 0 && s >= 50 && (s - 50) % rss_every == 0)
      std::cout << "step " << s - 50 << ": " << status_mib("VmRSS") << " MiB\n";
    const auto t0 = clock::now();
    optimizer.zero_grad();
    loss = torch::nn::functional::cross_entropy(model->forward(X), t);
    const auto t1 = clock::now();
    loss.backward();
    const auto t2 = clock::now();
    optimizer.step();
    if (s < 50) continue;  // warm-up
    forward_s += std::chrono::duration<double>(t1 - t0).count();
    backward_s += std::chrono::duration<double>(t2 - t1).count();
    step_s += std::chrono::duration<double>(clock::now() - t2).count();
  }
  const double total = forward_s + backward_s + step_s;
  std::cout << "LibTorch W4, " << steps << " steps: " << total / steps * 1e3 << " ms/step; forward "
            << forward_s / total * 100 << "%, backward " << backward_s / total * 100 << "%, optimizer step "
            << step_s / total * 100 << "%; backward/forward " << backward_s / forward_s << "; loss after "
            << 50 + steps << " steps " << loss.item<double>() << "; peak RSS " << status_mib("VmHWM") << " MiB\n";
}
