// xg::data::DistributedSampler: each rank's shard, and the DataLoader over it. No MPI needed:
// the ranks are simulated by one sampler per rank.

#define BOOST_TEST_MODULE test_distributed_sampler
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "test_util.h"

using test_util::error_of;
using xg::Tensor;
namespace data = xg::data;

namespace {

/// The shard of every rank for one epoch.
std::vector<std::vector<int64_t>> shards(int64_t n, int64_t replicas, int64_t epoch, data::DistributedSamplerOptions base) {
  std::vector<std::vector<int64_t>> all;
  for (int64_t r = 0; r < replicas; ++r) {
    data::DistributedSampler sampler(n, base.num_replicas(replicas).rank(r));
    sampler.set_epoch(epoch);
    all.push_back(sampler.indices());
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(shards_are_disjoint_cover_the_data_and_have_equal_sizes) {
  for (int64_t replicas : {1, 2, 3, 4}) {
    BOOST_TEST_CONTEXT("num_replicas " << replicas) {
      const auto all = shards(12, replicas, 0, data::DistributedSamplerOptions(1, 0).seed(5));
      std::vector<int64_t> joined;
      for (const auto& shard : all) {
        BOOST_TEST(shard.size() == static_cast<size_t>(12 / replicas));
        joined.insert(joined.end(), shard.begin(), shard.end());
      }
      std::sort(joined.begin(), joined.end());
      std::vector<int64_t> expected(12);
      for (int64_t i = 0; i < 12; ++i) expected[i] = i;
      BOOST_TEST(joined == expected, boost::test_tools::per_element());  // each sample exactly once
    }
  }
}

BOOST_AUTO_TEST_CASE(padding_repeats_samples_so_every_rank_gets_the_same_count) {
  // 10 samples on 4 ranks: ceil(10 / 4) = 3 each, 2 samples appear twice.
  const auto all = shards(10, 4, 0, data::DistributedSamplerOptions(1, 0).shuffle(false));
  std::multiset<int64_t> joined;
  for (const auto& shard : all) {
    BOOST_TEST(shard.size() == 3u);
    joined.insert(shard.begin(), shard.end());
  }
  for (int64_t i = 0; i < 10; ++i) BOOST_TEST(joined.count(i) == (i < 2 ? 2u : 1u));
  // Without shuffle, rank r takes r, r + 4, ... of 0..9, 0, 1 (torch's layout).
  BOOST_TEST(all[1] == (std::vector<int64_t>{1, 5, 9}), boost::test_tools::per_element());
  BOOST_TEST(all[3] == (std::vector<int64_t>{3, 7, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(padding_a_data_set_smaller_than_the_number_of_ranks) {
  const auto all = shards(2, 5, 0, data::DistributedSamplerOptions(1, 0).shuffle(false));
  std::vector<int64_t> firsts;
  for (const auto& shard : all) firsts.push_back(shard.at(0));
  BOOST_TEST(firsts == (std::vector<int64_t>{0, 1, 0, 1, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(drop_last_cuts_instead_of_padding) {
  const auto all = shards(10, 4, 3, data::DistributedSamplerOptions(1, 0).drop_last(true));
  std::set<int64_t> joined;
  for (const auto& shard : all) {
    BOOST_TEST(shard.size() == 2u);
    joined.insert(shard.begin(), shard.end());
  }
  BOOST_TEST(joined.size() == 8u);  // disjoint: 8 distinct samples of 10
}

BOOST_AUTO_TEST_CASE(set_epoch_reshuffles_and_the_seed_fixes_the_order) {
  const data::DistributedSamplerOptions options = data::DistributedSamplerOptions(1, 0).seed(11);
  const auto epoch0 = shards(100, 2, 0, options);
  const auto epoch1 = shards(100, 2, 1, options);
  BOOST_TEST(epoch0[0] != epoch1[0]);                  // a new order every epoch
  BOOST_TEST(shards(100, 2, 1, options) == epoch1);    // the same seed and epoch: the same shards
  BOOST_TEST(shards(100, 2, 1, data::DistributedSamplerOptions(1, 0).seed(12)) != epoch1);
  std::vector<int64_t> identity(50);
  for (int64_t i = 0; i < 50; ++i) identity[i] = 2 * i;
  BOOST_TEST(epoch0[0] != identity);                   // shuffled, not rank 0's plain stride
}

BOOST_AUTO_TEST_CASE(bad_options_are_errors) {
  BOOST_TEST(error_of([] { data::DistributedSampler(10, data::DistributedSamplerOptions(2, 2)); }) ==
             "[DistributedSampler] rank must be in [0, 2), got 2");
  BOOST_TEST(error_of([] { data::DistributedSampler(10, data::DistributedSamplerOptions(0, 0)); }) ==
             "[DistributedSampler] num_replicas must be at least 1, got 0");
}

BOOST_AUTO_TEST_CASE(data_loader_batches_the_shard_in_the_samplers_order) {
  Tensor x = xg::arange(10, xg::kFloat).unsqueeze(1);
  Tensor y = xg::arange(10, xg::kLong);
  data::DistributedSampler sampler(10, data::DistributedSamplerOptions(2, 1).seed(3));
  data::DataLoader loader(data::TensorDataset({x, y}), sampler, 2);
  BOOST_TEST(loader.size() == 3);
  for (int64_t epoch : {0, 1}) {
    loader.sampler().set_epoch(epoch);
    sampler.set_epoch(epoch);
    std::vector<int64_t> seen;
    for (auto& [input, target] : loader)
      for (int64_t i = 0; i < target.numel(); ++i) seen.push_back(target[i].item<int64_t>());
    BOOST_TEST(seen == sampler.indices(), boost::test_tools::per_element());
  }
  BOOST_TEST(error_of([&] { data::DataLoader(data::TensorDataset({x, y}), sampler, data::DataLoaderOptions(2).shuffle(true)); }) ==
             "[DataLoader] shuffle and a sampler exclude each other: the sampler decides the order "
             "(DistributedSamplerOptions::shuffle)");
  BOOST_TEST(error_of([&] { data::DataLoader(data::TensorDataset({x, y}), data::DistributedSampler(9, {2, 0}), 2); }) ==
             "[DataLoader] the sampler was made for 9 samples, but the dataset has 10");
}
