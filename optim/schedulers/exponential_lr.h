#pragma once
// ExponentialLR: multiply the learning rate by gamma at every step, as Python's
// torch.optim.lr_scheduler.ExponentialLR.
//
//     γ_k = gamma · γ_{k-1},   so   γ_k = gamma^k γ_0   after k calls of step()

#include <vector>

#include "lr_scheduler.h"

namespace xg {
namespace optim {

class ExponentialLR : public LRScheduler {
 public:
  /// Throws xg::Error ("[ExponentialLR] ...") for a negative gamma.
  ExponentialLR(Optimizer& optimizer, double gamma);

 private:
  std::vector<double> get_lrs() override;

  const double gamma_;
};

}  // namespace optim
}  // namespace xg
