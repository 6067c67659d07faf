// A LibTorch-style program built against an installed xgrad through xgrad::torch.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(2, 1))) {}
  torch::Tensor forward(const torch::Tensor& x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

int main() {
  Net net;
  net->to(torch::Device(torch::kCPU), torch::kDouble);
  torch::optim::SGD sgd(net->parameters(), 0.1);
  const at::Tensor x = torch::ones({3, 2}, torch::device(torch::kCPU).dtype(torch::kDouble));
  net->forward(x).sum().backward();
  sgd.step();
  TORCH_CHECK(net->fc->weight.grad().equal(torch::full({1, 2}, 3.0, torch::kDouble)), "wrong gradient ",
              net->fc->weight.grad());
  return torch::cuda::is_available() ? 1 : 0;
}
