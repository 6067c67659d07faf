#include "multi_step_lr.h"

#include <algorithm>
#include <cmath>

namespace xg {
namespace optim {

MultiStepLR::MultiStepLR(Optimizer& optimizer, std::vector<int64_t> milestones, double gamma)
    : LRScheduler(optimizer), milestones_(std::move(milestones)), gamma_(gamma) {
  for (int64_t m : milestones_) XG_CHECK(m >= 0, "MultiStepLR", "milestones must not be negative, got ", m);
  check_gamma("MultiStepLR", gamma);
  set_optimizer_lrs(lrs_at(0));  // epoch 0 (a change only if 0 is a milestone)
}

std::vector<double> MultiStepLR::lrs_at(int64_t epoch) const {
  std::vector<double> lrs = get_current_lrs();
  const auto hits = std::count(milestones_.begin(), milestones_.end(), epoch);
  if (hits == 0) return lrs;
  for (double& lr : lrs) lr *= std::pow(gamma_, static_cast<double>(hits));
  return lrs;
}

std::vector<double> MultiStepLR::get_lrs() { return lrs_at(static_cast<int64_t>(step_count_) + 1); }

}  // namespace optim
}  // namespace xg
