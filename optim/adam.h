#pragma once
// Adam: momentum on the gradient plus RMSprop's per-coordinate scale, both
// bias-corrected, as torch::optim::Adam.
//
// m is a running mean of the gradient (first moment) and v a running mean of
// its square (second moment). Both start at zero, so early on they are biased
// towards zero; dividing by 1 - β^t removes that bias. The step is the
// corrected mean divided by the corrected root mean square, so its size is
// roughly γ per coordinate whatever the gradient's scale. With learning rate γ,
// betas (β1, β2), ε and weight decay λ, step t (from 1) is
//
//     g_t = ∇f(θ_{t-1}) + λ θ_{t-1}                    (L2 penalty, coupled: see AdamW)
//     m_t = β1 m_{t-1} + (1 - β1) g_t                 (m_0 = 0)
//     v_t = β2 v_{t-1} + (1 - β2) g_t²                (v_0 = 0)
//     amsgrad:  v̂_t = max(v̂_{t-1}, v_t),  otherwise  v̂_t = v_t
//     θ_t = θ_{t-1} - γ / (1 - β1^t) · m_t / (√v̂_t / √(1 - β2^t) + ε)
//
// As in PyTorch, ε is added after the bias correction of the root, and AMSGrad
// keeps the maximum of the raw (uncorrected) second moments.
//
// D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
// S. J. Reddi, S. Kale, S. Kumar, "On the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad).

#include <cstdint>
#include <memory>
#include <tuple>
#include <vector>

#include "optimizer.h"
#include "per_parameter_optimizer.h"

namespace xg {
namespace optim {

/// The options Adam and AdamW share. Derived is the concrete options type, so
/// that the chained setters return it: AdamOptions(0.01).betas(...).eps(...).
template <class Derived>
struct AdamFamilyOptions : public OptimizerCloneableOptions<Derived> {
  using betas_t = std::tuple<double, double>;

  /// Learning rate γ; default 1e-3.
  Derived& lr(double value) { lr_ = value; return self(); }
  double lr() const noexcept { return lr_; }
  /// (β1, β2), the decay rates of the two moments, each in [0, 1); default (0.9, 0.999).
  Derived& betas(const betas_t& value) { betas_ = value; return self(); }
  const betas_t& betas() const noexcept { return betas_; }
  /// ε added to the root; default 1e-8.
  Derived& eps(double value) { eps_ = value; return self(); }
  double eps() const noexcept { return eps_; }
  /// Weight decay λ: an L2 penalty added to the gradient for Adam (default 0); a
  /// decoupled shrinking of θ by 1 - γλ each step for AdamW (default 1e-2).
  Derived& weight_decay(double value) { weight_decay_ = value; return self(); }
  double weight_decay() const noexcept { return weight_decay_; }
  /// Use the AMSGrad variant; default false.
  Derived& amsgrad(bool value) { amsgrad_ = value; return self(); }
  bool amsgrad() const noexcept { return amsgrad_; }

  double get_lr() const override { return lr_; }
  void set_lr(double lr) override { lr_ = lr; }
  std::vector<typename OptimizerOptions::Slot> slots() override {
    return {{"lr", &lr_}, {"betas.0", &std::get<0>(betas_)}, {"betas.1", &std::get<1>(betas_)},
            {"eps", &eps_}, {"weight_decay", &weight_decay_}, {"amsgrad", nullptr, &amsgrad_}};
  }

 protected:
  AdamFamilyOptions(double lr, double weight_decay) : lr_(lr), weight_decay_(weight_decay) {}

 private:
  Derived& self() { return static_cast<Derived&>(*this); }

  double lr_;
  betas_t betas_ = std::make_tuple(0.9, 0.999);
  double eps_ = 1e-8;
  double weight_decay_;
  bool amsgrad_ = false;
};

/// AdamOptions(lr).betas({0.9, 0.999})...: the options of Adam, with torch's defaults.
struct AdamOptions : public AdamFamilyOptions<AdamOptions> {
  AdamOptions(double lr = 1e-3) : AdamFamilyOptions(lr, /*weight_decay=*/0) {}  // NOLINT: implicit as in LibTorch
};

/// What Adam (and AdamW) remember per parameter: the step count, m, v and, for AMSGrad, max v.
struct AdamParamState : public OptimizerCloneableParamState<AdamParamState> {
  AdamParamState& step(int64_t value) { step_ = value; return *this; }
  int64_t step() const noexcept { return step_; }
  std::vector<std::pair<std::string, Tensor*>> tensors() override {
    return {{"exp_avg", &exp_avg_}, {"exp_avg_sq", &exp_avg_sq_}, {"max_exp_avg_sq", &max_exp_avg_sq_}};
  }
  std::vector<std::pair<std::string, int64_t*>> counters() override { return {{"step", &step_}}; }
  AdamParamState& exp_avg(const Tensor& value) { exp_avg_ = value; return *this; }
  Tensor& exp_avg() noexcept { return exp_avg_; }
  const Tensor& exp_avg() const noexcept { return exp_avg_; }
  AdamParamState& exp_avg_sq(const Tensor& value) { exp_avg_sq_ = value; return *this; }
  Tensor& exp_avg_sq() noexcept { return exp_avg_sq_; }
  const Tensor& exp_avg_sq() const noexcept { return exp_avg_sq_; }
  AdamParamState& max_exp_avg_sq(const Tensor& value) { max_exp_avg_sq_ = value; return *this; }
  Tensor& max_exp_avg_sq() noexcept { return max_exp_avg_sq_; }
  const Tensor& max_exp_avg_sq() const noexcept { return max_exp_avg_sq_; }

 private:
  int64_t step_ = 0;
  Tensor exp_avg_;
  Tensor exp_avg_sq_;
  Tensor max_exp_avg_sq_;
};

class Adam : public PerParameterOptimizer<Adam, AdamOptions, AdamParamState> {
 public:
  /// Adam(params, AdamOptions(lr)...), or with param groups. Throws xg::Error
  /// ("[Adam] invalid beta parameter at index 0: 1", ...) for bad options.
  using PerParameterOptimizer::PerParameterOptimizer;

  static constexpr const char* kName = "Adam";
  /// Throws unless lr, eps and weight_decay are >= 0 and both betas are in [0, 1).
  static void check_options(const AdamOptions& o);
  /// One Adam update of one parameter (see the top of this file).
  static void update(Tensor& p, Tensor grad, ParamStateRef<AdamParamState> state, const AdamOptions& o);
};

namespace detail {
/// The options check of Adam and AdamW, with `optimizer` named in the errors.
template <class Options>
void check_adam_options(const AdamFamilyOptions<Options>& o, const char* optimizer) {
  const auto [beta1, beta2] = o.betas();
  check_non_negative(optimizer, {{"learning rate", o.lr()}, {"epsilon value", o.eps()}});
  XG_CHECK(0 <= beta1 && beta1 < 1, optimizer, "invalid beta parameter at index 0: ", beta1);
  XG_CHECK(0 <= beta2 && beta2 < 1, optimizer, "invalid beta parameter at index 1: ", beta2);
  check_non_negative(optimizer, {{"weight_decay value", o.weight_decay()}});
}

/// The moment updates and the step shared by Adam and AdamW, for one parameter whose
/// gradient `grad` already includes any L2 term: updates `state` and moves `p`.
void adam_update(Tensor& p, const Tensor& grad, AdamParamState& state, double lr,
                 const std::tuple<double, double>& betas, double eps, bool amsgrad);
}  // namespace detail

}  // namespace optim
}  // namespace xg
