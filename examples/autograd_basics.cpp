// Tutorial: torch's requires_grad and backward, written with xgrad.
//
// 1. x = [1, 2] with requires_grad; y = x0^2 + 3 x1; y.backward() gives x.grad = [2, 3].
// 2. f(x) = x^2 + 3x: the tutorial's hand-written gradient was 2x, which forgets
//    the 3; autograd gives 2x + 3, so gradient descent finds the minimum at -1.5,
//    not at 0.

#include <cstdio>
#include <iostream>

#include <xgrad/xgrad.hpp>

namespace torch = xg;  // the same code compiles against LibTorch

int main() {
  // ---- 1. requires_grad and backward ---------------------------------------------------------
  torch::Tensor x = torch::tensor({1.0, 2.0}, torch::requires_grad());
  auto fun = [](const torch::Tensor& v) { return v[0].pow(2) + 3 * v[1]; };
  torch::Tensor y = fun(x);
  y.backward();
  std::cout << "y = x0^2 + 3*x1 at x = [1, 2]; x.grad:\n" << x.grad() << "\n\n";

  // ---- 2. the gradient of f(x) = x^2 + 3x ------------------------------------------------------
  auto f = [](const torch::Tensor& v) { return v * v + 3 * v; };
  auto hand_written_gradient = [](double v) { return 2 * v; };  // the tutorial's gradient: wrong
  std::cout << "f(x) = x^2 + 3x\n";
  std::printf("%6s %14s %14s\n", "x", "hand-written", "autograd");
  for (double value : {-3.0, -1.5, 0.0, 2.0, 10.0}) {
    torch::Tensor point = torch::tensor(value, torch::dtype(torch::kFloat64).requires_grad(true));
    f(point).backward();
    std::printf("%6.2f %14.4f %14.4f\n", value, hand_written_gradient(value), point.grad().item<double>());
  }

  // Gradient descent with each gradient, as in the tutorial (x0 = 10, lr = 0.1, 100 steps).
  double with_hand_gradient = 10.0;
  torch::Tensor with_autograd = torch::tensor(10.0, torch::dtype(torch::kFloat64).requires_grad(true));
  for (int i = 0; i < 100; ++i) {
    with_hand_gradient -= 0.1 * hand_written_gradient(with_hand_gradient);
    f(with_autograd).backward();
    {
      torch::NoGradGuard no_grad;
      with_autograd -= 0.1 * with_autograd.grad();
    }
    with_autograd.mutable_grad().zero_();
  }
  std::printf("\nafter 100 steps: hand-written gradient -> x = %.6f, autograd -> x = %.6f (true minimum: -1.5)\n",
              with_hand_gradient, with_autograd.item<double>());
}
