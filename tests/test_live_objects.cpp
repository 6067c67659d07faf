// Memory: graphs die with the last tensor that refers to them. A training loop
// with hooks, retain_grad and a custom Function returns the counts of live
// TensorImpl and Node objects (autograd/base/live_objects.h) to the same baseline
// after every step; a reference cycle anywhere would make them grow.

#define BOOST_TEST_MODULE test_live_objects
#include <boost/test/unit_test.hpp>

#include <optional>

#include "test_util.h"

using xg::Tensor;
using xg::autograd::live_counts;
using xg::autograd::LiveCounts;
namespace autograd = xg::autograd;
namespace nn = xg::nn;
namespace optim = xg::optim;

namespace {

// y = x * s, saving its input, its own output and s (as a saved tensor and in saved_data).
struct Scale : autograd::Function<Scale> {
  static Tensor forward(autograd::AutogradContext* ctx, const Tensor& x, const Tensor& s) {
    Tensor y = x * s;
    ctx->save_for_backward({x, y, s});
    ctx->saved_data["s"] = s;
    return y;
  }
  static autograd::variable_list backward(autograd::AutogradContext* ctx, autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const Tensor s = ctx->saved_data["s"].toTensor();
    return {grads[0] * s, (grads[0] * saved[0]).sum().reshape({1})};
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(counts_follow_objects) {
  const LiveCounts before = live_counts();
  {
    Tensor x = xg::ones({3}, xg::requires_grad());
    Tensor y = (x * 2).exp().sum();  // x, y and what ExpBackward0 saved; x * 2 is gone already
    BOOST_TEST(live_counts().tensor_impls >= before.tensor_impls + 3);
    BOOST_TEST(live_counts().nodes == before.nodes + 4);  // Mul, Exp, Sum and x's AccumulateGrad
    y.backward();
  }
  BOOST_TEST(live_counts() == before);
}

BOOST_AUTO_TEST_CASE(unused_graph_dies_with_its_output) {
  Tensor w = xg::ones({4, 4}, xg::requires_grad());
  const LiveCounts before = live_counts();
  {
    Tensor y = w.matmul(w).tanh().sum();  // forward only, never backpropagated
  }
  BOOST_TEST(live_counts() == before);
}

BOOST_AUTO_TEST_CASE(in_place_op_on_a_view_with_its_base_as_operand_is_freed) {
  // The base's new history (CopySlices) owns the in-place op's node, which must not own the
  // base in turn through the operand it saved.
  Tensor x = xg::ones({2, 2}, xg::dtype(xg::kDouble).requires_grad(true));
  const LiveCounts before = live_counts();
  {
    Tensor y = x * 2;
    y.select(0, 1).mul_(y.select(0, 0));  // a sibling view of the same base
    y.view({2, 2}).mul_(y);               // the base itself (the same elements: a transpose would overlap in part)
    BOOST_TEST(live_counts().nodes > before.nodes);
  }
  BOOST_TEST(live_counts() == before);
}

BOOST_AUTO_TEST_CASE(hook_capturing_its_own_tensor_is_freed_after_backward) {
  Tensor x = xg::ones({3}, xg::requires_grad());
  const LiveCounts before = live_counts();
  {
    Tensor h = x * 3;
    h.register_hook([h](const Tensor& g) { return g * h.detach(); });  // h -> node -> hook -> h
    (h * h).sum().backward();
  }
  BOOST_TEST(xg::allclose(x.grad(), xg::full({3}, 54.0)));  // d(9x^2)/dx = 18x, times the hook's h = 3
  x.mutable_grad() = Tensor();
  BOOST_TEST(live_counts() == before);
}

BOOST_AUTO_TEST_CASE(training_returns_to_baseline_after_every_step) {
  xg::manual_seed(0);
  nn::Linear first(4, 16), second(16, 1);
  std::vector<Tensor> parameters = first->parameters();
  for (const Tensor& p : second->parameters()) parameters.push_back(p);
  optim::Adam adam(parameters, optim::AdamOptions(1e-2));
  const Tensor x = xg::randn({32, 4}), target = xg::randn({32, 1});
  Tensor scale = xg::full({1}, 0.5, xg::requires_grad());  // a leaf the custom Function differentiates

  // A leaf hook for the whole run, and a place where a hook keeps the last gradient it saw.
  Tensor last_hidden_grad;
  int leaf_hook_calls = 0;
  first->weight.register_hook([&leaf_hook_calls](const Tensor& g) {
    ++leaf_hook_calls;
    return g.clamp(-1, 1);
  });

  auto step = [&] {
    adam.zero_grad();
    scale.mutable_grad() = Tensor();
    Tensor hidden = first(x).tanh();
    hidden.retain_grad();
    hidden.register_hook([&last_hidden_grad, hidden](const Tensor& g) {  // captures its own tensor
      last_hidden_grad = g;
      return g * (hidden.detach().abs() < 0.99).to(g.scalar_type());
    });
    Tensor out = Scale::apply(second(hidden), scale);
    Tensor loss = xg::mse_loss(out, target) + 1e-3 * autograd::grad({out.sum()}, {hidden}, {}, std::nullopt,
                                                                     /*create_graph=*/true)[0].square().sum();
    loss.backward();
    BOOST_TEST(hidden.grad().defined());
    adam.step();
    {
      xg::NoGradGuard no_grad;
      scale.sub_(0.01 * scale.grad());
    }
    return loss.item<double>();
  };

  const double first_loss = step();  // creates Adam's state and the gradients, which then stay
  const LiveCounts baseline = live_counts();
  double loss = first_loss;
  for (int i = 0; i < 200; ++i) {
    loss = step();
    BOOST_TEST_CONTEXT("step " << i) { BOOST_TEST_REQUIRE(live_counts() == baseline); }
  }
  BOOST_TEST(loss < first_loss);  // it trained
  BOOST_TEST(leaf_hook_calls == 201);
  BOOST_TEST(last_hidden_grad.defined());
}
