#include "activation.h"

#include <cmath>

#include "../../autograd/tensor/factories.h"
#include "inplace.h"

namespace xg {

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

Tensor gelu(const Tensor& x, const std::string& approximate) {
  XG_CHECK(x.defined(), "gelu", "input is undefined");
  if (approximate == "none") return (x * 0.5) * (1 + erf(x * M_SQRT1_2));
  XG_CHECK(approximate == "tanh", "gelu", "approximate must be \"none\" or \"tanh\", got \"", approximate, "\"");
  const double beta = M_SQRT2 * M_2_SQRTPI * 0.5;  // sqrt(2 / pi)
  const double kappa = 0.044715;
  const Tensor inner = (x + (x * x * x) * kappa) * beta;
  return (x * 0.5) * (1 + tanh(inner));
}

Tensor selu(const Tensor& x) {
  XG_CHECK(x.defined(), "selu", "input is undefined");
  XG_CHECK(x.is_floating_point(), "selu", "expected a floating-point tensor (Float or Double), got ", x.scalar_type());
  const double alpha = 1.6732632423543772848170429916717;
  const double scale = 1.0507009873554804934193349852946;
  return elu(x, alpha, scale);
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

Tensor silu(const Tensor& input) { return xg::silu(input); }

Tensor mish(const Tensor& input) { return xg::mish(input); }

Tensor softplus(const Tensor& input, const SoftplusFuncOptions& options) {
  return xg::softplus(input, options.beta(), options.threshold());
}

Tensor hardtanh(Tensor input, const HardtanhFuncOptions& options) {
  const double lo = options.min_val(), hi = options.max_val();
  auto f = [lo, hi](const Tensor& x) { return xg::hardtanh(x, lo, hi); };
  return options.inplace() ? detail::apply_inplace(input, f) : f(input);
}

Tensor relu6(Tensor input, const ReLU6FuncOptions& options) {
  return hardtanh(input, HardtanhFuncOptions().min_val(0).max_val(6).inplace(options.inplace()));
}

Tensor selu(Tensor input, const SELUFuncOptions& options) {
  auto f = [](const Tensor& x) { return xg::selu(x); };
  return options.inplace() ? detail::apply_inplace(input, f) : f(input);
}

Tensor softsign(const Tensor& input) {
  XG_CHECK(input.defined(), "softsign", "input is undefined");
  return input / (input.abs() + 1);
}

Tensor prelu(const Tensor& input, const Tensor& weight) { return xg::prelu(input, weight); }

Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options) {
  return xg::softmax(input, options.dim(), options.dtype());
}

Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options) {
  return xg::log_softmax(input, options.dim(), options.dtype());
}

}  // namespace nn::functional
}  // namespace xg
