// Tutorial: torch's requires_grad and backward, written with xgrad.
//
// 1. x = [1, 2] with requires_grad; y = x0^2 + 3 x1; y.backward() gives x.grad = [2, 3].
// 2. f(x) = x^2 + 3x: the tutorial's hand-written gradient was 2x, which forgets
//    the 3; autograd gives 2x + 3, so gradient descent finds the minimum at -1.5,
//    not at 0. The tutorial's loop is run with both gradients and prints in the
//    tutorial's format; its own printed lines are reproduced digit for digit.
//
// Usage: autograd_basics [folder for the picture, default .]

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace torch = xg;  // the same code compiles against LibTorch
using xg::viz::py_repr;

namespace {

torch::Tensor f(const torch::Tensor& v) { return v.pow(2) + 3 * v; }

double f(double v) { return f(torch::tensor(v, torch::kFloat64)).item<double>(); }

double hand_written_gradient(double v) { return 2 * v; }  // the tutorial's gradient: wrong

double autograd_gradient(double v) {
  torch::Tensor point = torch::tensor(v, torch::dtype(torch::kFloat64).requires_grad(true));
  f(point).backward();
  return point.grad().item<double>();
}

// The tutorial's gradient_descent, printing every 10th iterate; returns all iterates.
std::vector<double> gradient_descent(double x, double learning_rate, int iterations, double (*gradient)(double)) {
  std::vector<double> path{x};
  for (int i = 0; i < iterations; ++i) {
    x = x - learning_rate * gradient(x);
    path.push_back(x);
    if (i % 10 == 0) std::cout << "Iteration " << i << ": x = " << py_repr(x) << ", f(x) = " << py_repr(f(x)) << "\n";
  }
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";

  // ---- 1. requires_grad and backward ---------------------------------------------------------
  torch::Tensor x = torch::tensor({1.0, 2.0}, torch::requires_grad());
  auto fun = [](const torch::Tensor& v) { return v[0].pow(2) + 3 * v[1]; };
  torch::Tensor y = fun(x);
  y.backward();
  std::cout << "# 1. y = x[0]**2 + 3*x[1] at x = [1, 2], then y.backward()\n";
  std::cout << "x.grad = " << xg::viz::numpy_str(x.grad()) << "\n\n";

  // ---- 2. the gradient of f(x) = x^2 + 3x ------------------------------------------------------
  std::cout << "# 2. f(x) = x**2 + 3*x: the tutorial's gradient 2*x against autograd\n";
  std::printf("%6s %14s %14s\n", "x", "hand-written", "autograd");
  for (double value : {-3.0, -1.5, 0.0, 2.0, 10.0})
    std::printf("%6.2f %14.4f %14.4f\n", value, hand_written_gradient(value), autograd_gradient(value));
  std::cout << "\n";

  // Gradient descent with each gradient, as in the tutorial (x0 = 10, lr = 0.1, 100 steps).
  std::cout << "# gradient descent from x = 10, lr 0.1, 100 steps, with the hand-written gradient (the tutorial's output)\n";
  const std::vector<double> hand = gradient_descent(10.0, 0.1, 100, hand_written_gradient);
  std::cout << "# the same with autograd's gradient 2*x + 3\n";
  const std::vector<double> automatic = gradient_descent(10.0, 0.1, 100, autograd_gradient);
  std::cout << "after 100 steps: hand-written gradient -> x = " << py_repr(hand.back())
            << ", autograd -> x = " << py_repr(automatic.back()) << "; the minimum is at x = -1.5, f(-1.5) = "
            << py_repr(f(-1.5)) << "\n";

  // ---- the picture: f with both paths -----------------------------------------------------------
  std::vector<double> xs, ys, hand_y, auto_y;
  for (int i = 0; i <= 200; ++i) xs.push_back(-4 + 15.0 * i / 200), ys.push_back(f(xs.back()));
  const std::vector<double> first_hand(hand.begin(), hand.begin() + 31), first_auto(automatic.begin(), automatic.begin() + 31);
  for (double v : first_hand) hand_y.push_back(f(v));
  for (double v : first_auto) auto_y.push_back(f(v));
  xg::viz::Figure()
      .title("f(x) = x^2 + 3x: 30 steps of gradient descent from x = 10, lr 0.1")
      .xlabel("x")
      .ylabel("f(x)")
      .key("top left")
      .xrange(-4, 6)
      .yrange(-5, 45)
      .line(xs, ys, "f(x)")
      .path(first_hand, hand_y, "hand-written gradient 2x (stops at 0)")
      .path(first_auto, auto_y, "autograd 2x + 3 (finds -1.5)")
      .save(folder + "/autograd_basics");
}
