// The gradient of every op, checked against central differences, walked from the op
// list itself (autograd/tensor/ops.def): an op cannot be added without its checks.
//
// Each row of the list says what to differentiate, in the words defined below:
//   unary(sampler, extra...)     xg::op(x, extra...) for x of four shapes (0-d to 3-d)
//   binary(sa, sb, extra...)     xg::op(a, b, extra...) for six broadcasting shape pairs
//   on(inputs, extra...)         xg::op(inputs..., extra...) for the inputs given, such as
//                                cube(normal) [2, 3, 4], matrix(positive) [3, 4],
//                                shaped(normal, {3, 1}), pair({3, 4}, {4, 2})
//   in_place(inputs, extra...)   y = inputs[0] * 1; xg::op(y, other inputs..., extra...); y
//   custom(inputs, [](V x) {..}) any expression of the inputs x
//   checks(a, b, ...)            all of them; first_order(c): c without the second order
//   not_differentiable           nothing to check (comparisons, random fills)
// The samplers keep inputs away from the points where an op is not differentiable.
//
// Every case runs at float64 to first order (gradcheck) and, unless first_order, to
// second order (gradgradcheck). Each row must record the backward nodes it names, and
// every node the cases record must be named by some row.

#define BOOST_TEST_MODULE gradcheck
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
using xg::autograd::variable_list;
using xg::indexing::Ellipsis;
using xg::indexing::None;
using xg::indexing::Slice;

namespace {

const xg::TensorOptions f64 = xg::TensorOptions().dtype(xg::kDouble);
using V = const variable_list&;

std::string shape_string(xg::IntArrayRef shape) {
  std::ostringstream out;
  out << shape;
  return out.str();
}

// ---- samplers ----------------------------------------------------------------------------
using Sampler = Tensor (*)(xg::IntArrayRef);
Tensor normal(xg::IntArrayRef shape) { return xg::randn(shape, f64); }
Tensor positive(xg::IntArrayRef shape) { return xg::rand(shape, f64) * 1.5 + 0.5; }
// |x| in [0.2, 1.2]: away from the kink of abs, relu, sign at 0.
Tensor away_from_zero(xg::IntArrayRef shape) {
  Tensor magnitude = xg::rand(shape, f64) + 0.2;
  return xg::where(xg::rand(shape, f64) < 0.5, -magnitude, magnitude);
}
// Square matrices (batches of them) far from singular: normal entries plus 4 on the diagonal.
Tensor invertible(xg::IntArrayRef shape) { return xg::randn(shape, f64) + xg::eye(shape.back(), f64) * 4.0; }
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

// ---- inputs: sets of N tensors to differentiate ------------------------------------------------
struct InputSet {
  std::string label;
  std::function<variable_list()> make;  // floating inputs require grad
};
template <size_t N>
struct Inputs {
  std::vector<InputSet> sets;
};

variable_list grad_inputs(std::initializer_list<Tensor> list) {
  variable_list out;
  for (const Tensor& t : list) out.push_back(t.is_floating_point() ? t.requires_grad_(true) : t);
  return out;
}

Inputs<1> shaped(Sampler s, std::vector<int64_t> shape) {
  return {{{shape_string(shape), [=] { return grad_inputs({s(shape)}); }}}};
}
Inputs<1> cube(Sampler s) { return shaped(s, {2, 3, 4}); }
Inputs<1> matrix(Sampler s) { return shaped(s, {3, 4}); }
Inputs<1> shapes(Sampler s) {
  Inputs<1> all;
  for (std::vector<int64_t> shape : {std::vector<int64_t>{}, {5}, {2, 3}, {2, 1, 3}})
    all.sets.push_back(shaped(s, shape).sets[0]);
  return all;
}
Inputs<2> pair(std::vector<int64_t> sa, std::vector<int64_t> sb, Sampler s = normal) {
  return {{{shape_string(sa) + " & " + shape_string(sb), [=] { return grad_inputs({normal(sa), s(sb)}); }}}};
}
// Three inputs that broadcast together; the last drawn from s (a divisor, say).
Inputs<3> triple(std::vector<int64_t> sa, std::vector<int64_t> sb, std::vector<int64_t> sc, Sampler s = normal) {
  return {{{shape_string(sa) + " & " + shape_string(sb) + " & " + shape_string(sc),
            [=] { return grad_inputs({normal(sa), normal(sb), s(sc)}); }}}};
}
Inputs<2> pairs(Sampler a, Sampler b) {
  Inputs<2> all;
  const std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>> shapes = {
      {{4}, {4}}, {{2, 3}, {3}}, {{3, 1}, {1, 4}}, {{2, 1, 3}, {4, 1}}, {{}, {2, 2}}, {{2, 3}, {}}};
  for (const auto& [sa, sb] : shapes)
    all.sets.push_back({shape_string(sa) + " & " + shape_string(sb), [=, a = a, b = b] {
                          return grad_inputs({a(sa), b(sb)});
                        }});
  return all;
}
// A [3, 4] matrix with three zeros, where the product's gradient needs care.
Inputs<1> with_zeros() {
  return {{{"[3, 4] with zeros", [] {
              Tensor x = away_from_zero({3, 4});
              {
                xg::NoGradGuard no_grad;
                x[0][1].fill_(0);
                x[1][0].fill_(0);
                x[1][2].fill_(0);
              }
              return grad_inputs({x});
            }}}};
}
// Probabilities in [0.1, 0.9] and targets in [0, 1], [2, 3].
Inputs<2> probabilities() {
  return {{{"[2, 3] probabilities & targets", [] {
              return grad_inputs({xg::rand({2, 3}, f64) * 0.8 + 0.1, xg::rand({2, 3}, f64)});
            }}}};
}
template <class... D>
std::vector<int64_t> dims(D... d) {
  return {static_cast<int64_t>(d)...};
}

// ---- checks: what a row differentiates --------------------------------------------------------
struct Case {
  std::string label;
  std::function<variable_list()> make_inputs;
  std::function<Tensor(const variable_list&)> fn;
  bool second_order = true;
};
using Cases = std::vector<Case>;

// One case per input set, each differentiating fn(inputs).
template <size_t N>
Cases per_set(const Inputs<N>& inputs, const std::string& suffix, std::function<Tensor(const variable_list&)> fn) {
  Cases out;
  for (const InputSet& set : inputs.sets) out.push_back({set.label + suffix, set.make, fn});
  return out;
}

Tensor first_output(const Tensor& t) { return t; }
Tensor first_output(const std::tuple<Tensor, Tensor>& t) { return std::get<0>(t); }

// op(inputs..., extra...) for each input set.
template <size_t N, class... Extra>
struct On {
  Inputs<N> inputs;
  std::tuple<Extra...> extra;
  template <class Op>
  Cases cases(const Op& op) const {
    return per_set(inputs, "", [op, extra = extra](const variable_list& x) {
      return call(op, x, extra, std::make_index_sequence<N>());
    });
  }
  template <class Op, size_t... I>
  static Tensor call(const Op& op, const variable_list& x, const std::tuple<Extra...>& extra,
                     std::index_sequence<I...>) {
    return std::apply([&](const auto&... e) { return first_output(op(x[I]..., e...)); }, extra);
  }
};
template <size_t N, class... Extra>
On<N, Extra...> on(Inputs<N> inputs, Extra... extra) {
  return {std::move(inputs), {extra...}};
}
template <class... Extra>
On<1, Extra...> unary(Sampler s, Extra... extra) {
  return on(shapes(s), extra...);
}
template <class... Extra>
On<2, Extra...> binary(Sampler a, Sampler b, Extra... extra) {
  return on(pairs(a, b), extra...);
}

// y = inputs[0] * 1 (not a leaf, so it may be written), then op(y, other inputs..., extra...).
template <size_t N, class... Extra>
struct InPlace {
  Inputs<N> inputs;
  std::tuple<Extra...> extra;
  template <class Op>
  Cases cases(const Op& op) const {
    return per_set(inputs, " in place", [op, extra = extra](const variable_list& x) {
      Tensor y = x[0] * 1;
      call(op, y, x, extra, std::make_index_sequence<N - 1>());
      return y;
    });
  }
  template <class Op, size_t... I>
  static void call(const Op& op, Tensor& y, const variable_list& x, const std::tuple<Extra...>& extra,
                   std::index_sequence<I...>) {
    std::apply([&](const auto&... e) { op(y, x[I + 1]..., e...); }, extra);
  }
};
template <size_t N, class... Extra>
InPlace<N, Extra...> in_place(Inputs<N> inputs, Extra... extra) {
  return {std::move(inputs), {extra...}};
}

template <size_t N>
struct Custom {
  Inputs<N> inputs;
  std::function<Tensor(const variable_list&)> fn;
  template <class Op>
  Cases cases(const Op&) const {
    return per_set(inputs, "", fn);
  }
};
template <size_t N>
Custom<N> custom(Inputs<N> inputs, std::function<Tensor(const variable_list&)> fn) {
  return {std::move(inputs), std::move(fn)};
}

template <class... C>
struct Checks {
  std::tuple<C...> all;
  template <class Op>
  Cases cases(const Op& op) const {
    Cases out;
    std::apply([&](const auto&... c) { (append(out, c.cases(op)), ...); }, all);
    return out;
  }
  static void append(Cases& out, Cases more) {
    for (Case& c : more) out.push_back(std::move(c));
  }
};
template <class... C>
Checks<C...> checks(C... c) {
  return {{std::move(c)...}};
}

template <class C>
struct FirstOrder {
  C inner;
  template <class Op>
  Cases cases(const Op& op) const {
    Cases out = inner.cases(op);
    for (Case& c : out) c.second_order = false;
    return out;
  }
};
template <class C>
FirstOrder<C> first_order(C c) {
  return {std::move(c)};
}

struct NotDifferentiable {
  template <class Op>
  Cases cases(const Op&) const {
    return {};
  }
};
const NotDifferentiable not_differentiable;

// ---- the rows -------------------------------------------------------------------------------
struct Row {
  std::string op;                  // "add (const Tensor& other, const Scalar& alpha = 1)"
  std::vector<std::string> nodes;  // the backward nodes the op records
  Cases cases;
};

template <class Op, class Check>
void add_row(std::vector<Row>& rows, std::string op, std::vector<std::string> nodes, const Op& call,
             const Check& check) {
  rows.push_back({std::move(op), std::move(nodes), check.cases(call)});
}

#define XG_CALL_FREE(name) [](auto&&... a) -> decltype(auto) { return xg::name(a...); }
#define XG_OP(R, name, params, args, nodes, checks) \
  add_row(rows, #name " " #params, {XG_EXPAND nodes}, XG_CALL_FREE(name), checks);
#define XG_OP0(R, name, nodes, checks) add_row(rows, #name "()", {XG_EXPAND nodes}, XG_CALL_FREE(name), checks);
#define XG_OP_(name, params, args, nodes, checks) \
  add_row(rows, #name " " #params, {XG_EXPAND nodes}, XG_CALL_FREE(name), checks);
#define XG_OP0_(name, nodes, checks) add_row(rows, #name "()", {XG_EXPAND nodes}, XG_CALL_FREE(name), checks);
#define XG_FN(R, name, params, nodes, checks) \
  add_row(rows, #name " " #params, {XG_EXPAND nodes}, XG_CALL_FREE(name), checks);
#define XG_METHOD(R, name, params, nodes, checks)                                      \
  add_row(rows, "Tensor::" #name " " #params, {XG_EXPAND nodes},                       \
          [](auto& self, auto&&... a) -> decltype(auto) { return self.name(a...); }, checks);

std::vector<Row> build_rows() {
  std::vector<Row> rows;
#include <xgrad/autograd/tensor/ops.def>
  return rows;
}

#include <xgrad/autograd/tensor/ops_undef.h>

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

// Runs one case; returns the names of the nodes its graphs (and its gradient's graphs) hold.
std::set<std::string> run_case(const Case& c) {
  std::set<std::string> produced;
  variable_list inputs = c.make_inputs();
  Tensor out = c.fn(inputs);
  collect_node_names(out, produced);
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
    for (const Tensor& g : grads) collect_node_names(g, produced);
  }
  return produced;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_op_gradcheck) {
  xg::manual_seed(2024);
  const std::vector<Row> rows = build_rows();
  std::set<std::string> named = {"torch::autograd::AccumulateGrad"}, produced_by_all;
  for (const Row& row : rows) named.insert(row.nodes.begin(), row.nodes.end());
  size_t differentiable_rows = 0;
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("op: " << row.op) {
      std::set<std::string> produced;
      for (const Case& c : row.cases) {
        BOOST_TEST_CONTEXT("inputs: " << c.label) {
          for (const std::string& name : run_case(c)) produced.insert(name);
        }
      }
      for (const std::string& node : row.nodes)
        BOOST_TEST(produced.count(node) == 1u, node << " is named by the row but its checks never record it");
      produced_by_all.insert(produced.begin(), produced.end());
      differentiable_rows += row.cases.empty() ? 0 : 1;
    }
  }
  for (const std::string& name : produced_by_all)
    BOOST_TEST(named.count(name) == 1u, name << " is recorded but no row of ops.def names it");
  BOOST_TEST_MESSAGE(rows.size() << " rows, " << differentiable_rows << " of them differentiable");
  BOOST_TEST(differentiable_rows > 100u);
}
