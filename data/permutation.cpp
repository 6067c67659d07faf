#include "permutation.h"

#include <limits>
#include <numeric>
#include <utility>

namespace xg::data::detail {

namespace {

/// A uniform integer in [0, bound), by rejection.
uint64_t draw_below(std::mt19937_64& engine, uint64_t bound) {
  constexpr uint64_t max = std::numeric_limits<uint64_t>::max();
  const uint64_t limit = max - max % bound;  // a multiple of bound: [0, limit) maps evenly
  uint64_t x = engine();
  while (x >= limit) x = engine();
  return x % bound;
}

}  // namespace

std::vector<int64_t> random_permutation(int64_t n, std::mt19937_64& engine) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), int64_t{0});
  for (int64_t i = n - 1; i > 0; --i) {
    const auto j = static_cast<int64_t>(draw_below(engine, static_cast<uint64_t>(i) + 1));
    std::swap(order[i], order[j]);
  }
  return order;
}

}  // namespace xg::data::detail
