#include "storage.h"

#include "../base/memory.h"

namespace xg {

std::shared_ptr<StorageImpl> StorageImpl::allocate(ScalarType dtype, int64_t numel) {
  const size_t bytes = static_cast<size_t>(numel) * elementSize(dtype);
  if (bytes >= memory::kMinCachedBytes) {  // large: reused through the buffer cache (memory.h)
    return wrap(detail::allocate_buffer(bytes), numel, dtype, [bytes](void* data) { detail::release_buffer(data, bytes); });
  }
  auto storage = std::make_shared<StorageImpl>(dtype, numel);
  dispatch_all(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto& buffer = storage->owned_.emplace<xt::uvector<T>>(static_cast<size_t>(numel));
    storage->data_ = buffer.data();
  });
  return storage;
}

std::shared_ptr<StorageImpl> StorageImpl::wrap(void* data, int64_t numel, ScalarType dtype,
                                               std::function<void(void*)> deleter) {
  auto storage = std::make_shared<StorageImpl>(dtype, numel);
  storage->data_ = data;
  storage->deleter_ = std::move(deleter);
  return storage;
}

StorageImpl::~StorageImpl() {
  if (deleter_) deleter_(data_);
}

}  // namespace xg
