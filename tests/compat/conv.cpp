// A tiny CNN in the shape of PyTorch's MNIST example (two convolutions, max pooling,
// Dropout2d, two linear layers, log_softmax and nll_loss), seeded: its outputs, loss and
// gradients, plus the functional forms of the conv and pooling ops.
#include <torch/torch.h>

#include <iomanip>
#include <iostream>

namespace F = torch::nn::functional;

struct Net : torch::nn::Module {
  Net()
      : conv1(torch::nn::Conv2dOptions(1, 4, 3)),
        conv2(torch::nn::Conv2dOptions(4, 6, 3).padding(1)),
        fc1(6 * 3 * 3, 8),
        fc2(8, 3) {
    register_module("conv1", conv1);
    register_module("conv2", conv2);
    register_module("conv2_drop", conv2_drop);
    register_module("fc1", fc1);
    register_module("fc2", fc2);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(torch::max_pool2d(conv1->forward(x), 2));
    x = torch::relu(torch::max_pool2d(conv2_drop->forward(conv2->forward(x)), 2, {}, 0, 1, true));
    x = x.view({-1, 6 * 3 * 3});
    x = torch::relu(fc1->forward(x));
    return torch::log_softmax(fc2->forward(x), 1);
  }

  torch::nn::Conv2d conv1;
  torch::nn::Conv2d conv2;
  torch::nn::Dropout2d conv2_drop;
  torch::nn::Linear fc1;
  torch::nn::Linear fc2;
};

void print(const char* name, const torch::Tensor& t) {
  std::cout << name << " " << t.sizes() << " sumsq " << t.pow(2).sum().item<double>() << " abs " << t.abs().sum().item<double>()
            << " first " << t.flatten()[0].item<double>() << "\n";
}

int main() {
  std::cout << std::setprecision(8);
  torch::manual_seed(1);
  Net net;
  std::cout << *net.conv1 << "\n" << *net.conv2 << "\n" << *net.conv2_drop << "\n";
  for (const auto& p : net.named_parameters()) print(p.key().c_str(), p.value());

  const torch::Tensor x = torch::randn({5, 1, 14, 14});
  const torch::Tensor target = torch::tensor({0, 2, 1, 1, 0});
  net.train();
  torch::Tensor out = net.forward(x);
  torch::Tensor loss = torch::nll_loss(out, target);
  loss.backward();
  print("out", out);
  std::cout << "loss " << loss.item<double>() << "\n";
  for (const auto& p : net.named_parameters()) print(("grad_" + p.key()).c_str(), p.value().grad());

  net.eval();
  print("eval_out", net.forward(x));

  // The functional forms and the other pooling / 1-d ops.
  torch::Tensor w = torch::randn({4, 2, 2, 3}, torch::requires_grad());
  torch::Tensor b = torch::randn({4}, torch::requires_grad());
  torch::Tensor y = torch::randn({2, 4, 7, 6}, torch::requires_grad());
  torch::Tensor c = F::conv2d(y, w, F::Conv2dFuncOptions().bias(b).stride({2, 1}).padding(1).groups(2));
  std::cout << c.grad_fn()->name() << "\n";
  print("conv2d_groups", c);
  torch::Tensor a = F::avg_pool2d(c, F::AvgPool2dFuncOptions(2).stride(1).padding(1).count_include_pad(false));
  std::cout << a.grad_fn()->name() << "\n";
  print("avg_pool2d", a);
  torch::Tensor m = F::max_pool2d(y, F::MaxPool2dFuncOptions(3).stride(2).ceil_mode(true));
  std::cout << m.grad_fn()->name() << "\n";
  print("max_pool2d", m);
  (a.pow(2).sum() + m.sum()).backward();
  print("grad_w", w.grad());
  print("grad_b", b.grad());
  print("grad_y", y.grad());

  torch::nn::Conv1d conv1d(torch::nn::Conv1dOptions(3, 2, 3).stride(2).dilation(2).bias(false));
  std::cout << *conv1d << "\n";
  torch::Tensor s = torch::randn({2, 3, 11}, torch::requires_grad());
  torch::Tensor z = conv1d->forward(s);
  std::cout << z.grad_fn()->name() << "\n";
  print("conv1d", z);
  z.pow(2).sum().backward();
  print("grad_conv1d_weight", conv1d->weight.grad());
  print("grad_s", s.grad());

  torch::nn::MaxPool2d pool(torch::nn::MaxPool2dOptions({2, 3}).stride(1).padding({1, 0}));
  torch::nn::AvgPool2d avg(torch::nn::AvgPool2dOptions(3).stride(2));
  std::cout << *pool << "\n" << *avg << "\n";
  print("pool_module", pool->forward(y));
  print("avg_module", avg->forward(y));
  print("unbatched_conv", net.conv1->forward(torch::randn({1, 6, 5})));
  return 0;
}
