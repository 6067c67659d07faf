// Tutorial: linear regression by gradient descent, three ways, written with xgrad.
//
// 1. The first tutorial: X = [[1,2],[3,4],[5,6]], y = [1,2,3], lr 0.01, 1000
//    full-batch steps of w -= lr * X^T (X w - y) / m, written by hand with tensor
//    ops and again with autograd (the gradient of |X w - y|^2 / 2m is that
//    formula): both print the tutorial's [0.10065471 0.42053884].
// 2. The second tutorial: y = 4 + 3x + noise on 100 points drawn by NumPy's
//    np.random.seed(42) stream (xg::data::NumpyRandomState), theta = randn(2, 1),
//    lr 0.1, 100 steps of theta -= lr * (2/m) X_b^T (X_b theta - y); then the same
//    model as nn::Linear + optim::SGD + MSELoss, which follows the same path.
// 3. The DataLoader makes full-batch, mini-batch and stochastic gradient descent
//    one number apart (batches in order, so the run is reproducible in torch).
//
// Usage: linear_regression [folder for the pictures, default .]

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace torch = xg;
namespace F = torch::nn::functional;
using xg::viz::numpy_str;

namespace {

// A Linear(1, 1) in float64 starting at bias = theta[0], weight = theta[1].
torch::nn::Linear make_model(const torch::Tensor& theta) {
  torch::nn::Linear model(1, 1);
  model->to(torch::kFloat64);
  torch::NoGradGuard no_grad;
  model->bias.fill_(theta[0][0].item<double>());
  model->weight.fill_(theta[1][0].item<double>());
  return model;
}

std::vector<double> values(const torch::Tensor& t) {
  const torch::Tensor c = t.detach().contiguous().reshape({-1});
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";

  // ---- 1. the first tutorial ----------------------------------------------------------------------
  const torch::Tensor X = torch::tensor({{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}}, torch::kFloat64);
  const torch::Tensor y = torch::tensor({1.0, 2.0, 3.0}, torch::kFloat64);
  const int64_t m = X.size(0);
  std::cout << "# 1. X = [[1, 2], [3, 4], [5, 6]], y = [1, 2, 3], lr 0.01, 1000 steps of w -= lr * X^T (X w - y) / m\n";
  torch::Tensor w = torch::zeros({2}, torch::kFloat64);
  for (int i = 0; i < 1000; ++i) {
    const torch::Tensor y_pred = X.mv(w);
    const torch::Tensor gradient = X.t().mv(y_pred - y) / m;
    w = w - 0.01 * gradient;
  }
  std::cout << "hand-written gradient, optimal parameters: " << numpy_str(w) << "\n";

  torch::Tensor v = torch::zeros({2}, torch::dtype(torch::kFloat64).requires_grad(true));
  for (int i = 0; i < 1000; ++i) {
    torch::Tensor loss = (X.mv(v) - y).pow(2).sum() / (2 * m);
    loss.backward();
    {
      torch::NoGradGuard no_grad;
      v -= 0.01 * v.grad();
    }
    v.mutable_grad() = torch::Tensor();
  }
  std::cout << "autograd of |X w - y|^2 / 2m, optimal parameters: " << numpy_str(v) << "\n\n";

  // ---- 2. y = 4 + 3x + noise ------------------------------------------------------------------------
  xg::data::NumpyRandomState rng(42);
  const torch::Tensor X_train = 2 * rng.rand({100, 1});
  const torch::Tensor y_train = 4 + 3 * X_train + rng.randn({100, 1});
  const torch::Tensor X_b = torch::cat({torch::ones({100, 1}, torch::kFloat64), X_train}, 1);
  const torch::Tensor theta0 = rng.randn({2, 1});
  std::cout << "# 2. y = 4 + 3x + noise, 100 points (np.random.seed(42)), lr 0.1, 100 full-batch steps from theta = randn(2, 1)\n";
  std::cout << "initial theta: " << numpy_str(theta0.reshape({-1})) << "\n";

  torch::Tensor theta = theta0;
  std::vector<double> losses;
  for (int i = 0; i < 100; ++i) {
    const torch::Tensor errors = X_b.mm(theta) - y_train;
    const torch::Tensor gradients = (2.0 / 100) * X_b.t().mm(errors);
    theta = theta - 0.1 * gradients;
    losses.push_back((errors.pow(2).sum() / 100).item<double>());  // as the tutorial: the mse before this step
  }
  std::cout << "hand-rolled, trained parameters: " << numpy_str(theta.reshape({-1})) << " (ideally close to [4, 3])\n";
  std::printf("mse at the first and last step: %.6f %.6f\n", losses.front(), losses.back());

  torch::nn::Linear model = make_model(theta0);
  torch::optim::SGD optimizer(model->parameters(), 0.1);
  for (int i = 0; i < 100; ++i) {
    optimizer.zero_grad();
    torch::Tensor loss = F::mse_loss(model(X_train), y_train);
    loss.backward();
    optimizer.step();
  }
  std::printf("nn::Linear + optim::SGD + MSELoss: bias = %.8f, weight = %.8f\n\n", model->bias.item<double>(),
              model->weight.item<double>());

  // ---- 3. full-batch, mini-batch, stochastic ------------------------------------------------------------
  std::cout << "# 3. the same model, 20 epochs at lr 0.1, batches in order (no shuffling)\n";
  xg::data::TensorDataset dataset({X_train, y_train});
  xg::viz::Figure curves;
  curves.title("y = 4 + 3x + noise: mean squared error after each epoch, lr 0.1")
      .xlabel("epoch")
      .ylabel("mse on all 100 points")
      .log_y();
  for (auto [name, batch] : {std::pair<const char*, int64_t>{"full-batch", 100}, {"mini-batch", 10}, {"stochastic", 1}}) {
    torch::nn::Linear net = make_model(theta0);
    torch::optim::SGD sgd(net->parameters(), 0.1);
    xg::data::DataLoader loader(dataset, batch);
    std::vector<double> epochs{0}, mse{F::mse_loss(net(X_train), y_train).item<double>()};
    for (int epoch = 1; epoch <= 20; ++epoch) {
      for (auto& [x_batch, y_batch] : loader) {
        sgd.zero_grad();
        F::mse_loss(net(x_batch), y_batch).backward();
        sgd.step();
      }
      torch::NoGradGuard no_grad;
      epochs.push_back(epoch);
      mse.push_back(F::mse_loss(net(X_train), y_train).item<double>());
    }
    std::printf("%-10s batch %3d: bias = %.6f, weight = %.6f, mse = %.6f, steps = %d\n", name, static_cast<int>(batch),
                net->bias.item<double>(), net->weight.item<double>(), mse.back(), static_cast<int>(20 * (100 / batch)));
    curves.path(epochs, mse, std::string(name) + " (batch " + std::to_string(batch) + ")");
  }
  curves.save(folder + "/linear_regression_batches");

  // ---- the picture: the data and the fitted line ----------------------------------------------------------
  const double bias = theta[0][0].item<double>(), slope = theta[1][0].item<double>();
  char fitted[64];
  std::snprintf(fitted, sizeof fitted, "fitted: y = %.4f + %.4fx", bias, slope);
  xg::viz::Figure()
      .title("y = 4 + 3x + noise: the line found by gradient descent")
      .xlabel("x")
      .ylabel("y")
      .key("top left")
      .points(values(X_train), values(y_train), "data (np.random.seed(42))")
      .line({0, 2}, {4, 10}, "y = 4 + 3x")
      .line({0, 2}, {bias, bias + 2 * slope}, fitted)
      .save(folder + "/linear_regression");
}
