#pragma once
// Adagrad: a learning rate per coordinate, shrinking with the squared gradients
// seen so far, as torch::optim::Adagrad.
//
// Coordinates whose gradients have been large get small steps, and rarely
// updated coordinates keep large ones, which suits sparse features. The sum s
// only grows, so the effective rate decays over training. With learning rate
// γ, lr_decay η, weight decay λ, initial accumulator value s_0 and ε, step t
// (counting from 1) is
//
//     g_t = ∇f(θ_{t-1}) + λ θ_{t-1}
//     γ_t = γ / (1 + (t - 1) η)
//     s_t = s_{t-1} + g_t²                         (s_0 filled with initial_accumulator_value)
//     θ_t = θ_{t-1} - γ_t g_t / (√s_t + ε)
//
// Squares, roots and divisions are per element.
//
// J. Duchi, E. Hazan, Y. Singer, "Adaptive Subgradient Methods for Online Learning and
//   Stochastic Optimization", JMLR 12, 2011.

#include <cstdint>
#include <memory>
#include <vector>

#include "optimizer.h"
#include "per_parameter_optimizer.h"

namespace xg {
namespace optim {

/// AdagradOptions(lr).lr_decay(...)...: the options of Adagrad, with torch's defaults.
struct AdagradOptions : public OptimizerCloneableOptions<AdagradOptions> {
  AdagradOptions(double lr = 1e-2);  // NOLINT: implicit as in LibTorch

  /// Learning rate γ; default 1e-2.
  AdagradOptions& lr(double value) { lr_ = value; return *this; }
  double lr() const noexcept { return lr_; }
  /// η in γ / (1 + (t - 1) η); default 0.
  AdagradOptions& lr_decay(double value) { lr_decay_ = value; return *this; }
  double lr_decay() const noexcept { return lr_decay_; }
  /// L2 penalty λ added to the gradient; default 0.
  AdagradOptions& weight_decay(double value) { weight_decay_ = value; return *this; }
  double weight_decay() const noexcept { return weight_decay_; }
  /// Starting value s_0 of the sum of squares; default 0.
  AdagradOptions& initial_accumulator_value(double value) { initial_accumulator_value_ = value; return *this; }
  double initial_accumulator_value() const noexcept { return initial_accumulator_value_; }
  /// ε added to the root; default 1e-10.
  AdagradOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }

  double get_lr() const override { return lr_; }
  void set_lr(double lr) override { lr_ = lr; }
  std::vector<Slot> slots() override {
    return {{"lr", &lr_}, {"lr_decay", &lr_decay_}, {"weight_decay", &weight_decay_},
            {"initial_accumulator_value", &initial_accumulator_value_}, {"eps", &eps_}};
  }

 private:
  double lr_ = 1e-2;
  double lr_decay_ = 0;
  double weight_decay_ = 0;
  double initial_accumulator_value_ = 0;
  double eps_ = 1e-10;
};

/// What Adagrad remembers per parameter: the sum of squared gradients and the step count.
struct AdagradParamState : public OptimizerCloneableParamState<AdagradParamState> {
  AdagradParamState& sum(const Tensor& value) { sum_ = value; return *this; }
  Tensor& sum() noexcept { return sum_; }
  const Tensor& sum() const noexcept { return sum_; }
  AdagradParamState& step(int64_t value) { step_ = value; return *this; }
  int64_t step() const noexcept { return step_; }
  std::vector<std::pair<std::string, Tensor*>> tensors() override { return {{"sum", &sum_}}; }
  std::vector<std::pair<std::string, int64_t*>> counters() override { return {{"step", &step_}}; }

 private:
  Tensor sum_;
  int64_t step_ = 0;
};

class Adagrad : public PerParameterOptimizer<Adagrad, AdagradOptions, AdagradParamState> {
 public:
  /// Adagrad(params, AdagradOptions(lr)...), or with param groups. Throws xg::Error
  /// ("[Adagrad] invalid learning rate: -0.1", ...) for bad options.
  using PerParameterOptimizer::PerParameterOptimizer;

  static constexpr const char* kName = "Adagrad";
  /// Throws unless lr, lr_decay, weight_decay, initial_accumulator_value and eps are >= 0.
  static void check_options(const AdagradOptions& o);
  /// One Adagrad update of one parameter (see the top of this file).
  static void update(Tensor& p, Tensor grad, ParamStateRef<AdagradParamState> state, const AdagradOptions& o);
};

}  // namespace optim
}  // namespace xg
