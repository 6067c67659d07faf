#pragma once
// AdamW: Adam with decoupled weight decay, as torch::optim::AdamW.
//
// Adam's L2 penalty λθ is added to the gradient and then divided by √v̂ like
// the rest of it, so parameters with large gradients are barely decayed. AdamW
// shrinks the parameters directly instead, by the same factor for all of them,
// and runs Adam on the bare gradient. With learning rate γ and weight decay λ
// (default 1e-2), step t is
//
//     θ' = θ_{t-1} (1 - γ λ)                             (decoupled decay)
//     g_t = ∇f(θ_{t-1})
//     m_t, v_t, v̂_t as in Adam (adam.h)
//     θ_t = θ' - γ / (1 - β1^t) · m_t / (√v̂_t / √(1 - β2^t) + ε)
//
// I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.

#include <memory>
#include <tuple>
#include <vector>

#include "adam.h"
#include "optimizer.h"
#include "per_parameter_optimizer.h"

namespace xg {
namespace optim {

/// AdamWOptions(lr).weight_decay(...)...: the options of AdamW, with torch's defaults
/// (those of Adam, but weight decay 1e-2).
struct AdamWOptions : public AdamFamilyOptions<AdamWOptions> {
  AdamWOptions(double lr = 1e-3) : AdamFamilyOptions(lr, /*weight_decay=*/1e-2) {}  // NOLINT: implicit as in LibTorch
};

/// AdamW remembers what Adam does (step count, m, v, max v).
using AdamWParamState = AdamParamState;

class AdamW : public PerParameterOptimizer<AdamW, AdamWOptions, AdamWParamState> {
 public:
  /// AdamW(params, AdamWOptions(lr)...), or with param groups. Throws xg::Error
  /// ("[AdamW] invalid learning rate: -0.1", ...) for bad options.
  using PerParameterOptimizer::PerParameterOptimizer;

  static constexpr const char* kName = "AdamW";
  /// Throws unless lr, eps and weight_decay are >= 0 and both betas are in [0, 1).
  static void check_options(const AdamWOptions& o);
  /// One AdamW update of one parameter (see the top of this file).
  static void update(Tensor& p, Tensor grad, ParamStateRef<AdamWParamState> state, const AdamWOptions& o);
};

}  // namespace optim
}  // namespace xg
