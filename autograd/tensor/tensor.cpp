// Tensor: its attributes, views of its memory (detach) and the version counter.
// Defined elsewhere: the op methods (inline in tensor.h, from ops.def), the autograd accessors
// (graph/autograd_meta.cpp), hooks (graph/hooks.cpp) and backward (graph/engine.cpp).

#include "tensor.h"

#include <algorithm>
#include <atomic>
#include <iostream>

#include "../base/live_objects.h"
#include "shape.h"

namespace xg {

TensorImpl::TensorImpl() { XG_COUNT_LIVE(live_tensor_impls, 1); }
TensorImpl::~TensorImpl() { XG_COUNT_LIVE(live_tensor_impls, -1); }

void TensorImpl::refresh_layout() {
  numel_ = detail::checked_numel("tensor", sizes_);
  is_contiguous_ = true;
  int64_t expected = 1;
  for (size_t i = sizes_.size(); i-- > 0;) {
    if (sizes_[i] == 1) continue;  // a size-1 dim may have any stride
    if (strides_[i] != expected) {
      is_contiguous_ = false;
      break;
    }
    expected *= sizes_[i];
  }
}

void TensorImpl::set_sizes_and_strides(IntArrayRef new_sizes, IntArrayRef new_strides) {
  sizes_.assign(new_sizes.begin(), new_sizes.end());
  strides_.assign(new_strides.begin(), new_strides.end());
  refresh_layout();
}

void TensorImpl::set_sizes_contiguous(IntArrayRef new_sizes) {
  sizes_.assign(new_sizes.begin(), new_sizes.end());
  strides_.resize(new_sizes.size());
  int64_t stride = 1;
  for (size_t i = new_sizes.size(); i-- > 0;) {
    strides_[i] = stride;
    stride *= std::max<int64_t>(new_sizes[i], 1);
  }
  numel_ = detail::checked_numel("tensor", new_sizes);
  is_contiguous_ = true;
}

void TensorImpl::shallow_copy_from(const TensorImpl& other) {
  storage_ = other.storage_;
  storage_offset_ = other.storage_offset_;
  sizes_ = other.sizes_;
  strides_ = other.strides_;
  numel_ = other.numel_;
  dtype_ = other.dtype_;
  is_contiguous_ = other.is_contiguous_;
  is_view_ = other.is_view_;
}

void Tensor::fail_undefined(const char* what) { detail::fail(what, "called on an undefined tensor"); }

TensorOptions Tensor::options() const {
  return TensorOptions(scalar_type()).device(device()).requires_grad(requires_grad());
}
size_t Tensor::element_size() const { return elementSize(scalar_type()); }
bool Tensor::is_floating_point() const { return isFloatingType(scalar_type()); }

int64_t Tensor::size(int64_t dim) const {
  const TensorImpl& impl = checked_impl("size");
  return impl.sizes()[detail::wrap_dim("size", dim, impl.dim())];
}

int64_t Tensor::stride(int64_t dim) const {
  const TensorImpl& impl = checked_impl("stride");
  return impl.strides()[detail::wrap_dim("stride", dim, impl.dim())];
}

Scalar Tensor::item() const {
  const TensorImpl& impl = checked_impl("item");
  XG_CHECK(impl.numel() == 1, "item", "a Tensor with ", impl.numel(),
           " elements cannot be converted to Scalar (shape ", sizes(), ")");
  return dispatch_all(impl.dtype(), [&](auto tag) -> Scalar {
    using T = typename decltype(tag)::type;
    return Scalar(*static_cast<const T*>(data_ptr()));
  });
}

void* Tensor::data_ptr() const {
  const TensorImpl& impl = checked_impl("data_ptr");
  auto* base = static_cast<char*>(impl.storage()->data());
  return base == nullptr ? nullptr : base + impl.storage_offset() * elementSize(impl.dtype());  // see detail::data
}

void* Tensor::data_ptr_checked(ScalarType expected) const {
  XG_CHECK(scalar_type() == expected, "data_ptr", "expected scalar type ", expected,
           " but found ", scalar_type());
  return data_ptr();
}

void* Tensor::accessor_data(ScalarType expected, size_t dims) const {
  XG_CHECK(dim() == static_cast<int64_t>(dims), "accessor", "TensorAccessor expected ", dims,
           " dims but tensor has ", dim());
  XG_CHECK(scalar_type() == expected, "accessor", "expected scalar type ", expected, " but found ", scalar_type());
  return data_ptr();
}

std::string Tensor::toString() const {
  return defined() ? std::string("CPU") + xg::toString(scalar_type()) + "Type" : "UndefinedType";
}

void Tensor::print() const {
  // As LibTorch's print(): the type and sizes only, on stderr.
  if (defined()) std::cerr << "[" << toString() << " " << sizes() << "]" << std::endl;
  else std::cerr << "[UndefinedTensor]" << std::endl;
}

Tensor Tensor::detach() const {
  const TensorImpl& impl = checked_impl("detach");
  auto alias = std::make_shared<TensorImpl>();
  alias->shallow_copy_from(impl);
  alias->set_is_view(false);  // an alias of the whole tensor, not a view made by a view op
  return Tensor(std::move(alias));
}

uint32_t Tensor::_version() const { return checked_impl("_version").storage()->version(); }

namespace detail {
Tensor adopt_storage(std::shared_ptr<StorageImpl> storage, IntArrayRef sizes, IntArrayRef strides) {
  auto impl = std::make_shared<TensorImpl>();
  impl->set_dtype(storage->dtype());
  impl->set_storage(std::move(storage));
  impl->set_sizes_and_strides(sizes, strides);
  return Tensor(std::move(impl));
}
}  // namespace detail

}  // namespace xg
