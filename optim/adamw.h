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

namespace xg {
namespace optim {

/// AdamWOptions(lr).weight_decay(...)...: the options of AdamW, with torch's defaults.
struct AdamWOptions : public OptimizerCloneableOptions<AdamWOptions> {
  using betas_t = std::tuple<double, double>;
  AdamWOptions(double lr = 1e-3);  // NOLINT: implicit as in LibTorch

  /// Learning rate γ; default 1e-3.
  AdamWOptions& lr(double value) { lr_ = value; return *this; }
  double lr() const noexcept { return lr_; }
  /// (β1, β2), the decay rates of the two moments, each in [0, 1); default (0.9, 0.999).
  AdamWOptions& betas(const betas_t& value) { betas_ = value; return *this; }
  const betas_t& betas() const noexcept { return betas_; }
  /// ε added to the root; default 1e-8.
  AdamWOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// Decoupled decay rate λ: θ is multiplied by 1 - γλ each step; default 1e-2.
  AdamWOptions& weight_decay(double value) { weight_decay_ = value; return *this; }
  double weight_decay() const noexcept { return weight_decay_; }
  /// Use the AMSGrad variant; default false.
  AdamWOptions& amsgrad(bool value) { amsgrad_ = value; return *this; }
  bool amsgrad() const noexcept { return amsgrad_; }

  double get_lr() const override { return lr_; }
  void set_lr(double lr) override { lr_ = lr; }

 private:
  double lr_ = 1e-3;
  betas_t betas_ = std::make_tuple(0.9, 0.999);
  double eps_ = 1e-8;
  double weight_decay_ = 1e-2;
  bool amsgrad_ = false;
};

/// AdamW remembers what Adam does (step count, m, v, max v).
using AdamWParamState = AdamParamState;

class AdamW : public Optimizer {
 public:
  /// Throws xg::Error ("[AdamW] invalid learning rate: -0.1", ...) for bad options.
  AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults = {});
  AdamW(std::vector<Tensor> params, AdamWOptions defaults = {});

  /// One AdamW update of every parameter with a gradient (see the top of this file).
  Tensor step(LossClosure closure = nullptr) override;
};

}  // namespace optim
}  // namespace xg
