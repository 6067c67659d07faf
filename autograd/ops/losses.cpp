// Losses that are one formula per element, written as ops: forward and backward side by
// side. (The other losses, in nn/functional/loss.cpp, are made of ops.)

#include <algorithm>
#include <cmath>

#include "loss_support.h"
#include "op_support.h"

namespace xg {

namespace {

// -(y log x + (1 - y) log(1 - x)) per element, each log clamped at -100 as torch does
// (log1p for log(1 - x)); x must lie in [0, 1].
Tensor binary_cross_entropy_elementwise(const Tensor& input, const Tensor& target) {
  const Tensor x = input.contiguous();
  const Tensor y = target.contiguous();
  Tensor loss = empty_like(x);
  dispatch_floating(x.scalar_type(), "binary_cross_entropy", [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* xs = x.data_ptr<T>();
    const T* ys = y.data_ptr<T>();
    T* out = loss.data_ptr<T>();
    for (int64_t i = 0; i < x.numel(); ++i) {
      XG_CHECK(xs[i] >= 0 && xs[i] <= 1, "binary_cross_entropy",
               "all elements of input should be between 0 and 1 (found ", xs[i], "); pass probabilities, or "
               "use binary_cross_entropy_with_logits on the logits");
      const T log_x = std::max(std::log(xs[i]), T(-100));
      const T log_1mx = std::max(std::log1p(-xs[i]), T(-100));
      out[i] = (ys[i] - 1) * log_1mx - ys[i] * log_x;
    }
  });
  return loss;
}

}  // namespace

/// Binary cross-entropy of probabilities x in [0, 1] against targets y of the same shape:
///   loss_i = -w_i (y_i log x_i + (1 - y_i) log(1 - x_i)), each log clamped at -100,
/// reduced by `reduction` (Reduction::None, Mean or Sum); w broadcasts to y's shape.
/// With g_i the gradient reaching loss_i (g, g / n or g itself, by reduction):
///   dx = g_i w (x - y) / max(x (1 - x), 1e-12),   dy = g_i w (log(1 - x) - log x)
/// One node, the reduction included, as in LibTorch.
Tensor binary_cross_entropy(const Tensor& self, const Tensor& target, const Tensor& weight, int64_t reduction) {
  const char* op = "binary_cross_entropy";
  detail::check_reduction(op, reduction);
  detail::check_elementwise_loss(op, self, target);
  detail::check_loss_weight(op, "weight", weight, self);
  Tensor loss;
  {
    NoGradGuard no_grad;
    Tensor losses = binary_cross_entropy_elementwise(self, target);
    if (weight.defined()) losses = losses * weight.expand(target.sizes());
    loss = detail::reduce_loss(losses, reduction);
  }
  if (needs_grad(self, target)) {
    record("BinaryCrossEntropyBackward0", {self, target}, loss,
           [x_saved = SavedVariable(self, false), y_saved = SavedVariable(target, false), w = weight.defined() ? weight.detach() : Tensor(), reduction,
            need_x = self.requires_grad(), need_y = target.requires_grad()](const variable_list& g) -> variable_list {
             const Tensor x = x_saved.unpack(), y = y_saved.unpack();
             Tensor grad = reduction == Reduction::None ? g[0] : g[0].expand(x.sizes());
             if (reduction == Reduction::Mean) grad = grad / static_cast<double>(x.numel());
             if (w.defined()) grad = grad * w;
             // dx = (x - y) / (x (1 - x)), the denominator kept away from 0
             Tensor dx = need_x ? grad * (x - y) / ((1 - x) * x).clamp_min(1e-12) : Tensor();
             // dy = log(1 - x) - log(x), the logs clamped as in the forward
             Tensor dy = need_y ? grad * (log(1 - x).clamp_min(-100) - log(x).clamp_min(-100)) : Tensor();
             return {dx, dy};
           });
  }
  return loss;
}

}  // namespace xg
