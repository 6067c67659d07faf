#include "activation.h"

#include <cmath>

#include "../../autograd/tensor/factories.h"
#include "../../autograd/graph/function.h"
#include "../../autograd/tensor/ops.h"
#include "inplace.h"

namespace xg {

namespace {

// erf as a custom autograd function: the forward loops over the elements with
// std::erf; the backward is written with tensor ops, so it is differentiable again.
struct ErfFunction : autograd::Function<ErfFunction> {
  static Tensor forward(autograd::AutogradContext* ctx, const Tensor& x) {
    ctx->save_for_backward({x});
    const Tensor in = x.contiguous();
    Tensor out = empty_like(in);
    dispatch_floating(in.scalar_type(), "erf", [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = in.data_ptr<T>();
      T* dst = out.data_ptr<T>();
      for (int64_t i = 0; i < in.numel(); ++i) dst[i] = std::erf(src[i]);
    });
    return out;
  }

  static autograd::variable_list backward(autograd::AutogradContext* ctx, autograd::variable_list grads) {
    const Tensor x = ctx->get_saved_variables()[0];
    const double two_over_sqrt_pi = 2.0 / std::sqrt(M_PI);
    return {grads[0] * (exp(-(x * x)) * two_over_sqrt_pi)};
  }
};

}  // namespace

Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope) {
  XG_CHECK(x.defined(), "leaky_relu", "input is undefined");
  return where(x > 0, x, x * negative_slope);
}

Tensor elu(const Tensor& x, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  XG_CHECK(x.defined(), "elu", "input is undefined");
  // The exponential is taken of min(x, 0) so that large positive inputs, whose branch is
  // not selected, cannot overflow to inf and turn the gradient into inf * 0 = nan.
  const Tensor negative = (exp(x.clamp_max(0) * input_scale) - 1) * (alpha.toDouble() * scale.toDouble());
  return where(x > 0, x * scale, negative);
}

Tensor erf(const Tensor& x) {
  XG_CHECK(x.defined(), "erf", "input is undefined");
  return ErfFunction::apply(x);
}

Tensor gelu(const Tensor& x, const std::string& approximate) {
  XG_CHECK(x.defined(), "gelu", "input is undefined");
  if (approximate == "none") return (x * 0.5) * (1 + erf(x * M_SQRT1_2));
  XG_CHECK(approximate == "tanh", "gelu", "approximate must be \"none\" or \"tanh\", got \"", approximate, "\"");
  const double beta = M_SQRT2 * M_2_SQRTPI * 0.5;  // sqrt(2 / pi)
  const double kappa = 0.044715;
  const Tensor inner = (x + (x * x * x) * kappa) * beta;
  return (x * 0.5) * (1 + tanh(inner));
}

namespace nn::functional {

Tensor relu(Tensor input, const ReLUFuncOptions& options) {
  if (options.inplace()) return detail::apply_inplace(input, [](const Tensor& x) { return xg::relu(x); });
  return xg::relu(input);
}

Tensor leaky_relu(Tensor input, const LeakyReLUFuncOptions& options) {
  const double slope = options.negative_slope();
  auto f = [slope](const Tensor& x) { return xg::leaky_relu(x, slope); };
  return options.inplace() ? detail::apply_inplace(input, f) : f(input);
}

Tensor elu(Tensor input, const ELUFuncOptions& options) {
  const double alpha = options.alpha();
  auto f = [alpha](const Tensor& x) { return xg::elu(x, alpha); };
  return options.inplace() ? detail::apply_inplace(input, f) : f(input);
}

Tensor gelu(const Tensor& input, const GELUFuncOptions& options) { return xg::gelu(input, options.approximate()); }

Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options) {
  return xg::softmax(input, options.dim(), options.dtype());
}

Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options) {
  return xg::log_softmax(input, options.dim(), options.dtype());
}

}  // namespace nn::functional
}  // namespace xg
