// Transposed convolutions, seeded: torch::conv_transpose1d/2d with stride, padding,
// output_padding, groups and dilation, F::conv_transpose*, the ConvTranspose layers (initial
// weights, printed forms, forward with output_size), gradients and second-order gradients.
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

// y, the gradients of (y * weights).sum() with respect to each input, and the gradient of the
// squared gradients (second order).
void check(const char* name, const std::vector<torch::Tensor>& inputs, const torch::Tensor& y) {
  print(name, y);
  std::cout << "  node " << y.grad_fn()->name() << "\n";
  const torch::Tensor weights = torch::arange(y.numel(), torch::kDouble).view(y.sizes()).cos();
  const auto grads = torch::autograd::grad({(y * weights).sum()}, inputs, {}, true, true);
  torch::Tensor total = torch::zeros({}, torch::kDouble);
  for (size_t i = 0; i < grads.size(); ++i) {
    print(("  grad" + std::to_string(i)).c_str(), grads[i]);
    total = total + grads[i].pow(2).sum();
  }
  const auto second = torch::autograd::grad({total}, inputs, {}, true, false, true);
  for (size_t i = 0; i < second.size(); ++i)
    if (second[i].defined()) print(("  gradgrad" + std::to_string(i)).c_str(), second[i]);
}

int main() {
  std::cout << std::setprecision(8);
  torch::manual_seed(5);
  const auto opts = torch::dtype(torch::kDouble).requires_grad(true);
  const torch::Tensor x = torch::randn({2, 4, 3, 5}, opts);
  const torch::Tensor w = torch::randn({4, 3, 3, 2}, opts);
  const torch::Tensor b = torch::randn({3}, opts);
  check("plain", {x, w, b}, torch::conv_transpose2d(x, w, b));
  check("strided", {x, w, b}, torch::conv_transpose2d(x, w, b, {2, 3}, {1, 0}, {1, 2}));
  const torch::Tensor wg = torch::randn({4, 2, 2, 3}, opts);
  check("groups_dilation", {x, wg}, torch::conv_transpose2d(x, wg, {}, 2, {0, 1}, 1, 2, {2, 1}));
  check("unbatched", {x, w}, torch::conv_transpose2d(x[1], w, {}, 1, 1));
  const torch::Tensor x1 = torch::randn({3, 4, 6}, opts);
  const torch::Tensor w1 = torch::randn({4, 1, 3}, opts);
  check("conv_transpose1d", {x1, w1}, torch::conv_transpose1d(x1, w1, {}, 3, 1, 2, 2, 2));
  check("F_conv_transpose2d", {x, w, b},
        F::conv_transpose2d(x, w, F::ConvTranspose2dFuncOptions().bias(b).stride(2).padding(1).output_padding(1)));
  check("F_conv_transpose1d", {x1, w1},
        F::conv_transpose1d(x1, w1, F::ConvTranspose1dFuncOptions().stride(2).groups(4)));

  torch::nn::ConvTranspose2d layer(torch::nn::ConvTranspose2dOptions(4, 6, {3, 2}).stride(2).padding(1).groups(2));
  torch::nn::ConvTranspose1d layer1(torch::nn::ConvTranspose1dOptions(4, 2, 3).stride(2).output_padding(1).bias(false));
  std::cout << layer << "\n" << layer1 << "\n"
            << torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(3, 4, 3)) << "\n"
            << torch::nn::ConvTranspose2d(
                   torch::nn::ConvTranspose2dOptions(4, 6, {3, 2}).stride(2).padding(1).output_padding(1).groups(2)
                       .dilation(2).bias(false))
            << "\n";
  for (const auto& p : layer->named_parameters()) print(p.key().c_str(), p.value());
  for (const auto& p : layer1->named_parameters()) print(p.key().c_str(), p.value());
  layer->to(torch::kDouble);
  layer1->to(torch::kDouble);
  check("ConvTranspose2d", {x}, layer(x));
  check("ConvTranspose2d_output_size", {x}, layer(x, std::vector<int64_t>{6, 9}));
  check("ConvTranspose2d_output_size4", {x}, layer(x, std::vector<int64_t>{2, 6, 5, 8}));
  check("ConvTranspose1d", {x1}, layer1(x1));
}
