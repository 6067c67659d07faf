#pragma once
// Activation layers: elementwise nonlinearities (and softmax along a dim) as
// modules, so they can sit in a Sequential. Each forwards to the function of
// the same name in nn/functional/activation.h.

#include <ostream>
#include <utility>

#include "../cloneable.h"
#include "../options/activation.h"
#include "../pimpl.h"

namespace xg::nn {

/// y = max(x, 0)
class ReLUImpl : public Cloneable<ReLUImpl> {
 public:
  explicit ReLUImpl(const ReLUOptions& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ReLU()" (or "torch::nn::ReLU(inplace=true)").
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  ReLUOptions options;
};
XG_MODULE(ReLU);

/// y = x for x > 0, else negative_slope * x
class LeakyReLUImpl : public Cloneable<LeakyReLUImpl> {
 public:
  explicit LeakyReLUImpl(const LeakyReLUOptions& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::LeakyReLU(negative_slope=0.01)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  LeakyReLUOptions options;
};
XG_MODULE(LeakyReLU);

/// y = x for x > 0, else alpha * (exp(x) - 1)
class ELUImpl : public Cloneable<ELUImpl> {
 public:
  explicit ELUImpl(const ELUOptions& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ELU(alpha=1)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  ELUOptions options;
};
XG_MODULE(ELU);

/// y = x * Phi(x), Phi the standard normal CDF ("none") or its tanh approximation ("tanh")
class GELUImpl : public Cloneable<GELUImpl> {
 public:
  explicit GELUImpl(GELUOptions options_ = {}) : options(std::move(options_)) {}
  void reset() override {}
  /// Prints "torch::nn::GELU()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  GELUOptions options;
};
XG_MODULE(GELU);

/// y = 1 / (1 + exp(-x))
class SigmoidImpl : public Cloneable<SigmoidImpl> {
 public:
  void reset() override {}
  /// Prints "torch::nn::Sigmoid()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
XG_MODULE(Sigmoid);

/// y = tanh(x)
class TanhImpl : public Cloneable<TanhImpl> {
 public:
  void reset() override {}
  /// Prints "torch::nn::Tanh()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
XG_MODULE(Tanh);

/// y_i = exp(x_i) / sum_j exp(x_j) along dim
class SoftmaxImpl : public Cloneable<SoftmaxImpl> {
 public:
  explicit SoftmaxImpl(int64_t dim) : SoftmaxImpl(SoftmaxOptions(dim)) {}
  explicit SoftmaxImpl(const SoftmaxOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::Softmax(dim=1)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  SoftmaxOptions options;
};
XG_MODULE(Softmax);

/// y_i = x_i - log(sum_j exp(x_j)) along dim
class LogSoftmaxImpl : public Cloneable<LogSoftmaxImpl> {
 public:
  explicit LogSoftmaxImpl(int64_t dim) : LogSoftmaxImpl(LogSoftmaxOptions(dim)) {}
  explicit LogSoftmaxImpl(const LogSoftmaxOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::LogSoftmax(dim=1)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  LogSoftmaxOptions options;
};
XG_MODULE(LogSoftmax);

/// y = x * sigmoid(x)
class SiLUImpl : public Cloneable<SiLUImpl> {
 public:
  void reset() override {}
  /// Prints "torch::nn::SiLU()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
XG_MODULE(SiLU);

/// y = x * tanh(softplus(x))
class MishImpl : public Cloneable<MishImpl> {
 public:
  void reset() override {}
  /// Prints "torch::nn::Mish()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
XG_MODULE(Mish);

/// y = x / (1 + |x|)
class SoftsignImpl : public Cloneable<SoftsignImpl> {
 public:
  void reset() override {}
  /// Prints "torch::nn::Softsign()".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
XG_MODULE(Softsign);

/// y = log(1 + exp(beta x)) / beta, or x where beta x > threshold
class SoftplusImpl : public Cloneable<SoftplusImpl> {
 public:
  explicit SoftplusImpl(const SoftplusOptions& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::Softplus(beta=1, threshold=20)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  SoftplusOptions options;
};
XG_MODULE(Softplus);

/// y = x clamped to [min_val, max_val]
class HardtanhImpl : public Cloneable<HardtanhImpl> {
 public:
  /// Throws unless max_val > min_val.
  explicit HardtanhImpl(const HardtanhOptions& options_ = {});
  void reset() override;
  /// Prints "torch::nn::Hardtanh(min_val=-1, max_val=1)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  HardtanhOptions options;
};
XG_MODULE(Hardtanh);

/// y = min(max(x, 0), 6)
class ReLU6Impl : public Cloneable<ReLU6Impl> {
 public:
  explicit ReLU6Impl(const ReLU6Options& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ReLU6()" (or "torch::nn::ReLU6(inplace=true)").
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  ReLU6Options options;
};
XG_MODULE(ReLU6);

/// y = scale * elu(x, alpha), alpha = 1.6733, scale = 1.0507
class SELUImpl : public Cloneable<SELUImpl> {
 public:
  explicit SELUImpl(const SELUOptions& options_ = {}) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::SELU()" (or "torch::nn::SELU(inplace=true)").
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);

  SELUOptions options;
};
XG_MODULE(SELU);

/// y = x for x > 0, else weight * x; the parameter "weight" holds num_parameters slopes,
/// each initialised to options.init()
class PReLUImpl : public Cloneable<PReLUImpl> {
 public:
  explicit PReLUImpl(const PReLUOptions& options_ = {});
  /// (Re)creates the parameter "weight", filled with options.init().
  void reset() override;
  /// Prints "torch::nn::PReLU(num_parameters=1)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  PReLUOptions options;
  Tensor weight;
};
XG_MODULE(PReLU);

}  // namespace xg::nn
