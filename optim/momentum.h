#pragma once
// Momentum: SGD with heavy-ball momentum 0.9, a textbook preset of SGD.
//
// The parameter moves like a heavy ball rolling down the loss surface: the
// velocity b accumulates past gradients, so steps grow along a consistent
// downhill direction and oscillations across a narrow valley damp out. With
// learning rate γ and momentum μ (default 0.9):
//
//     b_1 = g_1,   b_t = μ b_{t-1} + g_t
//     θ_t = θ_{t-1} - γ b_t
//
// This is exactly SGD(params, SGDOptions(γ).momentum(μ)); the class only gives
// the common choice its own name. On a quadratic whose curvatures span a ratio
// κ, well-tuned momentum needs about √κ times fewer steps than plain descent.
//
// B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
//   USSR Computational Mathematics and Mathematical Physics, 1964.

#include "sgd.h"

namespace xg {
namespace optim {

class Momentum : public SGDMomentumPreset<false> {
 public:
  /// SGD with learning rate `lr` and heavy-ball momentum `momentum`.
  /// `momentum` defaults to kDefaultMomentum, 0.9.
  using SGDMomentumPreset::SGDMomentumPreset;
};

}  // namespace optim
}  // namespace xg
