#pragma once
// SGD: stochastic gradient descent, with optional momentum, as torch::optim::SGD.
//
// Gradient descent moves every parameter a small step against its gradient.
// Momentum keeps a running sum of past gradients (a "velocity") so that steps
// build up along directions the gradient keeps pointing to and cancel out
// across directions where it oscillates. Nesterov's variant takes the
// gradient step from where the momentum is about to carry the parameter.
//
// With learning rate γ, momentum μ, dampening τ and weight decay λ, one step is
//
//     g_t = ∇f(θ_{t-1}) + λ θ_{t-1}
//     b_1 = g_1                                (the first step copies the gradient)
//     b_t = μ b_{t-1} + (1 - τ) g_t             (t > 1)
//     d_t = g_t + μ b_t    with nesterov,   d_t = b_t   without,   d_t = g_t   when μ = 0
//     θ_t = θ_{t-1} - γ d_t
//
// The learning rate stays outside the buffer b (PyTorch's form), so changing γ
// mid-training rescales the next step at once; Sutskever et al. write the
// equivalent v_t = μ v_{t-1} - γ g_t instead.
//
// H. Robbins and S. Monro, "A Stochastic Approximation Method", 1951.
// B. T. Polyak, "Some methods of speeding up the convergence of iteration methods", 1964.
// Y. Nesterov, "A method for solving the convex programming problem with convergence
//   rate O(1/k^2)", 1983.
// I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance of initialization and
//   momentum in deep learning", ICML 2013.

#include <memory>
#include <vector>

#include "optimizer.h"
#include "per_parameter_optimizer.h"

namespace xg {
namespace optim {

/// SGDOptions(lr).momentum(0.9).nesterov(true): the options of SGD, with torch's defaults.
struct SGDOptions : public OptimizerCloneableOptions<SGDOptions> {
  SGDOptions(double lr);  // NOLINT: implicit as in LibTorch

  /// Learning rate γ (no default, as in torch).
  SGDOptions& lr(double value) { lr_ = value; return *this; }
  double lr() const noexcept { return lr_; }
  /// Momentum factor μ; default 0 (plain SGD).
  SGDOptions& momentum(double value) { momentum_ = value; return *this; }
  double momentum() const noexcept { return momentum_; }
  /// Dampening τ of the gradient added to the buffer; default 0.
  SGDOptions& dampening(double value) { dampening_ = value; return *this; }
  double dampening() const noexcept { return dampening_; }
  /// L2 penalty λ added to the gradient; default 0.
  SGDOptions& weight_decay(double value) { weight_decay_ = value; return *this; }
  double weight_decay() const noexcept { return weight_decay_; }
  /// Nesterov momentum; default false. Needs momentum > 0 and dampening 0.
  SGDOptions& nesterov(bool value) { nesterov_ = value; return *this; }
  bool nesterov() const noexcept { return nesterov_; }

  double get_lr() const override { return lr_; }
  void set_lr(double lr) override { lr_ = lr; }
  std::vector<Slot> slots() override {
    return {{"lr", &lr_}, {"momentum", &momentum_}, {"dampening", &dampening_},
            {"weight_decay", &weight_decay_}, {"nesterov", nullptr, &nesterov_}};
  }

 private:
  double lr_;
  double momentum_ = 0;
  double dampening_ = 0;
  double weight_decay_ = 0;
  bool nesterov_ = false;
};

/// What SGD remembers per parameter: the momentum buffer b (only when momentum != 0).
struct SGDParamState : public OptimizerCloneableParamState<SGDParamState> {
  SGDParamState& momentum_buffer(const Tensor& value) { momentum_buffer_ = value; return *this; }
  Tensor& momentum_buffer() noexcept { return momentum_buffer_; }
  const Tensor& momentum_buffer() const noexcept { return momentum_buffer_; }
  std::vector<std::pair<std::string, Tensor*>> tensors() override { return {{"momentum_buffer", &momentum_buffer_}}; }

 private:
  Tensor momentum_buffer_;
};

class SGD : public PerParameterOptimizer<SGD, SGDOptions, SGDParamState> {
 public:
  /// SGD(params, SGDOptions(lr)...), or with param groups. Throws xg::Error
  /// ("[SGD] invalid learning rate: -0.1", ...) for bad options.
  using PerParameterOptimizer::PerParameterOptimizer;

  static constexpr const char* kName = "SGD";
  /// Throws unless lr, momentum and weight_decay are >= 0 and nesterov has a momentum and
  /// no dampening.
  static void check_options(const SGDOptions& o);
  /// θ ← θ - γ d for one parameter (see the top of this file); the buffer b is made only
  /// when μ != 0.
  static void update(Tensor& p, Tensor grad, ParamStateRef<SGDParamState> state, const SGDOptions& o);
};

/// SGD with momentum μ (default 0.9), heavy-ball or Nesterov's: what the textbook presets
/// Momentum (momentum.h) and Nesterov (nesterov.h) are made of.
template <bool kNesterov>
class SGDMomentumPreset : public SGD {
 public:
  /// The momentum used when none is given.
  static constexpr double kDefaultMomentum = 0.9;

  /// SGD with learning rate `lr` and momentum `momentum` (> 0 for Nesterov).
  SGDMomentumPreset(std::vector<Tensor> params, double lr, double momentum = kDefaultMomentum)
      : SGD(std::move(params), SGDOptions(lr).momentum(momentum).nesterov(kNesterov)) {}
  SGDMomentumPreset(std::vector<OptimizerParamGroup> param_groups, double lr, double momentum = kDefaultMomentum)
      : SGD(std::move(param_groups), SGDOptions(lr).momentum(momentum).nesterov(kNesterov)) {}
};

}  // namespace optim
}  // namespace xg
