#pragma once
// CosineAnnealingLR: the learning rate follows half a cosine from its initial
// value γ_0 down to eta_min over T_max epochs, then back up, as Python's
// torch.optim.lr_scheduler.CosineAnnealingLR (without warm restarts).
//
//     γ_k = η_min + (γ_0 - η_min) (1 + cos(π k / T_max)) / 2
//
// Like torch, the rate is updated recursively from the current one, so a rate
// changed by hand between steps carries over:
//
//     γ_k = η_min + (γ_{k-1} - η_min) (1 + cos(π k / T_max)) / (1 + cos(π (k-1) / T_max))
//
// except at the bottom of each cycle (k - 1 - T_max a multiple of 2 T_max), where
// the quotient would be 0/0 and torch uses γ_k = γ_{k-1} + (γ_0 - η_min)(1 - cos(π / T_max)) / 2.
//
// I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017.

#include <cstdint>
#include <vector>

#include "lr_scheduler.h"

namespace xg {
namespace optim {

class CosineAnnealingLR : public LRScheduler {
 public:
  /// Throws xg::Error ("[CosineAnnealingLR] ...") when T_max is not positive.
  CosineAnnealingLR(Optimizer& optimizer, int64_t T_max, double eta_min = 0);

 private:
  std::vector<double> get_lrs() override;

  const int64_t T_max_;
  const double eta_min_;
  std::vector<double> base_lrs_;
};

}  // namespace optim
}  // namespace xg
