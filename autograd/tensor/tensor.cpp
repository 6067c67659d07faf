// Tensor: its attributes, views of its memory (detach) and the version counter.
// Defined elsewhere: the op methods (tensor_methods.cpp), the autograd accessors
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
  numel = detail::numel_of(sizes);
  is_contiguous = true;
  int64_t expected = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    if (sizes[i] == 1) continue;  // a size-1 dim may have any stride
    if (strides[i] != expected) {
      is_contiguous = false;
      break;
    }
    expected *= sizes[i];
  }
}

void TensorImpl::set_sizes_contiguous(IntArrayRef new_sizes) {
  sizes.assign(new_sizes.begin(), new_sizes.end());
  strides.resize(new_sizes.size());
  int64_t stride = 1;
  for (size_t i = new_sizes.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= std::max<int64_t>(new_sizes[i], 1);
  }
  numel = detail::numel_of(new_sizes);
  is_contiguous = true;
}

void Tensor::fail_undefined(const char* what) { detail::fail(what, "called on an undefined tensor"); }

TensorOptions Tensor::options() const { return TensorOptions(scalar_type()).requires_grad(requires_grad()); }
size_t Tensor::element_size() const { return elementSize(scalar_type()); }
bool Tensor::is_floating_point() const { return isFloatingType(scalar_type()); }

int64_t Tensor::size(int64_t dim) const {
  const TensorImpl& impl = checked_impl("size");
  return impl.sizes[detail::wrap_dim("size", dim, static_cast<int64_t>(impl.sizes.size()))];
}

int64_t Tensor::stride(int64_t dim) const {
  const TensorImpl& impl = checked_impl("stride");
  return impl.strides[detail::wrap_dim("stride", dim, static_cast<int64_t>(impl.sizes.size()))];
}

Scalar Tensor::item() const {
  const TensorImpl& impl = checked_impl("item");
  XG_CHECK(impl.numel == 1, "item", "a Tensor with ", impl.numel,
           " elements cannot be converted to Scalar (shape ", sizes(), ")");
  return dispatch_all(impl.dtype, [&](auto tag) -> Scalar {
    using T = typename decltype(tag)::type;
    return Scalar(*static_cast<const T*>(data_ptr()));
  });
}

void* Tensor::data_ptr() const {
  const TensorImpl& impl = checked_impl("data_ptr");
  auto* base = static_cast<char*>(impl.storage->data());
  return base == nullptr ? nullptr : base + impl.offset * elementSize(impl.dtype);  // see detail::data
}

void* Tensor::data_ptr_checked(ScalarType expected) const {
  XG_CHECK(scalar_type() == expected, "data_ptr", "expected scalar type ", expected,
           " but found ", scalar_type());
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
  alias->storage = impl.storage;
  alias->offset = impl.offset;
  alias->sizes = impl.sizes;
  alias->strides = impl.strides;
  alias->numel = impl.numel;
  alias->dtype = impl.dtype;
  alias->is_contiguous = impl.is_contiguous;
  return Tensor(std::move(alias));
}

uint32_t Tensor::_version() const { return checked_impl("_version").storage->version(); }

namespace detail {
Tensor adopt_storage(std::shared_ptr<StorageImpl> storage, IntArrayRef sizes, IntArrayRef strides) {
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = std::move(storage);
  impl->sizes.assign(sizes.begin(), sizes.end());
  impl->strides.assign(strides.begin(), strides.end());
  impl->dtype = impl->storage->dtype();
  impl->refresh_layout();
  return Tensor(std::move(impl));
}
}  // namespace detail

}  // namespace xg
