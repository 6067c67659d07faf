#include "reduce_on_plateau_scheduler.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <limits>

namespace xg {
namespace optim {

ReduceLROnPlateauScheduler::ReduceLROnPlateauScheduler(Optimizer& optimizer, SchedulerMode mode, double factor,
                                                       int patience, double threshold, ThresholdMode threshold_mode,
                                                       int cooldown, const std::vector<float>& min_lr, double eps,
                                                       bool verbose)
    : optimizer_(optimizer),
      mode_(mode),
      factor_(factor),
      patience_(patience),
      threshold_(threshold),
      threshold_mode_(threshold_mode),
      cooldown_(cooldown),
      min_lrs_(min_lr.begin(), min_lr.end()),
      eps_(eps),
      verbose_(verbose) {
  const char* name = "ReduceLROnPlateauScheduler";
  const size_t groups = optimizer.param_groups().size();
  if (min_lrs_.empty()) min_lrs_.assign(groups, 0.0);
  XG_CHECK(min_lrs_.size() == groups, name, "expected ", groups, " min_lr values (one per param group), got ",
           min_lrs_.size());
  XG_CHECK(factor < 1.0, name, "factor should be < 1.0, got ", factor);
  XG_CHECK(patience >= 0, name, "patience must not be negative, got ", patience);
  XG_CHECK(cooldown >= 0, name, "cooldown must not be negative, got ", cooldown);
  XG_CHECK(eps >= 0, name, "eps must not be negative, got ", eps);
  const double infinity = std::numeric_limits<double>::infinity();
  best_ = mode == min ? infinity : -infinity;  // the worst value, so the first metric improves on it
}

bool ReduceLROnPlateauScheduler::is_better(double metric) const {
  if (mode_ == min && threshold_mode_ == rel) return metric < best_ * (1.0 - threshold_);
  if (mode_ == min && threshold_mode_ == abs) return metric < best_ - threshold_;
  if (mode_ == max && threshold_mode_ == rel) return metric > best_ * (threshold_ + 1.0);
  return metric > best_ + threshold_;
}

void ReduceLROnPlateauScheduler::step(double metric) {
  ++last_epoch_;
  if (is_better(metric)) {
    best_ = metric;
    num_bad_epochs_ = 0;
  } else {
    ++num_bad_epochs_;
  }
  if (in_cooldown()) {
    --cooldown_counter_;
    num_bad_epochs_ = 0;  // bad epochs during the cooldown do not count
  }
  if (num_bad_epochs_ > patience_) {
    reduce_lr(last_epoch_);
    cooldown_counter_ = cooldown_;
    num_bad_epochs_ = 0;
  }
}

void ReduceLROnPlateauScheduler::reduce_lr(int epoch) {
  std::vector<OptimizerParamGroup>& groups = optimizer_.param_groups();
  for (size_t i = 0; i < groups.size(); ++i) {
    const double old_lr = groups[i].options().get_lr();
    const double new_lr = std::max(old_lr * factor_, min_lrs_[i]);
    if (old_lr - new_lr > eps_) {
      groups[i].options().set_lr(new_lr);
      if (verbose_) {
        std::cout << std::setprecision(4) << "Epoch " << epoch << ": reducing learning rate of group " << i
                  << " to " << new_lr << '\n';
      }
    }
  }
}

}  // namespace optim
}  // namespace xg
