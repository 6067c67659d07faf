#pragma once
// StorageImpl: the memory behind one or more tensors.
//
// A fresh tensor's elements live right behind its StorageImpl, in the same
// allocation (so a small tensor costs one allocation for its storage, not two),
// or, from 1 MiB up, in a block of the buffer cache (memory.h) that goes back
// there when the storage dies. A storage can also take over an xtensor container
// (xt::uvector<T>, the buffer type of xt::xarray) without copying it. Views (select, transpose, expand, ...) share the
// same StorageImpl and only differ in offset/sizes/strides. from_blob wraps
// memory the user owns. The version counter lives here because every alias of
// the memory must see in-place writes: autograd compares it with the version
// it saw when it saved a tensor for backward.

#include <cstdint>
#include <functional>
#include <memory>
#include <variant>

#include <xtensor/xstorage.hpp>

#include "../base/dtype.h"

namespace xg {

class StorageImpl {
 public:
  /// Uninitialised memory for `numel` elements of `dtype`.
  static std::shared_ptr<StorageImpl> allocate(ScalarType dtype, int64_t numel);
  /// Takes over an xtensor buffer without copying.
  template <class T>
  static std::shared_ptr<StorageImpl> adopt(xt::uvector<T>&& buffer);
  /// Wraps memory the caller owns; `deleter` (may be empty) runs when the last tensor goes.
  static std::shared_ptr<StorageImpl> wrap(void* data, int64_t numel, ScalarType dtype,
                                           std::function<void(void*)> deleter);

  StorageImpl(const StorageImpl&) = delete;
  StorageImpl& operator=(const StorageImpl&) = delete;
  ~StorageImpl();

  void* data() const { return data_; }
  int64_t numel() const { return numel_; }
  ScalarType dtype() const { return dtype_; }

  uint32_t version() const { return version_; }
  void bump_version() { ++version_; }

  StorageImpl(ScalarType dtype, int64_t numel) : dtype_(dtype), numel_(numel) {}

 private:
  using Buffer = std::variant<std::monostate, xt::uvector<bool>, xt::uvector<int64_t>,
                              xt::uvector<float>, xt::uvector<double>>;
  ScalarType dtype_;
  int64_t numel_;
  void* data_ = nullptr;
  Buffer owned_;
  std::function<void(void*)> deleter_;  // only for wrapped memory
  uint32_t version_ = 0;
};

template <class T>
std::shared_ptr<StorageImpl> StorageImpl::adopt(xt::uvector<T>&& buffer) {
  auto storage = std::make_shared<StorageImpl>(dtype_of<T>(), static_cast<int64_t>(buffer.size()));
  storage->owned_ = std::move(buffer);
  storage->data_ = std::get<xt::uvector<T>>(storage->owned_).data();
  return storage;
}

}  // namespace xg
