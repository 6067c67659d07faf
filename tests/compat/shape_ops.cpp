// Splitting, triangles, diagonals, flips, rolls, repeats, running products, ordering and
// random permutations and draws: each op's result, its gradient and its grad_fn name, and
// which overload a braced list picks.
#include <torch/torch.h>

#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

std::string node_of(const torch::Tensor& t) { return t.grad_fn() ? t.grad_fn()->name() : "none"; }

// out, its node, and the gradient of sum(out * w) for w = 1, 2, 3, ... with respect to x.
void show(const std::string& label, const torch::Tensor& x, const torch::Tensor& out) {
  std::cout << "== " << label << " " << node_of(out) << "\n" << out << "\n";
  if (!out.requires_grad()) return;
  auto w = torch::arange(1, out.numel() + 1, out.options().requires_grad(false)).view(out.sizes());
  auto grad = torch::autograd::grad({(out * w).sum()}, {x}, {}, true, false, true)[0];
  std::cout << "grad\n" << grad << "\n";
}

void show_pieces(const std::string& label, const torch::Tensor& x, const std::vector<torch::Tensor>& parts) {
  std::cout << "== " << label << " pieces " << parts.size() << "\n";
  for (size_t i = 0; i < parts.size(); ++i) show(label + "[" + std::to_string(i) + "]", x, parts[i]);
}

}  // namespace

int main() {
  torch::manual_seed(0);
  auto x = torch::randn({4, 5}, torch::dtype(torch::kDouble).requires_grad(true));
  auto c = torch::randn({2, 3, 4}, torch::dtype(torch::kDouble).requires_grad(true));

  // splitting; a braced list of one size is an int (split_size), of several a list of sizes
  show_pieces("split(2)", x, x.split(2));
  show_pieces("split(2, 1)", x, torch::split(x, 2, 1));
  show_pieces("split({2})", x, x.split({2}));
  show_pieces("split({1, 3}, 0)", x, x.split({1, 3}, 0));
  show_pieces("split_with_sizes({2, 0, 3}, 1)", x, x.split_with_sizes({2, 0, 3}, 1));
  show_pieces("chunk(3, 1)", x, x.chunk(3, 1));
  show_pieces("chunk(3) of 4 rows", x, x.chunk(3));
  show_pieces("tensor_split(3, 1)", x, x.tensor_split(3, 1));
  show_pieces("tensor_split({1, -1}, 1)", x, x.tensor_split({1, -1}, 1));
  show_pieces("tensor_split({3}, 0)", x, x.tensor_split({3}, 0));

  // triangles and diagonals
  show("tril()", x, x.tril());
  show("tril(-1)", x, torch::tril(x, -1));
  show("triu(1)", x, x.triu(1));
  show("triu() of [2, 3, 4]", c, c.triu());
  auto y = x * 1;
  y.tril_(1);
  show("tril_(1)", x, y);
  auto z = x * 1;
  z.triu_(-1);
  show("triu_(-1)", x, z);
  show("diagonal()", x, x.diagonal());
  show("diagonal(1)", x, x.diagonal(1));
  show("diagonal(-2)", x, x.diagonal(-2));
  show("diagonal(1, 2, 0)", c, c.diagonal(1, 2, 0));
  show("diag()", x, x.diag());
  show("diag(2)", x, x.diag(2));
  auto v = x.select(0, 1);
  show("diag() of a vector", x, v.diag());
  show("diag(-1) of a vector", x, torch::diag(v, -1));

  // flips, rolls, repeats
  show("flip({0})", x, x.flip({0}));
  show("flip({0, 2})", c, c.flip({0, 2}));
  show("flip({-1})", x, torch::flip(x, {-1}));
  show("roll(2)", x, x.roll(2));
  show("roll(-1, 1)", x, x.roll(-1, 1));
  show("roll({1, 7}, {0, 2})", c, c.roll({1, 7}, {0, 2}));
  show("repeat({2, 1})", x, x.repeat({2, 1}));
  show("repeat({2, 1, 3})", x, x.repeat({2, 1, 3}));
  show("repeat({1, 2, 1})", c, c.repeat({1, 2, 1}));
  show("repeat_interleave(2)", x, x.repeat_interleave(2));
  show("repeat_interleave(3, 0)", x, x.repeat_interleave(3, 0));
  show("repeat_interleave(2, -1)", c, torch::repeat_interleave(c, 2, -1));

  // running products: no zero, one zero (exact), two zeros in a row
  show("cumprod(1)", x, x.cumprod(1));
  show("cumprod(0)", c, torch::cumprod(c, 0));
  auto zeros_in = torch::tensor({{2.0, 0.0, 3.0, 4.0}, {0.5, 2.0, 0.0, 0.0}, {1.5, -2.0, 0.5, 3.0}},
                                torch::dtype(torch::kDouble).requires_grad(true));
  show("cumprod(1) with zeros", zeros_in, zeros_in.cumprod(1));
  show("cumprod(0) with zeros", zeros_in, zeros_in.cumprod(0));
  std::cout << torch::tensor({1, 2, 3, 4}).cumprod(0) << "\n";

  // ordering, with ties: short rows (insertion sort) and long ones (introsort)
  show("sort()", x, std::get<0>(x.sort()));
  std::cout << std::get<1>(x.sort()) << "\n";
  show("sort(0, true)", x, std::get<0>(x.sort(0, true)));
  std::cout << std::get<1>(x.sort(0, true)) << "\n";
  auto ties = torch::tensor({3., 1., 3., 2., 1., 3., 0., 1., 2., 3., 1., 1., 3., 3., 2., 2., 1., 0.,
                             3., 1., 3., 2., 1., 3., 0., 1., 2., 3., 1., 1., 3., 3., 2., 2., 1., 0.},
                            torch::dtype(torch::kDouble).requires_grad(true));
  show("sort() with ties", ties, std::get<0>(ties.sort()));
  std::cout << std::get<1>(ties.sort()) << "\n" << std::get<1>(ties.sort(0, true)) << "\n";
  std::cout << ties.argsort() << "\n" << torch::argsort(ties, -1, true) << "\n";
  show("sort(stable) with ties", ties, std::get<0>(ties.sort(torch::optional<bool>(true))));
  std::cout << std::get<1>(ties.sort(torch::optional<bool>(true), 0, true)) << "\n";
  std::cout << std::get<1>(torch::tensor({2.0, std::numeric_limits<double>::quiet_NaN(), 1.0, 0.0}).sort()) << "\n";
  std::cout << std::get<1>(torch::tensor({2, 1, 1, 5, 2}).sort()) << "\n";
  show("topk(2)", x, std::get<0>(x.topk(2)));
  std::cout << std::get<1>(x.topk(2)) << "\n";
  show("topk(3, 0, false)", x, std::get<0>(x.topk(3, 0, false)));
  std::cout << std::get<1>(x.topk(3, 0, false)) << "\n";
  show("topk(5) with ties", ties, std::get<0>(ties.topk(5)));
  std::cout << std::get<1>(ties.topk(5)) << "\n" << std::get<1>(ties.topk(5, 0, false)) << "\n";
  std::cout << std::get<1>(ties.topk(20, 0, true, false)) << "\n";
  auto long_ties = ties.detach().repeat({4});
  std::cout << std::get<1>(long_ties.topk(2)) << "\n" << std::get<1>(long_ties.topk(2, -1, false)) << "\n";

  // random permutations and Bernoulli draws, seeded; bernoulli's gradient is zero
  torch::manual_seed(5);
  std::cout << torch::randperm(8) << "\n" << torch::randperm(5, torch::kDouble) << "\n";
  auto probs = torch::rand({2, 4}, torch::requires_grad());
  show("bernoulli()", probs, probs.bernoulli());
  std::cout << probs.bernoulli(0.25) << "\n";
  auto filled = probs * 1;
  filled.bernoulli_(0.5);
  show("bernoulli_(0.5)", probs, filled);
  auto filled_by_tensor = probs * 1;
  filled_by_tensor.bernoulli_(probs.detach().flip({0}));
  show("bernoulli_(p)", probs, filled_by_tensor);
  return 0;
}
