#include "activation.h"

#include "../../autograd/tensor/factories.h"
#include "../functional/activation.h"

namespace xg::nn {

namespace F = functional;

void ReLUImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::ReLU(";
  if (options.inplace()) stream << std::boolalpha << "inplace=" << options.inplace();
  stream << ")";
}

Tensor ReLUImpl::forward(Tensor input) { return F::relu(input, options); }

void LeakyReLUImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::LeakyReLU(negative_slope=" << options.negative_slope();
  if (options.inplace()) stream << std::boolalpha << ", inplace=" << options.inplace();
  stream << ")";
}

Tensor LeakyReLUImpl::forward(Tensor input) { return F::leaky_relu(input, options); }

void ELUImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::ELU(alpha=" << options.alpha();
  if (options.inplace()) stream << std::boolalpha << ", inplace=" << options.inplace();
  stream << ")";
}

Tensor ELUImpl::forward(Tensor input) { return F::elu(input, options); }

void GELUImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::GELU()"; }

Tensor GELUImpl::forward(const Tensor& input) { return F::gelu(input, options); }

void SigmoidImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Sigmoid()"; }

Tensor SigmoidImpl::forward(const Tensor& input) { return xg::sigmoid(input); }

void TanhImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Tanh()"; }

Tensor TanhImpl::forward(const Tensor& input) { return xg::tanh(input); }

void SoftmaxImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Softmax(dim=" << options.dim() << ")"; }

Tensor SoftmaxImpl::forward(const Tensor& input) { return xg::softmax(input, options.dim()); }

void LogSoftmaxImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::LogSoftmax(dim=" << options.dim() << ")";
}

Tensor LogSoftmaxImpl::forward(const Tensor& input) { return xg::log_softmax(input, options.dim()); }

}  // namespace xg::nn
