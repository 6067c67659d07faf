#pragma once
// TensorAccessor<T, N>: element access to an N-d tensor through its raw pointer, sizes and
// strides, as LibTorch's at::TensorAccessor. Made by x.accessor<T, N>(), which checks once
// that x has N dims and dtype T; after that a[i][j] is pointer arithmetic only, with no
// bounds checks (as in LibTorch), which is what makes it the fast way to loop over elements:
//
//   auto a = x.accessor<float, 2>();
//   for (int64_t i = 0; i < a.size(0); ++i)
//     for (int64_t j = 0; j < a.size(1); ++j) a[i][j] *= 2;
//
// a[i] of an N-d accessor is an (N-1)-d accessor into the same memory; a[i] of a 1-d one is
// the element itself (a T&). Writes go straight to the storage: autograd does not see them.
// The accessor borrows the tensor's sizes and strides, so the tensor must outlive it (that is
// why accessor() may not be called on a temporary).

#include <cstddef>
#include <cstdint>

#include "../base/array_ref.h"

namespace xg {

template <class T, size_t N>
class TensorAccessor {
 public:
  TensorAccessor(T* data, const int64_t* sizes, const int64_t* strides)
      : data_(data), sizes_(sizes), strides_(strides) {}

  /// Element `i` along the first dim: an (N-1)-d accessor, or for N == 1 the element itself.
  decltype(auto) operator[](int64_t i) {
    if constexpr (N == 1) {
      return (data_[strides_[0] * i]);  // T&
    } else {
      return TensorAccessor<T, N - 1>(data_ + strides_[0] * i, sizes_ + 1, strides_ + 1);
    }
  }
  decltype(auto) operator[](int64_t i) const {
    if constexpr (N == 1) {
      return static_cast<const T&>(data_[strides_[0] * i]);
    } else {
      return TensorAccessor<const T, N - 1>(data_ + strides_[0] * i, sizes_ + 1, strides_ + 1);
    }
  }

  int64_t size(int64_t dim) const { return sizes_[dim]; }
  /// In elements.
  int64_t stride(int64_t dim) const { return strides_[dim]; }
  IntArrayRef sizes() const { return IntArrayRef(sizes_, N); }
  IntArrayRef strides() const { return IntArrayRef(strides_, N); }
  T* data() { return data_; }
  const T* data() const { return data_; }

 private:
  T* data_;
  const int64_t* sizes_;
  const int64_t* strides_;
};

}  // namespace xg
