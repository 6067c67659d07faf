// Advanced indexing and in-place writes into views: values, gradients and the backward
// node names (IndexBackward0, IndexPutBackward0, torch::autograd::CopySlices).
#include <torch/torch.h>

#include <iostream>
#include <string>

using torch::indexing::Ellipsis;
using torch::indexing::None;
using torch::indexing::Slice;

namespace {

void show(const std::string& label, const torch::Tensor& t) {
  std::cout << label << " [";
  for (int64_t d = 0; d < t.dim(); ++d) std::cout << (d ? " " : "") << t.size(d);
  std::cout << "]";
  const torch::Tensor flat = t.contiguous().reshape({-1}).to(torch::kDouble);
  for (int64_t i = 0; i < flat.numel(); ++i) std::cout << " " << flat.index({i}).item<double>();
  std::cout << " " << (t.grad_fn() ? t.grad_fn()->name() : std::string("none")) << "\n";
}

torch::Tensor input(std::vector<int64_t> shape) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  return (torch::arange(n, torch::kDouble) * 0.5 - 1).reshape(shape).detach().requires_grad_(true);
}

torch::Tensor weights(std::vector<int64_t> shape) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  return (torch::arange(n, torch::kDouble) + 1).reshape(shape);
}

// Backward of (out * weights).sum(), then each input's gradient.
void grads(const torch::Tensor& out, std::vector<torch::Tensor> inputs) {
  (out * weights(out.sizes().vec())).sum().backward();
  for (size_t i = 0; i < inputs.size(); ++i) show("  grad" + std::to_string(i), inputs[i].grad());
}

}  // namespace

int main() {
  const auto idx = torch::tensor({2, -1, 0, 2});
  const auto rows = torch::tensor({1, 0}).view({2, 1});
  const auto cols = torch::tensor({0, 3, 3});

  std::cout << "-- index with tensors and masks\n";
  {
    auto x = input({3, 4});
    auto y = x.index({idx});
    show("x[idx]", y);
    grads(y, {x});
  }
  {
    auto x = input({3, 4});
    auto y = x.index({Slice(), idx});
    show("x[:, idx]", y);
    grads(y, {x});
  }
  {
    auto x = input({3, 4});
    auto y = x.index({rows, cols});
    show("x[rows, cols]", y);
    grads(y, {x});
  }
  {
    auto x = input({2, 3, 4});
    show("c[:, rows, cols]", x.index({Slice(), rows, cols}));
    auto y = x.index({torch::tensor({1, 0}), Slice(), torch::tensor({3, 1})});
    show("c[i, :, j]", y);
    grads(y, {x});
    show("c[..., i]", x.index({Ellipsis, torch::tensor({1, 1})}));
    show("c[None, 1, i]", x.index({None, 1, torch::tensor({2, 0})}));
  }
  {
    auto x = input({3, 4});
    auto mask = x.detach() > 0;
    auto y = x.index({mask});
    show("x[mask]", y);
    grads(y, {x});
    auto c = input({2, 3, 4});
    show("c[row mask]", c.index({torch::tensor({true, false})}));
    show("c[:, mask 3x4]", c.index({Slice(), torch::tensor({true, false, true}), Slice(0, 2)}));
  }

  std::cout << "-- index_put_ with tensors and masks\n";
  {
    auto x = input({3, 4});
    auto v = input({4});
    auto y = x * 1;
    y.index_put_({torch::tensor({2, 0})}, v);
    show("y[i] = v", y);
    grads(y, {x, v});
  }
  {
    auto x = input({3, 4});
    auto v = input({2, 4});
    auto y = x * 1;
    c10::List<c10::optional<torch::Tensor>> where;
    where.push_back(torch::tensor({1, 1}));
    y.index_put_(where, v, true);
    show("y[[1, 1]] += v", y);
    grads(y, {x, v});
    show("index_put", x.index_put(where, v, true));
  }
  {
    auto x = input({3, 4});
    auto y = x * 1;
    y.index_put_({y > 0}, 0.5);
    show("y[y > 0] = 0.5", y);
    grads(y, {x});
  }
  {
    auto x = input({3, 4});
    auto v = input({3});
    auto y = x * 1;
    y.index_put_({Slice(), torch::tensor({3, 1, 0})}, v.sum());
    show("y[:, i] = v.sum()", y);
    grads(y, {x, v});
  }

  std::cout << "-- in-place ops on views (CopySlices)\n";
  {
    auto x = input({3, 4});
    auto y = x * 1;
    auto view = y.select(0, 1);
    view.mul_(2);
    show("y.select(0, 1).mul_(2)", y);
    show("  the view", view);
    grads(y, {x});
  }
  {
    auto x = input({3, 4});
    auto v = input({4});
    auto y = x * 1;
    y.index_put_({0}, v);
    show("y.index_put_({0}, v)", y);
    grads(y, {x, v});
  }
  {
    auto x = input({3, 4});
    auto y = x * 1;
    y.index({Slice(0, 2)}).zero_();
    show("y[0:2].zero_()", y);
    grads(y, {x});
  }
  {
    auto x = input({3, 4});
    auto z = input({3, 1});
    auto y = x * 1;
    y.narrow(1, 0, 1).copy_(z);
    show("y.narrow(1, 0, 1).copy_(z)", y);
    grads(y, {x, z});
  }
  {
    auto x = input({3, 4});
    auto y = x * 1;
    auto view = y.index({Slice(), 1});
    y.mul_(3);  // the view's history is rebuilt from y's
    show("view after y.mul_(3)", view);
    view.add_(1);
    show("y after view.add_(1)", y);
    grads(y, {x});
  }
  {
    auto z = input({3, 1});
    auto y = torch::zeros({3, 4}, torch::kDouble);
    y.narrow(1, 2, 1).copy_(z * 2);
    show("zeros.narrow(1, 2, 1).copy_(z * 2)", y);
    grads(y, {z});
  }
  {
    auto x = input({3, 4});
    try {
      x.index({0}).mul_(2);
      std::cout << "no error\n";
    } catch (const c10::Error&) {
      std::cout << "in-place on a view of a leaf: error\n";
    }
    {
      torch::NoGradGuard no_grad;
      x.index({0}).mul_(2);
    }
    show("under NoGradGuard the view writes through", x);
  }
}
