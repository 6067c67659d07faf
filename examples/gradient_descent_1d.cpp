// Tutorial: gradient descent on a function of one variable, written with xgrad.
//
// 1. f(x) = (x-1)^2 + 1 from x = 6 with eta = 0.05 for 1000 steps: the tutorial
//    writes the derivative 2x - 2 by hand; here autograd computes it (and the
//    program checks that it is 2x - 2 at every step). x and f(x) end at ~1.
// 2. The tutorial's GradientDescentOptimizer class (learning rate with time decay
//    lr / (1 + decay * i), stop when |gradient| < tolerance) on f(x) = x^2 + 4x + 4
//    from 0: lr 0.9, decay 0.1, tolerance 1e-5, at most 50 iterations.
// Every number is printed as Python prints it, so the output can be compared
// with the tutorial's code run by tools/tutorials/gradient_descent_1d.py.
//
// Usage: gradient_descent_1d [folder for the pictures, default .]

#include <cmath>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace torch = xg;
using xg::viz::py_repr;

namespace {

// f(x) and f'(x) at a point, the derivative by autograd.
struct ValueAndGradient {
  double value, gradient;
};

ValueAndGradient value_and_gradient(const std::function<torch::Tensor(const torch::Tensor&)>& f, double x) {
  torch::Tensor point = torch::tensor(x, torch::dtype(torch::kFloat64).requires_grad(true));
  torch::Tensor y = f(point);
  y.backward();
  return {y.item<double>(), point.grad().item<double>()};
}

std::vector<double> evaluate(const std::function<torch::Tensor(const torch::Tensor&)>& f, const std::vector<double>& xs) {
  std::vector<double> ys;
  for (double x : xs) ys.push_back(f(torch::tensor(x, torch::kFloat64)).item<double>());
  return ys;
}

std::vector<double> linspace(double low, double high, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(low + (high - low) * i / (n - 1));
  return out;
}

// The tutorial's optimizer class: time-decayed learning rate, early stop on a small gradient.
class GradientDescentOptimizer {
 public:
  struct Step {
    double x, y, gradient;
  };

  GradientDescentOptimizer(double learning_rate, double decay_rate, double tolerance)
      : learning_rate_(learning_rate), decay_rate_(decay_rate), tolerance_(tolerance) {}

  double optimize(const std::function<torch::Tensor(const torch::Tensor&)>& f, double start_x, int max_iterations) {
    double x = start_x;
    std::cout << "--- start | initial x: " << start_x << " | learning rate: " << py_repr(learning_rate_) << " ---\n";
    for (int i = 0; i < max_iterations; ++i) {
      const auto [loss, gradient] = value_and_gradient(f, x);
      history_.push_back({x, loss, gradient});
      if (std::abs(gradient) < tolerance_) {
        std::cout << "converged at iteration " << i << ".\n";
        break;
      }
      const double current_lr = learning_rate_ / (1 + decay_rate_ * i);
      x = x - current_lr * gradient;
    }
    return x;
  }

  const std::vector<Step>& history() const { return history_; }

 private:
  double learning_rate_, decay_rate_, tolerance_;
  std::vector<Step> history_;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";

  // ---- 1. (x-1)^2 + 1 from 6, eta 0.05, 1000 steps ------------------------------------------
  auto f = [](const torch::Tensor& x) { return (x - 1).pow(2) + 1; };
  double cur_x = 6;
  const double eta = 0.05;
  std::vector<double> all_x{cur_x}, all_y{value_and_gradient(f, cur_x).value};
  bool derivative_is_2x_minus_2 = true;
  for (int i = 0; i < 1000; ++i) {
    const double cur_df = value_and_gradient(f, cur_x).gradient;  // the tutorial: 2*cur_x - 2
    derivative_is_2x_minus_2 &= cur_df == 2 * cur_x - 2;
    cur_x = cur_x - eta * cur_df;
    all_x.push_back(cur_x);
    all_y.push_back(value_and_gradient(f, cur_x).value);
  }
  std::cout << "# f(x) = (x-1)**2 + 1 from x = 6, eta = 0.05, 1000 steps; the derivative 2*x - 2 from autograd\n";
  for (int step : {1, 2, 3, 10, 100, 1000})
    std::cout << "step " << step << ": x = " << py_repr(all_x[step]) << ", f(x) = " << py_repr(all_y[step]) << "\n";
  std::cout << "all_x[-1] = " << py_repr(all_x.back()) << ", all_y[-1] = " << py_repr(all_y.back()) << "\n\n";
  if (!derivative_is_2x_minus_2) std::cout << "autograd's derivative differs from 2*x - 2\n";

  const std::vector<double> curve_x = linspace(-5, 7, 100);
  xg::viz::Figure()
      .title("f(x) = (x-1)^2 + 1: 1000 steps of gradient descent from x = 6, eta = 0.05")
      .xlabel("x")
      .ylabel("f(x)")
      .xrange(-7, 9)
      .yrange(0, 50)
      .line(curve_x, evaluate(f, curve_x), "f(x)")
      .points(all_x, all_y, "iterates")
      .save(folder + "/gradient_descent_1d");

  // ---- 2. the tutorial's optimizer class on x^2 + 4x + 4 -----------------------------------------
  auto target = [](const torch::Tensor& x) { return x.pow(2) + 4 * x + 4; };
  std::cout << "# the tutorial's GradientDescentOptimizer on f(x) = x**2 + 4*x + 4: lr 0.9, decay 0.1, tolerance 1e-05\n";
  GradientDescentOptimizer optimizer(0.9, 0.1, 1e-5);
  const double final_x = optimizer.optimize(target, 0, 50);
  std::vector<double> path_x, path_y;
  for (size_t i = 0; i < optimizer.history().size(); ++i) {
    const auto& step = optimizer.history()[i];
    std::cout << i << ": x = " << py_repr(step.x) << ", f(x) = " << py_repr(step.y)
              << ", gradient = " << py_repr(step.gradient) << "\n";
    path_x.push_back(step.x);
    path_y.push_back(step.y);
  }
  std::cout << "final x = " << py_repr(final_x) << "\n";

  const std::vector<double> target_x = linspace(-10, 6, 400);
  xg::viz::Figure()
      .title("f(x) = x^2 + 4x + 4: lr 0.9 / (1 + 0.1 i), converged at x = " + py_repr(final_x))
      .xlabel("x")
      .ylabel("f(x)")
      .xrange(-6, 2)
      .yrange(-1, 20)
      .line(target_x, evaluate(target, target_x), "f(x)")
      .path(path_x, path_y, "iterates")
      .save(folder + "/gradient_descent_1d_decay");
}
