#pragma once
// LRScheduler: the base of the learning-rate schedules, as torch::optim::LRScheduler.
//
// A scheduler holds a reference to an optimizer (which must outlive it) and, on
// each call of step(), writes a new learning rate into every param group. Call
// it after optimizer.step(), once per epoch or per batch as the schedule intends:
//
//     StepLR scheduler(optimizer, /*step_size=*/30, /*gamma=*/0.1);
//     for (int epoch = 0; epoch < 100; ++epoch) {
//       train_one_epoch(optimizer);
//       scheduler.step();
//     }
//
// A schedule is a subclass that returns the new rates from get_lrs(). In
// get_lrs(), step_count_ is the number of earlier calls of step() (0 on the first).
// The schedules named after Python's (ExponentialLR, LambdaLR, ...) count epochs
// as torch.optim.lr_scheduler does: construction is epoch 0, and the k-th call of
// step() moves to epoch k = step_count_ + 1.

#include <vector>

#include "../optimizer.h"

namespace xg {
namespace optim {

class LRScheduler {
 public:
  /// Keeps a reference to `optimizer`, which must outlive the scheduler.
  LRScheduler(Optimizer& optimizer);  // NOLINT: implicit as in LibTorch
  virtual ~LRScheduler() = default;

  /// Sets each group's learning rate to get_lrs(), then counts the step.
  void step();

 protected:
  /// The new learning rate of every param group (one entry per group).
  virtual std::vector<double> get_lrs() = 0;
  /// The learning rates the optimizer's groups have now.
  std::vector<double> get_current_lrs() const;
  /// Writes one learning rate per group into the optimizer.
  void set_optimizer_lrs(const std::vector<double>& learning_rates);
  /// The multiplicative factor of StepLR, MultiStepLR and ExponentialLR must be a finite number
  /// >= 0 (a negative one would flip the learning rate's sign); an error naming `scheduler`.
  static void check_gamma(const char* scheduler, double gamma);

  /// Number of completed calls of step().
  unsigned step_count_ = 0;

 private:
  Optimizer& optimizer_;
};

}  // namespace optim
}  // namespace xg
