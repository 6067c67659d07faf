#pragma once
// TensorOptions: how a factory should make a tensor (dtype, requires_grad),
// with chained setters as in LibTorch: TensorOptions().dtype(kDouble).requires_grad(true).
// A bare dtype converts to options, so zeros({2}, kDouble) works too.

#include <optional>

#include "dtype.h"

namespace xg {

class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(ScalarType dtype) : dtype_(dtype) {}  // NOLINT: implicit like LibTorch

  TensorOptions dtype(ScalarType dtype) const {
    TensorOptions copy = *this;
    copy.dtype_ = dtype;
    return copy;
  }
  template <class T>
  TensorOptions dtype() const { return dtype(dtype_of<T>()); }
  TensorOptions requires_grad(bool requires_grad) const {
    TensorOptions copy = *this;
    copy.requires_grad_ = requires_grad;
    return copy;
  }

  /// The dtype, or the default (float32) when none was set.
  ScalarType dtype() const { return dtype_.value_or(default_dtype()); }
  bool has_dtype() const { return dtype_.has_value(); }
  std::optional<ScalarType> dtype_opt() const { return dtype_; }
  bool requires_grad() const { return requires_grad_; }

 private:
  std::optional<ScalarType> dtype_;
  bool requires_grad_ = false;
};

inline TensorOptions dtype(ScalarType t) { return TensorOptions().dtype(t); }
template <class T>
TensorOptions dtype() { return TensorOptions().dtype(dtype_of<T>()); }
inline TensorOptions requires_grad(bool requires_grad = true) {
  return TensorOptions().requires_grad(requires_grad);
}

}  // namespace xg
