// Upsampling, 1-d and adaptive pooling, seeded: F::interpolate in its nearest and bilinear
// modes, nn::Upsample, the 1-d and adaptive pooling functions and modules, their printed
// forms, outputs, backward node names and gradients (first and second order).
#include <torch/torch.h>

#include <iomanip>
#include <iostream>

namespace F = torch::nn::functional;

void print(const char* name, const torch::Tensor& t) {
  std::cout << name << " " << t.sizes() << " sumsq " << t.pow(2).sum().item<double>() << " abs "
            << t.abs().sum().item<double>() << " first " << t.flatten()[0].item<double>() << "\n";
}

// y's node, y itself, and the gradient of (y * w).sum() for a fixed random w; then the
// node of that gradient and the gradient of its square's sum with respect to w.
void check(const char* name, const torch::Tensor& y, const torch::Tensor& x, bool print_grad_node = true) {
  std::cout << name << " " << y.grad_fn()->name() << "\n";
  print(name, y);
  const torch::Tensor w = torch::randn(y.sizes(), torch::dtype(torch::kDouble).requires_grad(true));
  const torch::Tensor g = torch::autograd::grad({(y * w).sum()}, {x}, {}, true, true)[0];
  print("  grad", g);
  if (print_grad_node) std::cout << "  grad node " << g.grad_fn()->name() << "\n";
  print("  grad2", torch::autograd::grad({g.pow(2).sum()}, {w})[0]);
}

int main() {
  std::cout << std::setprecision(8);
  torch::manual_seed(0);
  const auto f64 = torch::dtype(torch::kDouble).requires_grad(true);
  const torch::Tensor x3 = torch::randn({2, 3, 5}, f64);
  const torch::Tensor x4 = torch::randn({2, 3, 4, 5}, f64);

  check("nearest1d_size", F::interpolate(x3, F::InterpolateFuncOptions().size(std::vector<int64_t>{8})), x3);
  check("nearest1d_scale",
        F::interpolate(x3, F::InterpolateFuncOptions().scale_factor(std::vector<double>{1.7}).mode(torch::kNearest)), x3);
  check("nearest2d_scale", F::interpolate(x4, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2, 1.5})),
        x4);
  check("nearest2d_recompute", F::interpolate(x4, F::InterpolateFuncOptions()
                                                      .scale_factor(std::vector<double>{1.3, 0.7})
                                                      .recompute_scale_factor(true)),
        x4);
  check("bilinear_size", F::interpolate(x4, F::InterpolateFuncOptions()
                                                .size(std::vector<int64_t>{7, 9})
                                                .mode(torch::kBilinear)
                                                .align_corners(false)),
        x4);
  check("bilinear_align_corners", F::interpolate(x4, F::InterpolateFuncOptions()
                                                         .size(std::vector<int64_t>{3, 8})
                                                         .mode(torch::kBilinear)
                                                         .align_corners(true)),
        x4);
  check("bilinear_scale", F::interpolate(x4, F::InterpolateFuncOptions()
                                                 .scale_factor(std::vector<double>{1.5, 2.25})
                                                 .mode(torch::kBilinear)
                                                 .align_corners(false)),
        x4);

  torch::nn::Upsample up(torch::nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(torch::kBilinear)
                             .align_corners(true));
  torch::nn::Upsample up_size(torch::nn::UpsampleOptions().size(std::vector<int64_t>{6, 7}));
  std::cout << up << "\n" << up_size << "\n";
  check("Upsample", up->forward(x4), x4);
  check("Upsample_size", up_size->forward(x4), x4);
  const torch::Tensor small = torch::randn({1, 2, 3, 3});  // float32
  print("Upsample_float", up->forward(small));

  torch::nn::MaxPool1d max1(torch::nn::MaxPool1dOptions(3).stride(2).padding(1).ceil_mode(true));
  torch::nn::AvgPool1d avg1(torch::nn::AvgPool1dOptions(2).stride(1).count_include_pad(false).padding(1));
  torch::nn::AdaptiveAvgPool1d aavg1(3);
  torch::nn::AdaptiveAvgPool2d aavg2(torch::nn::AdaptiveAvgPool2dOptions({3, torch::nullopt}));
  torch::nn::AdaptiveAvgPool2d global(1);
  torch::nn::AdaptiveMaxPool1d amax1(2);
  torch::nn::AdaptiveMaxPool2d amax2(torch::nn::AdaptiveMaxPool2dOptions({3, 2}));
  std::cout << max1 << "\n" << avg1 << "\n" << aavg1 << "\n" << aavg2 << "\n" << global << "\n" << amax1 << "\n"
            << amax2 << "\n";
  check("MaxPool1d", max1->forward(x3), x3);
  check("AvgPool1d", avg1->forward(x3), x3);
  check("AdaptiveAvgPool1d", aavg1->forward(x3), x3);
  check("AdaptiveAvgPool2d", aavg2->forward(x4), x4);
  check("AdaptiveAvgPool2d_global", global->forward(x4), x4, false);  // the gradient of mean: not pooling's
  check("AdaptiveMaxPool1d", amax1->forward(x3), x3);
  check("AdaptiveMaxPool2d", amax2->forward(x4), x4);
  std::cout << "max_pool1d indices " << std::get<1>(F::max_pool1d_with_indices(x3, F::MaxPool1dFuncOptions(2)))[1]
            << "\n";
  std::cout << "adaptive_max_pool2d indices "
            << std::get<1>(amax2->forward_with_indices(x4))[0][1] << "\n";
  check("F::adaptive_avg_pool2d", F::adaptive_avg_pool2d(x4, F::AdaptiveAvgPool2dFuncOptions({2, 3})), x4);
  check("F::avg_pool1d", F::avg_pool1d(x3, F::AvgPool1dFuncOptions(3).stride(2)), x3);
  check("torch::max_pool1d", torch::max_pool1d(x3, 2), x3);
  check("torch::adaptive_avg_pool1d", torch::adaptive_avg_pool1d(x3, 4), x3);
  check("torch::adaptive_max_pool2d", std::get<0>(torch::adaptive_max_pool2d(x4, {2, 2})), x4);
}
