// xg::set_num_threads / get_num_threads: OpenBLAS's pool, sized from the environment at start-up.
// ctest runs this program with OPENBLAS_NUM_THREADS=1 (see tests/CMakeLists.txt).

#define BOOST_TEST_MODULE test_parallel
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "test_util.h"

using test_util::error_of;

BOOST_AUTO_TEST_CASE(start_up_honours_openblas_num_threads) {
  const char* env = std::getenv("OPENBLAS_NUM_THREADS");
  BOOST_REQUIRE_MESSAGE(env, "run with OPENBLAS_NUM_THREADS set");
  BOOST_TEST(xg::get_num_threads() == std::atoi(env));
}

BOOST_AUTO_TEST_CASE(set_and_get) {
  xg::set_num_threads(2);
  BOOST_TEST(xg::get_num_threads() == 2);
  xg::set_num_threads(1);
  BOOST_TEST(xg::get_num_threads() == 1);
}

BOOST_AUTO_TEST_CASE(products_agree_across_thread_counts) {
  xg::manual_seed(0);
  xg::Tensor a = xg::randn({300, 200}, xg::kDouble), b = xg::randn({200, 250}, xg::kDouble);
  xg::set_num_threads(1);
  xg::Tensor one = a.mm(b);
  xg::set_num_threads(2);
  xg::Tensor two = a.mm(b);
  xg::set_num_threads(1);
  BOOST_TEST(xg::allclose(one, two, 1e-12, 1e-12));
}

BOOST_AUTO_TEST_CASE(rejects_fewer_than_one) {
  const int before = xg::get_num_threads();
  BOOST_TEST(error_of([] { xg::set_num_threads(0); }) ==
             "[set_num_threads] the number of threads must be at least 1, got 0");
  BOOST_TEST(xg::get_num_threads() == before);
}
