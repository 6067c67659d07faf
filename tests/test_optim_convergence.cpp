// Every optimizer finds the minimum of three textbook problems, and momentum
// beats plain gradient descent on an ill-conditioned quadratic.
//
// Each row of the tables below states the optimizer's settings, the tolerance
// on the distance ‖θ - θ*‖ to the known minimum, and the budget of steps within
// which the distance must fall below it. The budgets are about 1.3-2x the steps
// torch.optim needs with the same settings (xgrad follows the same trajectories,
// see test_optim_reference.cpp). All problems are in float64.

#define BOOST_TEST_MODULE optim_convergence
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
namespace optim = xg::optim;

namespace {

// ---- problems --------------------------------------------------------------------------------

struct Problem {
  std::string name;
  std::vector<Tensor> start;    // initial parameter values
  std::vector<Tensor> minimum;  // where the loss is smallest
  std::function<Tensor(const std::vector<Tensor>&)> loss;
};

Tensor vec(std::vector<double> values) { return xg::tensor(values, xg::kDouble); }

/// f(x) = ½ Σ a_i (x_i - c_i)², curvatures 1..5 (condition number 5), from x = 0.
Problem quadratic_bowl() {
  const Tensor a = vec({1, 2, 3, 4, 5});
  const Tensor c = vec({1, -2, 0.5, 3, -1});
  return {"quadratic bowl", {xg::zeros({5}, xg::kDouble)}, {c},
          [a, c](const std::vector<Tensor>& p) { return 0.5 * (a * (p[0] - c).square()).sum(); }};
}

/// f(x, y) = (1 - x)² + 100 (y - x²)², a curved narrow valley, from (-1.5, 2); minimum at (1, 1).
Problem rosenbrock() {
  return {"Rosenbrock", {vec({-1.5, 2.0})}, {vec({1.0, 1.0})}, [](const std::vector<Tensor>& p) {
            Tensor x = p[0][0], y = p[0][1];
            return (1 - x).square() + 100 * (y - x.square()).square();
          }};
}

/// Least squares: mean((X w + b - y)²) for 40 noise-free points y = X w* + b*,
/// X_ij = sin(0.7 i j + 0.3 j), w* = (2, -3, 0.5), b* = 1.
Problem linear_regression() {
  const Tensor i = xg::arange(0.0, 40.0, xg::kDouble).unsqueeze(1);
  const Tensor j = xg::arange(1.0, 4.0, xg::kDouble).unsqueeze(0);
  const Tensor X = xg::sin(0.7 * i * j + 0.3 * j);  // [40, 3]
  const Tensor w_star = vec({2, -3, 0.5});
  const Tensor b_star = vec({1});
  const Tensor y = X.matmul(w_star) + b_star;
  return {"linear regression", {xg::zeros({3}, xg::kDouble), xg::zeros({1}, xg::kDouble)}, {w_star, b_star},
          [X, y](const std::vector<Tensor>& p) { return (X.matmul(p[0]) + p[1] - y).square().mean(); }};
}

/// f(x) = ½ (x₀² + 100 x₁²): condition number 100, from (1, 1).
Problem ill_conditioned_quadratic() {
  const Tensor a = vec({1, 100});
  return {"ill-conditioned quadratic", {vec({1, 1})}, {vec({0, 0})},
          [a](const std::vector<Tensor>& p) { return 0.5 * (a * p[0].square()).sum(); }};
}

// ---- running an optimizer on a problem ---------------------------------------------------------

using MakeOptimizer = std::function<std::unique_ptr<optim::Optimizer>(std::vector<Tensor>)>;

double distance(const std::vector<Tensor>& params, const std::vector<Tensor>& minimum) {
  double squared = 0;
  for (size_t i = 0; i < params.size(); ++i) squared += (params[i].detach() - minimum[i]).square().sum().item<double>();
  return std::sqrt(squared);
}

/// The number of steps after which ‖θ - θ*‖ < tolerance first holds, or -1 if it
/// does not within max_steps. Every optimizer is driven through step(closure).
int steps_to_reach(const Problem& problem, const MakeOptimizer& make, double tolerance, int max_steps) {
  std::vector<Tensor> params;
  for (const Tensor& p : problem.start) params.push_back(p.clone().requires_grad_(true));
  std::unique_ptr<optim::Optimizer> optimizer = make(params);
  auto closure = [&] {
    optimizer->zero_grad();
    Tensor loss = problem.loss(params);
    loss.backward();
    return loss;
  };
  for (int step = 1; step <= max_steps; ++step) {
    optimizer->step(closure);
    const double d = distance(params, problem.minimum);
    if (d < tolerance) return step;
    if (!std::isfinite(d)) return -1;
  }
  return -1;
}

struct Row {
  std::string optimizer;  // a description of the settings
  MakeOptimizer make;
  double tolerance;
  int budget;
};

void check_rows(const Problem& problem, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(problem.name << ", " << row.optimizer) {
      const int steps = steps_to_reach(problem, row.make, row.tolerance, row.budget);
      BOOST_TEST(steps > 0, "did not reach " << row.tolerance << " within " << row.budget << " steps");
      BOOST_TEST_MESSAGE(problem.name << ", " << row.optimizer << ": ‖θ - θ*‖ < " << row.tolerance << " after "
                                      << steps << " steps (budget " << row.budget << ")");
    }
  }
}

// Settings used on more than one problem.
MakeOptimizer sgd(double lr) {
  return [lr](std::vector<Tensor> p) { return std::make_unique<optim::SGD>(p, optim::SGDOptions(lr)); };
}
MakeOptimizer momentum(double lr, double mu = optim::Momentum::kDefaultMomentum) {
  return [lr, mu](std::vector<Tensor> p) { return std::make_unique<optim::Momentum>(p, lr, mu); };
}
MakeOptimizer nesterov(double lr) {
  return [lr](std::vector<Tensor> p) { return std::make_unique<optim::Nesterov>(p, lr); };
}
MakeOptimizer adagrad(double lr) {
  return [lr](std::vector<Tensor> p) { return std::make_unique<optim::Adagrad>(p, optim::AdagradOptions(lr)); };
}
MakeOptimizer rmsprop(double lr, bool centered = false) {
  return [lr, centered](std::vector<Tensor> p) {
    return std::make_unique<optim::RMSprop>(p, optim::RMSpropOptions(lr).centered(centered));
  };
}
MakeOptimizer adam(double lr, bool amsgrad = false) {
  return [lr, amsgrad](std::vector<Tensor> p) {
    return std::make_unique<optim::Adam>(p, optim::AdamOptions(lr).amsgrad(amsgrad));
  };
}
// Decoupled weight decay moves the minimum, so it is off here.
MakeOptimizer adamw(double lr) {
  return [lr](std::vector<Tensor> p) {
    return std::make_unique<optim::AdamW>(p, optim::AdamWOptions(lr).weight_decay(0));
  };
}
// Tight tolerances, so that LBFGS does not stop at torch's defaults (1e-7, 1e-9) first.
MakeOptimizer lbfgs(double lr, bool strong_wolfe) {
  return [lr, strong_wolfe](std::vector<Tensor> p) {
    optim::LBFGSOptions o = optim::LBFGSOptions(lr).tolerance_grad(1e-12).tolerance_change(1e-14);
    if (strong_wolfe) o.line_search_fn("strong_wolfe");
    return std::make_unique<optim::LBFGS>(p, o);
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(quadratic_bowl_minimum) {
  check_rows(quadratic_bowl(), {
                                   {"SGD lr 0.1", sgd(0.1), 1e-6, 250},
                                   {"Momentum lr 0.05", momentum(0.05), 1e-6, 450},
                                   {"Nesterov lr 0.05", nesterov(0.05), 1e-6, 300},
                                   {"Adagrad lr 0.5", adagrad(0.5), 1e-6, 350},
                                   {"RMSprop lr 0.01", rmsprop(0.01), 1e-6, 1000},
                                   {"Adam lr 0.05", adam(0.05), 1e-6, 500},
                                   {"Adam amsgrad lr 0.05", adam(0.05, true), 1e-6, 500},
                                   {"AdamW lr 0.05", adamw(0.05), 1e-6, 500},
                                   {"LBFGS lr 0.5", lbfgs(0.5, false), 1e-6, 5},
                                   {"LBFGS strong_wolfe", lbfgs(1, true), 1e-6, 5},
                               });
}

BOOST_AUTO_TEST_CASE(linear_regression_recovers_weights) {
  check_rows(linear_regression(), {
                                      {"SGD lr 0.1", sgd(0.1), 1e-6, 250},
                                      {"Momentum lr 0.05", momentum(0.05), 1e-6, 450},
                                      {"Nesterov lr 0.05", nesterov(0.05), 1e-6, 300},
                                      {"Adagrad lr 0.5", adagrad(0.5), 1e-6, 350},
                                      {"RMSprop lr 0.01", rmsprop(0.01), 1e-6, 1000},
                                      {"Adam lr 0.05", adam(0.05), 1e-6, 500},
                                      {"AdamW lr 0.05", adamw(0.05), 1e-6, 500},
                                      {"LBFGS lr 0.5", lbfgs(0.5, false), 1e-6, 5},
                                      {"LBFGS strong_wolfe", lbfgs(1, true), 1e-6, 5},
                                  });
}

BOOST_AUTO_TEST_CASE(rosenbrock_valley) {
  check_rows(rosenbrock(), {
                               {"SGD lr 2e-3", sgd(2e-3), 1e-4, 13000},
                               {"Momentum lr 1e-3", momentum(1e-3), 1e-6, 5000},
                               {"Nesterov lr 1e-3", nesterov(1e-3), 1e-6, 5000},
                               {"Adagrad lr 1", adagrad(1.0), 1e-4, 26000},
                               {"RMSprop lr 1e-3", rmsprop(1e-3), 1e-3, 12000},
                               {"RMSprop centered lr 1e-3", rmsprop(1e-3, true), 1e-3, 10000},
                               {"Adam lr 0.02", adam(0.02), 1e-6, 5000},
                               {"AdamW lr 0.02", adamw(0.02), 1e-6, 5000},
                               {"LBFGS lr 0.5", lbfgs(0.5, false), 1e-6, 10},
                               {"LBFGS strong_wolfe", lbfgs(1, true), 1e-6, 10},
                           });
}

// With curvatures 1 and 100, gradient descent must keep lr < 2/100 and then
// crawls along the flat direction: its error shrinks by (κ-1)/(κ+1) = 0.98 per
// step at best. Heavy-ball momentum with Polyak's tuning, lr = 4/(√L + √μ)² and
// momentum ((√κ-1)/(√κ+1))², shrinks it by about (√κ-1)/(√κ+1) = 0.82 per step.
BOOST_AUTO_TEST_CASE(momentum_beats_gradient_descent_when_ill_conditioned) {
  const Problem problem = ill_conditioned_quadratic();
  const double L = 100, mu = 1, kappa = L / mu;
  const double tolerance = 1e-6;
  const int budget = 5000;

  const int plain = steps_to_reach(problem, sgd(2 / (L + mu)), tolerance, budget);  // the best fixed lr
  const double polyak_lr = 4 / std::pow(std::sqrt(L) + std::sqrt(mu), 2);
  const double polyak_momentum = std::pow((std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1), 2);
  const int tuned = steps_to_reach(problem, momentum(polyak_lr, polyak_momentum), tolerance, budget);
  const int preset = steps_to_reach(problem, momentum(0.01), tolerance, budget);  // the preset's momentum 0.9
  const int nesterov_steps = steps_to_reach(problem, nesterov(0.01), tolerance, budget);
  BOOST_TEST_MESSAGE("steps to ‖θ‖ < 1e-6: SGD " << plain << ", Momentum (Polyak) " << tuned
                                                   << ", Momentum 0.9 " << preset << ", Nesterov 0.9 "
                                                   << nesterov_steps);
  BOOST_TEST_REQUIRE(plain > 0);
  BOOST_TEST_REQUIRE(tuned > 0);
  BOOST_TEST_REQUIRE(preset > 0);
  BOOST_TEST_REQUIRE(nesterov_steps > 0);
  BOOST_TEST(5 * tuned < plain);
  BOOST_TEST(preset < plain);
  BOOST_TEST(nesterov_steps < plain);
}
