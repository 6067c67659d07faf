// The polynomial regression of PyTorch's C++ examples, written for xgrad: a
// Linear layer learns y = w1 x + w2 x^2 + w3 x^3 + w4 x^4 + b from random
// batches with SGD and the smooth L1 loss, until the loss drops below 1e-3.
//
// Apart from the two lines marked "xgrad", this is LibTorch code: built against
// LibTorch it prints the same text (the seed makes both runs repeatable; the
// test tests/examples/regression_polynomial.expected was printed by LibTorch 1.13).

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <xgrad/xgrad.hpp>  // xgrad
namespace torch = xg;       // xgrad

constexpr int64_t kPolyDegree = 4;

// Builds features, i.e. a matrix with columns [x, x^2, x^3, x^4].
torch::Tensor make_features(torch::Tensor x) {
  x = x.unsqueeze(1);
  std::vector<torch::Tensor> xs;
  for (int64_t i = 0; i < kPolyDegree; ++i) xs.push_back(x.pow(i + 1));
  return torch::cat(xs, 1);
}

// The function to approximate.
torch::Tensor f(const torch::Tensor& x, const torch::Tensor& w_target, const torch::Tensor& b_target) {
  return x.mm(w_target) + b_target.item<float>();
}

// A polynomial as text.
std::string poly_desc(const torch::Tensor& w, const torch::Tensor& b) {
  std::ostringstream stream;
  stream << "y = ";
  for (int64_t i = 0; i < w.size(0); ++i) stream << w[i].item<float>() << " x^" << i + 1 << " ";
  stream << "+ " << b[0].item<float>();
  return stream.str();
}

// A batch of (x, f(x)) pairs.
std::pair<torch::Tensor, torch::Tensor> get_batch(const torch::Tensor& w_target, const torch::Tensor& b_target,
                                                  int64_t batch_size = 32) {
  torch::Tensor x = make_features(torch::randn({batch_size}));
  return {x, f(x, w_target, b_target)};
}

int main() {
  torch::manual_seed(1);
  torch::Tensor w_target = torch::randn({kPolyDegree, 1}) * 5;
  torch::Tensor b_target = torch::randn({1}) * 5;

  torch::nn::Linear fc(w_target.size(0), 1);
  torch::optim::SGD optimizer(fc->parameters(), 0.1);

  float loss = 0;
  int64_t batch_index = 0;
  while (++batch_index) {
    auto [batch_x, batch_y] = get_batch(w_target, b_target);
    optimizer.zero_grad();
    torch::Tensor output = torch::smooth_l1_loss(fc(batch_x), batch_y);
    loss = output.item<float>();
    output.backward();
    optimizer.step();
    if (loss < 1e-3f) break;
  }

  std::cout << "Loss: " << loss << " after " << batch_index << " batches\n";
  std::cout << "==> Learned function:\t" << poly_desc(fc->weight.view({-1}), fc->bias) << "\n";
  std::cout << "==> Actual function:\t" << poly_desc(w_target.view({-1}), b_target) << "\n";
}
