// The gradient of every differentiable op, checked against central differences.
//
// Each entry of the table below is one op on float64 inputs of a few shapes
// (broadcasting included), with inputs kept away from the points where the op
// is not differentiable. Every entry is checked to first order (gradcheck) and
// to second order (gradgradcheck). The last test walks the graphs the table
// recorded and fails if some backward node the library can record
// (autograd/graph/backward_nodes.def) was never produced: a new op cannot go
// unchecked.

#define BOOST_TEST_MODULE gradcheck
#include <boost/test/unit_test.hpp>

#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
using xg::autograd::variable_list;
using xg::indexing::Ellipsis;
using xg::indexing::None;
using xg::indexing::Slice;

namespace {

const xg::TensorOptions f64 = xg::TensorOptions().dtype(xg::kDouble);

std::string shape_string(xg::IntArrayRef shape) {
  std::ostringstream out;
  out << shape;
  return out.str();
}

// ---- input samplers --------------------------------------------------------------------
Tensor normal(xg::IntArrayRef shape) { return xg::randn(shape, f64); }
Tensor positive(xg::IntArrayRef shape) { return xg::rand(shape, f64) * 1.5 + 0.5; }
// |x| in [0.2, 1.2]: away from the kink of abs, relu, sign at 0.
Tensor away_from_zero(xg::IntArrayRef shape) {
  Tensor magnitude = xg::rand(shape, f64) + 0.2;
  return xg::where(xg::rand(shape, f64) < 0.5, -magnitude, magnitude);
}
// Pairwise distinct values (at least 0.1 apart): no ties for max, min, sort-like ops.
Tensor distinct(xg::IntArrayRef shape) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  std::vector<double> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) values[i] = 0.1 * static_cast<double>(i) - 0.05 * static_cast<double>(n);
  std::mt19937 shuffle(static_cast<unsigned>(n));
  std::shuffle(values.begin(), values.end(), shuffle);
  return xg::tensor(values, f64).view(shape);
}

struct GradCase {
  std::string name;
  std::function<variable_list()> make_inputs;  // inputs that require grad are differentiated
  std::function<Tensor(const variable_list&)> fn;
  bool second_order = true;
};

variable_list grad_inputs(std::initializer_list<Tensor> list) {
  variable_list out;
  for (const Tensor& t : list) out.push_back(t.is_floating_point() ? t.requires_grad_(true) : t);
  return out;
}

// Unary op on several shapes.
void add_unary(std::vector<GradCase>& cases, const std::string& name, Tensor (*sampler)(xg::IntArrayRef),
               std::function<Tensor(const Tensor&)> op, bool second_order = true) {
  for (std::vector<int64_t> shape : {std::vector<int64_t>{}, {5}, {2, 3}, {2, 1, 3}}) {
    cases.push_back({name + " " + shape_string(shape),
                     [=] { return grad_inputs({sampler(shape)}); },
                     [op](const variable_list& x) { return op(x[0]); }, second_order});
  }
}

// Binary op on broadcasting shape pairs.
void add_binary(std::vector<GradCase>& cases, const std::string& name, Tensor (*sample_a)(xg::IntArrayRef),
                Tensor (*sample_b)(xg::IntArrayRef), std::function<Tensor(const Tensor&, const Tensor&)> op) {
  const std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>> shapes = {
      {{4}, {4}}, {{2, 3}, {3}}, {{3, 1}, {1, 4}}, {{2, 1, 3}, {4, 1}}, {{}, {2, 2}}, {{2, 3}, {}}};
  for (const auto& [sa, sb] : shapes) {
    cases.push_back({name + " " + shape_string(sa) + " & " + shape_string(sb),
                     [=] { return grad_inputs({sample_a(sa), sample_b(sb)}); },
                     [op](const variable_list& x) { return op(x[0], x[1]); }});
  }
}

std::vector<GradCase> build_cases() {
  std::vector<GradCase> c;
  using T = const Tensor&;
  // ---- arithmetic
  add_binary(c, "add", normal, normal, [](T a, T b) { return a + b; });
  add_binary(c, "add alpha", normal, normal, [](T a, T b) { return xg::add(a, b, 2.5); });
  add_binary(c, "sub", normal, normal, [](T a, T b) { return a - b; });
  add_binary(c, "mul", normal, normal, [](T a, T b) { return a * b; });
  add_binary(c, "div", normal, away_from_zero, [](T a, T b) { return a / b; });
  add_binary(c, "pow tensor", positive, normal, [](T a, T b) { return xg::pow(a, b); });
  add_binary(c, "maximum", distinct, normal, [](T a, T b) { return xg::maximum(a, b + 0.05); });
  add_binary(c, "minimum", distinct, normal, [](T a, T b) { return xg::minimum(a, b + 0.05); });
  add_binary(c, "where", normal, normal, [](T a, T b) { return xg::where(a > b, a * 2, b); });
  add_unary(c, "add scalar", normal, [](T x) { return x + 1.5; });
  add_unary(c, "add scalar method", normal, [](T x) { return x.add(1.5, 2); });
  add_unary(c, "sub scalar", normal, [](T x) { return x.sub(1.5); });
  add_unary(c, "rsub scalar", normal, [](T x) { return 2.0 - x; });
  add_unary(c, "mul scalar", normal, [](T x) { return x * 3.0; });
  add_unary(c, "div scalar", normal, [](T x) { return x / 4.0; });
  add_unary(c, "scalar div", away_from_zero, [](T x) { return 2.0 / x; });
  add_unary(c, "neg", normal, [](T x) { return -x; });
  add_unary(c, "pow 3", normal, [](T x) { return x.pow(3); });
  add_unary(c, "pow 2", normal, [](T x) { return x.pow(2); });
  add_unary(c, "pow 0.5", positive, [](T x) { return x.pow(0.5); });
  add_unary(c, "pow 0", normal, [](T x) { return x.pow(0); });
  add_unary(c, "scalar pow", normal, [](T x) { return xg::pow(2.5, x); });
  // ---- elementwise
  add_unary(c, "abs", away_from_zero, [](T x) { return x.abs(); });
  add_unary(c, "exp", normal, [](T x) { return x.exp(); });
  add_unary(c, "log", positive, [](T x) { return x.log(); });
  add_unary(c, "sqrt", positive, [](T x) { return x.sqrt(); });
  add_unary(c, "rsqrt", positive, [](T x) { return x.rsqrt(); });
  add_unary(c, "square", normal, [](T x) { return x.square(); });
  add_unary(c, "sin", normal, [](T x) { return x.sin(); });
  add_unary(c, "cos", normal, [](T x) { return x.cos(); });
  add_unary(c, "tanh", normal, [](T x) { return x.tanh(); });
  add_unary(c, "sigmoid", normal, [](T x) { return x.sigmoid(); });
  add_unary(c, "relu", away_from_zero, [](T x) { return x.relu(); });
  add_binary(c, "threshold_backward", normal, away_from_zero, [](T g, T x) { return xg::threshold_backward(g, x, 0.1); });
  add_unary(c, "sign", away_from_zero, [](T x) { return x.sign() * x; });
  add_unary(c, "reciprocal", away_from_zero, [](T x) { return x.reciprocal(); });
  add_unary(c, "clamp", away_from_zero, [](T x) { return x.clamp(-0.1, 0.1); });  // bounds inside the gap
  add_unary(c, "clamp_min", away_from_zero, [](T x) { return x.clamp_min(0.05); });
  add_unary(c, "clamp_max", away_from_zero, [](T x) { return x.clamp_max(-0.05); });
  // ---- reductions
  add_unary(c, "sum", normal, [](T x) { return x.sum(); });
  add_unary(c, "mean", normal, [](T x) { return x.mean(); });
  add_unary(c, "prod", away_from_zero, [](T x) { return x.prod(); });
  add_unary(c, "max", distinct, [](T x) { return x.max(); });
  add_unary(c, "min", distinct, [](T x) { return x.min(); });
  add_unary(c, "norm", away_from_zero, [](T x) { return x.norm(); });
  add_unary(c, "norm p=1", away_from_zero, [](T x) { return x.norm(1); });
  add_unary(c, "norm p=3", away_from_zero, [](T x) { return x.norm(3); });
  add_unary(c, "norm p=inf", distinct, [](T x) { return x.norm(INFINITY) * x.sum(); });
  auto matrix = [](Tensor (*sampler)(xg::IntArrayRef)) { return [=] { return grad_inputs({sampler({3, 4})}); }; };
  auto cube = [](Tensor (*sampler)(xg::IntArrayRef)) { return [=] { return grad_inputs({sampler({2, 3, 4})}); }; };
  c.push_back({"sum dim", cube(normal), [](const variable_list& x) { return x[0].sum(1); }});
  c.push_back({"sum dims keepdim", cube(normal), [](const variable_list& x) { return x[0].sum({0, 2}, true); }});
  c.push_back({"mean dims", cube(normal), [](const variable_list& x) { return x[0].mean({-1, 0}); }});
  c.push_back({"prod dim", cube(away_from_zero), [](const variable_list& x) { return x[0].prod(1); }});
  c.push_back({"prod with zeros", [] {
                 Tensor x = away_from_zero({3, 4});
                 {
                   xg::NoGradGuard no_grad;
                   x[0][1].fill_(0);
                   x[1][0].fill_(0);
                   x[1][2].fill_(0);
                 }
                 return grad_inputs({x});
               },
               [](const variable_list& x) { return x[0].prod(1); }, false});
  c.push_back({"max dim", cube(distinct), [](const variable_list& x) { return std::get<0>(x[0].max(1)); }});
  c.push_back({"min dim keepdim", cube(distinct), [](const variable_list& x) { return std::get<0>(x[0].min(-1, true)); }});
  c.push_back({"norm dim", cube(away_from_zero), [](const variable_list& x) { return x[0].norm(2, {1}); }});
  c.push_back({"var", matrix(normal), [](const variable_list& x) { return x[0].var(); }});
  c.push_back({"var dim biased", cube(normal), [](const variable_list& x) { return x[0].var({1}, false, true); }});
  c.push_back({"std", matrix(normal), [](const variable_list& x) { return x[0].std(); }});
  c.push_back({"std dims", cube(normal), [](const variable_list& x) { return x[0].std({0, 2}); }});
  c.push_back({"logsumexp", cube(normal), [](const variable_list& x) { return x[0].logsumexp({1}); }});
  c.push_back({"logsumexp keepdim", matrix(normal), [](const variable_list& x) { return x[0].logsumexp({0, 1}, true); }});
  c.push_back({"softmax", cube(normal), [](const variable_list& x) { return x[0].softmax(1); }});
  c.push_back({"softmax last", matrix(normal), [](const variable_list& x) { return x[0].softmax(-1); }});
  c.push_back({"log_softmax", cube(normal), [](const variable_list& x) { return x[0].log_softmax(2); }});
  // ---- linear algebra
  auto pair = [](std::vector<int64_t> sa, std::vector<int64_t> sb) {
    return [=] { return grad_inputs({normal(sa), normal(sb)}); };
  };
  auto product = [](const variable_list& x) { return xg::matmul(x[0], x[1]); };
  c.push_back({"mm", pair({3, 4}, {4, 2}), [](const variable_list& x) { return x[0].mm(x[1]); }});
  c.push_back({"mm transposed", pair({4, 3}, {2, 4}), [](const variable_list& x) { return x[0].t().mm(x[1].t()); }});
  c.push_back({"mv", pair({3, 4}, {4}), [](const variable_list& x) { return x[0].mv(x[1]); }});
  c.push_back({"mv transposed", pair({4, 3}, {4}), [](const variable_list& x) { return x[0].t().mv(x[1]); }});
  c.push_back({"bmm", pair({2, 3, 4}, {2, 4, 2}), [](const variable_list& x) { return x[0].bmm(x[1]); }});
  c.push_back({"dot", pair({5}, {5}), [](const variable_list& x) { return x[0].dot(x[1]); }});
  c.push_back({"outer", pair({3}, {4}), [](const variable_list& x) { return x[0].outer(x[1]); }});
  c.push_back({"matmul 1D.1D", pair({4}, {4}), product});
  c.push_back({"matmul 1D.2D", pair({4}, {4, 3}), product});
  c.push_back({"matmul 2D.1D", pair({3, 4}, {4}), product});
  c.push_back({"matmul 3D.2D", pair({2, 3, 4}, {4, 2}), product});
  c.push_back({"matmul 3D.1D", pair({2, 3, 4}, {4}), product});
  c.push_back({"matmul 1D.3D", pair({4}, {2, 4, 3}), product});
  c.push_back({"matmul broadcast", pair({2, 1, 3, 4}, {3, 4, 2}), product});
  // ---- views, copies, joins
  c.push_back({"view", cube(normal), [](const variable_list& x) { return x[0].view({4, 6}) * xg::arange(6, f64); }});
  c.push_back({"reshape non-contiguous", cube(normal), [](const variable_list& x) { return x[0].transpose(0, 2).reshape({-1}); }});
  c.push_back({"select", cube(normal), [](const variable_list& x) { return x[0].select(1, -1); }});
  c.push_back({"narrow", cube(normal), [](const variable_list& x) { return x[0].narrow(2, 1, 2); }});
  c.push_back({"slice step", cube(normal), [](const variable_list& x) { return x[0].slice(2, 0, 4, 2); }});
  c.push_back({"index", cube(normal), [](const variable_list& x) { return x[0].index({Slice(), 1, None, Slice(1, None)}); }});
  c.push_back({"index ellipsis", cube(normal), [](const variable_list& x) { return x[0].index({Ellipsis, 0}); }});
  c.push_back({"transpose", cube(normal), [](const variable_list& x) { return x[0].transpose(0, 1) * xg::arange(4, f64); }});
  c.push_back({"t", matrix(normal), [](const variable_list& x) { return x[0].t() * xg::arange(3, f64); }});
  c.push_back({"permute", cube(normal), [](const variable_list& x) { return x[0].permute({2, 0, 1}) * xg::arange(3, f64); }});
  c.push_back({"expand", [] { return grad_inputs({normal({3, 1})}); }, [](const variable_list& x) { return x[0].expand({2, 3, 4}) * xg::arange(4, f64); }});
  c.push_back({"squeeze", [] { return grad_inputs({normal({3, 1, 2})}); }, [](const variable_list& x) { return x[0].squeeze(); }});
  c.push_back({"squeeze dim", [] { return grad_inputs({normal({3, 1, 2})}); }, [](const variable_list& x) { return x[0].squeeze(1); }});
  c.push_back({"unsqueeze", matrix(normal), [](const variable_list& x) { return x[0].unsqueeze(1) * xg::arange(3, f64).view({3, 1, 1}); }});
  c.push_back({"flatten", cube(normal), [](const variable_list& x) { return x[0].flatten(1); }});
  c.push_back({"clone", matrix(normal), [](const variable_list& x) { return x[0].clone() * 2; }});
  c.push_back({"to float64 from float32", matrix(normal), [](const variable_list& x) { return x[0].to(xg::kFloat).to(xg::kDouble) * 0 + x[0]; }});
  c.push_back({"cat", pair({2, 3}, {4, 3}), [](const variable_list& x) { return xg::cat({x[0], x[1] * 2}, 0); }});
  c.push_back({"cat dim 1", pair({3, 2}, {3, 1}), [](const variable_list& x) { return xg::cat({x[0], x[1]}, -1); }});
  c.push_back({"stack", pair({2, 3}, {2, 3}), [](const variable_list& x) { return xg::stack({x[0], x[1]}, 1); }});
  c.push_back({"index_put_", pair({3, 4}, {4}), [](const variable_list& x) {
                 Tensor y = x[0] * 1;
                 y.index_put_({1}, x[1] * 3);
                 return y;
               }});
  c.push_back({"copy_ into non-leaf", pair({3, 4}, {4}), [](const variable_list& x) {
                 Tensor y = x[0] * 1;
                 y.copy_(x[1]);
                 return y * x[0];
               }});
  c.push_back({"in-place chain", pair({3, 4}, {4}), [](const variable_list& x) {
                 Tensor y = x[0] * 1;
                 y.mul_(x[1]).add_(x[1], 0.5).div_(2.0).sub_(0.25);
                 y.clamp_(-1.0, 1.0);
                 return y;
               }});
  return c;
}

// Every node name reachable from the graph of `t`.
void collect_node_names(const Tensor& t, std::set<std::string>& names) {
  std::vector<xg::autograd::Node*> stack;
  std::set<xg::autograd::Node*> seen;
  if (t.defined() && t.grad_fn()) stack.push_back(t.grad_fn().get());
  while (!stack.empty()) {
    auto* node = stack.back();
    stack.pop_back();
    if (!seen.insert(node).second) continue;
    names.insert(node->name());
    for (const auto& edge : node->next_edges())
      if (edge.function) stack.push_back(edge.function.get());
  }
}

std::set<std::string>& produced_names() {
  static std::set<std::string> names;
  return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_op_gradcheck) {
  xg::manual_seed(2024);
  for (const GradCase& c : build_cases()) {
    BOOST_TEST_CONTEXT("op: " << c.name) {
      variable_list inputs = c.make_inputs();
      Tensor out = c.fn(inputs);
      collect_node_names(out, produced_names());
      BOOST_CHECK_NO_THROW(xg::autograd::gradcheck(c.fn, inputs, 1e-6, 1e-6, 1e-4));
      if (c.second_order) {
        BOOST_CHECK_NO_THROW(xg::autograd::gradgradcheck(c.fn, inputs, 1e-6, 1e-5, 1e-3));
        // The graph of the gradient itself, for the names of double-backward nodes.
        variable_list differentiable;
        for (const Tensor& x : inputs)
          if (x.requires_grad()) differentiable.push_back(x);
        Tensor again = c.fn(inputs);
        Tensor weight = xg::ones_like(again).requires_grad_(true);
        variable_list grads = xg::autograd::grad({again}, differentiable, {weight}, true, true, true);
        for (const Tensor& g : grads) collect_node_names(g, produced_names());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_backward_node_is_checked) {
  // Runs after every_op_gradcheck (Boost.Test keeps declaration order).
  for (const char* name : xg::autograd::all_backward_node_names()) {
    BOOST_TEST_CONTEXT("node: " << name) {
      BOOST_TEST(produced_names().count(name) == 1u, name << " is never produced by the gradcheck table");
    }
  }
}
