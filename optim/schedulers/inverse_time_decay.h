#pragma once
// InverseTimeDecay: the learning rate falls like 1/t,
//
//     γ_k = γ_0 / (1 + decay · k),   k = 0 (at construction), 1, 2, ... (after each step())
//
// the schedule under which stochastic gradient descent on a strongly convex
// function converges (Robbins and Monro's conditions: Σγ_k = ∞, Σγ_k² < ∞).
// Not a torch class; Keras calls it InverseTimeDecay.
//
// H. Robbins and S. Monro, "A Stochastic Approximation Method", 1951.

#include <vector>

#include "lr_scheduler.h"

namespace xg {
namespace optim {

class InverseTimeDecay : public LRScheduler {
 public:
  /// Throws xg::Error ("[InverseTimeDecay] ...") for a negative decay.
  InverseTimeDecay(Optimizer& optimizer, double decay);

 private:
  std::vector<double> get_lrs() override;

  const double decay_;
  std::vector<double> base_lrs_;
};

}  // namespace optim
}  // namespace xg
