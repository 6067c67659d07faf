// Normalisation layers' behaviour as modules: their state (parameters and buffers, by
// LibTorch's names), train and eval, the running statistics and their count, reset, clone,
// checkpoints, a rejected batch leaving the state alone, and the statistics of the output.
// Values against PyTorch are in test_nn_reference (tools/gen_nn_reference.py) and against
// LibTorch in tests/compat/norm.cpp; gradients to second order in test_gradcheck.

#define BOOST_TEST_MODULE test_norm
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

using xg::Tensor;
namespace nn = xg::nn;

namespace {

std::vector<std::string> keys(const xg::OrderedDict<std::string, Tensor>& dict) {
  std::vector<std::string> names;
  for (const auto& item : dict) names.push_back(item.key());
  return names;
}

bool same(const Tensor& a, const Tensor& b) { return a.sizes() == b.sizes() && xg::equal(a, b); }

}  // namespace

BOOST_AUTO_TEST_CASE(state_names_follow_libtorch) {
  nn::BatchNorm2d bn(4);
  BOOST_TEST(keys(bn->named_parameters()) == (std::vector<std::string>{"weight", "bias"}));
  BOOST_TEST(keys(bn->named_buffers()) ==
             (std::vector<std::string>{"running_mean", "running_var", "num_batches_tracked"}));
  BOOST_TEST(bn->num_batches_tracked.scalar_type() == xg::kLong);
  BOOST_TEST(bn->num_batches_tracked.dim() == 0);
  nn::BatchNorm1d plain(nn::BatchNorm1dOptions(3).affine(false).track_running_stats(false));
  BOOST_TEST(plain->named_parameters().size() == 0u);
  BOOST_TEST(plain->named_buffers().size() == 0u);
  nn::InstanceNorm1d instance(3);
  BOOST_TEST(instance->named_parameters().size() == 0u);
  nn::Sequential net(nn::Conv2d(1, 2, 3), nn::BatchNorm2d(2), nn::GroupNorm(1, 2), nn::LayerNorm(std::vector<int64_t>{3}));
  BOOST_TEST(keys(net->named_buffers()) ==
             (std::vector<std::string>{"1.running_mean", "1.running_var", "1.num_batches_tracked"}));
  BOOST_TEST(keys(net->named_parameters()) ==
             (std::vector<std::string>{"0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias", "3.weight",
                                       "3.bias"}));
}

BOOST_AUTO_TEST_CASE(batch_norm_trains_then_evaluates_with_running_statistics) {
  xg::manual_seed(3);
  nn::BatchNorm1d bn(nn::BatchNorm1dOptions(2).momentum(0.5));
  const Tensor x = xg::randn({6, 2}, xg::kDouble) * 2 + 1;
  bn->to(xg::kDouble);
  const Tensor y = bn(x);
  // training: each channel of the output has mean 0 and (biased) variance 1 - eps-ish
  BOOST_TEST(y.mean(0).abs().max().item<double>() < 1e-12);
  BOOST_TEST((y.var(xg::IntArrayRef{0}, false) - 1).abs().max().item<double>() < 1e-4);
  // running = 0.5 * initial + 0.5 * batch statistic (unbiased variance)
  BOOST_TEST(same(bn->running_mean, x.mean(0) * 0.5));
  BOOST_TEST((bn->running_var - (0.5 + x.var(0) * 0.5)).abs().max().item<double>() < 1e-14);
  BOOST_TEST(bn->num_batches_tracked.item<int64_t>() == 1);
  bn->eval();
  const Tensor z = bn(x);
  BOOST_TEST(bn->num_batches_tracked.item<int64_t>() == 1);  // eval changes no state
  const Tensor expected = (x - bn->running_mean) / (bn->running_var + 1e-5).sqrt();
  BOOST_TEST((z - expected).abs().max().item<double>() < 1e-12);
}

BOOST_AUTO_TEST_CASE(momentum_none_is_the_cumulative_average) {
  nn::BatchNorm1d bn(nn::BatchNorm1dOptions(1).momentum(std::nullopt));
  bn->to(xg::kDouble);
  for (double shift : {1.0, 4.0, -2.0}) bn(xg::tensor({shift - 1, shift + 1}, xg::kDouble).view({2, 1}));
  BOOST_TEST(bn->running_mean.item<double>() == 1.0, boost::test_tools::tolerance(1e-14));  // (1 + 4 - 2) / 3
  BOOST_TEST(bn->running_var.item<double>() == 2.0, boost::test_tools::tolerance(1e-14));   // unbiased var 2 each time
  BOOST_TEST(bn->num_batches_tracked.item<int64_t>() == 3);
}

BOOST_AUTO_TEST_CASE(rejected_batch_leaves_the_state_alone) {
  nn::BatchNorm1d bn(3);
  bn(xg::randn({4, 3}));
  const Tensor mean = bn->running_mean.clone(), var = bn->running_var.clone();
  BOOST_CHECK_THROW(bn(xg::ones({1, 3})), xg::Error);
  BOOST_CHECK_THROW(bn(xg::ones({4, 5})), xg::Error);
  BOOST_TEST(same(bn->running_mean, mean));
  BOOST_TEST(same(bn->running_var, var));
  BOOST_TEST(bn->num_batches_tracked.item<int64_t>() == 1);
  bn->eval();
  BOOST_TEST(bn(xg::ones({1, 3})).sizes() == (std::vector<int64_t>{1, 3}));  // one sample is fine in eval mode
}

BOOST_AUTO_TEST_CASE(reset_clone_and_checkpoint_keep_buffers) {
  nn::BatchNorm2d bn(2);
  bn(xg::randn({3, 2, 4, 4}) * 3 + 2);
  bn(xg::randn({3, 2, 4, 4}));
  auto copy = std::dynamic_pointer_cast<nn::BatchNorm2dImpl>(bn->clone());
  BOOST_TEST(same(copy->running_mean, bn->running_mean));
  BOOST_TEST(copy->num_batches_tracked.item<int64_t>() == 2);
  copy->running_mean.add_(1);
  BOOST_TEST(!same(copy->running_mean, bn->running_mean));  // separate tensors

  test_util::TempDir dir;
  xg::save(bn, dir / "bn.npz");
  nn::BatchNorm2d loaded(2);
  xg::load(loaded, dir / "bn.npz");
  BOOST_TEST(same(loaded->running_var, bn->running_var));
  BOOST_TEST(loaded->num_batches_tracked.item<int64_t>() == 2);

  bn->weight.data().fill_(3);
  bn->reset_running_stats();
  BOOST_TEST(bn->running_mean.abs().sum().item<double>() == 0.0);
  BOOST_TEST(bn->running_var.sum().item<double>() == 2.0);
  BOOST_TEST(bn->num_batches_tracked.item<int64_t>() == 0);
  BOOST_TEST(bn->weight.sum().item<double>() == 6.0);  // reset_running_stats leaves the parameters
  bn->reset_parameters();
  BOOST_TEST(bn->weight.sum().item<double>() == 2.0);
}

BOOST_AUTO_TEST_CASE(instance_norm_unbatched_and_running_statistics) {
  xg::manual_seed(5);
  nn::InstanceNorm1d in(nn::InstanceNorm1dOptions(2).track_running_stats(true));
  const Tensor x = xg::randn({3, 2, 6});
  const Tensor y = in(x);
  BOOST_TEST(y.mean(-1).abs().max().item<double>() < 1e-5);  // each sample's channel
  // running statistics: momentum 0.1 times the batch's average of the samples' statistics
  BOOST_TEST((in->running_mean - x.mean(-1).mean(0) * 0.1).abs().max().item<double>() < 1e-6);
  BOOST_TEST(in->num_batches_tracked.item<int64_t>() == 0);  // as LibTorch: only BatchNorm counts
  const Tensor single = in(x[1]);
  BOOST_TEST(single.sizes() == (std::vector<int64_t>{2, 6}));
  in->eval();
  const Tensor z = in(x);
  const Tensor expected = (x - in->running_mean.view({1, 2, 1})) / (in->running_var.view({1, 2, 1}) + 1e-5).sqrt();
  BOOST_TEST((z - expected).abs().max().item<double>() < 1e-5);
}

BOOST_AUTO_TEST_CASE(layer_and_group_norm_normalise_each_sample) {
  xg::manual_seed(9);
  const Tensor x = xg::randn({4, 6, 5}, xg::kDouble) * 3 + 1;
  nn::LayerNorm ln(std::vector<int64_t>{6, 5});
  ln->to(xg::kDouble);
  const Tensor y = ln(x).view({4, -1});
  BOOST_TEST(y.mean(1).abs().max().item<double>() < 1e-12);
  BOOST_TEST((y.var(xg::IntArrayRef{1}, false) - 1).abs().max().item<double>() < 1e-5);
  nn::GroupNorm gn(3, 6);
  gn->to(xg::kDouble);
  const Tensor g = gn(x).view({4, 3, -1});
  BOOST_TEST(g.mean(2).abs().max().item<double>() < 1e-12);
  gn->eval();
  BOOST_TEST(same(gn(x).view({4, 3, -1}), g));  // no running statistics: eval mode is the same
  // group_norm with one group per channel is instance_norm
  BOOST_TEST((xg::group_norm(x, 6) - xg::instance_norm(x, {}, {}, {}, {}, true, 0.1, 1e-5, false)).abs().max().item<double>() <
             1e-12);
}

BOOST_AUTO_TEST_CASE(backward_nodes_are_libtorchs) {
  const Tensor x = xg::randn({4, 3, 2}, xg::requires_grad());
  BOOST_TEST(xg::batch_norm(x, {}, {}, {}, {}, true, 0.1, 1e-5, false).grad_fn()->name() == "NativeBatchNormBackward0");
  BOOST_TEST(xg::batch_norm(x, {}, {}, xg::zeros({3}), xg::ones({3}), false, 0.1, 1e-5, false).grad_fn()->name() ==
             "NativeBatchNormBackward0");
  BOOST_TEST(xg::layer_norm(x, {2}).grad_fn()->name() == "NativeLayerNormBackward0");
  BOOST_TEST(xg::group_norm(x, 3).grad_fn()->name() == "NativeGroupNormBackward0");
  const Tensor y = xg::instance_norm(x, {}, {}, {}, {}, true, 0.1, 1e-5, false);
  BOOST_TEST(y.grad_fn()->name() == "ViewBackward0");
  BOOST_TEST(y.grad_fn()->next_edges()[0].function->name() == "NativeBatchNormBackward0");
}

// A weight without a bias (and a bias without a weight): the affine part's two halves alone.
BOOST_AUTO_TEST_CASE(weight_or_bias_alone) {
  xg::manual_seed(11);
  const auto f64 = xg::dtype(xg::kDouble).requires_grad(true);
  const Tensor x = xg::randn({3, 4}, f64), w = xg::randn({4}, f64), b = xg::randn({4}, f64);
  BOOST_TEST((xg::layer_norm(x, {4}, w) - xg::layer_norm(x, {4}) * w).abs().max().item<double>() < 1e-12);
  BOOST_TEST((xg::layer_norm(x, {4}, {}, b) - (xg::layer_norm(x, {4}) + b)).abs().max().item<double>() < 1e-12);
  using xg::autograd::variable_list;
  auto weight_only = [](const variable_list& in) { return xg::layer_norm(in[0], {4}, in[1]); };
  auto bias_only = [](const variable_list& in) { return xg::layer_norm(in[0], {4}, {}, in[1]); };
  BOOST_TEST(xg::autograd::gradcheck(weight_only, {x, w}));
  BOOST_TEST(xg::autograd::gradgradcheck(weight_only, {x, w}));
  BOOST_TEST(xg::autograd::gradcheck(bias_only, {x, b}));
  const Tensor c = xg::randn({2, 4, 3}, f64), cw = xg::randn({4}, f64);
  auto group_weight_only = [](const variable_list& in) { return xg::group_norm(in[0], 2, in[1]); };
  auto batch_bias_only = [](const variable_list& in) {
    return xg::batch_norm(in[0], {}, in[1], {}, {}, true, 0.1, 1e-5, false);
  };
  BOOST_TEST(xg::autograd::gradcheck(group_weight_only, {c, cw}));
  BOOST_TEST(xg::autograd::gradgradcheck(group_weight_only, {c, cw}));
  BOOST_TEST(xg::autograd::gradcheck(batch_bias_only, {c, cw}));
}
