#include "inverse_time_decay.h"

namespace xg {
namespace optim {

InverseTimeDecay::InverseTimeDecay(Optimizer& optimizer, double decay)
    : LRScheduler(optimizer), decay_(decay), base_lrs_(get_current_lrs()) {
  XG_CHECK(decay >= 0, "InverseTimeDecay", "decay must not be negative, got ", decay);
}

std::vector<double> InverseTimeDecay::get_lrs() {
  const double k = static_cast<double>(step_count_) + 1;  // the epoch this step moves to
  std::vector<double> lrs;
  for (double lr0 : base_lrs_) lrs.push_back(lr0 / (1 + decay_ * k));
  return lrs;
}

}  // namespace optim
}  // namespace xg
