#pragma once
// Factories: tensors from values, shapes and random numbers, as torch::zeros etc.
// Every factory takes TensorOptions (or a bare dtype) last; floating factories
// default to float32, integer ones to Long.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <vector>

#include "tensor.h"

namespace xg {

namespace detail {
/// The argument of xg::tensor(): a scalar, or a (nested) braced list of them,
/// or a std::vector. Mirrors torch::detail::TensorDataContainer.
class TensorDataContainer {
 public:
  TensorDataContainer(double v) : scalar_(v), type_(kFloat) {}  // NOLINT: implicit by design
  TensorDataContainer(float v) : scalar_(v), type_(kFloat) {}   // NOLINT
  TensorDataContainer(bool v) : scalar_(v), type_(kBool) {}     // NOLINT
  TensorDataContainer(uint8_t v) : scalar_(v), type_(kByte) {}  // NOLINT
  TensorDataContainer(int8_t v) : scalar_(v), type_(kChar) {}   // NOLINT
  TensorDataContainer(int16_t v) : scalar_(v), type_(kShort) {}  // NOLINT
  TensorDataContainer(int v) : scalar_(v), type_(kLong) {}      // NOLINT: as torch, C++ int gives Long
  TensorDataContainer(long v) : scalar_(v), type_(kLong) {}     // NOLINT
  TensorDataContainer(long long v) : scalar_(v), type_(kLong) {}  // NOLINT
  TensorDataContainer(std::initializer_list<TensorDataContainer> list);  // NOLINT
  template <class T>
  TensorDataContainer(const std::vector<T>& values);  // NOLINT
  template <class T>
  TensorDataContainer(ArrayRef<T> values) : TensorDataContainer(values.vec()) {}  // NOLINT

  bool is_scalar() const { return !is_list_; }
  const SizeVector& sizes() const { return sizes_; }
  /// As torch's: Float for floating values, Bool for booleans, Byte, Char and Short
  /// for uint8_t, int8_t and int16_t values, Long for any wider integer.
  ScalarType scalar_type() const { return type_; }
  /// Writes the values in row-major order, converted to the tensor's dtype.
  void fill(const Tensor& out) const;

 private:
  void append_to(std::vector<Scalar>& values) const;

  Scalar scalar_;
  ScalarType type_;
  bool is_list_ = false;
  std::vector<TensorDataContainer> elements_;
  SizeVector sizes_;
};

template <class T>
TensorDataContainer::TensorDataContainer(const std::vector<T>& values)
    : type_(std::is_floating_point_v<T> ? kFloat
            : std::is_same_v<T, bool> || std::is_same_v<T, uint8_t> || std::is_same_v<T, int8_t> ||
                    std::is_same_v<T, int16_t>
                ? dtype_of<T>()
                : kLong),
      is_list_(true) {
  for (const T& v : values) elements_.emplace_back(v);
  sizes_ = {static_cast<int64_t>(values.size())};
}
}  // namespace detail

/// A tensor holding the given values: tensor(3.5), tensor({1, 2}), tensor({{1.0, 2.0}, {3.0, 4.0}}).
Tensor tensor(detail::TensorDataContainer data, const TensorOptions& options = {});

Tensor empty(IntArrayRef size, const TensorOptions& options = {});
Tensor zeros(IntArrayRef size, const TensorOptions& options = {});
Tensor ones(IntArrayRef size, const TensorOptions& options = {});
/// Filled with `value`; without a dtype, the value's kind decides (Bool, Long or float32).
Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options = {});
/// Identity matrix n x n (or n x m).
Tensor eye(int64_t n, const TensorOptions& options = {});
Tensor eye(int64_t n, int64_t m, const TensorOptions& options = {});
/// [start, end) in steps; Long when all arguments are integers, else float32.
Tensor arange(const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, const TensorOptions& options = {});
/// `steps` evenly spaced values from start to end inclusive.
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, const TensorOptions& options = {});

// The random factories draw from the global generator and give torch's numbers
// bit for bit after the same manual_seed (see random.h).
/// Uniform on [0, 1).
Tensor rand(IntArrayRef size, const TensorOptions& options = {});
/// Standard normal.
Tensor randn(IntArrayRef size, const TensorOptions& options = {});
/// Uniform integers in [low, high) (Long by default).
Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options = kLong);
Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options = kLong);
/// 0, ..., n - 1 in random order (Long by default), drawn as torch's randperm draws them.
Tensor randperm(int64_t n, const TensorOptions& options = kLong);
/// Seeds the global random generator (only the low 32 bits count, as in torch). Until it is
/// called, the seed differs from run to run, as in torch.
void manual_seed(uint64_t seed);

Tensor empty_like(const Tensor& t, const TensorOptions& options = {});
Tensor zeros_like(const Tensor& t, const TensorOptions& options = {});
Tensor ones_like(const Tensor& t, const TensorOptions& options = {});
Tensor full_like(const Tensor& t, const Scalar& value, const TensorOptions& options = {});
Tensor rand_like(const Tensor& t, const TensorOptions& options = {});
Tensor randn_like(const Tensor& t, const TensorOptions& options = {});
Tensor randint_like(const Tensor& t, int64_t low, int64_t high, const TensorOptions& options = {});
Tensor randint_like(const Tensor& t, int64_t high, const TensorOptions& options = {});

/// Views memory the caller owns (no copy); the caller keeps it alive and may pass
/// a deleter that runs when the last tensor using it is gone.
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, const std::function<void(void*)>& deleter,
                 const TensorOptions& options = {});

}  // namespace xg
