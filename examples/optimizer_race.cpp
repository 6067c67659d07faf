// optimizer_race: every optimizer of xg::optim, from the same start, on two problems.
//
//   1. the tutorials' linear regression y = 4 + 3x + noise (100 points drawn as
//      np.random.seed(42) draws them), fitting (bias, slope) by mean squared error;
//   2. Rosenbrock's banana valley f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1),
//      whose minimum (1, 1) sits at the end of a long, flat, curved valley.
//
// Each optimizer gets a learning rate that suits it on each problem (the table
// below states them). The program prints, per optimizer, the steps and gradient
// evaluations it took to get within 1e-6 of the minimum loss ("-" when it did not
// within the budget), the final loss and parameters, the time per step, and where
// a TrainingMonitor watching the run first saw each kind of trouble (a plateau
// is also what convergence looks like); then what the monitor says of SGD with a
// learning rate that is too large. Pictures (loss curves on a log scale, paths over the contours) go to the
// folder given as argv[1], or the current one.
//
// Everything but the time column is deterministic; tools/tutorials/optimizer_race.py
// runs the same race in torch.optim and wrote the expected output the tests compare with.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
namespace optim = xg::optim;
namespace viz = xg::viz;

namespace {

// ---- the contestants ---------------------------------------------------------------------------

using MakeOptimizer = std::function<std::unique_ptr<optim::Optimizer>(std::vector<Tensor>, double lr)>;

struct Racer {
  std::string name;
  std::string extra;  // settings besides the learning rate, for the table
  double lr_regression, lr_rosenbrock;
  MakeOptimizer make;
};

template <class O, class Options>
MakeOptimizer with_options(std::function<Options(double)> options) {
  return [options](std::vector<Tensor> params, double lr) { return std::make_unique<O>(params, options(lr)); };
}

// Learning rates: the tutorial's 0.1 for SGD on the regression; for the others the
// best of 0.01, 0.1, 0.3, 1 (regression) and of 5e-4, 1e-3, 0.01, 0.1 (Rosenbrock)
// that does not diverge. Rosenbrock's valley is steep across (curvature ~2000 near
// the start), so plain gradient steps must be tiny there.
std::vector<Racer> racers() {
  using namespace optim;
  return {
      {"SGD", "", 0.1, 1e-3, with_options<SGD, SGDOptions>([](double lr) { return SGDOptions(lr); })},
      {"Momentum", "momentum=0.9", 0.1, 1e-3,
       [](std::vector<Tensor> p, double lr) { return std::make_unique<Momentum>(p, lr, 0.9); }},
      {"Nesterov", "momentum=0.9", 0.1, 1e-3,
       [](std::vector<Tensor> p, double lr) { return std::make_unique<Nesterov>(p, lr, 0.9); }},
      {"Adagrad", "", 1.0, 0.1, with_options<Adagrad, AdagradOptions>([](double lr) { return AdagradOptions(lr); })},
      {"RMSprop", "alpha=0.99", 0.01, 1e-3,
       with_options<RMSprop, RMSpropOptions>([](double lr) { return RMSpropOptions(lr); })},
      {"Adam", "betas=(0.9,0.999)", 0.3, 0.1, with_options<Adam, AdamOptions>([](double lr) { return AdamOptions(lr); })},
      {"AdamW", "weight_decay=0.01", 0.3, 0.1,
       with_options<AdamW, AdamWOptions>([](double lr) { return AdamWOptions(lr); })},
      {"LBFGS", "strong_wolfe", 1.0, 1.0, with_options<LBFGS, LBFGSOptions>([](double lr) {
         return LBFGSOptions(lr).line_search_fn("strong_wolfe");
       })},
  };
}

// ---- the problems ------------------------------------------------------------------------------

struct Problem {
  std::string name, stem;
  std::function<Tensor(const Tensor&)> loss;  // of the parameters, a [2] tensor
  std::vector<double> start;
  double minimum;  // the loss at the minimum
  int budget;      // steps per optimizer
  double Racer::*lr;
  std::string x_name, y_name;
  viz::Range x_range, y_range;
  std::vector<double> levels;  // contour levels of the loss
};

constexpr double kTolerance = 1e-6;

// The tutorials' data: x = 2 * np.random.rand(100, 1); y = 4 + 3 * x + np.random.randn(100, 1).
Problem regression() {
  xg::data::NumpyRandomState rng(42);
  Tensor x = 2 * rng.rand({100, 1});
  Tensor y = 4 + 3 * x + rng.randn({100, 1});
  Tensor features = xg::cat({xg::ones({100, 1}, xg::kDouble), x}, 1);  // [100, 2]: 1, x
  Tensor targets = y.view({100});
  auto loss = [features, targets](const Tensor& p) { return (features.matmul(p) - targets).pow(2).mean(); };

  // Least squares by the normal equations, solved by hand (2 x 2): the minimum to reach.
  const double n = 100, sx = x.sum().item<double>(), sxx = (x * x).sum().item<double>();
  const double sy = y.sum().item<double>(), sxy = (x * y).sum().item<double>();
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), bias = (sy - slope * sx) / n;
  const double minimum = loss(xg::tensor({bias, slope}, xg::kDouble)).item<double>();
  std::printf("Problem 1: linear regression y = 4 + 3x + noise, 100 points, mean squared error\n");
  std::printf("  least squares: bias %.8f slope %.8f loss %.8f\n", bias, slope, minimum);

  std::vector<double> levels;
  for (double level : {0.85, 1.0, 1.5, 2.5, 5.0, 10.0, 20.0, 40.0}) levels.push_back(level);
  return {"regression", "race_regression", loss, {0.0, 0.0}, minimum, 500, &Racer::lr_regression,
          "bias", "slope", {-0.5, 6.5}, {-0.5, 5.5}, levels};
}

Problem rosenbrock() {
  auto loss = [](const Tensor& p) {
    Tensor x = p[0], y = p[1];
    return (1 - x).pow(2) + 100 * (y - x * x).pow(2);
  };
  std::printf("Problem 2: Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1)\n");
  return {"Rosenbrock", "race_rosenbrock", loss, {-1.2, 1.0}, 0.0, 2000, &Racer::lr_rosenbrock,
          "x", "y", {-1.5, 1.5}, {-0.5, 2.0}, {0.01, 0.1, 0.5, 2, 5, 10, 30, 100}};
}

// ---- one run -----------------------------------------------------------------------------------

struct Run {
  int steps_to_goal = -1, evals_to_goal = -1;
  double final_loss = 0, seconds_per_step = 0;
  std::vector<double> losses;  // before each step, then the final one
  std::vector<double> evals;   // gradient evaluations made before each step, then in all
  std::vector<double> xs, ys;  // the parameters, likewise
};

Run race(const Racer& racer, const Problem& problem, viz::TrainingMonitor& monitor) {
  Tensor p = xg::tensor(problem.start, xg::kDouble).requires_grad_();
  auto optimizer = racer.make({p}, racer.*problem.lr);
  Run run;
  int evals = 0;
  auto closure = [&] {
    optimizer->zero_grad();
    Tensor loss = problem.loss(p);
    loss.backward();
    ++evals;
    return loss;
  };
  const auto begin = std::chrono::steady_clock::now();
  for (int step = 0; step < problem.budget; ++step) {
    run.xs.push_back(p[0].item<double>());
    run.ys.push_back(p[1].item<double>());
    const int evals_before = evals;
    run.evals.push_back(evals_before);
    const Tensor loss = optimizer->step(closure);  // the loss at the start of this step
    run.losses.push_back(loss.item<double>());
    monitor.observe(*optimizer, loss);  // LBFGS: with the gradient of its last evaluation
    if (run.steps_to_goal < 0 && run.losses.back() - problem.minimum <= kTolerance) {
      run.steps_to_goal = step;
      run.evals_to_goal = evals_before;
    }
  }
  run.seconds_per_step = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() /
                         problem.budget;
  run.xs.push_back(p[0].item<double>());
  run.ys.push_back(p[1].item<double>());
  xg::NoGradGuard no_grad;
  run.final_loss = problem.loss(p).item<double>();
  run.losses.push_back(run.final_loss);
  run.evals.push_back(evals);
  return run;
}

// The monitor's column: the first step of each kind of warning ("plateau@169"), or "healthy".
std::string monitor_summary(const viz::TrainingMonitor& monitor) {
  std::string out;
  for (const viz::HealthReport& warning : monitor.warnings()) {
    const std::string name = viz::health_kind_name(warning.kind);
    out += (out.empty() ? "" : ",") + name.substr(0, name.find(' ')) + "@" + std::to_string(warning.step);
  }
  return out.empty() ? "healthy" : out;
}

// At most `count` evenly spaced elements of v, the last one included: enough to draw a path.
std::vector<double> thin(const std::vector<double>& v, size_t count) {
  if (v.size() <= count) return v;
  std::vector<double> out;
  for (size_t i = 0; i < count - 1; ++i) out.push_back(v[i * (v.size() - 1) / (count - 1)]);
  out.push_back(v.back());
  return out;
}

// Races every optimizer on `problem`, prints the table, draws the pictures into `folder`.
void race_all(const Problem& problem, const std::string& folder) {
  std::printf("  from (%g, %g); goal: loss within %g of the minimum; budget %d steps\n\n", problem.start[0],
              problem.start[1], kTolerance, problem.budget);
  std::printf("%-9s %-7s %-18s %6s %6s %14s %11s %11s %9s  %s\n", "optimizer", "lr", "other settings", "steps",
              "evals", "final loss", problem.x_name.c_str(), problem.y_name.c_str(), "us/step", "monitor");

  viz::Figure losses, paths;
  losses.title(problem.name + ": loss above the minimum").xlabel("gradient evaluations").ylabel("loss - minimum")
      .log_y().key("outside right");
  paths.title(problem.name + ": paths from the same start").xlabel(problem.x_name).ylabel(problem.y_name)
      .key("outside right")
      .xrange(problem.x_range.first, problem.x_range.second)
      .yrange(problem.y_range.first, problem.y_range.second)
      .contour([&](double x, double y) { return problem.loss(xg::tensor({x, y}, xg::kDouble)).item<double>(); },
               problem.x_range, problem.y_range, problem.levels, 120);

  const std::vector<Racer> all = racers();
  viz::ProgressBar bar(static_cast<int64_t>(all.size()), viz::ProgressOptions().label(problem.name));
  std::vector<std::string> warnings;
  for (const Racer& racer : all) {
    viz::TrainingMonitor monitor;
    const Run run = race(racer, problem, monitor);
    const std::string steps = run.steps_to_goal < 0 ? "-" : std::to_string(run.steps_to_goal);
    const std::string evals = run.evals_to_goal < 0 ? "-" : std::to_string(run.evals_to_goal);
    std::printf("%-9s %-7g %-18s %6s %6s %14.8e %11.7f %11.7f %9.1f  %s\n", racer.name.c_str(), racer.*problem.lr,
                racer.extra.empty() ? "-" : racer.extra.c_str(), steps.c_str(), evals.c_str(), run.final_loss,
                run.xs.back(), run.ys.back(), run.seconds_per_step * 1e6, monitor_summary(monitor).c_str());

    // Against gradient evaluations, not steps: one LBFGS step evaluates up to 25 times.
    std::vector<double> gap;
    for (double loss : run.losses) gap.push_back(std::max(loss - problem.minimum, 1e-16));  // log axis: no 0
    losses.line(run.evals, gap, racer.name);
    paths.line(thin(run.xs, 400), thin(run.ys, 400), racer.name);
    bar.update(1, {{"final loss", run.final_loss}});
  }
  bar.finish();
  paths.points({problem.start[0]}, {problem.start[1]}, "start");
  losses.save(folder + "/" + problem.stem + "_loss");
  paths.save(folder + "/" + problem.stem + "_paths");
  std::printf("\n");
}

// SGD with a learning rate past the stability limit of the regression (2 / the largest
// curvature, about 0.46 here), watched by the TrainingMonitor.
void too_large_a_step(const Problem& problem) {
  const double lr = 0.7;
  std::printf("SGD with lr=%g on the regression, watched by viz::TrainingMonitor:\n", lr);
  Tensor p = xg::tensor(problem.start, xg::kDouble).requires_grad_();
  optim::SGD optimizer({p}, optim::SGDOptions(lr));
  viz::TrainingMonitor monitor;
  for (int step = 0; step < 30; ++step) {
    optimizer.zero_grad();
    Tensor loss = problem.loss(p);
    loss.backward();
    const viz::HealthReport& verdict = monitor.observe(optimizer, loss);
    if (verdict.is_warning()) break;
    optimizer.step();
  }
  const viz::HealthReport& verdict = monitor.check_health();
  std::printf("  step %lld: %s: %s\n  try: %s\n", static_cast<long long>(verdict.step),
              viz::health_kind_name(verdict.kind), verdict.message.c_str(), verdict.suggestion.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";
  std::printf("Optimizer race: every optimizer of xg::optim from the same start, in float64.\n\n");
  const Problem linear = regression();
  race_all(linear, folder);
  race_all(rosenbrock(), folder);
  too_large_a_step(linear);
  std::printf("\npictures: race_{regression,rosenbrock}_{loss,paths}.svg and .png\n");
  return 0;
}
