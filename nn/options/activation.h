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

namespace functional {
using ReLUFuncOptions = ReLUOptions;
using LeakyReLUFuncOptions = LeakyReLUOptions;
using ELUFuncOptions = ELUOptions;
using GELUFuncOptions = GELUOptions;

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
