#include "init.h"

#include <cmath>

#include <xtensor-blas/xlinalg.hpp>

#include "../autograd/tensor/factories.h"
#include "../autograd/graph/grad_mode.h"
#include "../autograd/tensor/xtensor_interop.h"

namespace xg::nn::init {

namespace {

bool is_empty(const Tensor& tensor) {
  for (int64_t size : tensor.sizes())
    if (size == 0) return true;
  return false;
}

void check_defined(const char* op, const Tensor& tensor) {
  XG_CHECK(tensor.defined(), op, "the tensor to initialise is undefined");
}

double fan_for(const char* op, const Tensor& tensor, const FanModeType& mode) {
  XG_CHECK(tensor.dim() >= 2, op, "fan in and fan out can not be computed for a tensor with fewer than 2 dims (got sizes ",
           tensor.sizes(), ")");
  const auto fans = _calculate_fan_in_and_fan_out(tensor);
  return static_cast<double>(std::holds_alternative<enumtype::kFanIn>(mode) ? std::get<0>(fans) : std::get<1>(fans));
}

}  // namespace

double calculate_gain(NonlinearityType nonlinearity, double param) {
  if (std::holds_alternative<enumtype::kTanh>(nonlinearity)) return 5.0 / 3.0;
  if (std::holds_alternative<enumtype::kReLU>(nonlinearity)) return std::sqrt(2.0);
  if (std::holds_alternative<enumtype::kLeakyReLU>(nonlinearity)) return std::sqrt(2.0 / (1 + std::pow(param, 2)));
  return 1.0;  // linear, the convolutions and sigmoid
}

std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const Tensor& tensor) {
  XG_CHECK(tensor.dim() >= 2, "_calculate_fan_in_and_fan_out",
           "fan in and fan out can not be computed for a tensor with fewer than 2 dims (got sizes ", tensor.sizes(), ")");
  int64_t receptive_field = 1;  // the product of the kernel dims, for convolution weights
  for (int64_t d = 2; d < tensor.dim(); ++d) receptive_field *= tensor.size(d);
  return {tensor.size(1) * receptive_field, tensor.size(0) * receptive_field};
}

Tensor constant_(Tensor tensor, Scalar value) {
  check_defined("constant_", tensor);
  NoGradGuard no_grad;
  return tensor.fill_(value);
}

Tensor zeros_(Tensor tensor) {
  check_defined("zeros_", tensor);
  NoGradGuard no_grad;
  return tensor.zero_();
}

Tensor ones_(Tensor tensor) {
  check_defined("ones_", tensor);
  NoGradGuard no_grad;
  return tensor.fill_(1);
}

Tensor eye_(Tensor matrix) {
  check_defined("eye_", matrix);
  XG_CHECK(matrix.dim() == 2, "eye_", "only tensors with 2 dims are supported, got sizes ", matrix.sizes());
  NoGradGuard no_grad;
  return matrix.copy_(eye(matrix.size(0), matrix.size(1), matrix.scalar_type()));
}

Tensor uniform_(Tensor tensor, double low, double high) {
  check_defined("uniform_", tensor);
  NoGradGuard no_grad;
  return tensor.uniform_(low, high);
}

Tensor normal_(Tensor tensor, double mean, double std) {
  check_defined("normal_", tensor);
  NoGradGuard no_grad;
  return tensor.normal_(mean, std);
}

Tensor xavier_uniform_(Tensor tensor, double gain) {
  check_defined("xavier_uniform_", tensor);
  if (is_empty(tensor)) return tensor;
  const auto [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  const double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  const double bound = std::sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}

Tensor xavier_normal_(Tensor tensor, double gain) {
  check_defined("xavier_normal_", tensor);
  if (is_empty(tensor)) return tensor;
  const auto [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  const double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  return normal_(tensor, 0, std);
}

Tensor kaiming_uniform_(Tensor tensor, double a, FanModeType mode, NonlinearityType nonlinearity) {
  check_defined("kaiming_uniform_", tensor);
  if (is_empty(tensor)) return tensor;
  const double std = calculate_gain(nonlinearity, a) / std::sqrt(fan_for("kaiming_uniform_", tensor, mode));
  const double bound = std::sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}

Tensor kaiming_normal_(Tensor tensor, double a, FanModeType mode, NonlinearityType nonlinearity) {
  check_defined("kaiming_normal_", tensor);
  if (is_empty(tensor)) return tensor;
  const double std = calculate_gain(nonlinearity, a) / std::sqrt(fan_for("kaiming_normal_", tensor, mode));
  return normal_(tensor, 0, std);
}

Tensor orthogonal_(Tensor tensor, double gain) {
  check_defined("orthogonal_", tensor);
  XG_CHECK(tensor.dim() >= 2, "orthogonal_", "only tensors with 2 or more dimensions are supported, got sizes ",
           tensor.sizes());
  XG_CHECK(tensor.is_floating_point(), "orthogonal_", "expected a floating-point tensor, got ", tensor.scalar_type());
  if (is_empty(tensor)) return tensor;
  NoGradGuard no_grad;
  const int64_t rows = tensor.size(0);
  const int64_t columns = tensor.numel() / rows;
  // QR of a tall matrix: a wide one is factorised transposed, and Q transposed back.
  const bool wide = rows < columns;
  Tensor sample = randn({rows, columns}, kDouble);
  if (wide) sample = sample.t().contiguous();
  auto [q, r] = xt::linalg::qr(to_xarray<double>(sample));
  // Q's columns times the signs of R's diagonal: the factorisation with R's diagonal positive, which is unique.
  for (std::size_t j = 0; j < q.shape(1); ++j) {
    const double d = r(j, j);
    const double sign = d > 0 ? 1.0 : d < 0 ? -1.0 : 0.0;
    xt::view(q, xt::all(), j) *= sign;
  }
  Tensor result = from_xtensor(xt::xarray<double>(q));
  if (wide) result = result.t();
  tensor.copy_(result.reshape(tensor.sizes()));
  return tensor.mul_(gain);
}

void detail::default_layer_init_(Tensor& weight, Tensor& bias) {
  kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    const double fan_in = static_cast<double>(std::get<0>(_calculate_fan_in_and_fan_out(weight)));
    const double bound = fan_in > 0 ? 1 / std::sqrt(fan_in) : 0;
    uniform_(bias, -bound, bound);
  }
}

}  // namespace xg::nn::init
