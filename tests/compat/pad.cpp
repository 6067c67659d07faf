// Padding, seeded: F::pad in its four modes, the padding layers and their printed forms,
// constant_pad_nd cropping, gradients and second-order gradients, and the conv layers'
// padding "same"/"valid" and padding_mode.
#include <torch/torch.h>

#include <iomanip>
#include <iostream>

namespace F = torch::nn::functional;

// Sizes, sums of squares and of |x|, and a sum weighted by position (catches misplaced values).
void print(const char* name, const torch::Tensor& t) {
  const torch::Tensor weights = torch::arange(t.numel(), torch::kDouble).view(t.sizes()) / t.numel();
  std::cout << name << " " << t.sizes() << " sumsq " << t.pow(2).sum().item<double>() << " abs "
            << t.abs().sum().item<double>() << " weighted " << (t.to(torch::kDouble) * weights).sum().item<double>()
            << "\n";
}

// y, then the gradient of (y * weights).sum() and the gradient of that gradient's squares.
void check(const char* name, const torch::Tensor& x, const torch::Tensor& y) {
  print(name, y);
  std::cout << "  node " << y.grad_fn()->name() << "\n";
  const torch::Tensor weights = torch::arange(y.numel(), torch::kDouble).view(y.sizes()).sin();
  const torch::Tensor g = torch::autograd::grad({(y * weights).sum()}, {x}, {}, true, true)[0];
  print("  grad", g);
  if (g.grad_fn()) {
    const torch::Tensor gg = torch::autograd::grad({(g * g * weights.flatten()[0]).sum() + g.sum()}, {x}, {}, true,
                                                   false, true)[0];
    if (gg.defined()) print("  gradgrad", gg);
  }
}

int main() {
  std::cout << std::setprecision(8);
  torch::manual_seed(3);
  const torch::Tensor x = torch::randn({2, 3, 4, 5}, torch::dtype(torch::kDouble).requires_grad(true));
  const torch::Tensor x1 = torch::randn({2, 3, 6}, torch::dtype(torch::kDouble).requires_grad(true));

  check("constant", x, F::pad(x, F::PadFuncOptions({1, 2, 2, 1}).value(1.5)));
  check("constant_crop", x, F::pad(x, F::PadFuncOptions({-1, 2, 0, -2, 1, 0})));
  check("constant_pad_nd", x, torch::constant_pad_nd(x, {2, -3}, -0.5));
  check("reflect2d", x, F::pad(x, F::PadFuncOptions({1, 4, 3, 0}).mode(torch::kReflect)));
  check("reflect1d", x1, F::pad(x1, F::PadFuncOptions({5, 2}).mode(torch::kReflect)));
  check("reflect_crop", x, F::pad(x, F::PadFuncOptions({-1, 2, 1, -1}).mode(torch::kReflect)));
  check("replicate2d", x, F::pad(x, F::PadFuncOptions({2, 1, 0, 5}).mode(torch::kReplicate)));
  check("replicate1d", x1, F::pad(x1, F::PadFuncOptions({7, 1}).mode(torch::kReplicate)));
  check("circular2d", x, F::pad(x, F::PadFuncOptions({1, 2, 2, 1}).mode(torch::kCircular)));
  check("circular1d", x1, F::pad(x1, F::PadFuncOptions({3, -2}).mode(torch::kCircular)));
  check("unbatched_reflect", x, F::pad(x[0], F::PadFuncOptions({2, 2, 1, 1}).mode(torch::kReflect)));
  check("reflection_pad2d", x, torch::reflection_pad2d(x, {1, 1, 2, 2}));
  check("replication_pad1d", x1, torch::replication_pad1d(x1, {0, 3}));

  torch::nn::ReflectionPad1d reflect1(torch::nn::ReflectionPad1dOptions({2, 1}));
  torch::nn::ReflectionPad2d reflect2(2);
  torch::nn::ReplicationPad1d replicate1(3);
  torch::nn::ReplicationPad2d replicate2(torch::nn::ReplicationPad2dOptions({1, 0, 2, 3}));
  torch::nn::ZeroPad2d zero2(torch::nn::ZeroPad2dOptions({1, 2, 0, 1}));
  torch::nn::ConstantPad1d constant1(torch::nn::ConstantPad1dOptions(2, 3.5));
  torch::nn::ConstantPad2d constant2(torch::nn::ConstantPad2dOptions({1, 2, 3, 4}, -1));
  std::cout << reflect1 << "\n" << reflect2 << "\n" << replicate1 << "\n" << replicate2 << "\n" << zero2 << "\n"
            << constant1 << "\n" << constant2 << "\n";
  check("ReflectionPad1d", x1, reflect1(x1));
  check("ReflectionPad2d", x, reflect2(x));
  check("ReplicationPad1d", x1, replicate1(x1));
  check("ReplicationPad2d", x, replicate2(x));
  check("ZeroPad2d", x, zero2(x));
  check("ConstantPad1d", x1, constant1(x1));
  check("ConstantPad2d", x, constant2(x));

  // Convolutions with padding "same"/"valid" and the padding modes.
  const torch::Tensor w = torch::randn({4, 3, 2, 3}, torch::kDouble);
  check("conv2d_same", x, torch::conv2d(x, w, {}, 1, "same"));
  check("conv2d_same_dilated", x, torch::conv2d(x, w, {}, 1, "same", {2, 1}));
  check("conv2d_valid", x, torch::conv2d(x, w, {}, 1, "valid"));
  check("conv1d_same", x1, torch::conv1d(x1, torch::randn({2, 3, 4}, torch::kDouble), {}, 1, "same"));
  check("F_conv2d_same", x, F::conv2d(x, w, F::Conv2dFuncOptions().padding(torch::kSame)));
  check("F_conv1d_valid", x1, F::conv1d(x1, torch::randn({2, 3, 3}, torch::kDouble),
                                        F::Conv1dFuncOptions().padding(torch::kValid).dilation(2)));
  for (int mode = 0; mode < 4; ++mode) {
    torch::nn::Conv2dOptions options = torch::nn::Conv2dOptions(3, 2, {3, 2}).padding({1, 2});
    if (mode == 1) options.padding_mode(torch::kReflect);
    // "same" with a padding mode: the same amount on every dim (LibTorch 1.13 gives the dims'
    // amounts in the wrong order otherwise; see README, "Deliberate differences")
    if (mode == 2) options.kernel_size(3).padding_mode(torch::kReplicate).padding(torch::kSame);
    if (mode == 3) options.kernel_size(3).padding_mode(torch::kCircular).dilation(2).padding(torch::kSame);
    torch::nn::Conv2d conv(options);
    conv->to(torch::kDouble);
    std::cout << conv << "\n";
    check("Conv2d", x, conv(x));
  }
  torch::nn::Conv1d conv1(torch::nn::Conv1dOptions(3, 2, 3).padding(2).padding_mode(torch::kCircular).bias(false));
  conv1->to(torch::kDouble);
  std::cout << conv1 << "\n" << torch::nn::Conv1d(torch::nn::Conv1dOptions(3, 2, 3).padding(torch::kValid)) << "\n";
  check("Conv1d", x1, conv1(x1));
}
