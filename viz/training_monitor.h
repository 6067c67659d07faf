#pragma once
// xg::viz::TrainingMonitor: watches a training run step by step and says, in
// words, when it goes wrong and what to try.
//
//   viz::TrainingMonitor monitor(viz::TrainingMonitorOptions().print_warnings(true));
//   for (...) {
//     optimizer.zero_grad();
//     Tensor loss = criterion(model->forward(x), y);
//     loss.backward();
//     monitor.observe(optimizer, loss);   // or monitor.log_step(loss_value, grad_norm)
//     optimizer.step();
//   }
//   std::cout << monitor.check_health().message << "\n";
//
// What it diagnoses, most severe first, with the thresholds (all options):
//   kNonFinite    the loss or the gradient norm is nan or inf.
//   kExploding    the gradient norm is above exploding_grad_norm (1e3), or it grew more than
//                 exploding_growth (100) times within the last `window` (10) steps while the
//                 loss rose by more than 10%.
//   kOscillating  over the last `window` steps the loss changed direction at least
//                 oscillation_turns (60%) of the time, by swings averaging more than
//                 oscillation_swing (10%) of the loss: it bounces across a valley.
//   kVanishing    the gradient norm is below vanishing_grad_norm (1e-7) while the loss is still
//                 within vanishing_progress (10%) of its first value: the model is not learning,
//                 as opposed to having converged.
//   kPlateau      the best loss of the last plateau_window (50) steps is not lower than the best
//                 before them by plateau_improvement (1e-4) of it: converged, or stuck.
//   kHealthy      none of the above.
// Diagnoses that look at a window wait until it is full.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "../autograd/tensor/tensor.h"

namespace xg::optim {
class Optimizer;
}

namespace xg::viz {

/// What a TrainingMonitor can diagnose; see the header comment for the rules.
enum class HealthKind { kHealthy, kNonFinite, kExploding, kOscillating, kVanishing, kPlateau };

/// The name of a kind: "healthy", "non-finite", "exploding gradients", ...
const char* health_kind_name(HealthKind kind);

/// One verdict: what is wrong, at which step, the evidence, and what to try.
struct HealthReport {
  HealthKind kind = HealthKind::kHealthy;
  int64_t step = -1;       ///< index of the step it was found at (0 for the first log_step), -1 before any
  std::string message;     ///< what was seen, with the numbers
  std::string suggestion;  ///< what to try; empty when healthy
  /// True unless the kind is kHealthy.
  bool is_warning() const { return kind != HealthKind::kHealthy; }
};

/// The thresholds of a TrainingMonitor, with chained setters.
struct TrainingMonitorOptions {
  /// Gradient norm above which gradients are exploding; default 1e3.
  TrainingMonitorOptions& exploding_grad_norm(double v) { exploding_grad_norm_ = v; return *this; }
  double exploding_grad_norm() const noexcept { return exploding_grad_norm_; }
  /// Growth of the gradient norm within the window (with the loss up 10%) that counts as exploding; default 100.
  TrainingMonitorOptions& exploding_growth(double v) { exploding_growth_ = v; return *this; }
  double exploding_growth() const noexcept { return exploding_growth_; }
  /// Gradient norm below which gradients have vanished; default 1e-7.
  TrainingMonitorOptions& vanishing_grad_norm(double v) { vanishing_grad_norm_ = v; return *this; }
  double vanishing_grad_norm() const noexcept { return vanishing_grad_norm_; }
  /// Vanishing needs the loss to have fallen by less than this fraction of its first value; default 0.1.
  TrainingMonitorOptions& vanishing_progress(double v) { vanishing_progress_ = v; return *this; }
  double vanishing_progress() const noexcept { return vanishing_progress_; }
  /// Steps looked at for exploding growth and oscillation; default 10.
  TrainingMonitorOptions& window(int64_t v) { window_ = v; return *this; }
  int64_t window() const noexcept { return window_; }
  /// Fraction of direction changes of the loss in the window that counts as oscillating; default 0.6.
  TrainingMonitorOptions& oscillation_turns(double v) { oscillation_turns_ = v; return *this; }
  double oscillation_turns() const noexcept { return oscillation_turns_; }
  /// Mean |change| of the loss, relative to its mean |value| in the window, for oscillating; default 0.1.
  TrainingMonitorOptions& oscillation_swing(double v) { oscillation_swing_ = v; return *this; }
  double oscillation_swing() const noexcept { return oscillation_swing_; }
  /// Steps without progress that make a plateau; default 50.
  TrainingMonitorOptions& plateau_window(int64_t v) { plateau_window_ = v; return *this; }
  int64_t plateau_window() const noexcept { return plateau_window_; }
  /// Relative improvement of the best loss that counts as progress; default 1e-4.
  TrainingMonitorOptions& plateau_improvement(double v) { plateau_improvement_ = v; return *this; }
  double plateau_improvement() const noexcept { return plateau_improvement_; }
  /// Print each kind of warning the first time it is found; default false.
  TrainingMonitorOptions& print_warnings(bool v) { print_warnings_ = v; return *this; }
  bool print_warnings() const noexcept { return print_warnings_; }
  /// Where warnings are printed; default std::cerr. The stream must outlive the monitor.
  TrainingMonitorOptions& stream(std::ostream& v) { stream_ = &v; return *this; }
  std::ostream* stream() const noexcept { return stream_; }

 private:
  double exploding_grad_norm_ = 1e3;
  double exploding_growth_ = 100;
  double vanishing_grad_norm_ = 1e-7;
  double vanishing_progress_ = 0.1;
  int64_t window_ = 10;
  double oscillation_turns_ = 0.6;
  double oscillation_swing_ = 0.1;
  int64_t plateau_window_ = 50;
  double plateau_improvement_ = 1e-4;
  bool print_warnings_ = false;
  std::ostream* stream_ = nullptr;
};

/// Records the loss and gradient norm of each step and diagnoses the run (see the header comment).
class TrainingMonitor {
 public:
  /// Throws xg::Error for thresholds that make no sense (a window < 3, negative norms, ...).
  explicit TrainingMonitor(TrainingMonitorOptions options = TrainingMonitorOptions());

  /// Records one step and returns the verdict after it (as check_health()).
  const HealthReport& log_step(double loss, double grad_norm);
  /// Records one step of `optimizer`: the loss (a one-element tensor) and the 2-norm of all the
  /// gradients of its parameters, viewed as one vector. Call it after backward(), before step().
  const HealthReport& observe(const optim::Optimizer& optimizer, const Tensor& loss);
  /// The same with the loss as a number.
  const HealthReport& observe(const optim::Optimizer& optimizer, double loss);

  /// The verdict after the last step (kHealthy before any).
  const HealthReport& check_health() const { return current_; }
  /// The first report of each kind of warning found so far, in the order they were found.
  const std::vector<HealthReport>& warnings() const { return warnings_; }
  /// Every loss and gradient norm recorded, one per step.
  const std::vector<double>& losses() const { return losses_; }
  const std::vector<double>& grad_norms() const { return grad_norms_; }

 private:
  HealthReport diagnose() const;
  HealthReport exploding() const;
  HealthReport oscillating() const;
  HealthReport vanishing() const;
  HealthReport plateau() const;

  TrainingMonitorOptions options_;
  std::vector<double> losses_, grad_norms_;
  HealthReport current_;
  std::vector<HealthReport> warnings_;
};

/// The 2-norm of all the gradients of the optimizer's parameters viewed as one vector
/// (parameters without a gradient are skipped; 0 when none has one).
double total_grad_norm(const optim::Optimizer& optimizer);

}  // namespace xg::viz
