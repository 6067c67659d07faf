#pragma once
// Random orders of sample indices, drawn the same way on every platform (the DataLoader's
// shuffling and the DistributedSampler's share them).

#include <cstdint>
#include <random>
#include <vector>

namespace xg::data::detail {

/// 0, 1, ..., n-1 in a uniformly random order (Fisher-Yates). std::shuffle and
/// std::uniform_int_distribution differ between standard libraries; this does not, so a
/// seed gives the same order everywhere.
std::vector<int64_t> random_permutation(int64_t n, std::mt19937_64& engine);

}  // namespace xg::data::detail
