#include "training_monitor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "../autograd/base/error.h"
#include "../nn/utils/clip_grad.h"
#include "../optim/optimizer.h"

namespace xg::viz {

namespace {

// A number as %.4g: short enough for a one-line message.
std::string num(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", x);
  return buffer;
}

HealthReport report(HealthKind kind, std::string message, std::string suggestion) {
  HealthReport r;
  r.kind = kind;
  r.message = std::move(message);
  r.suggestion = std::move(suggestion);
  return r;
}

}  // namespace

const char* health_kind_name(HealthKind kind) {
  switch (kind) {
    case HealthKind::kHealthy: return "healthy";
    case HealthKind::kNonFinite: return "non-finite";
    case HealthKind::kExploding: return "exploding gradients";
    case HealthKind::kOscillating: return "oscillating loss";
    case HealthKind::kVanishing: return "vanishing gradients";
    case HealthKind::kPlateau: return "plateau";
  }
  return "?";
}

TrainingMonitor::TrainingMonitor(TrainingMonitorOptions options) : options_(std::move(options)) {
  const auto& o = options_;
  XG_CHECK(o.window() >= 3, "TrainingMonitor", "window must be >= 3 steps (oscillation needs two turns), got ",
           o.window());
  XG_CHECK(o.plateau_window() >= 1, "TrainingMonitor", "plateau_window must be >= 1, got ", o.plateau_window());
  XG_CHECK(o.exploding_grad_norm() > 0 && o.exploding_growth() > 1, "TrainingMonitor",
           "exploding_grad_norm must be > 0 and exploding_growth > 1, got ", o.exploding_grad_norm(), " and ",
           o.exploding_growth());
  XG_CHECK(o.vanishing_grad_norm() >= 0 && o.vanishing_progress() >= 0, "TrainingMonitor",
           "vanishing_grad_norm and vanishing_progress must be >= 0, got ", o.vanishing_grad_norm(), " and ",
           o.vanishing_progress());
  XG_CHECK(o.oscillation_turns() > 0 && o.oscillation_turns() <= 1 && o.oscillation_swing() >= 0,
           "TrainingMonitor", "oscillation_turns must be in (0, 1] and oscillation_swing >= 0, got ",
           o.oscillation_turns(), " and ", o.oscillation_swing());
  XG_CHECK(o.plateau_improvement() >= 0, "TrainingMonitor", "plateau_improvement must be >= 0, got ",
           o.plateau_improvement());
  current_.message = "no step recorded yet";
}

const HealthReport& TrainingMonitor::log_step(double loss, double grad_norm) {
  losses_.push_back(loss);
  grad_norms_.push_back(grad_norm);
  current_ = diagnose();
  current_.step = static_cast<int64_t>(losses_.size()) - 1;
  if (!current_.is_warning()) return current_;
  const bool seen = std::any_of(warnings_.begin(), warnings_.end(),
                                [&](const HealthReport& r) { return r.kind == current_.kind; });
  if (seen) return current_;
  warnings_.push_back(current_);
  if (options_.print_warnings()) {
    std::ostream& out = options_.stream() ? *options_.stream() : std::cerr;
    out << "[TrainingMonitor] step " << current_.step << ": " << health_kind_name(current_.kind) << ": "
        << current_.message << ". Try: " << current_.suggestion << '\n';
  }
  return current_;
}

double total_grad_norm(const optim::Optimizer& optimizer) {
  std::vector<Tensor> grads;
  for (const auto& group : optimizer.param_groups())
    for (const Tensor& p : group.params()) grads.push_back(p.grad());
  return nn::utils::get_total_norm(grads).item<double>();
}

const HealthReport& TrainingMonitor::observe(const optim::Optimizer& optimizer, const Tensor& loss) {
  XG_CHECK(loss.defined() && loss.numel() == 1, "TrainingMonitor",
           "observe takes the loss as a one-element tensor, got ",
           loss.defined() ? std::to_string(loss.numel()) + " elements" : std::string("an undefined tensor"));
  return observe(optimizer, loss.item<double>());
}

const HealthReport& TrainingMonitor::observe(const optim::Optimizer& optimizer, double loss) {
  return log_step(loss, total_grad_norm(optimizer));
}

// The most severe finding wins.
HealthReport TrainingMonitor::diagnose() const {
  const double loss = losses_.back(), grad = grad_norms_.back();
  if (!std::isfinite(loss) || !std::isfinite(grad))
    return report(HealthKind::kNonFinite, "the loss is " + num(loss) + " and the gradient norm " + num(grad),
                  "lower the learning rate, clip the gradients (nn::utils::clip_grad_norm_), and look for nan/inf "
                  "in the data and for log(0) or a division by zero in the loss");
  for (auto check : {&TrainingMonitor::exploding, &TrainingMonitor::oscillating, &TrainingMonitor::vanishing,
                     &TrainingMonitor::plateau}) {
    HealthReport r = (this->*check)();
    if (r.is_warning()) return r;
  }
  return report(HealthKind::kHealthy, "loss " + num(loss) + ", gradient norm " + num(grad), "");
}

HealthReport TrainingMonitor::exploding() const {
  const char* fix = "lower the learning rate (try 10 times smaller), normalize the inputs, or clip the gradients "
                    "(nn::utils::clip_grad_norm_)";
  const double grad = grad_norms_.back();
  if (grad > options_.exploding_grad_norm())
    return report(HealthKind::kExploding,
                  "the gradient norm is " + num(grad) + " (above " + num(options_.exploding_grad_norm()) + ")", fix);
  const auto n = static_cast<int64_t>(losses_.size()), w = options_.window();
  if (n < w) return {};
  const double smallest = *std::min_element(grad_norms_.end() - w, grad_norms_.end());
  const double first_loss = losses_[n - w];
  // The loss must rise by 10% too: at a minimum, gradients of rounding size jump by orders of
  // magnitude from one step to the next while the loss does not move.
  const bool loss_rose = losses_.back() > first_loss + 0.1 * std::abs(first_loss);
  if (smallest > 0 && grad > options_.exploding_growth() * smallest && loss_rose)
    return report(HealthKind::kExploding,
                  "the gradient norm grew " + num(grad / smallest) + " times in " + std::to_string(w) +
                      " steps while the loss rose from " + num(first_loss) + " to " + num(losses_.back()),
                  fix);
  return {};
}

HealthReport TrainingMonitor::oscillating() const {
  const auto n = static_cast<int64_t>(losses_.size()), w = options_.window();
  if (n < w) return {};
  const double* l = losses_.data() + (n - w);
  int turns = 0;
  double swing = 0, level = 0;
  for (int64_t i = 0; i + 1 < w; ++i) swing += std::abs(l[i + 1] - l[i]);
  for (int64_t i = 0; i < w; ++i) level += std::abs(l[i]);
  for (int64_t i = 0; i + 2 < w; ++i) turns += (l[i + 1] - l[i]) * (l[i + 2] - l[i + 1]) < 0;
  swing /= static_cast<double>(w - 1);
  level /= static_cast<double>(w);
  const double turn_fraction = turns / static_cast<double>(w - 2);
  if (turn_fraction >= options_.oscillation_turns() && swing > options_.oscillation_swing() * level)
    return report(HealthKind::kOscillating,
                  "the loss changed direction " + std::to_string(turns) + " times in " + std::to_string(w) +
                      " steps, by " + num(swing) + " on average (" + num(100 * swing / level) + "% of the loss)",
                  "lower the learning rate, or use momentum or Adam, which damp the bouncing; with mini-batches, "
                  "a larger batch also helps");
  return {};
}

HealthReport TrainingMonitor::vanishing() const {
  const double grad = grad_norms_.back(), first = losses_.front(), loss = losses_.back();
  if (grad < options_.vanishing_grad_norm() && first - loss < options_.vanishing_progress() * std::abs(first))
    return report(HealthKind::kVanishing,
                  "the gradient norm is " + num(grad) + " (below " + num(options_.vanishing_grad_norm()) +
                      ") while the loss is still " + num(loss) + " (it started at " + num(first) + ")",
                  "check the initialization (nn::init) and the activations (ReLU rather than sigmoid or tanh in "
                  "deep stacks), normalize the inputs, or raise the learning rate");
  return {};
}

HealthReport TrainingMonitor::plateau() const {
  const auto n = static_cast<int64_t>(losses_.size()), w = options_.plateau_window();
  if (n <= w) return {};
  const double before = *std::min_element(losses_.begin(), losses_.end() - w);
  const double recent = *std::min_element(losses_.end() - w, losses_.end());
  if (before - recent <= options_.plateau_improvement() * std::abs(before))
    return report(HealthKind::kPlateau,
                  "the best loss has not improved in " + std::to_string(w) + " steps (best " + num(recent) +
                      ", before them " + num(before) + ")",
                  "if the loss is low enough, training has converged: stop (early stopping); if not, raise the "
                  "learning rate, try Adam, or lower the rate when it stalls (ReduceLROnPlateauScheduler)");
  return {};
}

}  // namespace xg::viz
