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

void SiLUImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::SiLU()"; }

Tensor SiLUImpl::forward(const Tensor& input) { return F::silu(input); }

void MishImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Mish()"; }

Tensor MishImpl::forward(const Tensor& input) { return F::mish(input); }

void SoftsignImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Softsign()"; }

Tensor SoftsignImpl::forward(const Tensor& input) { return F::softsign(input); }

void SoftplusImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Softplus(beta=" << options.beta() << ", threshold=" << options.threshold() << ")";
}

Tensor SoftplusImpl::forward(const Tensor& input) { return F::softplus(input, options); }

HardtanhImpl::HardtanhImpl(const HardtanhOptions& options_) : options(options_) { reset(); }

void HardtanhImpl::reset() {
  XG_CHECK(options.max_val() > options.min_val(), "Hardtanh", "max_val (", options.max_val(),
           ") must be greater than min_val (", options.min_val(), ")");
}

void HardtanhImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Hardtanh(min_val=" << options.min_val() << ", max_val=" << options.max_val();
  if (options.inplace()) stream << std::boolalpha << ", inplace=" << options.inplace();
  stream << ")";
}

Tensor HardtanhImpl::forward(Tensor input) { return F::hardtanh(input, options); }

void ReLU6Impl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::ReLU6(";
  if (options.inplace()) stream << std::boolalpha << "inplace=" << options.inplace();
  stream << ")";
}

Tensor ReLU6Impl::forward(Tensor input) { return F::relu6(input, options); }

void SELUImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::SELU(";
  if (options.inplace()) stream << std::boolalpha << "inplace=" << options.inplace();
  stream << ")";
}

Tensor SELUImpl::forward(Tensor input) { return F::selu(input, options); }

PReLUImpl::PReLUImpl(const PReLUOptions& options_) : options(options_) { reset(); }

void PReLUImpl::reset() { weight = register_parameter("weight", full({options.num_parameters()}, options.init())); }

void PReLUImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::PReLU(num_parameters=" << options.num_parameters() << ")";
}

Tensor PReLUImpl::forward(const Tensor& input) { return F::prelu(input, weight); }

}  // namespace xg::nn
