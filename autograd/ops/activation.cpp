// Activation functions that PyTorch records as nodes of their own (SiluBackward0, ...):
// forward and backward side by side. Each backward is written with differentiable ops,
// so second-order gradients come from those ops. (Activations that PyTorch composes,
// such as softsign, are written in nn/functional/activation.cpp.)

#include <algorithm>
#include <cmath>
#include <vector>

#include "op_support.h"

namespace xg {

namespace {

// f(x) elementwise for Float and Double; other dtypes are an error naming `op`, as in torch.
template <class F>
Tensor floating_map(const char* op, const Tensor& x, F f) {
  XG_CHECK(x.defined(), op, "input is undefined");
  return dispatch_floating(x.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    Tensor out = empty(x.sizes(), x.scalar_type());
    detail::map_into<T, T>(out, x, [f](T v) { return static_cast<T>(f(v)); });
    return out;
  });
}

}  // namespace

/// silu(x) = x sigmoid(x); dx = g s (1 + x (1 - s)), s = sigmoid(x)
Tensor silu(const Tensor& self) {
  Tensor out = floating_map("silu", self, [](auto v) { return v / (1 + std::exp(-v)); });
  if (needs_grad(self)) {
    record("SiluBackward0", {self}, out, [x_saved = SavedVariable(self, false)](const variable_list& g) -> variable_list {
      const Tensor x = x_saved.unpack();
      const Tensor s = sigmoid(x);
      return {g[0] * s * (1 + x * (1 - s))};
    });
  }
  return out;
}

/// softplus(x) = log(1 + exp(beta x)) / beta, or x where beta x > threshold (where the two
/// agree to rounding); dx = g sigmoid(beta x), or g where beta x > threshold
Tensor softplus(const Tensor& self, const Scalar& beta, const Scalar& threshold) {
  const double b = beta.toDouble(), t = threshold.toDouble();
  Tensor out = floating_map("softplus", self, [b, t](auto v) {
    using T = decltype(v);
    const T bv = v * static_cast<T>(b);
    return bv > t ? v : static_cast<T>(std::log1p(std::exp(bv)) / b);
  });
  if (needs_grad(self)) {
    record("SoftplusBackward0", {self}, out,
           [x_saved = SavedVariable(self, false), b, t](const variable_list& g) -> variable_list {
             const Tensor bx = x_saved.unpack() * b;
             return {where(bx > t, g[0], g[0] * sigmoid(bx))};
           });
  }
  return out;
}

/// log_sigmoid(x) = log(1 / (1 + exp(-x))) = min(x, 0) - log(1 + exp(-|x|)), finite for any x;
/// dx = g sigmoid(-x)
Tensor log_sigmoid(const Tensor& self) {
  Tensor out = floating_map("log_sigmoid", self, [](auto v) {
    using T = decltype(v);
    return std::min(v, T(0)) - std::log1p(std::exp(-std::abs(v)));
  });
  if (needs_grad(self)) {
    record("LogSigmoidBackward0", {self}, out, [x_saved = SavedVariable(self, false)](const variable_list& g) -> variable_list {
      return {g[0] * sigmoid(-x_saved.unpack())};
    });
  }
  return out;
}

/// hardtanh(x) = min(max(x, min_val), max_val); dx = g where min_val < x < max_val, else 0
Tensor hardtanh(const Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  XG_CHECK(self.defined(), "hardtanh", "input is undefined");
  const double lo = min_val.toDouble(), hi = max_val.toDouble();
  Tensor out = detail::unary_numeric("hardtanh", self, [lo, hi](auto v) {
    using T = decltype(v);
    return v < static_cast<T>(lo) ? static_cast<T>(lo) : v > static_cast<T>(hi) ? static_cast<T>(hi) : v;
  });
  if (needs_grad(self)) {
    record("HardtanhBackward0", {self}, out,
           [x_saved = SavedVariable(self, false), lo, hi](const variable_list& g) -> variable_list {
             const Tensor x = x_saved.unpack();
             return {where((x > lo).logical_and(x < hi), g[0], 0.0)};
           });
  }
  return out;
}

/// mish(x) = x tanh(softplus(x)); dx = g (t + x sigmoid(x) (1 - t^2)), t = tanh(softplus(x))
Tensor mish(const Tensor& self) {
  Tensor out = floating_map("mish", self, [](auto v) { return v * std::tanh(std::log1p(std::exp(v))); });
  if (needs_grad(self)) {
    record("MishBackward0", {self}, out, [x_saved = SavedVariable(self, false)](const variable_list& g) -> variable_list {
      const Tensor x = x_saved.unpack();
      const Tensor t = tanh(softplus(x));
      return {g[0] * (t + x * sigmoid(x) * (1 - t * t))};
    });
  }
  return out;
}

namespace {

// PReLU's weight shaped to broadcast against x: one slope, or one per channel (dim 1).
Tensor prelu_slopes(const Tensor& x, const Tensor& weight) {
  if (weight.numel() == 1 || x.dim() < 2) return weight.reshape(std::vector<int64_t>{});
  std::vector<int64_t> shape(static_cast<size_t>(x.dim()), 1);
  shape[1] = weight.numel();
  return weight.reshape(shape);
}

}  // namespace

/// prelu(x, w) = x for x > 0, w x otherwise, w one slope or one per channel (dim 1);
/// dx = g where x > 0, else g w;  dw = sum over all but the channel dim of g x where x <= 0
Tensor prelu(const Tensor& self, const Tensor& weight) {
  const char* op = "prelu";
  XG_CHECK(self.defined() && weight.defined(), op, "input and weight must be defined");
  XG_CHECK(self.is_floating_point(), op, "expected a floating-point input, got ", self.scalar_type());
  XG_CHECK(weight.scalar_type() == self.scalar_type(), op, "weight has dtype ", weight.scalar_type(),
           " but input has dtype ", self.scalar_type());
  XG_CHECK(weight.dim() <= 1, op, "weight must be a 0-d or 1-d tensor, got ", weight.dim(), " dims");
  const int64_t channels = self.dim() >= 2 ? self.size(1) : 1;
  XG_CHECK(weight.numel() == 1 || weight.numel() == channels, op, "mismatch of parameter numbers and input channel "
           "size: weight has ", weight.numel(), " elements, input has ", channels, " channels");
  Tensor out;
  {
    NoGradGuard no_grad;
    out = where(self > 0, self, self * prelu_slopes(self, weight));
  }
  if (needs_grad(self, weight)) {
    record("PreluBackward0", {self, weight}, out,
           [x_saved = SavedVariable(self, false), w_saved = SavedVariable(weight, false)](
               const variable_list& g) -> variable_list {
             const Tensor x = x_saved.unpack(), w = w_saved.unpack();
             const Tensor positive = x > 0;
             const Tensor dx = where(positive, g[0], g[0] * prelu_slopes(x, w));
             const Tensor dw_each = where(positive, 0.0, g[0] * x);
             Tensor dw;
             if (w.numel() == 1 || x.dim() < 2) {
               dw = dw_each.sum().reshape(w.sizes());
             } else {
               std::vector<int64_t> dims;
               for (int64_t d = 0; d < x.dim(); ++d)
                 if (d != 1) dims.push_back(d);
               dw = dw_each.sum(dims).reshape(w.sizes());
             }
             return {dx, dw};
           });
  }
  return out;
}

}  // namespace xg
