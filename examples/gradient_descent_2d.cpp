// Tutorial: gradient descent on f(w) = w0^2 + w1^2, with numerical and automatic gradients.
//
// 1. From w = [-3, 4], lr 0.1, 100 steps, printing every 10th iteration in the
//    tutorial's format: once with the tutorial's central-difference gradient
//    (h = 1e-4; xg::autograd::numerical_gradient computes exactly that, so the
//    tutorial's printed losses, such as 15.99999999999875 at iteration 0, come out
//    digit for digit), once with autograd (the exact gradient 2w: 16.0).
// 2. The second tutorial's numerical gradients of sum(x^2) at (3,4), (0,2), (3,0),
//    and its descent. Its numerical_gradient has a quirk: it never puts x[idx]
//    back, so every call leaves each coordinate h lower than it found it. That is
//    why its first iterate is [-2.4001 3.1999] rather than [-2.4 3.2], and why it
//    ends at [-0.0005 -0.0005] (where the update 0.1 * grad balances the drift h),
//    not at 0. The program reproduces the quirk (to print what the tutorial
//    printed); part 1 shows the corrected computation.
//
// Usage: gradient_descent_2d [folder for the picture, default .]

#include <iostream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace torch = xg;
using xg::viz::numpy_str;
using xg::viz::py_repr;

namespace {

torch::Tensor loss_function(const torch::Tensor& w) { return w[0].pow(2) + w[1].pow(2); }

torch::Tensor autograd_gradient(const torch::Tensor& w) {
  torch::Tensor point = w.detach().clone().requires_grad_(true);
  loss_function(point).backward();
  return point.grad();
}

torch::Tensor numerical_gradient(const torch::Tensor& w) {
  return xg::autograd::numerical_gradient(loss_function, w);  // (f(w+h) - f(w-h)) / 2h, h = 1e-4
}

// The tutorial's loop: w -= lr * grad, printing every 10th iteration; returns the iterates.
std::vector<torch::Tensor> gradient_descent(torch::Tensor w, torch::Tensor (*gradient)(const torch::Tensor&)) {
  std::vector<torch::Tensor> path{w.clone()};
  for (int i = 0; i < 100; ++i) {
    torch::Tensor grad = gradient(w);
    w -= 0.1 * grad;
    path.push_back(w.clone());
    if (i % 10 == 0)
      std::cout << "Iteration " << i << ": w = " << numpy_str(w) << ", loss = " << py_repr(loss_function(w).item<double>())
                << "\n";
  }
  std::cout << "Final parameters: " << numpy_str(w) << "\n";
  return path;
}

torch::Tensor foo(const torch::Tensor& x) { return x.pow(2).sum(); }

// The second tutorial's numerical_gradient, quirk included: x[idx] is left at x[idx] - h.
torch::Tensor numerical_gradient_002(torch::Tensor& x) {
  const double h = 1e-4;
  torch::Tensor grad = torch::zeros_like(x);
  double* p = x.data_ptr<double>();
  for (int64_t idx = 0; idx < x.numel(); ++idx) {
    const double tmp_val = p[idx];
    p[idx] = tmp_val + h;
    const double fxh1 = foo(x).item<double>();
    p[idx] = tmp_val - h;
    const double fxh2 = foo(x).item<double>();
    grad.data_ptr<double>()[idx] = (fxh1 - fxh2) / (2 * h);
  }
  return grad;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";

  // ---- 1. numerical against automatic gradients ------------------------------------------------
  std::cout << "# f(w) = w0**2 + w1**2 from [-3, 4], lr 0.1, 100 steps: central differences, h = 1e-4 (the tutorial)\n";
  const std::vector<torch::Tensor> numerical = gradient_descent(torch::tensor({-3.0, 4.0}, torch::kFloat64), numerical_gradient);
  std::cout << "# the same with autograd (exact gradient 2*w)\n";
  gradient_descent(torch::tensor({-3.0, 4.0}, torch::kFloat64), autograd_gradient);
  std::cout << "\n";

  // ---- 2. the second tutorial ---------------------------------------------------------------------
  std::cout << "# numerical gradients of sum(x**2) (tutorial 002)\n";
  for (auto point : {std::vector<double>{3.0, 4.0}, {0.0, 2.0}, {3.0, 0.0}}) {
    torch::Tensor x = torch::tensor(point, torch::kFloat64);
    std::cout << numpy_str(numerical_gradient_002(x)) << "\n";
  }
  std::cout << "# tutorial 002's descent from [-3, 4], lr 0.1: its gradient leaves x[idx] at x[idx] - h\n";
  torch::Tensor x = torch::tensor({-3.0, 4.0}, torch::kFloat64);
  std::vector<double> quirk_x{-3.0}, quirk_y{4.0};
  for (int i = 0; i < 100; ++i) {
    torch::Tensor grad = numerical_gradient_002(x);
    x -= 0.1 * grad;
    quirk_x.push_back(x[0].item<double>());
    quirk_y.push_back(x[1].item<double>());
    if (i < 5 || i % 10 == 0 || i == 99)
      std::cout << i << " x= " << numpy_str(x) << " grad= " << numpy_str(grad) << "\n";
  }
  std::cout << numpy_str(x) << "\n";

  // ---- the picture: contours with the path of the iterates ------------------------------------------
  std::vector<double> path_x, path_y;
  for (const torch::Tensor& w : numerical) path_x.push_back(w[0].item<double>()), path_y.push_back(w[1].item<double>());
  xg::viz::Figure()
      .title("f(w) = w0^2 + w1^2: gradient descent from (-3, 4), lr 0.1")
      .xlabel("w0")
      .ylabel("w1")
      .equal_axes()
      .key("bottom right")
      .contour([](double a, double b) { return a * a + b * b; }, {-5, 5}, {-2.5, 5}, {0.25, 1, 2.25, 4, 6.25, 9, 12.25, 16, 20.25, 25})
      .path(path_x, path_y, "iterates (numerical gradient)")
      .save(folder + "/gradient_descent_2d");
}
