#pragma once
// ReduceLROnPlateauScheduler: lower the learning rate when a watched metric
// (usually the validation loss) stops improving, as LibTorch's
// torch::optim::ReduceLROnPlateauScheduler and Python's ReduceLROnPlateau.
//
// Pass the metric to step() once per epoch. The metric improves when it beats
// the best value so far by the threshold:
//
//     mode min, rel:  metric < best (1 - threshold)      mode max, rel:  metric > best (1 + threshold)
//     mode min, abs:  metric < best - threshold          mode max, abs:  metric > best + threshold
//
// After more than `patience` epochs in a row without improvement, every group's
// rate becomes max(factor · γ, min_lr) (unless that changes it by eps or less),
// and the next `cooldown` epochs are not counted as bad.
//
// The arithmetic is Python's: factor, threshold and the metric are doubles, the
// starting "best" is ±infinity, and max mode with abs threshold compares with
// best + threshold. (LibTorch 2.x keeps factor and the metric in float and
// multiplies in that last case.) min_lr stays a vector of float, as in LibTorch.

#include <vector>

#include "../optimizer.h"

namespace xg {
namespace optim {

class ReduceLROnPlateauScheduler {
 public:
  enum SchedulerMode { min, max };
  enum ThresholdMode { rel, abs };

  /// Keeps a reference to `optimizer`, which must outlive the scheduler. min_lr is empty
  /// (0 for every group) or has one entry per group. Throws xg::Error
  /// ("[ReduceLROnPlateauScheduler] ...") for factor >= 1 and other bad arguments.
  ReduceLROnPlateauScheduler(Optimizer& optimizer, SchedulerMode mode = min, double factor = 0.1,
                             int patience = 10, double threshold = 1e-4, ThresholdMode threshold_mode = rel,
                             int cooldown = 0, const std::vector<float>& min_lr = std::vector<float>(),
                             double eps = 1e-8, bool verbose = false);
  virtual ~ReduceLROnPlateauScheduler() = default;

  /// Records one epoch's metric and lowers the learning rates if it has plateaued.
  void step(double metric);

 private:
  bool is_better(double metric) const;
  bool in_cooldown() const { return cooldown_counter_ > 0; }
  void reduce_lr(int epoch);

  Optimizer& optimizer_;
  SchedulerMode mode_;
  double factor_;
  int patience_;
  double threshold_;
  ThresholdMode threshold_mode_;
  int cooldown_;
  std::vector<double> min_lrs_;
  double eps_;
  bool verbose_;
  double best_;
  int num_bad_epochs_ = 0;
  int cooldown_counter_ = 0;
  int last_epoch_ = 0;
};

}  // namespace optim
}  // namespace xg
