// Pixel shuffle, fold and unfold, seeded: torch::pixel_shuffle/pixel_unshuffle, F::fold/F::unfold,
// torch::im2col/col2im and the modules Fold, Unfold, PixelShuffle, PixelUnshuffle: printed forms,
// outputs, exact element placement, backward node names and gradients (first and second order),
// and inputs both libraries reject.
#include <torch/torch.h>

#include <iomanip>
#include <iostream>

namespace F = torch::nn::functional;

void print(const char* name, const torch::Tensor& t) {
  std::cout << name << " " << t.sizes() << " sumsq " << t.pow(2).sum().item<double>() << " abs "
            << t.abs().sum().item<double>() << " first " << t.flatten()[0].item<double>() << "\n";
}

// Every element of an integer tensor, in order.
void print_elements(const char* name, const torch::Tensor& t) {
  std::cout << name << " " << t.sizes();
  const torch::Tensor flat = t.flatten();
  for (int64_t i = 0; i < flat.numel(); ++i) std::cout << " " << flat[i].item<int64_t>();
  std::cout << "\n";
}

// y's node, y itself, and the gradient of (y * w).sum() for a fixed random w; then the
// node of that gradient and the gradient of its square's sum with respect to w.
void check(const char* name, const torch::Tensor& y, const torch::Tensor& x) {
  std::cout << name << " " << y.grad_fn()->name() << "\n";
  print(name, y);
  const torch::Tensor w = torch::randn(y.sizes(), torch::dtype(torch::kDouble).requires_grad(true));
  const torch::Tensor g = torch::autograd::grad({(y * w).sum()}, {x}, {}, true, true)[0];
  print("  grad", g);
  std::cout << "  grad node " << g.grad_fn()->name() << "\n";
  print("  grad2", torch::autograd::grad({g.pow(2).sum()}, {w})[0]);
}

template <class Call>
void rejected(const char* name, Call call) {
  try {
    call();
    std::cout << name << " accepted\n";
  } catch (const std::exception&) {
    std::cout << name << " rejected\n";
  }
}

int main() {
  std::cout << std::setprecision(8);
  torch::manual_seed(0);
  const auto f64 = torch::dtype(torch::kDouble).requires_grad(true);

  // where each element goes
  print_elements("pixel_shuffle arange", torch::pixel_shuffle(torch::arange(16).reshape({1, 4, 2, 2}), 2));
  print_elements("pixel_unshuffle arange", torch::pixel_unshuffle(torch::arange(24).reshape({1, 1, 4, 6}), 2));
  print_elements("pixel_shuffle 3-D", F::pixel_shuffle(torch::arange(18).reshape({9, 1, 2}), 3));
  print_elements("pixel_shuffle factor 1", F::pixel_shuffle(torch::arange(8).reshape({2, 1, 2, 2}), 1));
  std::cout << "pixel_shuffle empty batch " << torch::pixel_shuffle(torch::ones({0, 8, 2, 3}), 2).sizes() << "\n";

  // values and gradients
  const torch::Tensor a = torch::randn({2, 8, 3, 2}, f64);
  check("pixel_shuffle", torch::pixel_shuffle(a, 2), a);
  const torch::Tensor b = torch::randn({2, 2, 9, 3, 1}, f64);
  check("pixel_shuffle 5-D", F::pixel_shuffle(b, F::PixelShuffleFuncOptions(3)), b);
  const torch::Tensor c = torch::randn({3, 4, 6}, f64);
  check("pixel_unshuffle 3-D", torch::pixel_unshuffle(c, 2), c);
  const torch::Tensor d = torch::randn({2, 2, 4, 6}, f64);
  check("pixel_unshuffle strided", F::pixel_unshuffle(d.transpose(2, 3), 2), d);
  std::cout << "unshuffle of shuffle " << torch::equal(torch::pixel_unshuffle(torch::pixel_shuffle(a, 2), 2), a) << "\n";

  const torch::Tensor x = torch::randn({2, 3, 5, 4}, f64);
  check("unfold", F::unfold(x, F::UnfoldFuncOptions({2, 3})), x);
  check("unfold options", F::unfold(x, F::UnfoldFuncOptions({3, 2}).dilation({1, 2}).padding({1, 0}).stride({2, 1})), x);
  const torch::Tensor u = torch::randn({3, 5, 4}, f64);
  check("im2col unbatched", torch::im2col(u, {2, 2}, {1, 1}, {0, 1}, {1, 2}), u);

  const torch::Tensor cols = torch::randn({2, 12, 12}, f64);
  check("fold", F::fold(cols, F::FoldFuncOptions({4, 5}, {2, 2})), cols);
  const torch::Tensor cols2 = torch::randn({2, 12, 8}, f64);
  check("fold options", F::fold(cols2, F::FoldFuncOptions({6, 5}, {3, 2}).dilation({2, 1}).padding({1, 0}).stride({1, 2})),
        cols2);
  const torch::Tensor cols3 = torch::randn({18, 9}, f64);
  check("fold unbatched", F::fold(cols3, F::FoldFuncOptions({5, 5}, 3).padding(1).stride(2)), cols3);
  check("col2im", torch::col2im(cols, {4, 5}, {2, 2}, {1, 1}, {0, 0}, {1, 1}), cols);
  // fold(unfold(ones)) counts the blocks that cover each pixel
  print("fold of unfold of ones",
        F::fold(F::unfold(torch::ones({1, 1, 4, 5}), F::UnfoldFuncOptions(2)), F::FoldFuncOptions({4, 5}, 2)));

  // float32
  const torch::Tensor f = torch::randn({1, 4, 3, 3}, torch::requires_grad());
  print("float32 pixel_shuffle", torch::pixel_shuffle(f, 2));
  print("float32 unfold", F::unfold(f, F::UnfoldFuncOptions(2).padding(1)));

  // modules
  torch::nn::Fold fold(torch::nn::FoldOptions({4, 5}, 2));
  torch::nn::Unfold unfold(torch::nn::UnfoldOptions({2, 4}).dilation(2).padding({2, 1}).stride(2));
  torch::nn::PixelShuffle shuffle(3);
  torch::nn::PixelUnshuffle unshuffle(torch::nn::PixelUnshuffleOptions(2));
  std::cout << fold << "\n" << unfold << "\n" << shuffle << "\n" << unshuffle << "\n";
  std::cout << torch::nn::Fold(torch::nn::FoldOptions({8, 8}, {3, 3}).dilation(2).padding({2, 1}).stride(2)) << "\n";
  std::cout << torch::nn::Unfold(3) << "\n";
  torch::nn::Sequential net(torch::nn::PixelUnshuffle(2), torch::nn::PixelShuffle(2), torch::nn::Unfold(2),
                            torch::nn::Fold(torch::nn::FoldOptions({4, 4}, 2)));
  std::cout << net << "\n";
  std::cout << "module parameters " << net->parameters().size() << "\n";
  const torch::Tensor m = torch::randn({2, 3, 4, 4}, f64);
  check("module chain", net->forward(m), m);
  print("Fold module", fold(cols));
  print("Unfold module", unfold(torch::randn({1, 2, 6, 8})));
  print("PixelShuffle module", shuffle(torch::randn({1, 18, 2, 2})));
  print("PixelUnshuffle module", unshuffle(m));
  std::cout << "options " << shuffle->options.upscale_factor() << " " << unshuffle->options.downscale_factor() << " "
            << fold->options.output_size() << " " << unfold->options.kernel_size() << "\n";

  // inputs both reject (their messages differ: xgrad's start with the op in brackets)
  rejected("pixel_shuffle 2-D", [] { torch::pixel_shuffle(torch::ones({4, 4}), 2); });
  rejected("pixel_shuffle factor 0", [] { torch::pixel_shuffle(torch::ones({1, 4, 2, 2}), 0); });
  rejected("pixel_shuffle channels", [] { torch::pixel_shuffle(torch::ones({1, 6, 2, 2}), 2); });
  rejected("pixel_unshuffle height", [] { torch::pixel_unshuffle(torch::ones({1, 1, 3, 4}), 2); });
  rejected("pixel_unshuffle width", [] { torch::pixel_unshuffle(torch::ones({1, 1, 4, 3}), 2); });
  rejected("pixel_unshuffle factor -1", [] { torch::pixel_unshuffle(torch::ones({1, 1, 4, 4}), -1); });
  rejected("unfold 2-D", [] { F::unfold(torch::ones({4, 4}), F::UnfoldFuncOptions(2)); });
  rejected("unfold kernel 0", [] { F::unfold(torch::ones({1, 1, 4, 4}), F::UnfoldFuncOptions(0)); });
  rejected("unfold stride 0", [] { F::unfold(torch::ones({1, 1, 4, 4}), F::UnfoldFuncOptions(2).stride(0)); });
  rejected("unfold kernel too large", [] { F::unfold(torch::ones({1, 1, 4, 4}), F::UnfoldFuncOptions(5)); });
  rejected("fold 4-D", [] { F::fold(torch::ones({1, 1, 12, 9}), F::FoldFuncOptions({4, 4}, 2)); });
  rejected("fold blocks", [] { F::fold(torch::ones({1, 12, 8}), F::FoldFuncOptions({4, 4}, 2)); });
  rejected("fold rows", [] { F::fold(torch::ones({1, 11, 9}), F::FoldFuncOptions({4, 4}, 2)); });
  rejected("fold output too small", [] { F::fold(torch::ones({1, 12, 9}), F::FoldFuncOptions({1, 1}, 2)); });
  rejected("fold dilation 0", [] { F::fold(torch::ones({1, 12, 9}), F::FoldFuncOptions({4, 4}, 2).dilation(0)); });
  rejected("fold of Long", [] { F::fold(torch::ones({1, 4, 9}, torch::kLong), F::FoldFuncOptions({4, 4}, 2)); });
}
