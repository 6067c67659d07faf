// Devices in a CPU-only build: device values, tensors and modules on the CPU, and the
// errors for CUDA (LibTorch built without CUDA throws there too).
#include <torch/torch.h>

#include <iostream>

// Runs `move` and prints whether it threw, as both libraries' messages differ.
template <class F>
void expect_error(const char* what, F move) {
  try {
    move();
    std::cout << what << ": no error\n";
  } catch (const c10::Error&) {
    std::cout << what << ": error\n";
  }
}

int main() {
  std::cout << std::boolalpha;
  std::cout << "cuda available " << torch::cuda::is_available() << ", devices " << torch::cuda::device_count() << "\n";

  const torch::Device cpu(torch::kCPU);
  const torch::Device parsed("cpu");
  const torch::Device gpu("cuda:1");
  const torch::Device gpu_any(torch::kCUDA);
  std::cout << cpu << " " << parsed << " " << gpu << " " << gpu_any << " " << torch::Device(torch::kCPU, 0) << "\n";
  std::cout << (cpu == parsed) << " " << (cpu != gpu) << " " << cpu.is_cpu() << " " << gpu.is_cuda() << "\n";
  std::cout << gpu.str() << " index " << static_cast<int>(gpu.index()) << " " << gpu.has_index() << " "
            << gpu_any.has_index() << " type " << gpu.type() << " " << torch::kCPU << "\n";
  const torch::Device device = torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;
  std::cout << "training on " << device << "\n";
  expect_error("Device(\"gpu\")", [] { torch::Device("gpu"); });
  expect_error("Device(\"cuda:x\")", [] { torch::Device("cuda:x"); });

  torch::Tensor x = torch::arange(6, torch::TensorOptions().dtype(torch::kFloat).device(torch::kCPU)).view({2, 3});
  std::cout << x.device() << " " << x.is_cuda() << " " << x.is_cpu() << "\n";
  std::cout << torch::zeros({2}, torch::device(torch::kCPU)) << "\n";
  std::cout << torch::ones({2}, torch::device(device).dtype(torch::kDouble)) << "\n";
  std::cout << x.to(device) << "\n";
  std::cout << x.to(torch::Device("cpu"), torch::kDouble) << "\n";
  std::cout << x.cpu().sum() << "\n";
  std::cout << x.options().device() << " " << x.to(torch::kCPU).is_same(x) << "\n";

  torch::Tensor w = torch::ones({2, 2}, torch::requires_grad());
  torch::Tensor y = w.to(torch::kCPU, torch::kDouble);
  std::cout << y.scalar_type() << " " << y.grad_fn()->name() << "\n";
  (y * y).sum().backward();
  std::cout << w.grad() << "\n";

  expect_error("to(kCUDA)", [&] { x.to(torch::kCUDA); });
  expect_error("to(cuda:1, kDouble)", [&] { x.to(torch::Device("cuda:1"), torch::kDouble); });
  expect_error("zeros on cuda", [] { torch::zeros({2}, torch::device(torch::kCUDA)); });
  expect_error("randn on cuda", [] { torch::randn({2}, torch::TensorOptions().device("cuda:0")); });

  torch::manual_seed(0);
  torch::nn::Linear fc(3, 2);
  fc->to(torch::kCPU);
  fc->to(torch::Device("cpu"), torch::kDouble);
  std::cout << fc->weight.scalar_type() << " " << fc->weight.device() << "\n" << fc->weight << "\n";
  expect_error("module to(kCUDA)", [&] { fc->to(torch::kCUDA); });
  expect_error("module to(kCUDA, kFloat)", [&] { fc->to(torch::kCUDA, torch::kFloat); });
  std::cout << fc->weight.scalar_type() << "\n";
}
