#include "lbfgs.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "../autograd/tensor/factories.h"
#include "../autograd/graph/grad_mode.h"

namespace xg {
namespace optim {

LBFGSOptions::LBFGSOptions(double lr) : lr_(lr) {}

std::vector<OptimizerOptions::Slot> LBFGSOptions::slots() {
  // max_eval is always set in a param group's options (the LBFGS constructor fills it in).
  if (!max_eval_) max_eval_ = max_iter_ * 5 / 4;
  // An integer option read as, and set from, a double.
  auto integer = [](const char* name, int64_t* value) {
    Slot slot{name};
    slot.get = [value] { return static_cast<double>(*value); };
    slot.set = [value](double number) { *value = static_cast<int64_t>(number); };
    return slot;
  };
  Slot strong_wolfe{"strong_wolfe"};
  strong_wolfe.get = [this] { return line_search_fn_ ? 1.0 : 0.0; };
  strong_wolfe.set = [this](double number) {
    line_search_fn_ = number != 0 ? std::optional<std::string>("strong_wolfe") : std::nullopt;
  };
  return {{"lr", &lr_},
          integer("max_iter", &max_iter_),
          integer("max_eval", &*max_eval_),
          {"tolerance_grad", &tolerance_grad_},
          {"tolerance_change", &tolerance_change_},
          integer("history_size", &history_size_),
          std::move(strong_wolfe)};
}

std::vector<OptimizerParamState::GroupSlot> LBFGSParamState::group_slots() {
  return {{"d", GroupShape::kFlat, &d_},
          {"prev_flat_grad", GroupShape::kFlat, &prev_flat_grad_},
          {"H_diag", GroupShape::kScalar, &H_diag_},
          {"old_dirs", GroupShape::kFlat, nullptr, &old_dirs_},
          {"old_stps", GroupShape::kFlat, nullptr, &old_stps_},
          {"ro", GroupShape::kScalar, nullptr, &ro_}};
}

namespace {

// ---- Strong Wolfe line search ----------------------------------------------------------------
// Along the direction d from the current parameters, find a step t whose loss
// decreased enough (Armijo) and whose slope flattened enough (curvature):
// bracket an interval that must contain such a t, then shrink it ("zoom"),
// choosing trial points by cubic interpolation. Torch's port of minFunc's
// line search, written in doubles.

/// The minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2,
/// clamped to [lo, hi] (by default the interval between x1 and x2). Falls back to
/// the middle of [lo, hi] when the cubic has no minimum.
double cubic_interpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                         std::optional<std::pair<double, double>> bounds = std::nullopt) {
  const auto [lo, hi] = bounds ? *bounds : (x1 <= x2 ? std::make_pair(x1, x2) : std::make_pair(x2, x1));
  const double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
  const double d2_square = d1 * d1 - g1 * g2;
  if (d2_square >= 0) {
    const double d2 = std::sqrt(d2_square);
    const double min_pos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return std::min(std::max(min_pos, lo), hi);
  }
  return (lo + hi) / 2;
}

/// Loss and flat gradient at (parameters + t d); the parameters are restored afterwards.
using DirectionalEvaluation = std::function<std::pair<double, Tensor>(double t)>;

struct LineSearchResult {
  double loss;
  Tensor flat_grad;
  double t;
  int64_t func_evals;
};

/// A step t along d satisfying the strong Wolfe conditions, starting from the trial t.
/// f, g and gtd are the loss, the gradient and the slope gᵀd at t = 0.
LineSearchResult strong_wolfe(const DirectionalEvaluation& evaluate_at, double t, const Tensor& d, double f,
                              const Tensor& g, double gtd, double tolerance_change) {
  const double c1 = 1e-4;  // sufficient decrease
  const double c2 = 0.9;   // curvature
  const int max_ls = 25;
  const double d_norm = d.abs().max().item<double>();

  auto [f_new, g_new] = evaluate_at(t);
  int64_t func_evals = 1;
  double gtd_new = g_new.dot(d).item<double>();

  // Bracketing: grow t until [t_prev, t] must hold an acceptable step, or t itself is one.
  double t_prev = 0, f_prev = f, gtd_prev = gtd;
  Tensor g_prev = g;
  bool done = false;
  int ls_iter = 0;
  std::vector<double> bracket, bracket_f, bracket_gtd;
  std::vector<Tensor> bracket_g;
  while (ls_iter < max_ls) {
    if (f_new > f + c1 * t * gtd || (ls_iter > 1 && f_new >= f_prev)) {  // too far: not enough decrease
      bracket = {t_prev, t}, bracket_f = {f_prev, f_new}, bracket_g = {g_prev, g_new};
      bracket_gtd = {gtd_prev, gtd_new};
      break;
    }
    if (std::abs(gtd_new) <= -c2 * gtd) {  // both Wolfe conditions hold at t
      bracket = {t}, bracket_f = {f_new}, bracket_g = {g_new};
      done = true;
      break;
    }
    if (gtd_new >= 0) {  // the slope turned: a minimum lies behind t
      bracket = {t_prev, t}, bracket_f = {f_prev, f_new}, bracket_g = {g_prev, g_new};
      bracket_gtd = {gtd_prev, gtd_new};
      break;
    }
    // Still descending: extrapolate to a longer step.
    const double min_step = t + 0.01 * (t - t_prev);
    const double max_step = t * 10;
    const double previous = t;
    t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, std::make_pair(min_step, max_step));
    t_prev = previous, f_prev = f_new, g_prev = g_new, gtd_prev = gtd_new;
    std::tie(f_new, g_new) = evaluate_at(t);
    ++func_evals;
    gtd_new = g_new.dot(d).item<double>();
    ++ls_iter;
  }
  if (ls_iter == max_ls) {
    bracket = {0, t}, bracket_f = {f, f_new}, bracket_g = {g, g_new};
  }

  // Zoom: shrink the bracket until a point satisfies both conditions.
  bool insufficient_progress = false;
  size_t low = bracket_f.front() <= bracket_f.back() ? 0 : 1;  // the end with the lower loss
  size_t high = 1 - low;
  while (!done && ls_iter < max_ls) {
    if (std::abs(bracket[1] - bracket[0]) * d_norm < tolerance_change) break;  // bracket too small
    t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1]);

    // A point very close to an end of the bracket makes little progress: twice in a
    // row, or on the end itself, move it to 10% of the bracket's width from that end.
    const double b_max = std::max(bracket[0], bracket[1]);
    const double b_min = std::min(bracket[0], bracket[1]);
    const double eps = 0.1 * (b_max - b_min);
    if (std::min(b_max - t, t - b_min) < eps) {
      if (insufficient_progress || t >= b_max || t <= b_min) {
        t = std::abs(t - b_max) < std::abs(t - b_min) ? b_max - eps : b_min + eps;
        insufficient_progress = false;
      } else {
        insufficient_progress = true;
      }
    } else {
      insufficient_progress = false;
    }

    std::tie(f_new, g_new) = evaluate_at(t);
    ++func_evals;
    gtd_new = g_new.dot(d).item<double>();
    ++ls_iter;

    if (f_new > f + c1 * t * gtd || f_new >= bracket_f[low]) {
      // Not enough decrease, or no better than the low end: t becomes the high end.
      bracket[high] = t, bracket_f[high] = f_new, bracket_g[high] = g_new, bracket_gtd[high] = gtd_new;
      low = bracket_f[0] <= bracket_f[1] ? 0 : 1;
      high = 1 - low;
    } else {
      if (std::abs(gtd_new) <= -c2 * gtd) {
        done = true;  // Wolfe conditions hold
      } else if (gtd_new * (bracket[high] - bracket[low]) >= 0) {
        // The minimum lies on the other side of t: the old low end becomes the high end.
        bracket[high] = bracket[low], bracket_f[high] = bracket_f[low];
        bracket_g[high] = bracket_g[low], bracket_gtd[high] = bracket_gtd[low];
      }
      bracket[low] = t, bracket_f[low] = f_new, bracket_g[low] = g_new, bracket_gtd[low] = gtd_new;
    }
  }
  return {bracket_f[low], bracket_g[low], bracket[low], func_evals};
}

/// True when a 0-d comparison result holds.
bool holds(const Tensor& condition) { return condition.item<bool>(); }

}  // namespace

// ---- LBFGS ----------------------------------------------------------------------------------

namespace {
constexpr const char* kOneGroupOnly = "doesn't support per-parameter options (parameter groups), got ";
}  // namespace

void LBFGS::check_options(const LBFGSOptions& o) {
  XG_CHECK(o.lr() >= 0, kName, "invalid learning rate: ", o.lr());
  XG_CHECK(o.max_iter() > 0, kName, "invalid max_iter value: ", o.max_iter());
  XG_CHECK(!o.max_eval() || *o.max_eval() > 0, kName, "invalid max_eval value: ", o.max_eval().value_or(0));
  XG_CHECK(o.tolerance_grad() >= 0, kName, "invalid tolerance_grad value: ", o.tolerance_grad());
  XG_CHECK(o.tolerance_change() >= 0, kName, "invalid tolerance_change value: ", o.tolerance_change());
  XG_CHECK(o.history_size() > 0, kName, "invalid history_size value: ", o.history_size());
  XG_CHECK(!o.line_search_fn() || *o.line_search_fn() == "strong_wolfe", kName,
           "only 'strong_wolfe' is supported as line_search_fn, got '", o.line_search_fn().value_or(""), "'");
}

void LBFGS::check_param_groups(const std::vector<OptimizerParamGroup>& param_groups) {
  XG_CHECK(param_groups.size() == 1, kName, kOneGroupOnly, param_groups.size(), " groups");
  XG_CHECK(!param_groups[0].params().empty(), kName, "got an empty parameter list");
}

LBFGS::LBFGS(std::vector<OptimizerParamGroup> param_groups, LBFGSOptions defaults)
    : TypedOptimizer(std::move(param_groups), std::move(defaults)) {
  // max_eval defaults to 5/4 of max_iter, as in torch.
  for (LBFGSOptions* options : {&options_of(param_groups_[0]), &static_cast<LBFGSOptions&>(*defaults_)}) {
    if (!options->max_eval()) options->max_eval(options->max_iter() * 5 / 4);
  }
}

LBFGS::LBFGS(std::vector<Tensor> params, LBFGSOptions defaults)
    : LBFGS(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}

void LBFGS::check_group_options(const OptimizerParamGroup&) const {
  XG_CHECK(param_groups_.empty(), kName, kOneGroupOnly, param_groups_.size() + 1, " groups");
}

Tensor LBFGS::gather_flat_grad() const {
  check_grads(kName);
  std::vector<Tensor> pieces;
  for (const Tensor& p : param_groups_[0].params()) {
    pieces.push_back(p.grad().defined() ? p.grad().reshape({-1}) : zeros({p.numel()}, p.scalar_type()));
  }
  return cat(pieces, 0);
}

void LBFGS::add_grad(double step_size, const Tensor& update) {
  int64_t offset = 0;
  for (Tensor& p : param_groups_[0].params()) {
    p.add_(update.narrow(0, offset, p.numel()).view_as(p), step_size);
    offset += p.numel();
  }
}

std::vector<Tensor> LBFGS::clone_params() const {
  std::vector<Tensor> copies;
  for (const Tensor& p : param_groups_[0].params()) copies.push_back(p.clone());
  return copies;
}

void LBFGS::set_params(const std::vector<Tensor>& values) {
  std::vector<Tensor>& params = param_groups_[0].params();
  for (size_t i = 0; i < params.size(); ++i) params[i].copy_(values[i]);
}

Tensor LBFGS::loss_of(const LossClosure& closure) {
  const Tensor loss = evaluate(closure);
  XG_CHECK(loss.defined(), kName, "the closure returned an undefined tensor; it must return the loss");
  XG_CHECK(loss.numel() == 1, kName, "the closure must return the loss, a tensor of one element; got sizes ",
           loss.sizes());
  return loss;
}

Tensor LBFGS::step(LossClosure closure) {
  XG_CHECK(closure != nullptr, kName,
           "step() needs a closure that zeroes the gradients, computes the loss, calls backward() and "
           "returns the loss");
  NoGradGuard no_grad;
  LBFGSParamState& state = state_of<LBFGSParamState>(param_groups_[0].params().front());
  // The closure runs many times per step; one that throws on its third run would leave the
  // parameters moved along the line search and the history half-updated. (The state's tensors
  // are replaced, never written into, so a copy of the state is a snapshot.)
  const std::vector<Tensor> params_before = clone_params();
  const LBFGSParamState state_before = state;
  try {
    return iterate(closure, state);
  } catch (...) {
    set_params(params_before);
    state = state_before;
    throw;
  }
}

Tensor LBFGS::iterate(const LossClosure& closure, LBFGSParamState& state) {
  const LBFGSOptions& o = options_of(param_groups_[0]);
  const double lr = o.lr();
  const int64_t max_iter = o.max_iter();
  const int64_t max_eval = o.max_eval().value_or(max_iter * 5 / 4);
  const double tolerance_grad = o.tolerance_grad();
  const double tolerance_change = o.tolerance_change();
  const int64_t history_size = o.history_size();
  const bool strong_wolfe_search = o.line_search_fn().has_value();

  // Loss and gradient at the starting point.
  Tensor orig_loss = loss_of(closure);
  double loss = orig_loss.item<double>();
  int64_t current_evals = 1;
  state.func_evals(state.func_evals() + 1);
  Tensor flat_grad = gather_flat_grad();
  bool opt_cond = holds(flat_grad.abs().max() <= tolerance_grad);
  if (opt_cond) return orig_loss;  // already at a stationary point

  // What the previous step() left (undefined on the first call).
  Tensor d = state.d();
  double t = state.t();
  Tensor H_diag = state.H_diag();
  Tensor prev_flat_grad = state.prev_flat_grad();
  double prev_loss = state.prev_loss();
  std::deque<Tensor>& old_dirs = state.old_dirs();
  std::deque<Tensor>& old_stps = state.old_stps();
  std::deque<Tensor>& ro = state.ro();

  int64_t n_iter = 0;
  while (n_iter < max_iter) {
    ++n_iter;
    state.n_iter(state.n_iter() + 1);

    // ---- the search direction d ≈ -H⁻¹ g
    if (state.n_iter() == 1) {
      d = flat_grad.neg();
      old_dirs.clear(), old_stps.clear(), ro.clear();
      H_diag = ones({}, flat_grad.scalar_type());
    } else {
      // Remember the newest pair (y, s) if the curvature yᵀs is positive.
      Tensor y = flat_grad.sub(prev_flat_grad);
      Tensor s = d.mul(t);
      Tensor ys = y.dot(s);
      if (holds(ys > 1e-10)) {
        if (static_cast<int64_t>(old_dirs.size()) == history_size) {
          old_dirs.pop_front(), old_stps.pop_front(), ro.pop_front();
        }
        old_dirs.push_back(y), old_stps.push_back(s), ro.push_back(ys.reciprocal());
        H_diag = ys.div(y.dot(y));
      }
      // The two-loop recursion.
      const size_t num_old = old_dirs.size();
      std::vector<Tensor> al(num_old);
      Tensor q = flat_grad.neg();
      for (size_t i = num_old; i-- > 0;) {
        al[i] = old_stps[i].dot(q).mul(ro[i]);
        q.add_(old_dirs[i], -al[i].item<double>());
      }
      d = q.mul(H_diag);
      for (size_t i = 0; i < num_old; ++i) {
        Tensor be_i = old_dirs[i].dot(d).mul(ro[i]);
        d.add_(old_stps[i], al[i].sub(be_i).item<double>());
      }
    }
    prev_flat_grad = flat_grad.clone();  // a new tensor, not written into the state's: see step()
    prev_loss = loss;

    // ---- the step length t
    if (state.n_iter() == 1) {
      Tensor inverse_l1 = flat_grad.abs().sum().reciprocal();  // t = min(1, 1/‖g‖₁) lr
      t = holds(inverse_l1 < 1.0) ? inverse_l1.mul(lr).item<double>() : lr;
    } else {
      t = lr;
    }
    Tensor gtd = flat_grad.dot(d);  // slope along d
    if (holds(gtd > -tolerance_change)) break;  // not a descent direction any more

    int64_t ls_func_evals = 0;
    if (strong_wolfe_search) {
      const std::vector<Tensor> x_init = clone_params();
      auto evaluate_at = [&](double step) {
        add_grad(step, d);
        const double f = loss_of(closure).item<double>();
        Tensor g = gather_flat_grad();
        set_params(x_init);
        return std::make_pair(f, g);
      };
      LineSearchResult found = strong_wolfe(evaluate_at, t, d, loss, flat_grad, gtd.item<double>(), tolerance_change);
      loss = found.loss, flat_grad = found.flat_grad, t = found.t, ls_func_evals = found.func_evals;
      add_grad(t, d);
      opt_cond = holds(flat_grad.abs().max() <= tolerance_grad);
    } else {
      add_grad(t, d);  // fixed step
      if (n_iter != max_iter) {
        // Re-evaluate (not after the last iteration, where nobody would use it).
        loss = loss_of(closure).item<double>();
        flat_grad = gather_flat_grad();
        opt_cond = holds(flat_grad.abs().max() <= tolerance_grad);
        ls_func_evals = 1;
      }
    }
    current_evals += ls_func_evals;
    state.func_evals(state.func_evals() + ls_func_evals);

    // ---- stopping conditions
    if (n_iter == max_iter) break;
    if (current_evals >= max_eval) break;
    if (opt_cond) break;
    if (holds(d.mul(t).abs().max() <= tolerance_change)) break;  // the step became tiny
    if (std::abs(loss - prev_loss) < tolerance_change) break;   // the loss stopped changing
  }

  state.d(d).t(t).H_diag(H_diag).prev_flat_grad(prev_flat_grad).prev_loss(prev_loss);
  return orig_loss;
}

}  // namespace optim
}  // namespace xg
