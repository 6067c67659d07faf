#pragma once
// RMSprop: divide each gradient by a running root mean square of recent
// gradients, as torch::optim::RMSprop.
//
// Like Adagrad, every coordinate gets its own scale, but the average of squares
// forgets old gradients (with factor α), so the step size does not decay to
// zero. The centered variant divides by an estimate of the gradient's standard
// deviation instead of its root mean square. With learning rate γ, smoothing
// α, weight decay λ, momentum μ and ε:
//
//     g_t = ∇f(θ_{t-1}) + λ θ_{t-1}
//     v_t = α v_{t-1} + (1 - α) g_t²                      (v_0 = 0)
//     centered:   ḡ_t = α ḡ_{t-1} + (1 - α) g_t,   a_t = √(v_t - ḡ_t²) + ε
//     otherwise:  a_t = √v_t + ε
//     μ > 0:      b_t = μ b_{t-1} + g_t / a_t,      θ_t = θ_{t-1} - γ b_t     (b_0 = 0)
//     μ = 0:      θ_t = θ_{t-1} - γ g_t / a_t
//
// ε is added outside the square root (PyTorch's choice; TensorFlow puts it inside).
//
// T. Tieleman and G. Hinton, "Lecture 6.5 - RMSProp: Divide the gradient by a running
//   average of its recent magnitude", COURSERA: Neural Networks for Machine Learning, 2012.
// A. Graves, "Generating Sequences With Recurrent Neural Networks", arXiv:1308.0850, 2013
//   (the centered form).

#include <cstdint>
#include <memory>
#include <vector>

#include "optimizer.h"
#include "per_parameter_optimizer.h"

namespace xg {
namespace optim {

/// RMSpropOptions(lr).alpha(...)...: the options of RMSprop, with torch's defaults.
struct RMSpropOptions : public OptimizerCloneableOptions<RMSpropOptions> {
  RMSpropOptions(double lr = 1e-2);  // NOLINT: implicit as in LibTorch

  /// Learning rate γ; default 1e-2.
  RMSpropOptions& lr(double value) { lr_ = value; return *this; }
  double lr() const noexcept { return lr_; }
  /// Smoothing constant α of the averages; default 0.99.
  RMSpropOptions& alpha(double value) { alpha_ = value; return *this; }
  double alpha() const noexcept { return alpha_; }
  /// ε added to the root; default 1e-8.
  RMSpropOptions& eps(double value) { eps_ = value; return *this; }
  double eps() const noexcept { return eps_; }
  /// L2 penalty λ added to the gradient; default 0.
  RMSpropOptions& weight_decay(double value) { weight_decay_ = value; return *this; }
  double weight_decay() const noexcept { return weight_decay_; }
  /// Momentum factor μ; default 0.
  RMSpropOptions& momentum(double value) { momentum_ = value; return *this; }
  double momentum() const noexcept { return momentum_; }
  /// Divide by the centered second moment (a variance estimate); default false.
  RMSpropOptions& centered(bool value) { centered_ = value; return *this; }
  bool centered() const noexcept { return centered_; }

  double get_lr() const override { return lr_; }
  void set_lr(double lr) override { lr_ = lr; }
  std::vector<Slot> slots() override {
    return {{"lr", &lr_}, {"alpha", &alpha_}, {"eps", &eps_}, {"weight_decay", &weight_decay_},
            {"momentum", &momentum_}, {"centered", nullptr, &centered_}};
  }

 private:
  double lr_ = 1e-2;
  double alpha_ = 0.99;
  double eps_ = 1e-8;
  double weight_decay_ = 0;
  double momentum_ = 0;
  bool centered_ = false;
};

/// What RMSprop remembers per parameter: v, and b and ḡ when momentum / centered are on.
struct RMSpropParamState : public OptimizerCloneableParamState<RMSpropParamState> {
  RMSpropParamState& step(int64_t value) { step_ = value; return *this; }
  int64_t step() const noexcept { return step_; }
  std::vector<std::pair<std::string, Tensor*>> tensors() override {
    return {{"square_avg", &square_avg_}, {"momentum_buffer", &momentum_buffer_}, {"grad_avg", &grad_avg_}};
  }
  std::vector<std::pair<std::string, int64_t*>> counters() override { return {{"step", &step_}}; }
  RMSpropParamState& square_avg(const Tensor& value) { square_avg_ = value; return *this; }
  Tensor& square_avg() noexcept { return square_avg_; }
  const Tensor& square_avg() const noexcept { return square_avg_; }
  RMSpropParamState& momentum_buffer(const Tensor& value) { momentum_buffer_ = value; return *this; }
  Tensor& momentum_buffer() noexcept { return momentum_buffer_; }
  const Tensor& momentum_buffer() const noexcept { return momentum_buffer_; }
  RMSpropParamState& grad_avg(const Tensor& value) { grad_avg_ = value; return *this; }
  Tensor& grad_avg() noexcept { return grad_avg_; }
  const Tensor& grad_avg() const noexcept { return grad_avg_; }

 private:
  int64_t step_ = 0;
  Tensor square_avg_;
  Tensor momentum_buffer_;
  Tensor grad_avg_;
};

class RMSprop : public PerParameterOptimizer<RMSprop, RMSpropOptions, RMSpropParamState> {
 public:
  /// RMSprop(params, RMSpropOptions(lr)...), or with param groups. Throws xg::Error
  /// ("[RMSprop] invalid learning rate: -0.1", ...) for bad options.
  using PerParameterOptimizer::PerParameterOptimizer;

  static constexpr const char* kName = "RMSprop";
  /// Throws unless lr, eps, momentum, weight_decay and alpha are >= 0.
  static void check_options(const RMSpropOptions& o);
  /// One RMSprop update of one parameter (see the top of this file).
  static void update(Tensor& p, Tensor grad, ParamStateRef<RMSpropParamState> state, const RMSpropOptions& o);
};

}  // namespace optim
}  // namespace xg
