#include "memory.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#include <sanitizer/asan_interface.h>  // ASAN_(UN)POISON_MEMORY_REGION: no-ops without ASan

namespace xg {

namespace {

struct Block {
  void* data;
  size_t bytes;
};

struct BufferCache {
  std::mutex mutex;
  std::vector<Block> blocks;  // oldest first
  size_t total = 0;
  size_t limit = size_t{256} << 20;

  // Frees the oldest blocks until `incoming` more bytes fit under the limit. Holds the mutex.
  void make_room(size_t incoming) {
    size_t evicted = 0;
    while (evicted < blocks.size() && total + incoming > limit) {
      total -= blocks[evicted].bytes;
      std::free(blocks[evicted].data);
      ++evicted;
    }
    blocks.erase(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(evicted));
  }
};

// Never destroyed: tensors held by other static objects may die after it would.
BufferCache& cache() {
  static BufferCache* instance = new BufferCache;
  return *instance;
}

}  // namespace

namespace memory {

size_t cached_bytes() {
  std::lock_guard<std::mutex> lock(cache().mutex);
  return cache().total;
}

void empty_cache() {
  BufferCache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  for (const Block& block : c.blocks) std::free(block.data);
  c.blocks.clear();
  c.total = 0;
}

void set_cache_limit(size_t bytes) {
  BufferCache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  c.limit = bytes;
  c.make_room(0);  // frees what is over the new limit
}

size_t cache_limit() {
  std::lock_guard<std::mutex> lock(cache().mutex);
  return cache().limit;
}

}  // namespace memory

namespace detail {

void* allocate_buffer(size_t bytes) {
  BufferCache& c = cache();
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    for (size_t i = c.blocks.size(); i-- > 0;) {  // the most recently freed first: still in the CPU's caches
      if (c.blocks[i].bytes != bytes) continue;
      void* data = c.blocks[i].data;
      c.total -= bytes;
      c.blocks.erase(c.blocks.begin() + static_cast<std::ptrdiff_t>(i));
      ASAN_UNPOISON_MEMORY_REGION(data, bytes);
      return data;
    }
  }
  constexpr size_t kAlignment = 64;  // a cache line, and the widest vector register
  void* data = std::aligned_alloc(kAlignment, (bytes + kAlignment - 1) / kAlignment * kAlignment);
  if (!data) throw std::bad_alloc();
  return data;
}

void release_buffer(void* data, size_t bytes) {
  BufferCache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  if (bytes > c.limit) {
    std::free(data);
    return;
  }
  c.make_room(bytes);
  ASAN_POISON_MEMORY_REGION(data, bytes);
  c.blocks.push_back({data, bytes});
  c.total += bytes;
}

}  // namespace detail

}  // namespace xg
