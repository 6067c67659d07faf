// The autograd engine: closed-form gradients, graphs that reuse nodes,
// accumulation, retain_graph/create_graph, hooks, grad mode, custom functions,
// and the errors autograd must raise.

#define BOOST_TEST_MODULE autograd
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <sstream>
#include <thread>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
using xg::autograd::variable_list;

namespace {
const xg::TensorOptions f64 = xg::TensorOptions().dtype(xg::kDouble);
}  // namespace

BOOST_AUTO_TEST_CASE(tutorial_requires_grad_and_backward) {
  // x = [1, 2]; y = x0^2 + 3 x1 -> grad [2, 3]
  Tensor x = xg::tensor({1.0, 2.0}, xg::requires_grad());
  Tensor y = x[0].pow(2) + 3 * x[1];
  y.backward();
  BOOST_TEST(values(x.grad()) == std::vector<double>({2, 3}), boost::test_tools::per_element());
  // f(x) = x^2 + 3x has gradient 2x + 3 (not the 2x a hand-written gradient forgot)
  Tensor z = xg::tensor({-1.5, 0.0, 2.0}, f64.requires_grad(true));
  (z * z + 3 * z).sum().backward();
  BOOST_TEST(values(z.grad()) == std::vector<double>({0, 3, 7}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reused_nodes_like_micrograd) {
  // micrograd's test_sanity_check: y = -20 and dy/dx = 46 at x = -4.
  Tensor x = xg::tensor(-4.0, f64).requires_grad_();
  Tensor z = 2 * x + 2 + x;
  Tensor q = z.relu() + z * x;
  Tensor h = (z * z).relu();
  Tensor y = h + q + q * x;
  y.backward();
  BOOST_TEST(y.item<double>() == -20.0);
  BOOST_TEST(x.grad().item<double>() == 46.0);
}

BOOST_AUTO_TEST_CASE(gradients_accumulate_and_graph_is_freed) {
  Tensor x = xg::tensor({1.0, 2.0, 3.0}, f64.requires_grad(true));
  Tensor y = (x * x).sum();
  y.backward(Tensor(), /*retain_graph=*/true);
  y.backward();  // accumulates: 2 * 2x
  BOOST_TEST(values(x.grad()) == std::vector<double>({4, 8, 12}), boost::test_tools::per_element());
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST(message.find("second time") != std::string::npos, message);
  x.mutable_grad() = Tensor();
  BOOST_TEST(!x.grad().defined());
  // sum's gradient is an expanded (stride 0) view: the leaf must get a dense copy,
  // or accumulating into it would write every element into one.
  Tensor v = xg::ones({3}, f64).requires_grad_();
  v.sum().backward();
  BOOST_TEST(v.grad().is_contiguous());
  v.sum().backward();
  BOOST_TEST(values(v.grad()) == std::vector<double>({2, 2, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(higher_order_gradients) {
  // y = x^3: dy/dx = 3x^2, d2y/dx2 = 6x, d3y/dx3 = 6
  Tensor x = xg::tensor(2.0, f64).requires_grad_();
  Tensor y = x.pow(3);
  Tensor dy = xg::autograd::grad({y}, {x}, {}, std::nullopt, /*create_graph=*/true)[0];
  BOOST_TEST(dy.item<double>() == 12.0);
  Tensor d2y = xg::autograd::grad({dy}, {x}, {}, std::nullopt, true)[0];
  BOOST_TEST(d2y.item<double>() == 12.0);
  Tensor d3y = xg::autograd::grad({d2y}, {x})[0];
  BOOST_TEST(d3y.item<double>() == 6.0);
  // backward(create_graph) leaves a differentiable grad in the leaf.
  Tensor w = xg::tensor({1.0, -2.0}, f64.requires_grad(true));
  (w.tanh() * w).sum().backward(Tensor(), std::nullopt, /*create_graph=*/true);
  BOOST_TEST(w.grad().requires_grad());
  Tensor second = xg::autograd::grad({w.grad().sum()}, {w})[0];
  // d/dw [tanh w + w (1 - tanh^2 w)] = 2 (1 - t^2) - 2 w t (1 - t^2)
  for (int i = 0; i < 2; ++i) {
    const double v = i == 0 ? 1.0 : -2.0, t = std::tanh(v);
    BOOST_TEST(values(second)[i] == 2 * (1 - t * t) - 2 * v * t * (1 - t * t), boost::test_tools::tolerance(1e-12));
  }
  // As in torch, a grad() recorded with create_graph refers to the graph, which refers to
  // the leaf: clearing it breaks that cycle, or neither would ever be freed.
  w.mutable_grad() = Tensor();
}

BOOST_AUTO_TEST_CASE(grad_function_and_allow_unused) {
  Tensor a = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  Tensor b = xg::tensor({3.0, 4.0}, f64.requires_grad(true));
  Tensor unused = xg::tensor({5.0}, f64.requires_grad(true));
  Tensor out = (a * b).sum();
  variable_list grads = xg::autograd::grad({out}, {a, b}, {}, /*retain_graph=*/true);
  BOOST_TEST(values(grads[0]) == std::vector<double>({3, 4}), boost::test_tools::per_element());
  BOOST_TEST(values(grads[1]) == std::vector<double>({1, 2}), boost::test_tools::per_element());
  BOOST_TEST(!a.grad().defined());  // grad() does not touch .grad
  const std::string message = error_of([&] { xg::autograd::grad({out}, {unused}, {}, true); });
  BOOST_TEST(message.find("allow_unused") != std::string::npos, message);
  BOOST_TEST(!xg::autograd::grad({out}, {a, unused}, {}, true, false, /*allow_unused=*/true)[1].defined());
  // Non-leaf inputs and explicit grad_outputs.
  Tensor h = a * 2;
  Tensor y = h * h;
  Tensor dh = xg::autograd::grad({y}, {h}, {xg::tensor({1.0, 10.0}, f64)})[0];
  BOOST_TEST(values(dh) == std::vector<double>({4, 80}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(backward_with_inputs_accumulates_only_there) {
  Tensor a = xg::tensor({1.0}, f64.requires_grad(true));
  Tensor b = xg::tensor({2.0}, f64.requires_grad(true));
  (a * b).sum().backward(Tensor(), std::nullopt, false, std::vector<Tensor>{a});
  BOOST_TEST(a.grad().item<double>() == 2.0);
  BOOST_TEST(!b.grad().defined());
}

BOOST_AUTO_TEST_CASE(retain_grad_and_hooks) {
  Tensor x = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  Tensor h = x * 3;
  h.retain_grad();
  BOOST_TEST(h.retains_grad());
  int leaf_calls = 0;
  x.register_hook([&](const Tensor& g) { ++leaf_calls; return g * 10; });  // replaces the leaf's gradient
  Tensor seen;
  h.register_hook([&](const Tensor& g) { seen = g.clone(); });               // observes only
  (h * h).sum().backward();
  BOOST_TEST(values(h.grad()) == std::vector<double>({6, 12}), boost::test_tools::per_element());
  BOOST_TEST(values(seen) == std::vector<double>({6, 12}), boost::test_tools::per_element());
  BOOST_TEST(leaf_calls == 1);
  BOOST_TEST(values(x.grad()) == std::vector<double>({180, 360}), boost::test_tools::per_element());
  // remove_hook
  Tensor w = xg::tensor({1.0}, f64.requires_grad(true));
  unsigned handle = w.register_hook([](const Tensor& g) { return g * 0; });
  w.remove_hook(handle);
  (w * 5).sum().backward();
  BOOST_TEST(w.grad().item<double>() == 5.0);
}

BOOST_AUTO_TEST_CASE(grad_fn_names_match_pytorch) {
  Tensor a = xg::randn({2, 3}).requires_grad_();
  Tensor b = xg::randn({3, 2}).requires_grad_();
  BOOST_TEST((a + a).grad_fn()->name() == "AddBackward0");
  BOOST_TEST((a * a).grad_fn()->name() == "MulBackward0");
  BOOST_TEST((a * 2.0).grad_fn()->name() == "MulBackward1");
  BOOST_TEST(a.sum().grad_fn()->name() == "SumBackward0");
  BOOST_TEST(a.sum(1).grad_fn()->name() == "SumBackward1");
  BOOST_TEST(a.mm(b).grad_fn()->name() == "MmBackward0");
  BOOST_TEST(a.tanh().grad_fn()->name() == "TanhBackward0");
  BOOST_TEST(a.t().grad_fn()->name() == "TBackward0");
  BOOST_TEST(a.mean().grad_fn()->name() == "MeanBackward0");
  BOOST_TEST(a.grad_fn() == nullptr);
  BOOST_TEST(a.is_leaf());
  BOOST_TEST(!(a * 2).is_leaf());
  Tensor product = a * b.t();
  const auto& next = product.grad_fn()->next_edges();
  BOOST_TEST(next.size() == 2u);
  BOOST_TEST(next[0].function->name() == "torch::autograd::AccumulateGrad");
  BOOST_TEST(next[1].function->name() == "TBackward0");
}

BOOST_AUTO_TEST_CASE(grad_mode_guards) {
  Tensor x = xg::ones({2}).requires_grad_();
  BOOST_TEST(xg::GradMode::is_enabled());
  {
    xg::NoGradGuard no_grad;
    BOOST_TEST(!xg::GradMode::is_enabled());
    Tensor y = x * 2;
    BOOST_TEST(!y.requires_grad());
    {
      xg::AutoGradMode enable(true);
      BOOST_TEST((x * 2).requires_grad());
    }
    BOOST_TEST(!xg::GradMode::is_enabled());
  }
  BOOST_TEST(xg::GradMode::is_enabled());
  BOOST_TEST(!x.detach().requires_grad());
  // Grad mode is per thread.
  bool other_thread_enabled = false;
  {
    xg::NoGradGuard no_grad;
    std::thread t([&] { other_thread_enabled = xg::GradMode::is_enabled(); });
    t.join();
  }
  BOOST_TEST(other_thread_enabled);
}

// InferenceMode: grad mode off inside (nothing recorded), back on inside InferenceMode(false),
// both flags restored on exit.
BOOST_AUTO_TEST_CASE(inference_mode_guard) {
  Tensor x = xg::ones({2}).requires_grad_();
  BOOST_TEST(!xg::InferenceMode::is_enabled());
  {
    xg::InferenceMode guard;
    BOOST_TEST(xg::InferenceMode::is_enabled());
    BOOST_TEST(!xg::GradMode::is_enabled());
    Tensor y = x * 2;
    BOOST_TEST(!y.requires_grad());
    BOOST_TEST(!y.grad_fn());
    {
      xg::InferenceMode off(false);
      BOOST_TEST(!xg::InferenceMode::is_enabled());
      BOOST_TEST(xg::GradMode::is_enabled());
      BOOST_TEST((x * 2).requires_grad());
    }
    BOOST_TEST(xg::InferenceMode::is_enabled());
    BOOST_TEST(!xg::GradMode::is_enabled());
  }
  BOOST_TEST(!xg::InferenceMode::is_enabled());
  BOOST_TEST(xg::GradMode::is_enabled());
  {
    xg::NoGradGuard no_grad;
    { xg::InferenceMode off(false); }
    BOOST_TEST(!xg::GradMode::is_enabled());  // restored to the no-grad state it found
  }
}

BOOST_AUTO_TEST_CASE(update_under_no_grad_writes_through_views) {
  Tensor w = xg::tensor({1.0, 2.0, 3.0}, f64.requires_grad(true));
  (w * w).sum().backward();
  {
    xg::NoGradGuard no_grad;
    w -= 0.5 * w.grad();  // in-place update of a leaf, as an optimizer does
    w[0].fill_(10.0);     // a view writes into its base
  }
  BOOST_TEST(values(w) == std::vector<double>({10, 0, 0}), boost::test_tools::per_element());
  BOOST_TEST(w.is_leaf());
  BOOST_TEST(w.requires_grad());
}

BOOST_AUTO_TEST_CASE(set_data_keeps_identity) {
  Tensor w = xg::ones({2}).requires_grad_();
  Tensor alias = w;  // another handle to the same tensor
  (w * 3).sum().backward();
  w.set_data(xg::tensor({1.0, 2.0, 3.0}, f64));
  BOOST_TEST(alias.scalar_type() == xg::kDouble);
  BOOST_TEST(values(alias) == std::vector<double>({1, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST(w.is_leaf());
  BOOST_TEST(w.requires_grad());
  BOOST_TEST(!w.grad().defined());  // dropped: it had the old dtype and shape
  BOOST_TEST(!w.data().requires_grad());
}

BOOST_AUTO_TEST_CASE(inplace_on_non_leaf_is_recorded) {
  Tensor x = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  Tensor y = x * 3;
  y.add_(x).mul_(2);  // y = 2 (3x + x) = 8x
  BOOST_TEST(y.grad_fn()->name() == "MulBackward1");  // the Scalar overload's node, as in LibTorch
  y.sum().backward();
  BOOST_TEST(values(x.grad()) == std::vector<double>({8, 8}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(autograd_errors) {
  Tensor leaf = xg::ones({2, 3}).requires_grad_();
  std::string m = error_of([&] { leaf.add_(1); });
  BOOST_TEST(m.find("[add_] a leaf Variable that requires grad") == 0, m);
  m = error_of([&] { (leaf * 2).backward(); });
  BOOST_TEST(m.find("[backward] grad can be implicitly created only for scalar outputs") == 0, m);
  BOOST_TEST(m.find("[2, 3]") != std::string::npos, m);
  m = error_of([&] { xg::ones({2}).sum().backward(); });
  BOOST_TEST(m.find("does not require grad") != std::string::npos, m);
  m = error_of([&] { (leaf * 2).backward(xg::ones({3})); });
  BOOST_TEST(m.find("mismatch in shape") != std::string::npos, m);
  m = error_of([&] { leaf.item(); });
  BOOST_TEST(m.find("[item] a Tensor with 6 elements cannot be converted to Scalar") == 0, m);
  m = error_of([&] { (leaf * 2).requires_grad_(false); });
  BOOST_TEST(m.find("leaf variables") != std::string::npos, m);
  m = error_of([&] { xg::ones({2}, xg::kLong).requires_grad_(); });
  BOOST_TEST(m.find("floating point") != std::string::npos, m);
  // Modifying a tensor that backward needs: exp saves its output.
  Tensor x = xg::ones({3}).requires_grad_();
  Tensor y = x.exp();
  y.add_(1);
  m = error_of([&] { y.sum().backward(); });
  BOOST_TEST(m.find("modified by an inplace operation") != std::string::npos, m);
  BOOST_TEST(m.find("ExpBackward0") != std::string::npos, m);
  BOOST_TEST(y._version() == 1u);
}

namespace {
// y = x * k with a custom backward.
struct MulConstant : xg::autograd::Function<MulConstant> {
  static Tensor forward(xg::autograd::AutogradContext* ctx, const Tensor& x, double k) {
    ctx->saved_data["k"] = k;
    ctx->save_for_backward({x});
    return x * k;
  }
  static variable_list backward(xg::autograd::AutogradContext* ctx, variable_list grads) {
    const double k = ctx->saved_data["k"].toDouble();
    BOOST_TEST(ctx->get_saved_variables().size() == 1u);
    return {grads[0] * k, Tensor()};
  }
};
// A function with two outputs whose backward is deliberately wrong.
struct WrongSquare : xg::autograd::Function<WrongSquare> {
  static Tensor forward(xg::autograd::AutogradContext* ctx, const Tensor& x) {
    ctx->save_for_backward({x});
    return x * x;
  }
  static variable_list backward(xg::autograd::AutogradContext* ctx, variable_list grads) {
    return {grads[0] * ctx->get_saved_variables()[0]};  // should be 2 x
  }
};
struct TooManyGrads : xg::autograd::Function<TooManyGrads> {
  static Tensor forward(xg::autograd::AutogradContext*, const Tensor& x) { return x * 1; }
  static variable_list backward(xg::autograd::AutogradContext*, variable_list grads) { return {grads[0], grads[0]}; }
};
// x @ w^T (+ b): backward returns a gradient for the bias even when the call left it out,
// as PyTorch's cpp/autograd example does; the undefined extra gradient is dropped.
struct LinearWithOptionalBias : xg::autograd::Function<LinearWithOptionalBias> {
  static Tensor forward(xg::autograd::AutogradContext* ctx, const Tensor& x, const Tensor& w, const Tensor& b = {}) {
    ctx->save_for_backward({x, w});
    Tensor y = x.mm(w.t());
    return b.defined() ? y + b : y;
  }
  static variable_list backward(xg::autograd::AutogradContext* ctx, variable_list grads) {
    const variable_list saved = ctx->get_saved_variables();
    return {grads[0].mm(saved[1]), grads[0].t().mm(saved[0]), Tensor()};
  }
};
// x *= 2 in place, returning x itself.
struct DoubleInPlace : xg::autograd::Function<DoubleInPlace> {
  static Tensor forward(xg::autograd::AutogradContext* ctx, Tensor x) {
    x.mul_(2);
    ctx->mark_dirty({x});
    return x;
  }
  static variable_list backward(xg::autograd::AutogradContext*, variable_list grads) { return {grads[0] * 2}; }
};
// Marks an input dirty but returns another tensor.
struct DirtyNotReturned : xg::autograd::Function<DirtyNotReturned> {
  static Tensor forward(xg::autograd::AutogradContext* ctx, Tensor x) {
    ctx->mark_dirty({x});
    return x * 1;
  }
  static variable_list backward(xg::autograd::AutogradContext*, variable_list grads) { return {grads[0]}; }
};
}  // namespace

// A Tensor is a handle: its methods are const, in-place ones too, as in LibTorch, so the
// training-loop idiom w.grad().zero_() compiles and clears the gradient w holds.
BOOST_AUTO_TEST_CASE(in_place_methods_work_through_const_handles) {
  Tensor w = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  (w * w).sum().backward();
  w.grad().zero_();
  BOOST_TEST(values(w.grad()) == std::vector<double>({0, 0}), boost::test_tools::per_element());
  const Tensor c = xg::ones({2}, f64);
  c.add_(1).mul_(3);
  c += 1;
  BOOST_TEST(values(c) == std::vector<double>({7, 7}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(custom_function_backward_may_return_trailing_undefined_gradients) {
  Tensor x = xg::randn({2, 3}, f64.requires_grad(true));
  Tensor w = xg::randn({4, 3}, f64.requires_grad(true));
  LinearWithOptionalBias::apply(x, w).sum().backward();
  BOOST_TEST(xg::allclose(x.grad(), xg::ones({2, 4}, f64).mm(w.detach())));
  BOOST_TEST(xg::allclose(w.grad(), xg::ones({2, 4}, f64).t().mm(x.detach())));
}

BOOST_AUTO_TEST_CASE(custom_function_mark_dirty_takes_the_input_in_place) {
  Tensor x = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  Tensor y = x * 3;
  const auto version = y._version();
  Tensor z = DoubleInPlace::apply(y);
  BOOST_TEST(z.is_same(y));  // the same tensor, not a new handle
  BOOST_TEST(y._version() > version);
  BOOST_TEST(y.grad_fn()->name() == "(anonymous namespace)::DoubleInPlace");
  BOOST_TEST(values(y) == std::vector<double>({6, 12}), boost::test_tools::per_element());
  y.sum().backward();
  BOOST_TEST(values(x.grad()) == std::vector<double>({6, 6}), boost::test_tools::per_element());
  // A leaf that requires grad cannot be modified in place; a dirty input must be returned.
  std::string m = error_of([&] { DoubleInPlace::apply(x); });
  BOOST_TEST(m.find("leaf Variable that requires grad") != std::string::npos, m);
  m = error_of([&] { DirtyNotReturned::apply(x * 1); });
  BOOST_TEST(m.find("marked dirty during forward were not returned") != std::string::npos, m);
}

BOOST_AUTO_TEST_CASE(custom_functions) {
  Tensor x = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  Tensor y = MulConstant::apply(x, 5.0);
  BOOST_TEST(y.grad_fn()->name() == "(anonymous namespace)::MulConstant");
  y.sum().backward();
  BOOST_TEST(values(x.grad()) == std::vector<double>({5, 5}), boost::test_tools::per_element());
  BOOST_TEST(xg::autograd::gradcheck([](const variable_list& v) { return MulConstant::apply(v[0], -2.0); }, {x}));
  // gradcheck catches a wrong backward.
  BOOST_TEST(!xg::autograd::gradcheck([](const variable_list& v) { return WrongSquare::apply(v[0]); }, {x}, 1e-6,
                                      1e-5, 1e-3, /*raise_exception=*/false));
  const std::string m = error_of([&] { TooManyGrads::apply(x).sum().backward(); });
  BOOST_TEST(m.find("incorrect number of gradients") != std::string::npos, m);
  // Without inputs that require grad nothing is recorded.
  BOOST_TEST(!MulConstant::apply(xg::ones({2}), 2.0).requires_grad());
}

BOOST_AUTO_TEST_CASE(numerical_gradient_reproduces_tutorial) {
  auto f = [](const Tensor& v) { return (v * v).sum(); };
  // The tutorial prints [6. 8.], [0. 4.], [6. 0.]
  for (auto [point, expected] : std::vector<std::pair<std::vector<double>, std::vector<double>>>{
           {{3, 4}, {6, 8}}, {{0, 2}, {0, 4}}, {{3, 0}, {6, 0}}}) {
    Tensor x = xg::tensor(point, f64);
    Tensor before = x.clone();
    const std::vector<double> got = values(xg::autograd::numerical_gradient(f, x));
    for (size_t i = 0; i < expected.size(); ++i) BOOST_TEST(got[i] == expected[i], boost::test_tools::tolerance(1e-9));
    BOOST_TEST(xg::equal(x, before));  // the input is left untouched
  }
}

BOOST_AUTO_TEST_CASE(graph_as_dot_and_trace) {
  Tensor x = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  Tensor w = xg::tensor({3.0, 4.0}, f64);  // needs no grad: no box, no edge
  Tensor loss = (x * w).tanh().sum();
  const std::string dot = xg::autograd::to_dot(loss);
  BOOST_TEST(dot.find("digraph") == 0u);
  for (const char* expected : {"SumBackward0", "TanhBackward0", "MulBackward0", "leaf\\n[2]", "output\\n[]"})
    BOOST_TEST(dot.find(expected) != std::string::npos, expected << " missing from\n" << dot);
  BOOST_TEST(std::count(dot.begin(), dot.end(), '>') == 4);  // leaf->Mul->Tanh->Sum->output

  std::ostringstream trace;
  {
    xg::autograd::TraceGuard guard(trace);
    loss.backward();
  }
  const std::string text = trace.str();
  const size_t sum = text.find("SumBackward0\n  receives grad [] [1]\n  sends to TanhBackward0: [2] [1, 1]");
  const size_t tanh = text.find("TanhBackward0\n");
  const size_t mul = text.find("MulBackward0\n");
  const size_t sink = text.find("torch::autograd::AccumulateGrad\n");
  BOOST_TEST(sum != std::string::npos, text);
  BOOST_TEST((sum < tanh && tanh < mul && mul < sink), text);  // root first, leaf last
  BOOST_TEST(text.find("sends to torch::autograd::AccumulateGrad: [2]") != std::string::npos, text);
  // Outside the guard nothing is printed.
  std::ostringstream quiet;
  (x * 2).sum().backward();
  BOOST_TEST(quiet.str().empty());
}

BOOST_AUTO_TEST_CASE(post_accumulate_grad_hooks_see_the_accumulated_gradient) {
  Tensor w = xg::tensor({1.0, 2.0}, f64.requires_grad(true));
  std::vector<std::vector<double>> seen;
  unsigned handle = w.register_post_accumulate_grad_hook([&](const Tensor& t) {
    BOOST_TEST(t.is_same(w));  // called with the parameter itself
    seen.push_back(values(t.grad()));
  });
  (w * 3).sum().backward();
  (w * w).sum().backward();  // accumulates: 3 + 2w
  BOOST_TEST(seen.size() == 2u);
  BOOST_TEST(seen[0] == (std::vector<double>{3, 3}), boost::test_tools::per_element());
  BOOST_TEST(seen[1] == (std::vector<double>{5, 7}), boost::test_tools::per_element());
  w.remove_hook(handle);
  (w * 3).sum().backward();
  BOOST_TEST(seen.size() == 2u);
  Tensor h = w * 2;
  BOOST_TEST(error_of([&] { h.register_post_accumulate_grad_hook([](const Tensor&) {}); }) ==
             "[register_post_accumulate_grad_hook] post accumulate grad hooks cannot be registered on non-leaf tensors");
}

// An op with an optional input left undefined (conv2d without a bias) on inputs that need no
// gradient records nothing and does not ask the missing input whether it requires grad.
BOOST_AUTO_TEST_CASE(optional_undefined_input_without_grad) {
  const Tensor y = xg::conv2d(xg::ones({1, 1, 3, 3}), xg::ones({1, 1, 2, 2}));
  BOOST_TEST(!y.requires_grad());
  BOOST_TEST(y.sum().item<float>() == 16.0f);
}
