#pragma once
// StepLR: multiply the learning rate by gamma every step_size calls, as torch::optim::StepLR.
//
//     γ ← gamma · γ   on the calls of step() where step_count_ is a positive multiple of step_size
//
// As in LibTorch, the count starts at 0 on the first call, so the first decay
// happens on call step_size + 1 (Python's StepLR, whose construction counts as
// a step, decays one call earlier: on call step_size).

#include <vector>

#include "lr_scheduler.h"

namespace xg {
namespace optim {

class StepLR : public LRScheduler {
 public:
  /// Throws xg::Error ("[StepLR] ...") when step_size is 0.
  StepLR(Optimizer& optimizer, unsigned step_size, double gamma = 0.1);

 private:
  std::vector<double> get_lrs() override;

  const unsigned step_size_;
  const double gamma_;
};

}  // namespace optim
}  // namespace xg
