// The buffer cache (autograd/base/memory.h): freed buffers of 64 KiB and more wait for reuse
// instead of going back to the system; smaller ones do not; the limit bounds what waits.

#define BOOST_TEST_MODULE test_memory
#include <boost/test/unit_test.hpp>

#include "test_util.h"

namespace memory = xg::memory;

namespace {

constexpr int64_t kMiB = 1 << 20;

// Empties the cache before each test and puts the default limit back after it.
struct FreshCache {
  FreshCache() { memory::empty_cache(); }
  ~FreshCache() { memory::set_cache_limit(kDefaultLimit); }
  static constexpr size_t kDefaultLimit = 256 * kMiB;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(buffer_cache, FreshCache)

BOOST_AUTO_TEST_CASE(default_limit) { BOOST_TEST(memory::cache_limit() == FreshCache::kDefaultLimit); }

BOOST_AUTO_TEST_CASE(a_freed_large_buffer_is_reused_for_the_same_size) {
  const void* first = nullptr;
  {
    xg::Tensor t = xg::empty({kMiB / 4});  // 1 MiB of floats
    first = t.data_ptr();
    BOOST_TEST(memory::cached_bytes() == 0u);
  }
  BOOST_TEST(memory::cached_bytes() == size_t(kMiB));
  xg::Tensor other_size = xg::empty({kMiB / 4 + 1});
  BOOST_TEST(other_size.data_ptr() != first);
  BOOST_TEST(memory::cached_bytes() == size_t(kMiB));
  xg::Tensor same_bytes = xg::zeros({kMiB / 8}, xg::kDouble);  // another dtype, the same number of bytes
  BOOST_TEST(same_bytes.data_ptr() == first);
  BOOST_TEST(memory::cached_bytes() == 0u);
  BOOST_TEST(same_bytes.abs().max().item<double>() == 0.0);  // zeros() fills what the cache gives
}

BOOST_AUTO_TEST_CASE(views_keep_the_buffer_until_the_last_one_dies) {
  xg::Tensor row;
  {
    xg::Tensor t = xg::ones({256, 1024});
    row = t.select(0, 3);
  }
  BOOST_TEST(memory::cached_bytes() == 0u);
  BOOST_TEST(row.sum().item<float>() == 1024.0f);
  row = xg::Tensor();
  BOOST_TEST(memory::cached_bytes() == size_t(kMiB));
}

BOOST_AUTO_TEST_CASE(small_buffers_are_not_cached) {
  { xg::Tensor t = xg::empty({static_cast<int64_t>(memory::kMinCachedBytes) / 4 - 1}); }
  BOOST_TEST(memory::cached_bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(the_limit_evicts_the_oldest_blocks) {
  memory::set_cache_limit(5 * kMiB);
  void* two = nullptr;
  {
    xg::Tensor a = xg::empty({kMiB / 2}), b = xg::empty({2 * kMiB / 4}), c = xg::empty({3 * kMiB / 4});
    two = b.data_ptr();
    a = xg::Tensor();  // 2 MiB cached
    b = xg::Tensor();  // 2 MiB more: 4 MiB
    BOOST_TEST(memory::cached_bytes() == size_t(4 * kMiB));
  }  // c's 3 MiB would make 7: a's block, the oldest, goes
  BOOST_TEST(memory::cached_bytes() == size_t(5 * kMiB));
  xg::Tensor again = xg::empty({kMiB / 2});
  BOOST_TEST(again.data_ptr() == two);  // b's block stayed
  memory::set_cache_limit(4 * kMiB);    // c's 3 MiB still fit
  BOOST_TEST(memory::cached_bytes() == size_t(3 * kMiB));
  memory::set_cache_limit(2 * kMiB);    // they no longer do
  BOOST_TEST(memory::cached_bytes() == 0u);
  { xg::Tensor big = xg::empty({3 * kMiB / 4}); }  // larger than the limit: not cached
  BOOST_TEST(memory::cached_bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(a_limit_of_zero_turns_caching_off) {
  memory::set_cache_limit(0);
  { xg::Tensor t = xg::empty({kMiB}); }
  BOOST_TEST(memory::cached_bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(a_training_loop_stops_allocating_after_its_first_step) {
  // W5's forward and backward at a smaller size: after the first step every large buffer
  // (the product, the ones of sum's backward, both gradients) comes from the cache.
  xg::manual_seed(0);
  xg::Tensor a = xg::randn({512, 512}, xg::requires_grad()), b = xg::randn({512, 512}, xg::requires_grad());
  auto step = [&] {
    a.matmul(b).sum().backward();
    a.mutable_grad() = xg::Tensor();
    b.mutable_grad() = xg::Tensor();
  };
  step();
  const size_t after_first = memory::cached_bytes();
  BOOST_TEST(after_first >= size_t(3 * kMiB));
  for (int i = 0; i < 5; ++i) step();
  BOOST_TEST(memory::cached_bytes() == after_first);
}

BOOST_AUTO_TEST_SUITE_END()
