// xg::viz::TrainingMonitor: each diagnosis on a synthetic sequence of losses and
// gradient norms that must trigger it and on one that must not, a healthy run,
// warnings printed once per kind, and real xgrad runs through observe().

#define BOOST_TEST_MODULE viz_monitor
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

namespace viz = xg::viz;
using viz::HealthKind;

namespace {

// Feeds every step, returns the monitor.
viz::TrainingMonitor feed(const std::vector<double>& losses, const std::vector<double>& grads,
                          viz::TrainingMonitorOptions options = {}) {
  BOOST_REQUIRE(losses.size() == grads.size());
  viz::TrainingMonitor monitor(options);
  for (size_t i = 0; i < losses.size(); ++i) monitor.log_step(losses[i], grads[i]);
  return monitor;
}

// A run going well: loss and gradient shrink by 3% a step.
void healthy(size_t steps, std::vector<double>& losses, std::vector<double>& grads) {
  for (size_t k = 0; k < steps; ++k) {
    losses.push_back(10 * std::pow(0.97, k));
    grads.push_back(3 * std::pow(0.97, k));
  }
}

std::vector<HealthKind> kinds(const viz::TrainingMonitor& monitor) {
  std::vector<HealthKind> out;
  for (const auto& r : monitor.warnings()) out.push_back(r.kind);
  return out;
}

}  // namespace

BOOST_TEST_DONT_PRINT_LOG_VALUE(HealthKind)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<HealthKind>)

BOOST_AUTO_TEST_CASE(a_healthy_run_raises_nothing) {
  std::vector<double> losses, grads;
  healthy(200, losses, grads);
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.warnings().empty());
  BOOST_TEST(monitor.check_health().kind == HealthKind::kHealthy);
  BOOST_TEST(monitor.check_health().step == 199);
  BOOST_TEST(monitor.check_health().suggestion.empty());
  BOOST_TEST(monitor.losses().size() == 200u);
}

BOOST_AUTO_TEST_CASE(before_any_step_the_verdict_is_healthy) {
  viz::TrainingMonitor monitor;
  BOOST_TEST(monitor.check_health().kind == HealthKind::kHealthy);
  BOOST_TEST(monitor.check_health().step == -1);
}

BOOST_AUTO_TEST_CASE(nan_or_inf_is_non_finite) {
  std::vector<double> losses, grads;
  healthy(5, losses, grads);
  losses.push_back(std::nan(""));
  grads.push_back(1.0);
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.check_health().kind == HealthKind::kNonFinite);
  BOOST_TEST(monitor.check_health().step == 5);
  BOOST_TEST(monitor.check_health().message == "the loss is nan and the gradient norm 1");

  losses.back() = 1.0;
  grads.back() = std::numeric_limits<double>::infinity();
  BOOST_TEST(feed(losses, grads).check_health().kind == HealthKind::kNonFinite);
}

BOOST_AUTO_TEST_CASE(a_huge_gradient_norm_is_exploding) {
  std::vector<double> losses{1, 2}, grads{10, 2e3};
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.check_health().kind == HealthKind::kExploding);
  BOOST_TEST(monitor.check_health().message == "the gradient norm is 2000 (above 1000)");
  BOOST_TEST(!monitor.check_health().suggestion.empty());
  grads.back() = 999;  // just under the threshold, in too few steps for the growth rule
  BOOST_TEST(feed(losses, grads).warnings().empty());
}

BOOST_AUTO_TEST_CASE(a_gradient_norm_growing_fast_while_the_loss_rises_is_exploding) {
  std::vector<double> losses, grads;
  for (int k = 0; k < 10; ++k) {  // doubling: 512 times in 10 steps, still below 1e3
    losses.push_back(1 + k);
    grads.push_back(std::pow(2.0, k));
  }
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.check_health().kind == HealthKind::kExploding);
  BOOST_TEST(monitor.check_health().message == "the gradient norm grew 512 times in 10 steps while the loss rose from 1 to 10");
  // the same gradients while the loss falls: a sharpening valley, not an explosion
  for (int k = 0; k < 10; ++k) losses[k] = 10 - k;
  BOOST_TEST(feed(losses, grads).warnings().empty());
  // at a minimum, rounding-size gradients jump by orders of magnitude while the loss moves by
  // an ulp: not an explosion either
  for (int k = 0; k < 10; ++k) {
    losses[k] = 0.8065845639670531 + k * 1e-16;
    grads[k] = 1e-16 * std::pow(2.0, k);
  }
  BOOST_TEST(feed(losses, grads, viz::TrainingMonitorOptions().vanishing_grad_norm(0)).warnings().empty());
}

BOOST_AUTO_TEST_CASE(a_loss_bouncing_up_and_down_is_oscillating) {
  std::vector<double> losses, grads;
  for (int k = 0; k < 10; ++k) {
    losses.push_back(k % 2 ? 0.5 : 1.0);
    grads.push_back(1.0);
  }
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.check_health().kind == HealthKind::kOscillating);
  BOOST_TEST(monitor.check_health().message ==
             "the loss changed direction 8 times in 10 steps, by 0.5 on average (66.67% of the loss)");
  // small bounces (0.2% of the loss), as mini-batch noise makes: not oscillating
  for (int k = 0; k < 10; ++k) losses[k] = k % 2 ? 0.999 : 1.001;
  BOOST_TEST(feed(losses, grads).warnings().empty());
  // large swings in one direction: not oscillating either
  for (int k = 0; k < 10; ++k) losses[k] = std::pow(0.5, k);
  BOOST_TEST(feed(losses, grads).warnings().empty());
}

BOOST_AUTO_TEST_CASE(tiny_gradients_before_any_progress_are_vanishing) {
  std::vector<double> losses{0.693, 0.6929, 0.6929}, grads{1e-8, 1e-9, 1e-9};
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.check_health().kind == HealthKind::kVanishing);
  BOOST_TEST(monitor.warnings().size() == 1u);
  BOOST_TEST(monitor.warnings()[0].step == 0);
  // tiny gradients after the loss fell from 0.693 to 1e-6: converged, not vanishing
  losses = {0.693, 0.1, 1e-6};
  grads = {1.0, 0.3, 1e-9};
  BOOST_TEST(feed(losses, grads).warnings().empty());
}

BOOST_AUTO_TEST_CASE(no_progress_for_a_window_is_a_plateau) {
  std::vector<double> losses, grads;
  healthy(20, losses, grads);
  for (int k = 0; k < 50; ++k) {
    losses.push_back(losses.back() * (1 - 1e-6));  // improving by far less than 1e-4 overall
    grads.push_back(0.1);
  }
  auto monitor = feed(losses, grads);
  BOOST_TEST(monitor.check_health().kind == HealthKind::kPlateau);
  BOOST_TEST(monitor.warnings().at(0).step == 69);  // the first step with 50 steps of no progress behind it
  // with 1e-3 a step the best loss keeps improving: no plateau
  for (int k = 20; k < 70; ++k) losses[k] = losses[k - 1] * (1 - 1e-3);
  BOOST_TEST(feed(losses, grads).warnings().empty());
}

BOOST_AUTO_TEST_CASE(each_kind_of_warning_is_printed_once) {
  std::ostringstream out;
  std::vector<double> losses, grads;
  for (int k = 0; k < 30; ++k) {
    losses.push_back(k % 2 ? 0.5 : 1.0);
    grads.push_back(1.0);
  }
  grads.back() = 5e3;
  auto monitor = feed(losses, grads, viz::TrainingMonitorOptions().print_warnings(true).stream(out));
  BOOST_TEST(kinds(monitor) == (std::vector<HealthKind>{HealthKind::kOscillating, HealthKind::kExploding}));
  BOOST_TEST(out.str() ==
             "[TrainingMonitor] step 9: oscillating loss: the loss changed direction 8 times in 10 steps, by 0.5 on "
             "average (66.67% of the loss). Try: " + monitor.warnings()[0].suggestion + "\n"
             "[TrainingMonitor] step 29: exploding gradients: the gradient norm is 5000 (above 1000). Try: " +
             monitor.warnings()[1].suggestion + "\n");
}

BOOST_AUTO_TEST_CASE(bad_thresholds_are_errors) {
  using test_util::error_of;
  BOOST_TEST(error_of([] { viz::TrainingMonitor m(viz::TrainingMonitorOptions().window(2)); }) ==
             "[TrainingMonitor] window must be >= 3 steps (oscillation needs two turns), got 2");
  BOOST_TEST(error_of([] { viz::TrainingMonitor m(viz::TrainingMonitorOptions().exploding_growth(1)); }) ==
             "[TrainingMonitor] exploding_grad_norm must be > 0 and exploding_growth > 1, got 1000 and 1");
}

// ---- real runs: linear regression y = 4 + 3x + noise, full-batch SGD ----------------------------

namespace {

struct Regression {
  xg::Tensor features, targets;  // [100, 2] with a column of ones, [100, 1]
  Regression() {
    xg::manual_seed(42);
    xg::Tensor x = 2 * xg::rand({100, 1}, xg::kDouble);
    targets = 4 + 3 * x + xg::randn({100, 1}, xg::kDouble);
    features = xg::cat({xg::ones({100, 1}, xg::kDouble), x}, 1);
  }
};

// `steps` steps of SGD at `lr` from theta = 0, watched by `monitor` through observe().
void train(double lr, int steps, viz::TrainingMonitor& monitor) {
  Regression data;
  xg::Tensor theta = xg::zeros({2, 1}, xg::kDouble).requires_grad_();
  xg::optim::SGD optimizer({theta}, xg::optim::SGDOptions(lr));
  for (int k = 0; k < steps; ++k) {
    optimizer.zero_grad();
    xg::Tensor loss = xg::mse_loss(data.features.mm(theta), data.targets);
    loss.backward();
    monitor.observe(optimizer, loss);
    BOOST_TEST(monitor.grad_norms().back() == theta.grad().norm().item<double>(), boost::test_tools::tolerance(1e-12));
    optimizer.step();
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(sgd_with_a_sane_learning_rate_is_healthy) {
  viz::TrainingMonitor monitor;
  train(0.1, 50, monitor);
  BOOST_TEST(monitor.warnings().empty());
  BOOST_TEST(monitor.losses().back() < 1.5);
}

BOOST_AUTO_TEST_CASE(sgd_with_a_learning_rate_too_large_is_flagged) {
  // The largest curvature of this loss is about 4.4, so any lr above 2 / 4.4 diverges.
  viz::TrainingMonitor monitor;
  train(0.6, 50, monitor);
  const auto found = kinds(monitor);
  BOOST_TEST_CONTEXT("last verdict: " << monitor.check_health().message) {
    BOOST_REQUIRE(!found.empty());
    BOOST_TEST((found[0] == HealthKind::kExploding || found[0] == HealthKind::kOscillating));
    BOOST_TEST(monitor.check_health().kind == HealthKind::kExploding);
  }
}

BOOST_AUTO_TEST_CASE(observe_takes_a_one_element_loss) {
  xg::Tensor theta = xg::zeros({2}, xg::kDouble).requires_grad_();
  xg::optim::SGD optimizer({theta}, xg::optim::SGDOptions(0.1));
  viz::TrainingMonitor monitor;
  BOOST_TEST(test_util::error_of([&] { monitor.observe(optimizer, theta); }) ==
             "[TrainingMonitor] observe takes the loss as a one-element tensor, got 2 elements");
  monitor.observe(optimizer, 1.5);  // no gradient yet: norm 0
  BOOST_TEST(monitor.grad_norms().back() == 0.0);
}
