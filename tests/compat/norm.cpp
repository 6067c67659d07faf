// Normalisation layers, seeded: BatchNorm1d/2d trained for a few steps (outputs, gradients,
// running statistics, num_batches_tracked), then in eval mode; InstanceNorm, LayerNorm and
// GroupNorm; the functional forms; the modules' printing, parameter and buffer names, and
// the backward nodes they record.
#include <torch/torch.h>

#include <iomanip>
#include <iostream>

namespace F = torch::nn::functional;

// Sizes, sum of absolute values (a normalised tensor's plain sum is 0 up to rounding), sum of
// squares and the first element.
void print(const std::string& name, const torch::Tensor& t) {
  std::cout << name << " " << t.sizes() << " abs " << t.abs().sum().item<double>() << " sumsq "
            << t.pow(2).sum().item<double>() << " first " << t.flatten()[0].item<double>() << "\n";
}

void print_state(const torch::nn::Module& m) {
  std::cout << m << "\n";
  for (const auto& p : m.named_parameters()) print("  param " + p.key(), p.value());
  for (const auto& b : m.named_buffers())
    std::cout << "  buffer " << b.key() << " " << b.value().sizes() << " " << b.value().scalar_type() << "\n";
}

// A few training steps of `layer` on batches x * (1 + step) + step, each with a backward
// through a weighted sum, then one eval forward.
template <class Layer>
void train_then_eval(const std::string& name, Layer layer, torch::IntArrayRef shape) {
  print_state(*layer);
  layer->train();
  for (int step = 0; step < 3; ++step) {
    torch::Tensor x = (torch::randn(shape) * (1 + step) + step).requires_grad_();
    torch::Tensor y = layer->forward(x);
    if (step == 0) std::cout << name << " grad_fn " << y.grad_fn()->name() << "\n";
    (y * torch::randn(shape)).sum().backward();
    print(name + " step" + std::to_string(step) + " out", y);
    print(name + " step" + std::to_string(step) + " grad_x", x.grad());
  }
  for (const auto& p : layer->named_parameters()) print(name + " grad_" + p.key(), p.value().grad());
  for (const auto& b : layer->named_buffers()) print(name + " " + b.key(), b.value().to(torch::kDouble));
  layer->eval();
  print(name + " eval out", layer->forward(torch::randn(shape)));
}

int main() {
  std::cout << std::setprecision(8);
  torch::manual_seed(7);

  train_then_eval("bn1d", torch::nn::BatchNorm1d(3), {5, 3});
  train_then_eval("bn1d_3d", torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(3).momentum(0.3)), {4, 3, 6});
  train_then_eval("bn2d_cumulative",
                  torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(4).momentum(c10::nullopt).eps(1e-3)), {2, 4, 3, 5});
  train_then_eval("bn2d_plain", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(2).affine(false)), {3, 2, 4, 4});
  train_then_eval("bn1d_untracked",
                  torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(3).track_running_stats(false)), {6, 3});
  train_then_eval("in1d", torch::nn::InstanceNorm1d(3), {2, 3, 7});
  train_then_eval("in2d_tracked",
                  torch::nn::InstanceNorm2d(torch::nn::InstanceNorm2dOptions(3).affine(true).track_running_stats(true)),
                  {2, 3, 4, 5});
  train_then_eval("ln", torch::nn::LayerNorm(torch::nn::LayerNormOptions({4, 5})), {3, 4, 5});
  train_then_eval("ln_plain", torch::nn::LayerNorm(torch::nn::LayerNormOptions({6}).elementwise_affine(false).eps(1e-6)),
                  {4, 6});
  train_then_eval("gn", torch::nn::GroupNorm(3, 6), {2, 6, 5});
  train_then_eval("gn_plain", torch::nn::GroupNorm(torch::nn::GroupNormOptions(2, 4).affine(false)), {3, 4, 2, 3});

  // reset_running_stats and reset_parameters
  torch::nn::BatchNorm1d bn(2);
  bn->forward(torch::randn({4, 2}) * 3 + 1);
  print("before reset running_mean", bn->running_mean);
  bn->reset_running_stats();
  print("after reset running_mean", bn->running_mean);
  std::cout << "after reset num_batches_tracked " << bn->num_batches_tracked.item<int64_t>() << "\n";
  bn->reset_parameters();
  print("after reset_parameters weight", bn->weight);

  // The functional forms and torch:: ops.
  torch::Tensor x = torch::randn({4, 3, 5}, torch::requires_grad());
  torch::Tensor w = torch::randn({3}, torch::requires_grad()), b = torch::randn({3}, torch::requires_grad());
  torch::Tensor running_mean = torch::zeros({3}), running_var = torch::ones({3});
  torch::Tensor y1 = F::batch_norm(x, running_mean, running_var,
                                   F::BatchNormFuncOptions().weight(w).bias(b).training(true).momentum(0.2));
  print("F::batch_norm train", y1);
  print("F::batch_norm running_mean", running_mean);
  print("F::batch_norm running_var", running_var);
  torch::Tensor y2 = F::batch_norm(x, running_mean, running_var, F::BatchNormFuncOptions().eps(1e-3));
  std::cout << "F::batch_norm eval grad_fn " << y2.grad_fn()->name() << "\n";
  print("F::batch_norm eval", y2);
  torch::Tensor y3 = F::instance_norm(x, F::InstanceNormFuncOptions().weight(w).bias(b));
  std::cout << "F::instance_norm grad_fn " << y3.grad_fn()->name() << "\n";
  print("F::instance_norm", y3);
  torch::Tensor y4 = F::layer_norm(x, F::LayerNormFuncOptions({5}).eps(1e-4));
  print("F::layer_norm", y4);
  torch::Tensor gw = torch::randn({6}, torch::requires_grad());
  torch::Tensor xg = torch::randn({2, 6, 2, 2}, torch::requires_grad());
  torch::Tensor y5 = F::group_norm(xg, F::GroupNormFuncOptions(2).weight(gw));
  print("F::group_norm", y5);
  torch::Tensor y6 = torch::layer_norm(x, {3, 5}, {}, {}, 1e-5, false);
  print("torch::layer_norm", y6);
  torch::Tensor y7 = torch::group_norm(x, 3, w, b, 1e-5, false);
  print("torch::group_norm", y7);
  // y2 saved running_mean and running_var for its backward: instance_norm updates copies.
  torch::Tensor instance_mean = running_mean.clone(), instance_var = running_var.clone();
  torch::Tensor y8 = torch::instance_norm(x, {}, {}, instance_mean, instance_var, true, 0.5, 1e-5, false);
  print("torch::instance_norm", y8);
  print("torch::instance_norm running_mean", instance_mean);
  print("torch::instance_norm running_var", instance_var);
  (y1.pow(2).sum() + y2.sum() + (y3 * y4).sum() + y6.exp().sum() + y7.pow(3).sum() + y8.sin().sum()).backward();
  (y5 * xg).sum().backward();
  print("grad x", x.grad());
  print("grad w", w.grad());
  print("grad b", b.grad());
  print("grad xg", xg.grad());
  print("grad gw", gw.grad());

  // Second order through a layer norm and a batch norm: d/dx of |dy/dx . v|^2.
  torch::Tensor z = torch::randn({3, 4}, torch::requires_grad());
  torch::Tensor v = torch::randn({3, 4});
  torch::Tensor lz = torch::layer_norm(z, {4});
  torch::Tensor gz = torch::autograd::grad({(lz * v).sum()}, {z}, {}, true, true)[0];
  torch::Tensor bz = torch::batch_norm(z, {}, {}, {}, {}, true, 0.1, 1e-5, false);
  torch::Tensor hz = torch::autograd::grad({(bz.pow(3) * v).sum()}, {z}, {}, true, true)[0];
  (gz.pow(2).sum() + hz.sum()).backward();
  print("second order grad z", z.grad());
  return 0;
}
