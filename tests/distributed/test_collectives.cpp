// xg::distributed collectives, run on every rank of an MPI job (mpirun -np 2; also alone).
// Each rank fills its tensor from its rank, so the expected result is a formula of the world size.

#define BOOST_TEST_MODULE test_collectives
#include <boost/test/unit_test.hpp>

#include <vector>

#include "../test_util.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
namespace dist = xg::distributed;

namespace {

struct MpiFixture {
  MpiFixture() { dist::init_process_group(); }
  ~MpiFixture() { dist::destroy_process_group(); }
};

/// 0 + 1 + ... + (n - 1)
double rank_sum() {
  const int n = dist::get_world_size();
  return n * (n - 1) / 2.0;
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(MpiFixture);

BOOST_AUTO_TEST_CASE(rank_and_world_size) {
  BOOST_TEST(dist::is_initialized());
  BOOST_TEST(dist::get_world_size() >= 1);
  BOOST_TEST(dist::get_rank() >= 0);
  BOOST_TEST(dist::get_rank() < dist::get_world_size());
  // All ranks are distinct: the sum of 2^rank has one bit per rank.
  Tensor bits = xg::tensor({int64_t{1} << dist::get_rank()});
  dist::all_reduce(bits);
  BOOST_TEST(bits.item<int64_t>() == (int64_t{1} << dist::get_world_size()) - 1);
}

BOOST_AUTO_TEST_CASE(all_reduce_sum_and_avg_in_every_dtype) {
  const int rank = dist::get_rank();
  const int n = dist::get_world_size();
  for (xg::ScalarType dtype : {xg::kFloat, xg::kDouble, xg::kLong}) {
    BOOST_TEST_CONTEXT(xg::toString(dtype)) {
      // element i of rank r is r + i: the sum is rank_sum() + n i
      Tensor t = (xg::arange(5, xg::kLong) + rank).to(dtype);
      dist::all_reduce(t);
      BOOST_TEST(t.scalar_type() == dtype);
      for (int64_t i = 0; i < 5; ++i) BOOST_TEST(values(t)[i] == rank_sum() + n * i);
    }
  }
  Tensor avg = xg::full({3}, 2.0 * rank + 1, xg::kDouble);
  dist::all_reduce(avg, dist::ReduceOp::AVG);
  for (double v : values(avg)) BOOST_TEST(v == 2 * rank_sum() / n + 1);
}

BOOST_AUTO_TEST_CASE(all_reduce_min_and_max) {
  Tensor low = xg::tensor({static_cast<double>(dist::get_rank()), -static_cast<double>(dist::get_rank())});
  Tensor high = low.clone();
  dist::all_reduce(low, dist::ReduceOp::MIN);
  dist::all_reduce(high, dist::ReduceOp::MAX);
  const double last = dist::get_world_size() - 1;
  BOOST_TEST(values(low) == (std::vector<double>{0, -last}), boost::test_tools::per_element());
  BOOST_TEST(values(high) == (std::vector<double>{last, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(all_reduce_a_strided_view_writes_through_to_its_base) {
  const int rank = dist::get_rank();
  Tensor base = xg::full({3, 4}, 100.0 + rank);
  Tensor column = base.select(1, 2);  // stride 4: not contiguous
  BOOST_TEST(!column.is_contiguous());
  const uint32_t version = base._version();
  dist::all_reduce(column);
  BOOST_TEST(base._version() > version);  // autograd sees the write
  const double expected_sum = 100.0 * dist::get_world_size() + rank_sum();
  std::vector<double> v = values(base);
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 4; ++j) BOOST_TEST(v[i * 4 + j] == (j == 2 ? expected_sum : 100.0 + rank));
}

BOOST_AUTO_TEST_CASE(broadcast_from_each_rank) {
  for (int src = 0; src < dist::get_world_size(); ++src) {
    BOOST_TEST_CONTEXT("src " << src) {
      Tensor t = xg::full({2, 3}, 10.0 * dist::get_rank()).t();  // transposed: not contiguous
      dist::broadcast(t, src);
      for (double v : values(t)) BOOST_TEST(v == 10.0 * src);
      Tensor flags = xg::tensor({dist::get_rank() == src, true});  // Bool travels too
      dist::broadcast(flags, src);
      BOOST_TEST(flags[0].item<bool>());
    }
  }
}

BOOST_AUTO_TEST_CASE(async_all_reduce_and_barrier) {
  Tensor t = xg::full({1000}, 1.0f + dist::get_rank());
  dist::Work work = dist::all_reduce_async(t, dist::ReduceOp::AVG);
  work.wait();
  BOOST_TEST(work.is_completed());
  for (double v : values(t)) BOOST_TEST(v == 1 + rank_sum() / dist::get_world_size(), boost::test_tools::tolerance(1e-6));
  dist::barrier();
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_errors_on_every_rank) {
  BOOST_TEST(error_of([] { dist::all_reduce(xg::tensor({int64_t{1}}), dist::ReduceOp::AVG); }) ==
             "[all_reduce] ReduceOp::AVG needs a Float or Double tensor, got Long (reduce with SUM and divide as you need)");
  BOOST_TEST(error_of([] { dist::all_reduce(xg::tensor({true})); }) == "[all_reduce] not supported for Bool tensors");
  BOOST_TEST(error_of([] { dist::broadcast(xg::zeros({2}), dist::get_world_size()); }) ==
             "[broadcast] src must be a rank in [0, " + std::to_string(dist::get_world_size()) + "), got " +
                 std::to_string(dist::get_world_size()));
  BOOST_TEST(error_of([] { dist::all_reduce_async(xg::zeros({2, 2}).t()); }) ==
             "[all_reduce_async] the tensor must be contiguous (MPI writes into its memory)");
  BOOST_TEST(error_of([] { dist::init_process_group(); }) == "[init_process_group] the process group is already initialized");
}
