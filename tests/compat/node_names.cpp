// The backward node every op records, by name: grad_fn()->name() for the ops of the
// C++ API, scalar overloads and in-place forms included (Python's names differ for these).
#include <torch/torch.h>

#include <iostream>

#define NODE(expr)                                                                  \
  do {                                                                              \
    auto out = (expr);                                                              \
    std::cout << #expr << " " << (out.grad_fn() ? out.grad_fn()->name() : "none") << "\n"; \
  } while (0)

int main() {
  torch::manual_seed(0);
  auto x = torch::randn({3, 4}, torch::requires_grad());
  auto v = torch::randn({4}, torch::requires_grad());
  auto c = torch::randn({2, 3, 4}, torch::requires_grad());
  auto s1 = torch::randn({3, 1, 4}, torch::requires_grad());
  // arithmetic, with tensors and scalars
  NODE(x.add(2)); NODE(x.add(2, 3)); NODE(x + 2); NODE(2 + x); NODE(x.sub(2)); NODE(x - 2); NODE(2 - x);
  NODE(torch::rsub(x, 2)); NODE(torch::rsub(x, x, 2)); NODE(x.mul(2)); NODE(x * 2); NODE(2 * x); NODE(x.div(2));
  NODE(x / 2); NODE(2 / x); NODE(x.pow(2)); NODE(torch::pow(2, x)); NODE(x.pow(x)); NODE(x.neg()); NODE(-x);
  // views and reshapes
  NODE(x.t()); NODE(x.transpose(0, 1)); NODE(s1.squeeze(1)); NODE(s1.squeeze()); NODE(x.reshape({12}));
  NODE(x.t().reshape({12})); NODE(x.flatten()); NODE(c.flatten(1)); NODE(x.view({12})); NODE(x.unbind(0)[1]);
  NODE(x.narrow(0, 1, 2)); NODE(x.expand_as(c)); NODE(x.view_as(x)); NODE(x.reshape_as(x)); NODE(x.flatten(0, 0));
  NODE(x.select(0, 1)); NODE(x.slice(0, 1, 2)); NODE(x.index({0})); NODE(x.index({torch::indexing::Slice(1, 2)}));
  NODE(x.expand({2, 3, 4})); NODE(x.unsqueeze(0)); NODE(x.permute({1, 0}));
  // products
  NODE(x.matmul(v)); NODE(v.matmul(x.t())); NODE(c.matmul(v)); NODE(c.matmul(x.t())); NODE(x.matmul(c.transpose(1, 2)));
  NODE(c.matmul(c.transpose(1, 2))); NODE(x.mm(x.t())); NODE(x.mv(v)); NODE(v.dot(v)); NODE(c.bmm(c.transpose(1, 2)));
  NODE(v.outer(v)); NODE(v.ger(v));
  // copies and conversions
  NODE(x.clone()); NODE(x.contiguous()); NODE(x.to(torch::kFloat)); NODE(x.to(torch::kDouble));
  // reductions
  NODE(x.max()); NODE(std::get<0>(x.max(1))); NODE(torch::max(x, x)); NODE(torch::min(x, x)); NODE(x.norm());
  NODE(x.norm(2, {1})); NODE(x.var()); NODE(x.var(1)); NODE(x.std(1)); NODE(x.sum()); NODE(x.sum(1)); NODE(x.mean());
  NODE(x.mean(1)); NODE(x.prod()); NODE(x.prod(1)); NODE(x.logsumexp({1})); NODE(x.softmax(1)); NODE(x.log_softmax(1));
  NODE(torch::cat({x, x})); NODE(torch::stack({x, x}));
  // elementwise
  NODE(x.clamp(0, 1)); NODE(x.clamp_min(0)); NODE(x.clamp_max(0)); NODE(torch::where(x > 0, x, 1.0)); NODE(x.abs());
  NODE(x.relu()); NODE(x.sign()); NODE(x.reciprocal()); NODE(x.maximum(x)); NODE(x.minimum(x)); NODE(torch::erf(x));
  NODE(x.abs().rsqrt()); NODE(x.abs().sqrt()); NODE(x.sigmoid()); NODE(x.tanh()); NODE(x.exp()); NODE(x.abs().log());
  NODE(x.sin()); NODE(x.cos());
  NODE(torch::binary_cross_entropy(x.sigmoid(), torch::rand({3, 4})));
  // in place, on a tensor autograd tracks
  NODE(x.clone().add_(1)); NODE(x.clone().mul_(2)); NODE(x.clone().sub_(1)); NODE(x.clone().div_(2));
  NODE(x.clone().add_(x)); NODE(x.clone().mul_(x)); NODE(x.clone().div_(x)); NODE(x.clone().sub_(x));
  NODE(x.clone().zero_()); NODE(x.clone().fill_(2)); NODE(x.clone().copy_(x)); NODE(x.clone().clamp_(0, 1));
}
