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

}  // namespace xg::nn
