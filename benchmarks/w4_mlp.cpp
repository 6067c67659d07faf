// W4, an MLP training step (float32): 784-256-10, batch 64, one fixed batch reused every step.
//   manual_seed(0); X = randn(64, 784); t = randint(0, 10, {64})
//   a repeat: manual_seed(1); Sequential(Linear(784, 256), ReLU(), Linear(256, 10));
//   CrossEntropyLoss; SGD(lr 0.01, momentum 0.9); 500 steps of
//   zero_grad(set_to_none); cross_entropy(model(X), t).backward(); step()
// Warm-up 50 steps; REPEATS repeats of STEPS steps. Prints ms per step, samples per second and
// the final loss, which must be PyTorch's 0.00149258 after 500 steps, and the peak resident
// memory. RSS_EVERY=n prints the resident memory every n steps (to see it stay flat over,
// say, STEPS=20000); PHASES=1 also times forward, backward and the optimizer step apart.

#include <cmath>
#include <iostream>

#include <xgrad/xgrad.hpp>

#include "timing.h"

int main(int argc, char** argv) {
  const std::string config = bench::thread_config(argc, argv);
  const int steps = bench::env_int("STEPS", 500);
  const int repeats = bench::env_int("REPEATS", 7);
  const int rss_every = bench::env_int("RSS_EVERY", 0);
  const bool phases = bench::env_int("PHASES", 0) != 0;
  double forward_s = 0, backward_s = 0, step_s = 0;  // with PHASES=1, summed over the timed repeats
  const int64_t batch = 64;
  xg::manual_seed(0);
  xg::Tensor X = xg::randn({batch, 784});
  xg::Tensor t = xg::randint(0, 10, {batch});

  double final_loss = 0;
  auto train = [&](int n) {
    xg::manual_seed(1);
    // the layers are built one statement at a time, in order: they draw their initial weights
    // from the generator, and the order of function arguments is unspecified in C++
    xg::nn::Linear l1(784, 256);
    xg::nn::Linear l2(256, 10);
    xg::nn::Sequential model(l1, xg::nn::ReLU(), l2);
    xg::optim::SGD optimizer(model->parameters(), xg::optim::SGDOptions(0.01).momentum(0.9));
    xg::Tensor loss;
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < n; ++s) {
      if (rss_every > 0 && s % rss_every == 0) std::cout << "step " << s << ": " << bench::current_rss_mib() << " MiB\n";
      if (phases) {
        auto t0 = std::chrono::steady_clock::now();
        optimizer.zero_grad(/*set_to_none=*/true);
        loss = xg::nn::functional::cross_entropy(model->forward(X), t);
        auto t1 = std::chrono::steady_clock::now();
        loss.backward();
        auto t2 = std::chrono::steady_clock::now();
        optimizer.step();
        forward_s += std::chrono::duration<double>(t1 - t0).count();
        backward_s += std::chrono::duration<double>(t2 - t1).count();
        step_s += bench::seconds_since(t2);
        continue;
      }
      optimizer.zero_grad(/*set_to_none=*/true);
      loss = xg::nn::functional::cross_entropy(model->forward(X), t);
      loss.backward();
      optimizer.step();
    }
    const double elapsed = bench::seconds_since(start);
    final_loss = loss.item<double>();
    return elapsed;
  };
  train(50);
  forward_s = backward_s = step_s = 0;
  bench::Stats seconds = bench::collect(repeats, [&] { return train(steps); });
  if (phases) {
    const double total = forward_s + backward_s + step_s;
    std::cout << "phases: forward " << forward_s / total * 100 << "%, backward " << backward_s / total * 100
              << "%, optimizer step " << step_s / total * 100 << "%; backward/forward " << backward_s / forward_s
              << "\n";
  }
  bench::Stats ms_per_step = bench::scaled(seconds, 1e3 / steps);
  bench::Stats samples_per_s = seconds;  // batch * steps / seconds; the order reverses
  for (double& v : samples_per_s.values) v = batch * steps / v;
  std::sort(samples_per_s.values.begin(), samples_per_s.values.end());

  std::cout.precision(9);
  std::cout << "W4 MLP 784-256-10 batch 64 [" << config << "]: " << ms_per_step.median() << " ms/step (min "
            << ms_per_step.min() << ", max " << ms_per_step.max() << "), final loss " << final_loss
            << ", peak RSS " << bench::peak_rss_mib() << " MiB\n";
  // PyTorch and LibTorch both end at 0.00149258179590106 (float32; the last digits depend on sum order).
  if (steps == 500) bench::require(std::abs(final_loss - 0.00149258179590106) < 1e-3 * 0.00149258, "W4 final loss");
  std::cout << "{\"W4\": {\"ms_per_step\": ";
  bench::write_json(std::cout, ms_per_step);
  std::cout << ", \"samples_per_s\": ";
  bench::write_json(std::cout, samples_per_s);
  std::cout << ", \"steps\": " << steps << ", \"batch\": " << batch << ", \"dtype\": \"float32\", \"final_loss\": "
            << final_loss << ", \"peak_rss_mib\": " << bench::peak_rss_mib() << "}}\n";
}
