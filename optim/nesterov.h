#pragma once
// Nesterov: SGD with Nesterov momentum 0.9, a textbook preset of SGD.
//
// Like heavy-ball momentum, but the gradient step is taken from the point the
// velocity is about to carry the parameter to, which corrects an overshoot one
// step earlier. In the form PyTorch uses (Sutskever et al.'s rewriting, which
// evaluates the gradient at the current parameters), with learning rate γ and
// momentum μ (default 0.9):
//
//     b_1 = g_1,   b_t = μ b_{t-1} + g_t
//     θ_t = θ_{t-1} - γ (g_t + μ b_t)
//
// This is exactly SGD(params, SGDOptions(γ).momentum(μ).nesterov(true)).
//
// Y. Nesterov, "A method for solving the convex programming problem with convergence
//   rate O(1/k^2)", Soviet Mathematics Doklady, 1983.
// I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance of initialization and
//   momentum in deep learning", ICML 2013.

#include "sgd.h"

namespace xg {
namespace optim {

class Nesterov : public SGDMomentumPreset<true> {
 public:
  /// SGD with learning rate `lr` and Nesterov momentum `momentum` (must be > 0).
  /// `momentum` defaults to kDefaultMomentum, 0.9.
  using SGDMomentumPreset::SGDMomentumPreset;
};

}  // namespace optim
}  // namespace xg
