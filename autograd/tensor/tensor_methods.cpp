// The method spelling of the ops (x.exp()), forwarding to the free functions in ops.h.

#include "ops.h"

namespace xg {

Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const { return xg::add(*this, other, alpha); }
Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const { return xg::add(*this, other, alpha); }
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const { return xg::sub(*this, other, alpha); }
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const { return xg::sub(*this, other, alpha); }
Tensor Tensor::mul(const Tensor& other) const { return xg::mul(*this, other); }
Tensor Tensor::mul(const Scalar& other) const { return xg::mul(*this, other); }
Tensor Tensor::div(const Tensor& other) const { return xg::div(*this, other); }
Tensor Tensor::div(const Scalar& other) const { return xg::div(*this, other); }
Tensor Tensor::neg() const { return xg::neg(*this); }
Tensor Tensor::pow(const Tensor& exponent) const { return xg::pow(*this, exponent); }
Tensor Tensor::pow(const Scalar& exponent) const { return xg::pow(*this, exponent); }

Tensor Tensor::abs() const { return xg::abs(*this); }
Tensor Tensor::exp() const { return xg::exp(*this); }
Tensor Tensor::log() const { return xg::log(*this); }
Tensor Tensor::sqrt() const { return xg::sqrt(*this); }
Tensor Tensor::rsqrt() const { return xg::rsqrt(*this); }
Tensor Tensor::square() const { return xg::square(*this); }
Tensor Tensor::sin() const { return xg::sin(*this); }
Tensor Tensor::cos() const { return xg::cos(*this); }
Tensor Tensor::tanh() const { return xg::tanh(*this); }
Tensor Tensor::sigmoid() const { return xg::sigmoid(*this); }
Tensor Tensor::relu() const { return xg::relu(*this); }
Tensor Tensor::sign() const { return xg::sign(*this); }
Tensor Tensor::reciprocal() const { return xg::reciprocal(*this); }
Tensor Tensor::clamp(const std::optional<Scalar>& min, const std::optional<Scalar>& max) const {
  return xg::clamp(*this, min, max);
}
Tensor Tensor::clamp_min(const Scalar& min) const { return xg::clamp_min(*this, min); }
Tensor Tensor::clamp_max(const Scalar& max) const { return xg::clamp_max(*this, max); }
Tensor Tensor::maximum(const Tensor& other) const { return xg::maximum(*this, other); }
Tensor Tensor::minimum(const Tensor& other) const { return xg::minimum(*this, other); }

Tensor Tensor::eq(const Tensor& other) const { return xg::eq(*this, other); }
Tensor Tensor::eq(const Scalar& other) const { return xg::eq(*this, other); }
Tensor Tensor::ne(const Tensor& other) const { return xg::ne(*this, other); }
Tensor Tensor::ne(const Scalar& other) const { return xg::ne(*this, other); }
Tensor Tensor::lt(const Tensor& other) const { return xg::lt(*this, other); }
Tensor Tensor::lt(const Scalar& other) const { return xg::lt(*this, other); }
Tensor Tensor::le(const Tensor& other) const { return xg::le(*this, other); }
Tensor Tensor::le(const Scalar& other) const { return xg::le(*this, other); }
Tensor Tensor::gt(const Tensor& other) const { return xg::gt(*this, other); }
Tensor Tensor::gt(const Scalar& other) const { return xg::gt(*this, other); }
Tensor Tensor::ge(const Tensor& other) const { return xg::ge(*this, other); }
Tensor Tensor::ge(const Scalar& other) const { return xg::ge(*this, other); }
Tensor Tensor::all() const { return xg::all(*this); }
Tensor Tensor::any() const { return xg::any(*this); }
bool Tensor::allclose(const Tensor& other, double rtol, double atol, bool equal_nan) const {
  return xg::allclose(*this, other, rtol, atol, equal_nan);
}
bool Tensor::equal(const Tensor& other) const { return xg::equal(*this, other); }

Tensor Tensor::sum(std::optional<ScalarType> dtype) const { return xg::sum(*this, dtype); }
Tensor Tensor::sum(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return xg::sum(*this, dim, keepdim, dtype);
}
Tensor Tensor::mean(std::optional<ScalarType> dtype) const { return xg::mean(*this, dtype); }
Tensor Tensor::mean(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return xg::mean(*this, dim, keepdim, dtype);
}
Tensor Tensor::prod(std::optional<ScalarType> dtype) const { return xg::prod(*this, dtype); }
Tensor Tensor::prod(int64_t dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return xg::prod(*this, dim, keepdim, dtype);
}
Tensor Tensor::max() const { return xg::max(*this); }
std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim) const { return xg::max(*this, dim, keepdim); }
Tensor Tensor::min() const { return xg::min(*this); }
std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim) const { return xg::min(*this, dim, keepdim); }
Tensor Tensor::argmax(std::optional<int64_t> dim, bool keepdim) const { return xg::argmax(*this, dim, keepdim); }
Tensor Tensor::argmin(std::optional<int64_t> dim, bool keepdim) const { return xg::argmin(*this, dim, keepdim); }
Tensor Tensor::norm(const std::optional<Scalar>& p) const { return xg::norm(*this, p); }
Tensor Tensor::norm(const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim) const {
  return xg::norm(*this, p, dim, keepdim);
}
Tensor Tensor::var(bool unbiased) const { return xg::var(*this, unbiased); }
Tensor Tensor::var(IntArrayRef dim, bool unbiased, bool keepdim) const { return xg::var(*this, dim, unbiased, keepdim); }
Tensor Tensor::std(bool unbiased) const { return xg::std(*this, unbiased); }
Tensor Tensor::std(IntArrayRef dim, bool unbiased, bool keepdim) const { return xg::std(*this, dim, unbiased, keepdim); }
Tensor Tensor::logsumexp(IntArrayRef dim, bool keepdim) const { return xg::logsumexp(*this, dim, keepdim); }
Tensor Tensor::softmax(int64_t dim, std::optional<ScalarType> dtype) const { return xg::softmax(*this, dim, dtype); }
Tensor Tensor::log_softmax(int64_t dim, std::optional<ScalarType> dtype) const {
  return xg::log_softmax(*this, dim, dtype);
}

Tensor Tensor::matmul(const Tensor& other) const { return xg::matmul(*this, other); }
Tensor Tensor::mm(const Tensor& mat2) const { return xg::mm(*this, mat2); }
Tensor Tensor::mv(const Tensor& vec) const { return xg::mv(*this, vec); }
Tensor Tensor::bmm(const Tensor& mat2) const { return xg::bmm(*this, mat2); }
Tensor Tensor::dot(const Tensor& other) const { return xg::dot(*this, other); }
Tensor Tensor::outer(const Tensor& vec2) const { return xg::outer(*this, vec2); }

}  // namespace xg
