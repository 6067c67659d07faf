#include "cosine_annealing_lr.h"

#include <cmath>

namespace xg {
namespace optim {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

CosineAnnealingLR::CosineAnnealingLR(Optimizer& optimizer, int64_t T_max, double eta_min)
    : LRScheduler(optimizer), T_max_(T_max), eta_min_(eta_min), base_lrs_(get_current_lrs()) {
  XG_CHECK(T_max > 0, "CosineAnnealingLR", "T_max must be positive, got ", T_max);
}

std::vector<double> CosineAnnealingLR::get_lrs() {
  const int64_t k = static_cast<int64_t>(step_count_) + 1;  // the epoch this step moves to
  const double T = static_cast<double>(T_max_);
  std::vector<double> lrs = get_current_lrs();
  for (size_t i = 0; i < lrs.size(); ++i) {
    if ((k - 1 - T_max_) % (2 * T_max_) == 0) {
      lrs[i] = lrs[i] + (base_lrs_[i] - eta_min_) * (1 - std::cos(kPi / T)) / 2;
    } else {
      lrs[i] = (1 + std::cos(kPi * static_cast<double>(k) / T)) /
                   (1 + std::cos(kPi * static_cast<double>(k - 1) / T)) * (lrs[i] - eta_min_) +
               eta_min_;
    }
  }
  return lrs;
}

}  // namespace optim
}  // namespace xg
