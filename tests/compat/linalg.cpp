// einsum, inverse, det and solve: results, gradients and grad_fn names, through the
// names LibTorch offers (torch::einsum, x.inverse(), torch::linalg::inv, x.det(),
// torch::linalg::det, torch::linalg::solve, torch::linalg_solve), for Float and Double.
#include <torch/torch.h>

#include <exception>
#include <iostream>
#include <string>

namespace {

std::string node_of(const torch::Tensor& t) { return t.grad_fn() ? t.grad_fn()->name() : "none"; }

// out, its node, and the gradients of sum(out * w) for w = 1, 2, 3, ... with respect to the inputs.
void show(const std::string& label, const std::vector<torch::Tensor>& inputs, const torch::Tensor& out) {
  std::cout << "== " << label << " " << node_of(out) << "\n" << out << "\n";
  auto w = torch::arange(1, out.numel() + 1, out.options().requires_grad(false)).view(out.sizes());
  auto grads = torch::autograd::grad({(out * w).sum()}, inputs, {}, true, false, true);
  for (const auto& g : grads) std::cout << "grad\n" << g << "\n";
}

// Square matrices far from singular.
torch::Tensor invertible(torch::IntArrayRef shape, torch::ScalarType dtype) {
  auto m = torch::randn(shape, torch::dtype(dtype)) + 4 * torch::eye(shape.back(), torch::dtype(dtype));
  return m.requires_grad_(true);
}

}  // namespace

int main() {
  torch::manual_seed(0);
  const auto f64 = torch::dtype(torch::kDouble).requires_grad(true);
  auto a = torch::randn({3, 4}, f64), b = torch::randn({4, 5}, f64), c = torch::randn({5, 2}, f64);
  auto sq = torch::randn({3, 3}, f64), batch = torch::randn({2, 3, 4}, f64), v = torch::randn({3}, f64);

  show("einsum ij,jk->ik", {a, b}, torch::einsum("ij,jk->ik", {a, b}));
  show("einsum ij,jk", {a, b}, torch::einsum("ij,jk", {a, b}));
  show("einsum ii->i", {sq}, torch::einsum("ii->i", {sq}));
  show("einsum ii", {sq}, torch::einsum("ii", {sq}));
  show("einsum ij->", {a}, torch::einsum("ij->", {a}));
  show("einsum ij->ji", {a}, torch::einsum("ij->ji", {a}));
  show("einsum i,j->ij", {v, v}, torch::einsum("i,j->ij", {v, v}));
  show("einsum ...ij,...jk->...ik", {batch, b}, torch::einsum("...ij,...jk->...ik", {batch, b}));
  show("einsum bij,jk,kl->bil", {batch, b, c}, torch::einsum("bij,jk,kl->bil", {batch, b, c}));
  show("einsum i j , j k -> i k", {a, b}, torch::einsum("i j , j k -> i k", {a, b}));
  auto af = torch::randn({2, 3}, torch::requires_grad(true)), bf = torch::randn({3, 2}, torch::requires_grad(true));
  show("einsum Float", {af, bf}, torch::einsum("ij,jk->ik", {af, bf}));

  auto m = invertible({3, 3}, torch::kDouble), mb = invertible({2, 3, 3}, torch::kDouble);
  auto mf = invertible({3, 3}, torch::kFloat);
  auto rhs = torch::randn({3, 2}, f64), rhs_b = torch::randn({2, 3}, f64);
  show("inverse", {m}, m.inverse());
  show("torch::inverse batched", {mb}, torch::inverse(mb));
  show("linalg::inv", {m}, torch::linalg::inv(m));
  show("inverse Float", {mf}, mf.inverse());
  show("det", {m}, m.det());
  show("torch::det batched", {mb}, torch::det(mb));
  show("linalg::det Float", {mf}, torch::linalg::det(mf));
  show("linalg::solve", {m, rhs}, torch::linalg::solve(m, rhs, true));
  show("linalg_solve vector", {m, v}, torch::linalg_solve(m, v));
  show("linalg_solve batched vectors", {mb, rhs_b}, torch::linalg_solve(mb, rhs_b));
  show("linalg::solve right", {m, rhs}, torch::linalg::solve(m, rhs.t(), false));

  std::cout << "det of a singular matrix " << torch::ones({2, 2}).det().item<float>() << "\n";
  try {
    torch::ones({2, 2}).inverse();
    std::cout << "inverse of a singular matrix: no error\n";
  } catch (const std::exception&) {
    std::cout << "inverse of a singular matrix: error\n";
  }
  return 0;
}
