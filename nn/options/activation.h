#pragma once
// Options of the activation modules and functions, with LibTorch's defaults.
// The functional spellings (F::ELUFuncOptions, ...) are the same structs,
// except for softmax and log_softmax, whose functions also take a dtype.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "../../autograd/base/dtype.h"

namespace xg::nn {

/// ReLUOptions(inplace); a bare bool converts.
struct ReLUOptions {
  ReLUOptions(bool inplace = false) : inplace_(inplace) {}  // NOLINT: implicit as in LibTorch
  /// Overwrite the input instead of making a new tensor; default false.
  ReLUOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  bool inplace_;
};

/// LeakyReLUOptions().negative_slope(0.01).inplace(false)
struct LeakyReLUOptions {
  /// Slope for negative inputs; default 0.01.
  LeakyReLUOptions& negative_slope(double value) { negative_slope_ = value; return *this; }
  double negative_slope() const noexcept { return negative_slope_; }
  LeakyReLUOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  double negative_slope_ = 1e-2;
  bool inplace_ = false;
};

/// ELUOptions().alpha(1.0).inplace(false)
struct ELUOptions {
  /// Value the output approaches for very negative inputs is -alpha; default 1.
  ELUOptions& alpha(double value) { alpha_ = value; return *this; }
  double alpha() const noexcept { return alpha_; }
  ELUOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  double alpha_ = 1.0;
  bool inplace_ = false;
};

/// GELUOptions().approximate("none"): "none" for the exact erf form, "tanh" for the tanh approximation.
struct GELUOptions {
  GELUOptions& approximate(std::string value) { approximate_ = std::move(value); return *this; }
  const std::string& approximate() const noexcept { return approximate_; }

 private:
  std::string approximate_ = "none";
};

/// SoftmaxOptions(dim)
struct SoftmaxOptions {
  SoftmaxOptions(int64_t dim) : dim_(dim) {}  // NOLINT: implicit as in LibTorch
  /// The dim along which the outputs sum to 1.
  SoftmaxOptions& dim(int64_t value) { dim_ = value; return *this; }
  int64_t dim() const noexcept { return dim_; }

 private:
  int64_t dim_;
};

/// LogSoftmaxOptions(dim)
struct LogSoftmaxOptions {
  LogSoftmaxOptions(int64_t dim) : dim_(dim) {}  // NOLINT: implicit as in LibTorch
  LogSoftmaxOptions& dim(int64_t value) { dim_ = value; return *this; }
  int64_t dim() const noexcept { return dim_; }

 private:
  int64_t dim_;
};

/// SELUOptions(inplace); a bare bool converts.
struct SELUOptions {
  SELUOptions(bool inplace = false) : inplace_(inplace) {}  // NOLINT: implicit as in LibTorch
  SELUOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  bool inplace_;
};

/// ReLU6Options(inplace); a bare bool converts.
struct ReLU6Options {
  ReLU6Options(bool inplace = false) : inplace_(inplace) {}  // NOLINT: implicit as in LibTorch
  ReLU6Options& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  bool inplace_;
};

/// HardtanhOptions().min_val(-1).max_val(1).inplace(false)
struct HardtanhOptions {
  /// Lower bound of the output; default -1.
  HardtanhOptions& min_val(double value) { min_val_ = value; return *this; }
  double min_val() const noexcept { return min_val_; }
  /// Upper bound of the output; default 1.
  HardtanhOptions& max_val(double value) { max_val_ = value; return *this; }
  double max_val() const noexcept { return max_val_; }
  HardtanhOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  double min_val_ = -1.0;
  double max_val_ = 1.0;
  bool inplace_ = false;
};

/// SoftplusOptions().beta(1).threshold(20)
struct SoftplusOptions {
  /// Sharpness: log(1 + exp(beta x)) / beta; default 1.
  SoftplusOptions& beta(double value) { beta_ = value; return *this; }
  double beta() const noexcept { return beta_; }
  /// Above beta x > threshold the output is x itself; default 20.
  SoftplusOptions& threshold(double value) { threshold_ = value; return *this; }
  double threshold() const noexcept { return threshold_; }

 private:
  double beta_ = 1.0;
  double threshold_ = 20.0;
};

/// PReLUOptions().num_parameters(1).init(0.25): one learnable slope, or one per channel.
struct PReLUOptions {
  /// Number of slopes: 1, or the number of input channels (dim 1); default 1.
  PReLUOptions& num_parameters(int64_t value) { num_parameters_ = value; return *this; }
  int64_t num_parameters() const noexcept { return num_parameters_; }
  /// Initial value of every slope; default 0.25.
  PReLUOptions& init(double value) { init_ = value; return *this; }
  double init() const noexcept { return init_; }

 private:
  int64_t num_parameters_ = 1;
  double init_ = 0.25;
};

namespace functional {
using ReLUFuncOptions = ReLUOptions;
using LeakyReLUFuncOptions = LeakyReLUOptions;
using ELUFuncOptions = ELUOptions;
using GELUFuncOptions = GELUOptions;
using SELUFuncOptions = SELUOptions;
using ReLU6FuncOptions = ReLU6Options;
using HardtanhFuncOptions = HardtanhOptions;
using SoftplusFuncOptions = SoftplusOptions;

/// F::SoftmaxFuncOptions(dim).dtype(kDouble): the input is converted to dtype first.
struct SoftmaxFuncOptions {
  SoftmaxFuncOptions(int64_t dim) : dim_(dim) {}  // NOLINT: implicit as in LibTorch
  SoftmaxFuncOptions& dim(int64_t value) { dim_ = value; return *this; }
  int64_t dim() const noexcept { return dim_; }
  SoftmaxFuncOptions& dtype(std::optional<ScalarType> value) { dtype_ = value; return *this; }
  const std::optional<ScalarType>& dtype() const noexcept { return dtype_; }

 private:
  int64_t dim_;
  std::optional<ScalarType> dtype_;
};

/// F::LogSoftmaxFuncOptions(dim).dtype(kDouble)
struct LogSoftmaxFuncOptions {
  LogSoftmaxFuncOptions(int64_t dim) : dim_(dim) {}  // NOLINT: implicit as in LibTorch
  LogSoftmaxFuncOptions& dim(int64_t value) { dim_ = value; return *this; }
  int64_t dim() const noexcept { return dim_; }
  LogSoftmaxFuncOptions& dtype(std::optional<ScalarType> value) { dtype_ = value; return *this; }
  const std::optional<ScalarType>& dtype() const noexcept { return dtype_; }

 private:
  int64_t dim_;
  std::optional<ScalarType> dtype_;
};
}  // namespace functional

}  // namespace xg::nn
