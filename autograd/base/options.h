#pragma once
// TensorOptions: how a factory should make a tensor (dtype, device, requires_grad),
// with chained setters as in LibTorch: TensorOptions().dtype(kDouble).requires_grad(true).
// A bare dtype or device converts to options, so zeros({2}, kDouble) and x.to(kCPU) work too.
// The device must be the CPU by the time a tensor is made (check_cpu_device).

#include <optional>

#include "device.h"
#include "dtype.h"

namespace xg {

class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(ScalarType dtype) : dtype_(dtype) {}  // NOLINT: implicit like LibTorch
  TensorOptions(Device device) : device_(device) {}    // NOLINT: implicit like LibTorch
  TensorOptions(DeviceType type) : device_(type) {}    // NOLINT: implicit like LibTorch

  TensorOptions dtype(ScalarType dtype) const {
    TensorOptions copy = *this;
    copy.dtype_ = dtype;
    return copy;
  }
  template <class T>
  TensorOptions dtype() const { return dtype(dtype_of<T>()); }
  TensorOptions device(Device device) const {
    TensorOptions copy = *this;
    copy.device_ = device;
    return copy;
  }
  TensorOptions requires_grad(bool requires_grad) const {
    TensorOptions copy = *this;
    copy.requires_grad_ = requires_grad;
    return copy;
  }

  /// The dtype, or the default (float32) when none was set.
  ScalarType dtype() const { return dtype_.value_or(default_dtype()); }
  bool has_dtype() const { return dtype_.has_value(); }
  std::optional<ScalarType> dtype_opt() const { return dtype_; }
  /// The device, or the CPU when none was set.
  Device device() const { return device_.value_or(Device(kCPU)); }
  bool has_device() const { return device_.has_value(); }
  std::optional<Device> device_opt() const { return device_; }
  bool requires_grad() const { return requires_grad_; }

 private:
  std::optional<ScalarType> dtype_;
  std::optional<Device> device_;
  bool requires_grad_ = false;
};

inline TensorOptions dtype(ScalarType t) { return TensorOptions().dtype(t); }
template <class T>
TensorOptions dtype() { return TensorOptions().dtype(dtype_of<T>()); }
inline TensorOptions device(Device device) { return TensorOptions().device(device); }
inline TensorOptions requires_grad(bool requires_grad = true) {
  return TensorOptions().requires_grad(requires_grad);
}

}  // namespace xg
