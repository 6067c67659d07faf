#pragma once
// Moving data between xgrad tensors and xtensor.
//
//   Tensor t = xg::from_xtensor(std::move(array));   // takes the xarray's buffer, no copy
//   auto view = xg::as_xtensor<float>(t);            // xtensor expression over t's memory, no copy
//   xt::xarray<float> copy = xg::to_xarray<float>(t);

#include <cstddef>

#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>

#include "tensor.h"

namespace xg {

namespace detail {
Tensor adopt_storage(std::shared_ptr<StorageImpl> storage, IntArrayRef sizes, IntArrayRef strides);

/// Typed pointer to the first element (the dtype is the caller's promise).
template <class T>
T* data(const Tensor& t) {
  const TensorImpl* impl = t.unsafeGetTensorImpl();
  T* base = static_cast<T*>(impl->storage()->data());
  // Empty storage has no buffer (null): an empty view into it may still carry an offset,
  // and null + offset is undefined behaviour even though nothing is ever read.
  return base == nullptr ? nullptr : base + impl->storage_offset();
}

}  // namespace detail

/// A tensor that owns the xarray's elements (moved, not copied).
template <class T, xt::layout_type L>
Tensor from_xtensor(xt::xarray<T, L>&& array) {
  SizeVector sizes(array.shape().begin(), array.shape().end());
  SizeVector strides(array.strides().begin(), array.strides().end());
  return detail::adopt_storage(StorageImpl::adopt(std::move(array.storage())), sizes, strides);
}

/// A tensor holding a copy of any xtensor expression.
template <class E>
Tensor from_xtensor(const xt::xexpression<E>& expression) {
  xt::xarray<typename E::value_type> array = expression;
  return from_xtensor(std::move(array));
}

/// The tensor's elements as an xtensor expression (an adaptor over its memory,
/// honouring its strides; writes go to the tensor). T must match the dtype.
template <class T>
auto as_xtensor(const Tensor& t) {
  const TensorImpl& impl = *t.unsafeGetTensorImpl();
  xt::dynamic_shape<std::size_t> shape(impl.sizes().begin(), impl.sizes().end());
  xt::dynamic_shape<std::ptrdiff_t> strides(impl.strides().begin(), impl.strides().end());
  // data_ptr<T> checks that T matches the dtype. xtensor sizes an adaptor's
  // buffer by its number of elements, whatever the strides.
  return xt::adapt(t.data_ptr<T>(), static_cast<std::size_t>(impl.numel()), xt::no_ownership(), std::move(shape),
                   std::move(strides));
}

/// A copy of the tensor as an xt::xarray.
template <class T>
xt::xarray<T> to_xarray(const Tensor& t) {
  return as_xtensor<T>(t);
}

}  // namespace xg
