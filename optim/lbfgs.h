#pragma once
// LBFGS: limited-memory BFGS, a quasi-Newton method, as torch::optim::LBFGS.
//
// Newton's method steps by -H⁻¹g, the gradient rescaled by the inverse Hessian.
// BFGS builds an approximation of H⁻¹ from how the gradient changed along past
// steps; L-BFGS keeps only the last m pairs
//
//     s_k = θ_{k+1} - θ_k,    y_k = g_{k+1} - g_k,    ρ_k = 1 / (y_kᵀ s_k)
//
// and applies the approximation to g with the two-loop recursion, never forming
// a matrix:
//
//     q = -g
//     for k = newest .. oldest:   α_k = ρ_k s_kᵀ q,   q = q - α_k y_k
//     r = (y_newestᵀ s_newest / y_newestᵀ y_newest) q        (scaled identity as H₀⁻¹)
//     for k = oldest .. newest:   β_k = ρ_k y_kᵀ r,   r = r + (α_k - β_k) s_k
//     d = r                                                 (the search direction)
//
// A pair is stored only when yᵀs > 1e-10 (curvature condition). The parameter
// then moves θ = θ + t d, with t = lr (the very first iteration uses
// t = min(1, 1 / ‖g‖₁) lr), or with t found by a line search satisfying the
// strong Wolfe conditions (line_search_fn = "strong_wolfe"):
//
//     f(θ + t d) ≤ f(θ) + c₁ t gᵀd,     |∇f(θ + t d)ᵀ d| ≤ c₂ |gᵀd|,     c₁ = 1e-4, c₂ = 0.9
//
// One step(closure) runs up to max_iter such iterations (and up to max_eval
// evaluations of the closure), stopping early when the largest gradient entry is
// below tolerance_grad, or when the step or the change of the loss is below
// tolerance_change. The closure must zero the gradients, compute the loss, call
// backward() and return the loss. Only one param group is supported. The memory,
// direction and step size carry over from one step() to the next, as in torch.
//
// D. C. Liu and J. Nocedal, "On the limited memory BFGS method for large scale
//   optimization", Mathematical Programming 45, 1989.
// J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed., Springer 2006:
//   Algorithm 7.4 (two-loop recursion), Algorithms 3.5 and 3.6 (strong Wolfe line search).

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optimizer.h"

namespace xg {
namespace optim {

/// LBFGSOptions(lr).max_iter(...)...: the options of LBFGS, with torch's defaults.
struct LBFGSOptions : public OptimizerCloneableOptions<LBFGSOptions> {
  LBFGSOptions(double lr = 1);  // NOLINT: implicit as in LibTorch

  /// Step size (or first trial step of the line search); default 1.
  LBFGSOptions& lr(double value) { lr_ = value; return *this; }
  double lr() const noexcept { return lr_; }
  /// Iterations per step(); default 20.
  LBFGSOptions& max_iter(int64_t value) { max_iter_ = value; return *this; }
  int64_t max_iter() const noexcept { return max_iter_; }
  /// Closure evaluations per step(); default max_iter * 5 / 4 (filled in by the constructor).
  LBFGSOptions& max_eval(std::optional<int64_t> value) { max_eval_ = value; return *this; }
  std::optional<int64_t> max_eval() const noexcept { return max_eval_; }
  /// Stop when max |g_i| <= tolerance_grad; default 1e-7.
  LBFGSOptions& tolerance_grad(double value) { tolerance_grad_ = value; return *this; }
  double tolerance_grad() const noexcept { return tolerance_grad_; }
  /// Stop when the step or the change of the loss falls below it; default 1e-9.
  LBFGSOptions& tolerance_change(double value) { tolerance_change_ = value; return *this; }
  double tolerance_change() const noexcept { return tolerance_change_; }
  /// Number m of (s, y) pairs kept; default 100.
  LBFGSOptions& history_size(int64_t value) { history_size_ = value; return *this; }
  int64_t history_size() const noexcept { return history_size_; }
  /// None (fixed step t = lr) or "strong_wolfe"; default none.
  LBFGSOptions& line_search_fn(std::optional<std::string> value) { line_search_fn_ = std::move(value); return *this; }
  const std::optional<std::string>& line_search_fn() const noexcept { return line_search_fn_; }

  double get_lr() const override { return lr_; }
  void set_lr(double lr) override { lr_ = lr; }
  /// lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, and
  /// line_search_fn as the flag strong_wolfe (1 for "strong_wolfe", 0 for none).
  std::vector<Slot> slots() override;

 private:
  double lr_ = 1;
  int64_t max_iter_ = 20;
  std::optional<int64_t> max_eval_;
  double tolerance_grad_ = 1e-7;
  double tolerance_change_ = 1e-9;
  int64_t history_size_ = 100;
  std::optional<std::string> line_search_fn_;
};

/// What LBFGS remembers between steps (stored under its first parameter, as in torch).
struct LBFGSParamState : public OptimizerCloneableParamState<LBFGSParamState> {
  /// Closure evaluations so far.
  LBFGSParamState& func_evals(int64_t value) { func_evals_ = value; return *this; }
  int64_t func_evals() const noexcept { return func_evals_; }
  /// Iterations so far.
  LBFGSParamState& n_iter(int64_t value) { n_iter_ = value; return *this; }
  int64_t n_iter() const noexcept { return n_iter_; }
  /// Last step size.
  LBFGSParamState& t(double value) { t_ = value; return *this; }
  double t() const noexcept { return t_; }
  /// Loss at the start of the last iteration.
  LBFGSParamState& prev_loss(double value) { prev_loss_ = value; return *this; }
  double prev_loss() const noexcept { return prev_loss_; }
  /// Last search direction (flat).
  LBFGSParamState& d(const Tensor& value) { d_ = value; return *this; }
  const Tensor& d() const noexcept { return d_; }
  /// Scale yᵀs / yᵀy of the initial inverse Hessian (0-d).
  LBFGSParamState& H_diag(const Tensor& value) { H_diag_ = value; return *this; }
  const Tensor& H_diag() const noexcept { return H_diag_; }
  /// Gradient at the start of the last iteration (flat).
  LBFGSParamState& prev_flat_grad(const Tensor& value) { prev_flat_grad_ = value; return *this; }
  const Tensor& prev_flat_grad() const noexcept { return prev_flat_grad_; }
  /// y_k, oldest first.
  std::deque<Tensor>& old_dirs() noexcept { return old_dirs_; }
  const std::deque<Tensor>& old_dirs() const noexcept { return old_dirs_; }
  /// s_k, oldest first.
  std::deque<Tensor>& old_stps() noexcept { return old_stps_; }
  const std::deque<Tensor>& old_stps() const noexcept { return old_stps_; }
  /// ρ_k = 1 / (y_kᵀ s_k) (0-d), oldest first.
  std::deque<Tensor>& ro() noexcept { return ro_; }
  const std::deque<Tensor>& ro() const noexcept { return ro_; }

  /// Checkpoint slots: the counters func_evals and n_iter, the numbers t and prev_loss, and
  /// the whole-model tensors d, prev_flat_grad (flat), H_diag (0-d) and the history lists
  /// old_dirs, old_stps (flat) and ro (0-d).
  std::vector<std::pair<std::string, int64_t*>> counters() override {
    return {{"func_evals", &func_evals_}, {"n_iter", &n_iter_}};
  }
  std::vector<std::pair<std::string, double*>> numbers() override { return {{"t", &t_}, {"prev_loss", &prev_loss_}}; }
  std::vector<GroupSlot> group_slots() override;

 private:
  int64_t func_evals_ = 0;
  int64_t n_iter_ = 0;
  double t_ = 0;
  double prev_loss_ = 0;
  Tensor d_;
  Tensor H_diag_;
  Tensor prev_flat_grad_;
  std::deque<Tensor> old_dirs_;
  std::deque<Tensor> old_stps_;
  std::deque<Tensor> ro_;
};

class LBFGS : public TypedOptimizer<LBFGS, LBFGSOptions, LBFGSParamState> {
 public:
  /// Throws xg::Error ("[LBFGS] ...") for bad options or more than one param group.
  LBFGS(std::vector<OptimizerParamGroup> param_groups, LBFGSOptions defaults = {});
  LBFGS(std::vector<Tensor> params, LBFGSOptions defaults = {});

  static constexpr const char* kName = "LBFGS";
  /// Throws unless the counts are > 0, the tolerances >= 0 and the line search is none or "strong_wolfe".
  static void check_options(const LBFGSOptions& o);
  /// Throws unless there is one group and it has parameters.
  static void check_param_groups(const std::vector<OptimizerParamGroup>& param_groups);

  /// Runs up to max_iter L-BFGS iterations; `closure` (required) recomputes loss and
  /// gradients. Returns the loss from the first evaluation of the closure. If the closure
  /// throws (or returns no loss) midway, the parameters and the state are put back as they were.
  Tensor step(LossClosure closure) override;

 protected:
  /// One group only, as in torch: add_param_group always throws.
  void check_group_options(const OptimizerParamGroup& group) const override;

 private:
  /// All gradients as one flat vector (zeros for parameters without a gradient).
  Tensor gather_flat_grad() const;
  /// θ += step_size * update, where update is flat.
  void add_grad(double step_size, const Tensor& update);
  /// Copies of the parameters, and writing them back.
  std::vector<Tensor> clone_params() const;
  void set_params(const std::vector<Tensor>& values);
  /// step()'s iterations, updating `state`.
  Tensor iterate(const LossClosure& closure, LBFGSParamState& state);
  /// The loss the closure returns, which must be a tensor of one element.
  static Tensor loss_of(const LossClosure& closure);
};

}  // namespace optim
}  // namespace xg
