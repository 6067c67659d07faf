#pragma once
// MultiStepLR: multiply the learning rate by gamma at each milestone epoch, as
// Python's torch.optim.lr_scheduler.MultiStepLR.
//
//     γ_k = γ_{k-1} · gamma^(number of times k appears in milestones)
//
// Construction is epoch 0 and the k-th call of step() reaches epoch k.

#include <cstdint>
#include <vector>

#include "lr_scheduler.h"

namespace xg {
namespace optim {

class MultiStepLR : public LRScheduler {
 public:
  /// Throws xg::Error ("[MultiStepLR] ...") for a negative milestone.
  MultiStepLR(Optimizer& optimizer, std::vector<int64_t> milestones, double gamma = 0.1);

 private:
  std::vector<double> get_lrs() override;
  std::vector<double> lrs_at(int64_t epoch) const;

  const std::vector<int64_t> milestones_;
  const double gamma_;
};

}  // namespace optim
}  // namespace xg
