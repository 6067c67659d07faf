#include "storage.h"

#include <cstddef>
#include <new>

#include "../base/memory.h"

namespace xg {

namespace {

// An allocator for std::allocate_shared that asks for `extra` bytes more than it is
// asked for and tells where they start. allocate_shared puts the shared_ptr's control
// block and the StorageImpl in one allocation; with this allocator the elements
// follow them in the same block:
//
//   [ control block | StorageImpl | elements (extra bytes) ]
//                                   ^ data_, aligned as malloc aligns (as xt::uvector's were)
template <class T>
struct TrailingBytes {
  using value_type = T;
  size_t extra;
  void** trailing;  // where allocate() writes the address of the extra bytes (read right after it)

  TrailingBytes(size_t extra, void** trailing) : extra(extra), trailing(trailing) {}
  template <class U>
  TrailingBytes(const TrailingBytes<U>& other) : extra(other.extra), trailing(other.trailing) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    constexpr size_t align = alignof(std::max_align_t);
    const size_t head = (n * sizeof(T) + align - 1) / align * align;
    char* block = static_cast<char*>(::operator new(head + extra));
    *trailing = block + head;
    return reinterpret_cast<T*>(block);
  }
  void deallocate(T* block, size_t) { ::operator delete(block); }
  template <class U>
  bool operator==(const TrailingBytes<U>&) const { return true; }
  template <class U>
  bool operator!=(const TrailingBytes<U>&) const { return false; }
};

}  // namespace

std::shared_ptr<StorageImpl> StorageImpl::allocate(ScalarType dtype, int64_t numel) {
  const size_t bytes = static_cast<size_t>(numel) * elementSize(dtype);
  if (bytes >= memory::kMinCachedBytes) {  // large: reused through the buffer cache (memory.h)
    return wrap(detail::allocate_buffer(bytes), numel, dtype, [bytes](void* data) { detail::release_buffer(data, bytes); });
  }
  void* elements = nullptr;
  auto storage = std::allocate_shared<StorageImpl>(TrailingBytes<StorageImpl>(bytes, &elements), dtype, numel);
  storage->data_ = bytes > 0 ? elements : nullptr;
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
