// Threads: grad mode is per thread, and two threads that build and backpropagate
// separate graphs, or train separate models, get exactly what they get when run
// one after the other. The global random generator is shared, as torch's is, and
// locked per fill; so is the cache of large buffers. `bash tools/run.sh tsan` runs this program under ThreadSanitizer.

#define BOOST_TEST_MODULE test_threads
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "test_util.h"

using xg::Tensor;
namespace nn = xg::nn;
namespace optim = xg::optim;
using Tensors = std::vector<Tensor>;

namespace {

constexpr int repeats = 20;  // per thread, so that the two threads overlap

// Steps of train() that found grad mode on inside a NoGradGuard (checked after the threads end).
std::atomic<int> grad_mode_leaks{0};

// Inputs that depend on `k` but not on the random generator, which the threads share.
Tensor data(int64_t k, xg::IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t size : sizes) n *= size;
  return (xg::arange(n, xg::kDouble) * (0.37 + 0.11 * k)).sin().reshape(sizes);
}

// A graph with shared subexpressions, a matmul, reductions, a view and a custom hook; returns
// the gradients of backward() and of grad(create_graph) differentiated once more.
Tensors graph_gradients(int64_t k) {
  Tensor w = data(k, {5, 4}).requires_grad_();
  Tensor x = data(k + 1, {3, 5}).requires_grad_();
  Tensor h = x.matmul(w).tanh();
  h.register_hook([](const Tensor& g) { return g * 2; });
  Tensor loss = (h * h.sigmoid()).sum() + h.t().softmax(1).select(1, 0).square().mean() + w.norm();
  loss.backward();
  Tensor y = (x.pow(3) * w.sum()).sum();
  Tensor gx = xg::autograd::grad({y}, {x}, {}, std::nullopt, /*create_graph=*/true)[0];
  Tensor gxx = xg::autograd::grad({gx.sum()}, {x})[0];
  return {w.grad(), x.grad(), gx.detach(), gxx};
}

// Products of 1.2 MB matrices and their gradients: every buffer goes through the buffer cache
// (autograd/base/memory.h), which the threads share.
Tensors large_products(int64_t k) {
  Tensor a = data(k, {384, 384}).requires_grad_(), b = data(k + 1, {384, 384}).requires_grad_();
  Tensor c = a.matmul(b).tanh();
  (c * c).sum().backward();
  return {c.detach(), a.grad(), b.grad()};
}

// Trains Linear(6, 1) with SGD (momentum) and Linear(6, 3) + Tanh + Linear(3, 1) with Adam on
// data made from `k`, under grad modes switched per step; returns the final parameters and losses.
Tensors train(int64_t k) {
  Tensor inputs = data(k, {32, 6}), targets = data(k + 7, {32, 1});
  nn::Linear linear(6, 1);
  nn::Sequential mlp(nn::Linear(6, 3), nn::Tanh(), nn::Linear(3, 1));
  linear->to(xg::kDouble);
  mlp->to(xg::kDouble);
  {
    // The constructors drew from the shared generator; fix the starting point.
    xg::NoGradGuard no_grad;
    int64_t i = 0;
    for (auto* module : {static_cast<nn::Module*>(linear.get()), static_cast<nn::Module*>(mlp.get())})
      for (Tensor& p : module->parameters()) p.copy_(data(k + 100 + i++, p.sizes()) * 0.5);
  }
  optim::SGD sgd(linear->parameters(), optim::SGDOptions(0.05).momentum(0.9));
  optim::Adam adam(mlp->parameters(), optim::AdamOptions(0.01));
  Tensors losses;
  for (int step = 0; step < 100; ++step) {
    sgd.zero_grad();
    adam.zero_grad();
    Tensor l1 = xg::mse_loss(linear(inputs), targets);
    Tensor l2 = xg::mse_loss(mlp->forward(inputs), targets);
    (l1 + l2).backward();
    sgd.step();
    adam.step();
    xg::NoGradGuard no_grad;
    if (xg::GradMode::is_enabled()) ++grad_mode_leaks;  // Boost.Test's checks are not thread-safe
    losses.push_back(l1.detach() + l2.detach());
  }
  Tensors result = linear->parameters();
  for (const Tensor& p : mlp->parameters()) result.push_back(p);
  result.push_back(xg::stack(losses));
  return result;
}

// Runs f(1) and f(2) one after the other, then in two threads (each `repeats` times), and
// checks that every threaded result is identical to the sequential one.
template <class F>
void check_threads_match_sequential(F f) {
  const Tensors first = f(1), second = f(2);
  std::vector<Tensors> from_a(repeats), from_b(repeats);
  std::thread a([&] { for (auto& r : from_a) r = f(1); });
  std::thread b([&] { for (auto& r : from_b) r = f(2); });
  a.join();
  b.join();
  for (int r = 0; r < repeats; ++r) {
    BOOST_TEST_CONTEXT("repeat " << r) {
      BOOST_TEST_REQUIRE(from_a[r].size() == first.size());
      BOOST_TEST_REQUIRE(from_b[r].size() == second.size());
      for (size_t i = 0; i < first.size(); ++i) {
        BOOST_TEST(xg::equal(from_a[r][i], first[i]), "thread a, tensor " << i);
        BOOST_TEST(xg::equal(from_b[r][i], second[i]), "thread b, tensor " << i);
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(grad_mode_is_per_thread) {
  xg::NoGradGuard no_grad;
  bool other_thread_enabled = false, other_thread_records = false;
  std::thread t([&] {
    other_thread_enabled = xg::GradMode::is_enabled();
    Tensor x = xg::ones({2}, xg::requires_grad());
    other_thread_records = (x * 2).requires_grad();
    xg::GradMode::set_enabled(false);  // stays in that thread
  });
  t.join();
  BOOST_TEST(other_thread_enabled);
  BOOST_TEST(other_thread_records);
  BOOST_TEST(!xg::GradMode::is_enabled());
  Tensor x = xg::ones({2}, xg::requires_grad());
  BOOST_TEST(!(x * 2).requires_grad());
}

BOOST_AUTO_TEST_CASE(separate_graphs) { check_threads_match_sequential(graph_gradients); }

BOOST_AUTO_TEST_CASE(separate_models) {
  check_threads_match_sequential(train);
  BOOST_TEST(grad_mode_leaks.load() == 0);
}

BOOST_AUTO_TEST_CASE(large_buffers_share_the_cache) { check_threads_match_sequential(large_products); }

BOOST_AUTO_TEST_CASE(shared_generator_hands_out_whole_fills) {
  // Each fill holds the generator's lock, so two threads drawing at once get the same two blocks
  // of numbers as two draws in a row, in one order or the other.
  for (int64_t n : {7, 100000}) {  // the one-at-a-time and the 16-at-a-time normal paths
    BOOST_TEST_CONTEXT("n = " << n) {
      for (int r = 0; r < repeats; ++r) {
        xg::manual_seed(42);
        const Tensor first = xg::randn({n}, xg::kDouble), second = xg::randn({n}, xg::kDouble);
        const Tensor more = xg::rand({n});
        xg::manual_seed(42);
        Tensor a, b;
        std::atomic<int> waiting{2};
        auto start_together = [&] {
          --waiting;
          while (waiting.load() > 0) std::this_thread::yield();
        };
        std::thread ta([&] { start_together(); a = xg::randn({n}, xg::kDouble); });
        std::thread tb([&] { start_together(); b = xg::randn({n}, xg::kDouble); });
        ta.join();
        tb.join();
        const bool in_order = xg::equal(a, first) && xg::equal(b, second);
        const bool swapped = xg::equal(a, second) && xg::equal(b, first);
        BOOST_TEST((in_order || swapped));
        BOOST_TEST(xg::equal(xg::rand({n}), more));  // and the generator state after both is the same
      }
    }
  }
}

// Two threads backpropagating into one leaf at the same time (a model shared by two threads):
// every gradient arrives, none is lost to a race, as in PyTorch.
BOOST_AUTO_TEST_CASE(shared_leaf_accumulates_every_backward) {
  Tensor w = xg::ones({4}, xg::kDouble).requires_grad_();
  constexpr int passes = 5000;  // per thread: without the locks, about one run in three aborted
  auto run = [&w](double scale) {
    for (int i = 0; i < passes; ++i) (w * scale).sum().backward();
  };
  std::thread first(run, 2.0), second(run, 3.0);
  first.join();
  second.join();
  BOOST_REQUIRE(w.grad().defined());
  for (int64_t i = 0; i < 4; ++i) BOOST_TEST(w.grad()[i].item<double>() == passes * (2.0 + 3.0));
}
