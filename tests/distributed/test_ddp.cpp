// DistributedDataParallel: training on n ranks, each on its shard of every batch, ends with
// the parameters one process gets on the whole batch. Every rank also trains that single-process
// reference itself (on the full batch, without DDP) and compares.

#define BOOST_TEST_MODULE test_ddp
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

#include "../test_util.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
namespace dist = xg::distributed;
namespace nn = xg::nn;

namespace {

struct MpiFixture {
  MpiFixture() { dist::init_process_group(); }
  ~MpiFixture() { dist::destroy_process_group(); }
};

constexpr int64_t kBatch = 12;  // divisible by 1, 2, 3 and 4 ranks

/// A small MLP; `seed` fixes its initial weights.
nn::Sequential make_model(uint64_t seed, xg::ScalarType dtype) {
  xg::manual_seed(seed);
  nn::Sequential model(nn::Linear(5, 8), nn::Tanh(), nn::Linear(8, 3));
  model->to(dtype);
  return model;
}

/// The whole batch of step `step`: the same on every rank.
std::pair<Tensor, Tensor> batch(int step, xg::ScalarType dtype) {
  xg::manual_seed(1000 + step);
  Tensor x = xg::randn({kBatch, 5}, dtype);
  Tensor y = xg::randn({kBatch, 3}, dtype);
  return {x, y};
}

/// This rank's rows of a batch.
Tensor shard(const Tensor& t) {
  const int64_t rows = kBatch / dist::get_world_size();
  return t.narrow(0, dist::get_rank() * rows, rows);
}

using MakeOptimizer = std::function<std::unique_ptr<xg::optim::Optimizer>(std::vector<Tensor>)>;

/// Trains `model` for `steps` steps on the batches (the full ones, or this rank's shards).
void train(nn::Sequential& model, const MakeOptimizer& make_optimizer, xg::ScalarType dtype, bool sharded,
           int steps = 4) {
  auto optimizer = make_optimizer(model->parameters());
  for (int step = 0; step < steps; ++step) {
    auto [x, y] = batch(step, dtype);
    if (sharded) {
      x = shard(x);
      y = shard(y);
    }
    optimizer->zero_grad();
    xg::mse_loss(model->forward(x), y).backward();
    optimizer->step();
  }
}

/// The largest |a - b| over all parameters of two models.
double max_difference(const nn::Sequential& a, const nn::Sequential& b) {
  double worst = 0;
  const auto pa = a->parameters(), pb = b->parameters();
  for (size_t i = 0; i < pa.size(); ++i) {
    const auto va = values(pa[i]), vb = values(pb[i]);
    for (size_t j = 0; j < va.size(); ++j) worst = std::max(worst, std::abs(va[j] - vb[j]));
  }
  return worst;
}

/// Trains with DDP on shards and alone on full batches; returns the largest parameter difference.
double ddp_versus_single_process(const MakeOptimizer& make_optimizer, xg::ScalarType dtype,
                                 dist::DistributedDataParallelOptions options = {}) {
  // Each rank starts from different weights: the wrapper must replace them by rank 0's.
  nn::Sequential replica = make_model(100 + dist::get_rank(), dtype);
  dist::DistributedDataParallel ddp(*replica, options);
  train(replica, make_optimizer, dtype, /*sharded=*/true);

  nn::Sequential reference = make_model(100, dtype);  // rank 0's initial weights
  train(reference, make_optimizer, dtype, /*sharded=*/false);
  return max_difference(replica, reference);
}

MakeOptimizer sgd() {
  return [](std::vector<Tensor> p) {
    return std::make_unique<xg::optim::SGD>(p, xg::optim::SGDOptions(0.1).momentum(0.9));
  };
}

MakeOptimizer adam() {
  return [](std::vector<Tensor> p) { return std::make_unique<xg::optim::Adam>(p, xg::optim::AdamOptions(0.01)); };
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(MpiFixture);

BOOST_AUTO_TEST_CASE(sgd_with_momentum_matches_one_process_on_the_whole_batch) {
  BOOST_TEST(ddp_versus_single_process(sgd(), xg::kDouble) < 1e-13);
  BOOST_TEST(ddp_versus_single_process(sgd(), xg::kFloat) < 1e-5);
}

BOOST_AUTO_TEST_CASE(adam_matches_one_process_on_the_whole_batch) {
  BOOST_TEST(ddp_versus_single_process(adam(), xg::kDouble) < 1e-13);
  BOOST_TEST(ddp_versus_single_process(adam(), xg::kFloat) < 1e-5);
}

BOOST_AUTO_TEST_CASE(one_bucket_per_parameter_gives_the_same_result) {
  // A cap below every parameter's size: 4 buckets, started one by one during backward.
  const auto tiny = dist::DistributedDataParallelOptions().bucket_cap_mb(1e-6);
  nn::Sequential model = make_model(1, xg::kDouble);
  BOOST_TEST(dist::DistributedDataParallel(*model, tiny).num_buckets() == 4);
  BOOST_TEST(dist::DistributedDataParallel(*model).num_buckets() == 1);
  BOOST_TEST(ddp_versus_single_process(sgd(), xg::kDouble, tiny) < 1e-13);
  BOOST_TEST(ddp_versus_single_process(adam(), xg::kDouble, tiny) < 1e-13);
}

BOOST_AUTO_TEST_CASE(construction_broadcasts_rank_0s_parameters) {
  nn::Sequential model = make_model(200 + dist::get_rank(), xg::kFloat);
  dist::DistributedDataParallel ddp(*model);
  nn::Sequential rank0 = make_model(200, xg::kFloat);
  BOOST_TEST(max_difference(model, rank0) == 0.0);
}

BOOST_AUTO_TEST_CASE(unused_parameters_need_synchronize) {
  // The last layer is not used: its bucket never fills, so backward cannot finish the average.
  nn::Sequential model = make_model(3, xg::kDouble);
  dist::DistributedDataParallel ddp(*model, dist::DistributedDataParallelOptions().bucket_cap_mb(1e-6));
  auto* used = model->ptr(0)->as<nn::LinearImpl>();
  auto* unused = model->ptr(2)->as<nn::LinearImpl>();
  Tensor x = xg::full({2, 5}, 1.0 + dist::get_rank(), xg::kDouble);
  used->forward(x).sum().backward();
  ddp.synchronize();
  // bias: 2 rows of ones on every rank; weight: column sums of x (2 (1 + rank)), averaged.
  for (double v : values(used->bias.grad())) BOOST_TEST(v == 2.0);
  const double mean_rank = (dist::get_world_size() - 1) / 2.0;
  for (double v : values(used->weight.grad())) BOOST_TEST(v == 2 * (1 + mean_rank), boost::test_tools::tolerance(1e-12));
  for (double v : values(unused->weight.grad())) BOOST_TEST(v == 0.0);  // the average of zeros
  ddp.synchronize();  // nothing left to do: no collective, on every rank

  // Forgetting synchronize() is reported at the next backward, on every rank alike.
  used->forward(x).sum().backward();
  BOOST_TEST(error_of([&] { used->forward(x).sum().backward(); }).find(
                 "[DistributedDataParallel] parameter ") == 0);
  ddp.synchronize();
}

BOOST_AUTO_TEST_CASE(a_parameter_listed_twice_is_reduced_once) {
  Tensor w = xg::full({2}, 1.0 + dist::get_rank(), xg::kDouble).requires_grad_();
  dist::DistributedDataParallel ddp({w, w});  // rank 0's values everywhere
  (w * xg::tensor({1.0 + dist::get_rank(), 3.0}, xg::kDouble)).sum().backward();
  const double mean_rank = (dist::get_world_size() - 1) / 2.0;
  BOOST_TEST(values(w) == (std::vector<double>{1, 1}), boost::test_tools::per_element());
  BOOST_TEST(values(w.grad()) == (std::vector<double>{1 + mean_rank, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_options_are_errors) {
  nn::Sequential model = make_model(1, xg::kFloat);
  BOOST_TEST(error_of([&] { dist::DistributedDataParallel(*model, dist::DistributedDataParallelOptions().bucket_cap_mb(0)); }) ==
             "[DistributedDataParallel] bucket_cap_mb must be positive, got 0");
}
