#pragma once
// Reuse of large tensor buffers.
//
// A training step allocates the same large buffers every time (a product's
// output, the gradients, a materialised ones() for sum's backward) and frees
// them when the step ends. glibc serves blocks from 128 KiB up with fresh pages
// (mmap) or gives the top of its heap back to the kernel when they are freed, so
// the next step gets fresh pages, and the first write to each 4 KiB page
// faults: about 8% of a 1024x1024 matmul's forward+backward, and a third of a
// small CNN's forward (its pooling indices and activations are a few hundred
// KiB each). So buffers of at least kMinCachedBytes go into a small cache when
// their last tensor dies, and the next request for the same number of bytes
// gets one back. Smaller buffers go to malloc, whose free lists recycle them well.
//
// LibTorch's CPU allocator has no such cache (its CUDA allocator does, with the
// same empty_cache()). Cached blocks are poisoned for AddressSanitizer, so a
// use of a dead tensor's memory is still reported.

#include <cstddef>

namespace xg::memory {

/// Buffers of at least this many bytes are cached.
constexpr size_t kMinCachedBytes = size_t{64} << 10;  // 64 KiB

/// Bytes held by the cache: freed buffers waiting to be reused.
size_t cached_bytes();
/// Gives every cached buffer back to the system.
void empty_cache();
/// Caps what the cache holds (default 256 MiB; 0 turns caching off), freeing what is over it.
void set_cache_limit(size_t bytes);
size_t cache_limit();

}  // namespace xg::memory

namespace xg::detail {

/// `bytes` of uninitialised memory, 64-byte aligned: a cached block of exactly
/// that size when there is one. Throws std::bad_alloc when the system has none.
void* allocate_buffer(size_t bytes);
/// Takes back a block from allocate_buffer: into the cache, oldest blocks
/// making room, or to the system when it does not fit under the limit.
void release_buffer(void* data, size_t bytes);

}  // namespace xg::detail
