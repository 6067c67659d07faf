// The optim API as LibTorch has it: options and their defaults, param groups,
// zero_grad, lazily made state, closures, the schedules, and the errors for
// bad options. (The numbers of each update are checked against torch.optim in
// test_optim_reference.cpp.)

#define BOOST_TEST_MODULE optim
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
namespace optim = xg::optim;

namespace {

/// A float64 leaf that requires grad.
Tensor leaf(std::vector<double> v) { return xg::tensor(v, xg::kDouble).requires_grad_(true); }

/// Gives p the gradient `g` (as if a backward pass had run).
void set_grad(const Tensor& p, std::vector<double> g) { p.mutable_grad() = xg::tensor(g, xg::kDouble); }

/// The learning rate of every group.
std::vector<double> lrs(const optim::Optimizer& o) {
  std::vector<double> out;
  for (const auto& group : o.param_groups()) out.push_back(group.options().get_lr());
  return out;
}

}  // namespace

// ---- options ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(option_defaults_are_torchs) {
  const optim::SGDOptions sgd(0.1);
  BOOST_TEST(sgd.lr() == 0.1);
  BOOST_TEST(sgd.momentum() == 0.0);
  BOOST_TEST(sgd.dampening() == 0.0);
  BOOST_TEST(sgd.weight_decay() == 0.0);
  BOOST_TEST(!sgd.nesterov());

  const optim::AdagradOptions adagrad;
  BOOST_TEST(adagrad.lr() == 1e-2);
  BOOST_TEST(adagrad.lr_decay() == 0.0);
  BOOST_TEST(adagrad.weight_decay() == 0.0);
  BOOST_TEST(adagrad.initial_accumulator_value() == 0.0);
  BOOST_TEST(adagrad.eps() == 1e-10);

  const optim::RMSpropOptions rmsprop;
  BOOST_TEST(rmsprop.lr() == 1e-2);
  BOOST_TEST(rmsprop.alpha() == 0.99);
  BOOST_TEST(rmsprop.eps() == 1e-8);
  BOOST_TEST(rmsprop.weight_decay() == 0.0);
  BOOST_TEST(rmsprop.momentum() == 0.0);
  BOOST_TEST(!rmsprop.centered());

  const optim::AdamOptions adam;
  BOOST_TEST(adam.lr() == 1e-3);
  BOOST_TEST(std::get<0>(adam.betas()) == 0.9);
  BOOST_TEST(std::get<1>(adam.betas()) == 0.999);
  BOOST_TEST(adam.eps() == 1e-8);
  BOOST_TEST(adam.weight_decay() == 0.0);
  BOOST_TEST(!adam.amsgrad());

  const optim::AdamWOptions adamw;
  BOOST_TEST(adamw.lr() == 1e-3);
  BOOST_TEST(adamw.weight_decay() == 1e-2);  // decoupled decay is on by default
  BOOST_TEST(std::get<1>(adamw.betas()) == 0.999);

  const optim::LBFGSOptions lbfgs;
  BOOST_TEST(lbfgs.lr() == 1.0);
  BOOST_TEST(lbfgs.max_iter() == 20);
  BOOST_TEST(!lbfgs.max_eval().has_value());
  BOOST_TEST(lbfgs.tolerance_grad() == 1e-7);
  BOOST_TEST(lbfgs.tolerance_change() == 1e-9);
  BOOST_TEST(lbfgs.history_size() == 100);
  BOOST_TEST(!lbfgs.line_search_fn().has_value());

  // max_eval is filled in as max_iter * 5 / 4 by the constructor.
  optim::LBFGS optimizer({leaf({1.0})}, optim::LBFGSOptions().max_iter(10));
  const auto& filled = static_cast<const optim::LBFGSOptions&>(optimizer.param_groups()[0].options());
  BOOST_TEST(filled.max_eval().value() == 12);
}

BOOST_AUTO_TEST_CASE(setters_chain_and_presets_have_their_defaults) {
  const auto o = optim::SGDOptions(0.1).momentum(0.9).dampening(0).weight_decay(1e-4).nesterov(true);
  BOOST_TEST(o.momentum() == 0.9);
  BOOST_TEST(o.weight_decay() == 1e-4);
  BOOST_TEST(o.nesterov());
  const auto a = optim::AdamOptions(0.01).betas({0.8, 0.99}).eps(1e-6).amsgrad(true);
  BOOST_TEST(std::get<0>(a.betas()) == 0.8);
  BOOST_TEST(a.amsgrad());

  optim::Momentum momentum({leaf({1.0})}, 0.01);
  const auto& m = static_cast<const optim::SGDOptions&>(momentum.defaults());
  BOOST_TEST(m.lr() == 0.01);
  BOOST_TEST(m.momentum() == 0.9);
  BOOST_TEST(!m.nesterov());

  optim::Nesterov nesterov({leaf({1.0})}, 0.01, 0.95);
  const auto& n = static_cast<const optim::SGDOptions&>(nesterov.defaults());
  BOOST_TEST(n.momentum() == 0.95);
  BOOST_TEST(n.nesterov());
}

// ---- bad options -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(bad_options_name_the_optimizer_and_the_value) {
  const std::vector<Tensor> p = {leaf({1.0, 2.0})};
  const std::vector<std::pair<std::string, std::function<void()>>> cases = {
      {"[SGD] invalid learning rate: -0.1", [&] { optim::SGD(p, optim::SGDOptions(-0.1)); }},
      {"[SGD] invalid momentum value: -0.5", [&] { optim::SGD(p, optim::SGDOptions(0.1).momentum(-0.5)); }},
      {"[SGD] invalid weight_decay value: -1", [&] { optim::SGD(p, optim::SGDOptions(0.1).weight_decay(-1)); }},
      {"[SGD] nesterov momentum requires a momentum and zero dampening, got momentum 0 and dampening 0",
       [&] { optim::SGD(p, optim::SGDOptions(0.1).nesterov(true)); }},
      {"[SGD] nesterov momentum requires a momentum and zero dampening, got momentum 0.9 and dampening 0.1",
       [&] { optim::SGD(p, optim::SGDOptions(0.1).momentum(0.9).dampening(0.1).nesterov(true)); }},
      {"[SGD] nesterov momentum requires a momentum and zero dampening, got momentum 0 and dampening 0",
       [&] { optim::Nesterov(p, 0.1, 0.0); }},
      {"[Adagrad] invalid learning rate: -1", [&] { optim::Adagrad(p, optim::AdagradOptions(-1)); }},
      {"[Adagrad] invalid lr_decay value: -0.1", [&] { optim::Adagrad(p, optim::AdagradOptions().lr_decay(-0.1)); }},
      {"[Adagrad] invalid weight_decay value: -0.1",
       [&] { optim::Adagrad(p, optim::AdagradOptions().weight_decay(-0.1)); }},
      {"[Adagrad] invalid initial_accumulator_value value: -1",
       [&] { optim::Adagrad(p, optim::AdagradOptions().initial_accumulator_value(-1)); }},
      {"[Adagrad] invalid epsilon value: -1e-10", [&] { optim::Adagrad(p, optim::AdagradOptions().eps(-1e-10)); }},
      {"[RMSprop] invalid learning rate: -0.01", [&] { optim::RMSprop(p, optim::RMSpropOptions(-0.01)); }},
      {"[RMSprop] invalid epsilon value: -1", [&] { optim::RMSprop(p, optim::RMSpropOptions().eps(-1)); }},
      {"[RMSprop] invalid momentum value: -0.9", [&] { optim::RMSprop(p, optim::RMSpropOptions().momentum(-0.9)); }},
      {"[RMSprop] invalid weight_decay value: -1",
       [&] { optim::RMSprop(p, optim::RMSpropOptions().weight_decay(-1)); }},
      {"[RMSprop] invalid alpha value: -0.99", [&] { optim::RMSprop(p, optim::RMSpropOptions().alpha(-0.99)); }},
      {"[Adam] invalid learning rate: -0.001", [&] { optim::Adam(p, optim::AdamOptions(-0.001)); }},
      {"[Adam] invalid epsilon value: -1e-08", [&] { optim::Adam(p, optim::AdamOptions().eps(-1e-8)); }},
      {"[Adam] invalid beta parameter at index 0: 1",
       [&] { optim::Adam(p, optim::AdamOptions().betas({1.0, 0.999})); }},
      {"[Adam] invalid beta parameter at index 1: -0.5",
       [&] { optim::Adam(p, optim::AdamOptions().betas({0.9, -0.5})); }},
      {"[Adam] invalid weight_decay value: -0.01", [&] { optim::Adam(p, optim::AdamOptions().weight_decay(-0.01)); }},
      {"[AdamW] invalid beta parameter at index 1: 1.5",
       [&] { optim::AdamW(p, optim::AdamWOptions().betas({0.9, 1.5})); }},
      {"[AdamW] invalid weight_decay value: -0.01",
       [&] { optim::AdamW(p, optim::AdamWOptions().weight_decay(-0.01)); }},
      {"[LBFGS] invalid max_iter value: 0", [&] { optim::LBFGS(p, optim::LBFGSOptions().max_iter(0)); }},
      {"[LBFGS] invalid history_size value: 0", [&] { optim::LBFGS(p, optim::LBFGSOptions().history_size(0)); }},
      {"[LBFGS] only 'strong_wolfe' is supported as line_search_fn, got 'backtracking'",
       [&] { optim::LBFGS(p, optim::LBFGSOptions().line_search_fn("backtracking")); }},
      {"[LBFGS] doesn't support per-parameter options (parameter groups), got 2 groups",
       [&] {
         optim::LBFGS({optim::OptimizerParamGroup({leaf({1.0})}), optim::OptimizerParamGroup({leaf({2.0})})});
       }},
  };
  for (const auto& [message, make] : cases) {
    BOOST_TEST_CONTEXT(message) { BOOST_TEST(error_of(make) == message); }
  }
}

BOOST_AUTO_TEST_CASE(group_options_are_checked_too) {
  // A group's own options are validated like the defaults.
  const std::string message = error_of([] {
    optim::SGD({optim::OptimizerParamGroup({leaf({1.0})}, std::make_unique<optim::SGDOptions>(-1.0))},
               optim::SGDOptions(0.1));
  });
  BOOST_TEST(message == "[SGD] invalid learning rate: -1");
  // And they must be options of the same optimizer.
  BOOST_TEST(error_of([] {
               optim::Adam({optim::OptimizerParamGroup({leaf({1.0})}, std::make_unique<optim::SGDOptions>(0.1))});
             }) == "[Adam] a param group has options of another optimizer type");
}

BOOST_AUTO_TEST_CASE(bad_parameters_and_missing_closures) {
  Tensor a = leaf({1.0});
  Tensor not_a_leaf = a * 2;
  BOOST_TEST(error_of([&] { optim::SGD({not_a_leaf}, 0.1); }) == "[Optimizer] can't optimize a non-leaf Tensor");
  BOOST_TEST(error_of([&] {
               optim::SGD({optim::OptimizerParamGroup({a}), optim::OptimizerParamGroup({a})}, 0.1);
             }) == "[Optimizer] some parameters appear in more than one parameter group");
  optim::LBFGS lbfgs({a});
  BOOST_TEST(error_of([&] { lbfgs.step(nullptr); }) ==
             "[LBFGS] step() needs a closure that zeroes the gradients, computes the loss, calls backward() and "
             "returns the loss");
}

// ---- param groups, gradients, state ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(each_group_uses_its_own_options) {
  Tensor body = leaf({1.0, 1.0});
  Tensor head = leaf({1.0});
  optim::SGD sgd({optim::OptimizerParamGroup({body}),
                  optim::OptimizerParamGroup({head}, std::make_unique<optim::SGDOptions>(0.5))},
                 optim::SGDOptions(0.1));
  BOOST_TEST(lrs(sgd) == std::vector<double>({0.1, 0.5}), boost::test_tools::per_element());
  BOOST_TEST(sgd.size() == 2u);
  BOOST_TEST(sgd.parameters().size() == 1u);  // the first group's
  set_grad(body, {1.0, 2.0});
  set_grad(head, {1.0});
  sgd.step();
  BOOST_TEST(values(body) == std::vector<double>({0.9, 0.8}),
             boost::test_tools::tolerance(1e-15) << boost::test_tools::per_element());
  BOOST_TEST(values(head)[0] == 0.5);

  // set_lr through the base options, as a schedule does.
  sgd.param_groups()[1].options().set_lr(0.25);
  sgd.step();
  BOOST_TEST(values(head)[0] == 0.25);

  // A group added later takes a copy of the defaults.
  Tensor extra = leaf({3.0});
  sgd.add_param_group(optim::OptimizerParamGroup({extra}));
  BOOST_TEST(lrs(sgd).back() == 0.1);
  sgd.param_groups()[2].options().set_lr(1.0);
  BOOST_TEST(sgd.defaults().get_lr() == 0.1);  // a copy, not the defaults themselves
}

BOOST_AUTO_TEST_CASE(zero_grad_sets_to_none_or_zeros) {
  Tensor p = leaf({1.0, 2.0});
  optim::SGD sgd({p}, 0.1);
  set_grad(p, {3.0, 4.0});
  sgd.zero_grad(false);
  BOOST_TEST(p.grad().defined());
  BOOST_TEST(values(p.grad()) == std::vector<double>({0.0, 0.0}), boost::test_tools::per_element());
  sgd.zero_grad();  // set_to_none = true by default
  BOOST_TEST(!p.grad().defined());
  sgd.zero_grad();  // nothing to clear is fine
}

BOOST_AUTO_TEST_CASE(parameters_without_gradient_are_skipped_and_state_is_lazy) {
  Tensor used = leaf({1.0});
  Tensor unused = leaf({5.0});
  optim::Adam adam({used, unused}, optim::AdamOptions(0.1));
  BOOST_TEST(adam.state().empty());  // nothing before the first step
  set_grad(used, {2.0});
  adam.step();
  BOOST_TEST(values(unused)[0] == 5.0);
  BOOST_TEST(values(used)[0] == 0.9, boost::test_tools::tolerance(1e-8));  // Adam's first step is lr g / (|g| + ε)
  BOOST_TEST(adam.state().size() == 1u);
  BOOST_TEST(adam.state().count(optim::Optimizer::state_key(unused)) == 0u);
  std::ostringstream address;  // the key is the TensorImpl's address as an ostream prints it, as in LibTorch
  address << used.unsafeGetTensorImpl();
  BOOST_TEST(optim::Optimizer::state_key(used) == address.str());
  const auto& state = static_cast<const optim::AdamParamState&>(*adam.state().at(optim::Optimizer::state_key(used)));
  BOOST_TEST(state.step() == 1);
  BOOST_TEST(values(state.exp_avg())[0] == 0.2, boost::test_tools::tolerance(1e-15));       // (1 - β1) g
  BOOST_TEST(values(state.exp_avg_sq())[0] == 0.004, boost::test_tools::tolerance(1e-12));  // (1 - β2) g²
  BOOST_TEST(!state.max_exp_avg_sq().defined());  // only with amsgrad

  // Plain SGD keeps no state; with momentum the first buffer is a copy of the gradient.
  Tensor q = leaf({1.0});
  optim::SGD plain({q}, 0.1);
  set_grad(q, {1.0});
  plain.step();
  BOOST_TEST(plain.state().empty());
  optim::SGD heavy({q}, optim::SGDOptions(0.1).momentum(0.9));
  heavy.step();
  const auto& buffer =
      static_cast<const optim::SGDParamState&>(*heavy.state().at(optim::Optimizer::state_key(q))).momentum_buffer();
  BOOST_TEST(values(buffer)[0] == 1.0);
  BOOST_TEST(!buffer.is_same(q.grad()));  // a copy, not the gradient itself
}

BOOST_AUTO_TEST_CASE(updates_do_not_record_a_graph) {
  Tensor p = leaf({1.0, 2.0});
  optim::RMSprop rmsprop({p}, optim::RMSpropOptions(0.01).momentum(0.9).centered(true));
  (p * p).sum().backward();
  rmsprop.step();
  BOOST_TEST(p.is_leaf());
  BOOST_TEST(p.requires_grad());
  BOOST_TEST(!p.grad_fn());
}

BOOST_AUTO_TEST_CASE(step_with_a_closure_returns_its_loss) {
  Tensor p = leaf({3.0});
  optim::SGD sgd({p}, 0.1);
  int calls = 0;
  auto closure = [&] {
    ++calls;
    BOOST_TEST(xg::GradMode::is_enabled());  // closures run with grad mode on
    sgd.zero_grad();
    Tensor loss = (p * p).sum();
    loss.backward();
    return loss;
  };
  xg::NoGradGuard no_grad;  // even when the caller disabled it
  Tensor loss = sgd.step(closure);
  BOOST_TEST(calls == 1);
  BOOST_TEST(loss.item<double>() == 9.0);
  BOOST_TEST(values(p)[0] == 2.4, boost::test_tools::tolerance(1e-15));  // 3 - 0.1 · 6
  BOOST_TEST(!sgd.step().defined());  // no closure, no loss
}

BOOST_AUTO_TEST_CASE(lbfgs_minimizes_a_quadratic_in_one_step) {
  // On a quadratic with a line search, one step of L-BFGS (up to 20 iterations, the
  // tolerances tightened so that it does not stop early) lands within 1e-8 of the
  // minimum: torch.optim stops at the same point, 9.1e-9 away.
  Tensor x = leaf({0.0, 0.0, 0.0});
  const Tensor a = xg::tensor({1.0, 3.0, 10.0}, xg::kDouble);
  const Tensor c = xg::tensor({1.0, -1.0, 2.0}, xg::kDouble);
  optim::LBFGS lbfgs(
      {x}, optim::LBFGSOptions(1).tolerance_grad(1e-12).tolerance_change(1e-15).line_search_fn("strong_wolfe"));
  auto closure = [&] {
    lbfgs.zero_grad();
    Tensor loss = (a * (x - c).square()).sum();
    loss.backward();
    return loss;
  };
  Tensor first = lbfgs.step(closure);
  BOOST_TEST(first.item<double>() == 1 + 3 + 40);  // the loss at the start
  BOOST_TEST(values(x) == values(c), boost::test_tools::tolerance(1e-8) << boost::test_tools::per_element());
  const auto& state = static_cast<const optim::LBFGSParamState&>(*lbfgs.state().at(optim::Optimizer::state_key(x)));
  BOOST_TEST(state.n_iter() > 0);
  BOOST_TEST(state.func_evals() >= state.n_iter());
  BOOST_TEST(!state.old_dirs().empty());
}

// A closure that throws inside the line search of the second step (x moved to the trial point) leaves the
// parameters and L-BFGS's state as the first step left them; so does one that returns a tensor
// of two elements, and the error names LBFGS.
BOOST_AUTO_TEST_CASE(lbfgs_step_that_throws_changes_nothing) {
  Tensor x = leaf({0.0, 0.0, 0.0});
  const Tensor c = xg::tensor({1.0, -1.0, 2.0}, xg::kDouble);
  optim::LBFGS lbfgs({x}, optim::LBFGSOptions(1).max_iter(1).line_search_fn("strong_wolfe"));
  int runs = 0, fail_on = -1;
  bool two_elements = false;
  auto closure = [&] {
    XG_CHECK(++runs != fail_on, "closure", "run ", runs, " fails");
    lbfgs.zero_grad();
    Tensor loss = (x - c).square().sum();
    loss.backward();
    return two_elements ? loss.expand({2}) : loss;
  };
  lbfgs.step(closure);
  const std::vector<double> after_first = values(x);
  const auto& state = static_cast<const optim::LBFGSParamState&>(*lbfgs.state().at(optim::Optimizer::state_key(x)));
  const int64_t n_iter = state.n_iter(), func_evals = state.func_evals();
  const std::vector<double> prev_grad = values(state.prev_flat_grad());
  BOOST_REQUIRE(after_first != std::vector<double>(3, 0.0));  // the first step moved x

  fail_on = runs + 2;  // the second step's first run works, the line search's first trial fails
  BOOST_TEST(error_of([&] { lbfgs.step(closure); }).find("[closure] run") == 0);
  BOOST_TEST(runs == fail_on);
  BOOST_TEST(values(x) == after_first, boost::test_tools::per_element());
  BOOST_TEST(state.n_iter() == n_iter);
  BOOST_TEST(state.func_evals() == func_evals);
  BOOST_TEST(values(state.prev_flat_grad()) == prev_grad, boost::test_tools::per_element());

  fail_on = -1;
  two_elements = true;
  BOOST_TEST(error_of([&] { lbfgs.step(closure); }) ==
             "[LBFGS] the closure must return the loss, a tensor of one element; got sizes [2]");
  BOOST_TEST(values(x) == after_first, boost::test_tools::per_element());
}

// ---- schedules ---------------------------------------------------------------------------------------

namespace {
/// The first group's learning rate after each of `calls` calls of step().
template <class Scheduler>
std::vector<double> lr_after_steps(optim::Optimizer& o, Scheduler& scheduler, int calls) {
  std::vector<double> out;
  for (int i = 0; i < calls; ++i) {
    scheduler.step();
    out.push_back(o.param_groups()[0].options().get_lr());
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(step_lr_decays_as_libtorch) {
  optim::SGD sgd({leaf({1.0})}, 1.0);
  optim::StepLR scheduler(sgd, 2, 0.5);
  // LibTorch's count starts at 0: the first decay is on call step_size + 1.
  BOOST_TEST(lr_after_steps(sgd, scheduler, 6) == std::vector<double>({1, 1, 0.5, 0.5, 0.25, 0.25}),
             boost::test_tools::per_element());
  BOOST_TEST(error_of([&] { optim::StepLR(sgd, 0); }) == "[StepLR] step_size must be positive, got 0");
}

BOOST_AUTO_TEST_CASE(exponential_multistep_and_lambda) {
  optim::SGD sgd({leaf({1.0})}, 1.0);
  optim::ExponentialLR exponential(sgd, 0.5);
  BOOST_TEST(lr_after_steps(sgd, exponential, 3) == std::vector<double>({0.5, 0.25, 0.125}),
             boost::test_tools::per_element());

  optim::SGD sgd2({leaf({1.0})}, 1.0);
  optim::MultiStepLR multistep(sgd2, {2, 4, 4}, 0.5);  // a milestone listed twice decays twice
  BOOST_TEST(lr_after_steps(sgd2, multistep, 5) == std::vector<double>({1, 0.5, 0.5, 0.125, 0.125}),
             boost::test_tools::per_element());

  optim::SGD sgd3({leaf({1.0}), leaf({2.0})}, 2.0);
  optim::LambdaLR lambda(sgd3, [](int64_t epoch) { return 1.0 / (1 + epoch); });
  BOOST_TEST(sgd3.param_groups()[0].options().get_lr() == 2.0);  // λ(0) = 1 applied at construction
  BOOST_TEST(lr_after_steps(sgd3, lambda, 3) == std::vector<double>({1.0, 2.0 / 3, 0.5}),
             boost::test_tools::per_element());

  optim::SGD sgd4({optim::OptimizerParamGroup({leaf({1.0})}),
                   optim::OptimizerParamGroup({leaf({1.0})}, std::make_unique<optim::SGDOptions>(10.0))},
                  1.0);
  optim::LambdaLR per_group(sgd4, std::vector<optim::LambdaLR::LRLambda>{[](int64_t) { return 0.5; },
                                                                          [](int64_t e) { return 1.0 + e; }});
  BOOST_TEST(lrs(sgd4) == std::vector<double>({0.5, 10.0}), boost::test_tools::per_element());
  per_group.step();
  BOOST_TEST(lrs(sgd4) == std::vector<double>({0.5, 20.0}), boost::test_tools::per_element());
  const std::vector<optim::LambdaLR::LRLambda> one_lambda = {[](int64_t) { return 1.0; }};
  BOOST_TEST(error_of([&] { optim::LambdaLR(sgd4, one_lambda); }) ==
             "[LambdaLR] expected 2 lr_lambdas (one per param group), got 1");
}

BOOST_AUTO_TEST_CASE(cosine_annealing_and_inverse_time) {
  const double kPi = 3.14159265358979323846;
  const double lr0 = 0.1, eta_min = 0.001;
  const int T = 10;
  optim::SGD sgd({leaf({1.0})}, lr0);
  optim::CosineAnnealingLR cosine(sgd, T, eta_min);
  const std::vector<double> got = lr_after_steps(sgd, cosine, 3 * T);
  for (int k = 1; k <= 3 * T; ++k) {
    const double closed_form = eta_min + (lr0 - eta_min) * (1 + std::cos(kPi * k / T)) / 2;
    BOOST_TEST_CONTEXT("epoch " << k) { BOOST_TEST(got[k - 1] == closed_form, boost::test_tools::tolerance(1e-12)); }
  }
  BOOST_TEST(error_of([&] { optim::CosineAnnealingLR(sgd, 0); }) ==
             "[CosineAnnealingLR] T_max must be positive, got 0");

  optim::SGD sgd2({leaf({1.0})}, 1.0);
  optim::InverseTimeDecay inverse(sgd2, 0.5);
  BOOST_TEST(lr_after_steps(sgd2, inverse, 4) == std::vector<double>({1 / 1.5, 0.5, 1 / 2.5, 1 / 3.0}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reduce_on_plateau_waits_cools_down_and_floors) {
  using P = optim::ReduceLROnPlateauScheduler;
  optim::SGD sgd({leaf({1.0})}, 1.0);
  P plateau(sgd, P::min, 0.5, /*patience=*/2, 1e-4, P::rel, /*cooldown=*/1, {0.2f});
  std::vector<double> got;
  for (double metric : {1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}) {
    plateau.step(metric);
    got.push_back(sgd.param_groups()[0].options().get_lr());
  }
  // Bad epochs from the 3rd call on; the 3rd bad one (call 5) halves the rate, the next
  // call is a cooldown, then three more bad ones halve again; the floor 0.2 stops the third halving.
  const std::vector<double> expected = {1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2};
  BOOST_TEST(got == expected, boost::test_tools::tolerance(1e-7) << boost::test_tools::per_element());

  // max mode, absolute threshold: the metric must beat the best by more than the threshold.
  optim::SGD sgd2({leaf({1.0})}, 1.0);
  P accuracy(sgd2, P::max, 0.1, /*patience=*/0, /*threshold=*/0.05, P::abs);
  accuracy.step(0.5);
  accuracy.step(0.56);  // +0.06: better
  BOOST_TEST(sgd2.param_groups()[0].options().get_lr() == 1.0);
  accuracy.step(0.6);  // +0.04: not better, and patience is 0
  BOOST_TEST(sgd2.param_groups()[0].options().get_lr() == 0.1, boost::test_tools::tolerance(1e-15));

  BOOST_TEST(error_of([&] { P(sgd, P::min, 1.5); }) == "[ReduceLROnPlateauScheduler] factor should be < 1.0, got 1.5");
  BOOST_TEST(error_of([&] { P(sgd, P::min, 0.1, 10, 1e-4, P::rel, 0, {0.1f, 0.2f}); }) ==
             "[ReduceLROnPlateauScheduler] expected 1 min_lr values (one per param group), got 2");
}

// ---- a LibTorch training loop, with torch spelled xg -------------------------------------------------

namespace torch = xg;

BOOST_AUTO_TEST_CASE(libtorch_spelling_compiles_and_trains) {
  torch::Tensor w = torch::zeros({2}, torch::kDouble).requires_grad_(true);
  const torch::Tensor x = torch::tensor({{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}}, torch::kDouble);
  const torch::Tensor y = torch::tensor({1.0, 2.0, 3.0}, torch::kDouble);  // y = x (1, 2)
  torch::optim::Adam optimizer({w}, torch::optim::AdamOptions(0.1).betas(std::make_tuple(0.9, 0.99)));
  torch::optim::StepLR scheduler(optimizer, /*step_size=*/200, /*gamma=*/0.5);
  for (int epoch = 0; epoch < 1000; ++epoch) {
    optimizer.zero_grad();
    torch::Tensor loss = (x.matmul(w) - y).pow(2).mean();
    loss.backward();
    optimizer.step();
    scheduler.step();
  }
  for (auto& group : optimizer.param_groups()) {
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(1e-3);
  }
  BOOST_TEST(values(w) == std::vector<double>({1.0, 2.0}),
             boost::test_tools::tolerance(1e-6) << boost::test_tools::per_element());
}

// ---- the step's state cache ------------------------------------------------------------------
// A step finds each parameter's state without building its string key, through a cache that
// must notice every change made to state() from outside. Each change below is made to one
// optimizer (x); a twin (y) starts afresh where x should have started afresh, and the two
// must keep the same parameters.

namespace {

/// Gives every parameter the gradient of sum(p^2 / 2 + p).
void fill_grads(const std::vector<Tensor>& params) {
  for (const Tensor& p : params) (p * p * 0.5 + p).sum().backward();
}

template <class Opt, class Options>
void check_state_cache(Options options) {
  std::vector<Tensor> a = {leaf({1, 2, 3}), leaf({-1, 0.5})}, b = {leaf({1, 2, 3}), leaf({-1, 0.5})};
  Opt x(a, options);
  auto steps = [&](Opt& y, int n) {
    for (int i = 0; i < n; ++i) {
      x.zero_grad();
      y.zero_grad();
      fill_grads(a);
      fill_grads(b);
      x.step();
      y.step();
    }
    for (size_t k = 0; k < a.size(); ++k) BOOST_TEST(xg::equal(a[k], b[k]));
  };
  {
    Opt y(b, options);
    steps(y, 3);
  }
  x.state().clear();  // x starts again from nothing, as a new optimizer would
  Opt y(b, options);
  steps(y, 3);
  BOOST_TEST(x.state().size() == y.state().size());

  const std::string key = optim::Optimizer::state_key(a[0]);  // an entry replaced by a copy
  x.state()[key] = x.state().at(key)->clone();
  const optim::OptimizerParamState* replaced = x.state().at(key).get();
  steps(y, 2);
  BOOST_TEST(x.state().at(key).get() == replaced);  // the step updated the new object

  test_util::TempDir dir;  // every entry replaced by a load
  xg::save(x, dir / "optimizer.npz");
  xg::load(x, dir / "optimizer.npz");
  steps(y, 2);

  x.state().erase(optim::Optimizer::state_key(a[1]));  // one entry erased on both
  y.state().erase(optim::Optimizer::state_key(b[1]));
  steps(y, 2);
}

}  // namespace

BOOST_AUTO_TEST_CASE(state_cache_follows_changes_to_state) {
  check_state_cache<optim::SGD>(optim::SGDOptions(0.1).momentum(0.9));
  check_state_cache<optim::Adagrad>(optim::AdagradOptions(0.1));
  check_state_cache<optim::RMSprop>(optim::RMSpropOptions(0.01).momentum(0.5).centered(true));
  check_state_cache<optim::Adam>(optim::AdamOptions(0.1).amsgrad(true));
  check_state_cache<optim::AdamW>(optim::AdamWOptions(0.1));
}
