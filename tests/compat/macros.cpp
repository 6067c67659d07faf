// The rest of LibTorch's frontend that programs use besides the tensor API: TORCH_MODULE,
// the TORCH_CHECK family, torch::str, optional, ExpandingArray and namespace at.
#include <torch/torch.h>

#include <iostream>
#include <string>

// A module of one's own, with LibTorch's Impl + TORCH_MODULE pattern.
struct NetImpl : torch::nn::Module {
  NetImpl(int64_t in, int64_t out) : fc(register_module("fc", torch::nn::Linear(in, out))) {}
  torch::Tensor forward(torch::Tensor x) { return torch::relu(fc(x)); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

// The first line of the message: LibTorch appends a backtrace after it.
std::string first_line(const c10::Error& e) {
  const std::string what = e.what();
  return what.substr(0, what.find('\n'));
}

int checked_sqrt_input(int value) {
  TORCH_CHECK(value >= 0, "expected a non-negative value, got ", value, " (", torch::str("value=", value), ")");
  return value;
}

int main() {
  std::cout << checked_sqrt_input(4) << "\n";
  try {
    checked_sqrt_input(-3);
  } catch (const c10::Error& e) {
    std::cout << "TORCH_CHECK: " << first_line(e) << "\n";
  }
  try {
    const int rank = 1;
    TORCH_CHECK(rank == 2);
  } catch (const c10::Error& e) {
    std::cout << "TORCH_CHECK without message: " << first_line(e) << "\n";
  }
  for (int i = 0; i < 2; ++i) {
    try {
      if (i == 0) TORCH_INTERNAL_ASSERT(i > 0, "i was ", i);
      if (i == 1) AT_ASSERT(i > 1);
      std::cout << "assert " << i << " passed\n";
    } catch (const c10::Error&) {
      std::cout << "assert " << i << " failed\n";  // the message names this file's path
    }
  }
  TORCH_CHECK(true, "never built");
  TORCH_INTERNAL_ASSERT(1 + 1 == 2);

  std::cout << torch::str("a", 1, ' ', 2.5, "b") << "|" << c10::str() << "|\n";

  torch::optional<int64_t> none = torch::nullopt;
  c10::optional<double> some = 0.5;
  std::cout << none.has_value() << " " << some.value_or(1.0) << " " << (none == c10::nullopt) << "\n";

  torch::ExpandingArray<3> repeated(2);
  torch::ExpandingArray<2> listed({4, 5});
  std::cout << repeated.size() << " " << (*repeated)[0] << (*repeated)[2] << " " << (*listed)[0] << (*listed)[1] << "\n";
  std::cout << torch::zeros(*listed).sizes() << "\n";

  at::Tensor t = at::ones({2, 2}) * 3;
  std::cout << t.sum().item<float>() << " " << at::str(t.sizes()) << "\n";

  torch::manual_seed(1);
  Net net(3, 2);
  const torch::Tensor input = torch::tensor({{1.0, -2.0, 0.5}, {0.25, 1.5, -1.0}});
  const torch::Tensor out = net->forward(input);
  std::cout << out << "\n" << out.grad_fn()->name() << "\n";
  out.sum().backward();
  std::cout << net->fc->weight.grad() << "\n";
  for (const auto& named : net->named_parameters()) std::cout << named.key() << " ";
  std::cout << "\n";
}
