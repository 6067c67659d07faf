#include "lr_scheduler.h"

#include <cmath>

namespace xg {
namespace optim {

LRScheduler::LRScheduler(Optimizer& optimizer) : optimizer_(optimizer) {}

void LRScheduler::step() {
  set_optimizer_lrs(get_lrs());
  ++step_count_;
}

std::vector<double> LRScheduler::get_current_lrs() const {
  std::vector<double> lrs;
  for (const OptimizerParamGroup& group : optimizer_.param_groups()) lrs.push_back(group.options().get_lr());
  return lrs;
}

void LRScheduler::check_gamma(const char* scheduler, double gamma) {
  XG_CHECK(std::isfinite(gamma) && gamma >= 0, scheduler, "gamma must be a finite number not below 0, got ", gamma);
}

void LRScheduler::set_optimizer_lrs(const std::vector<double>& learning_rates) {
  std::vector<OptimizerParamGroup>& groups = optimizer_.param_groups();
  XG_CHECK(learning_rates.size() == groups.size(), "LRScheduler", "got ", learning_rates.size(),
           " learning rates for ", groups.size(), " param groups");
  for (size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(learning_rates[i]);
}

}  // namespace optim
}  // namespace xg
