// xg::data: TensorDataset, DataLoader (batches, shuffling, drop_last) and read_csv; LibTorch's
// torch::data: samplers, transforms and make_data_loader against LibTorch's own batches
// (data_cases.h), worker threads, and the MNIST reader on the fixture of tools/gen_idx_fixture.py.

#define BOOST_TEST_MODULE test_data
#include <boost/test/unit_test.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace lib {  // xg, plus the name LibTorch spells c10::optional
using namespace xg;
template <class T>
using optional = std::optional<T>;
}  // namespace lib
#include "data_cases.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
namespace data = xg::data;

using test_util::TempDir;

namespace {

/// n samples whose rows name them: x[i] = [i, 10 i] (float), y[i] = i (Long).
data::TensorDataset numbered_dataset(int64_t n) {
  Tensor x = xg::arange(n, xg::kFloat).unsqueeze(1) * xg::tensor({1.0, 10.0});
  return data::TensorDataset({x, xg::arange(n)});
}

/// The sample numbers of a batch's target tensor.
std::vector<int64_t> ids(const Tensor& y) {
  std::vector<int64_t> out;
  for (double v : values(y)) out.push_back(static_cast<int64_t>(v));
  return out;
}

/// The sample numbers of one pass, batch after batch.
std::vector<std::vector<int64_t>> one_pass(data::DataLoader<>& loader) {
  std::vector<std::vector<int64_t>> batches;
  for (auto& [x, y] : loader) batches.push_back(ids(y));
  return batches;
}

std::vector<int64_t> flatten(const std::vector<std::vector<int64_t>>& batches) {
  std::vector<int64_t> all;
  for (const auto& b : batches) all.insert(all.end(), b.begin(), b.end());
  return all;
}

std::vector<int64_t> range(int64_t n) {
  std::vector<int64_t> r(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) r[static_cast<size_t>(i)] = i;
  return r;
}


}  // namespace

// ---- TensorDataset ------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(tensor_dataset)

BOOST_AUTO_TEST_CASE(size_and_rows) {
  data::TensorDataset dataset = numbered_dataset(5);
  BOOST_TEST(dataset.size() == 5);
  BOOST_TEST(dataset.num_tensors() == 2u);
  std::vector<Tensor> sample = dataset.get(3);
  BOOST_TEST(values(sample[0]) == std::vector<double>({3, 30}), boost::test_tools::per_element());
  BOOST_TEST(sample[1].dim() == 0);
  BOOST_TEST(sample[1].item<int64_t>() == 3);
}

BOOST_AUTO_TEST_CASE(batches_copy_the_rows_in_order) {
  data::TensorDataset dataset = numbered_dataset(6);
  std::vector<Tensor> batch = dataset.get_batch({4, 0, 4});
  BOOST_TEST(batch[0].sizes() == xg::IntArrayRef({3, 2}));
  BOOST_TEST(values(batch[0]) == std::vector<double>({4, 40, 0, 0, 4, 40}), boost::test_tools::per_element());
  BOOST_TEST(ids(batch[1]) == std::vector<int64_t>({4, 0, 4}), boost::test_tools::per_element());
  batch[0].zero_();  // a batch is a copy: the dataset keeps its values
  BOOST_TEST(values(dataset.get(4)[0]) == std::vector<double>({4, 40}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(views_and_higher_dims) {
  // A transposed (non-contiguous) tensor and a 3-D one.
  Tensor x = xg::arange(6, xg::kDouble).reshape({2, 3}).t();  // [3, 2]: rows [0, 3], [1, 4], [2, 5]
  Tensor images = xg::arange(12).reshape({3, 2, 2});
  data::TensorDataset dataset({x, images});
  std::vector<Tensor> batch = dataset.get_batch({2, 1});
  BOOST_TEST(values(batch[0]) == std::vector<double>({2, 5, 1, 4}), boost::test_tools::per_element());
  BOOST_TEST(batch[1].sizes() == xg::IntArrayRef({2, 2, 2}));
  BOOST_TEST(values(batch[1]) == std::vector<double>({8, 9, 10, 11, 4, 5, 6, 7}), boost::test_tools::per_element());
  BOOST_TEST(!dataset.tensors()[0].requires_grad());
}

BOOST_AUTO_TEST_CASE(errors) {
  BOOST_TEST(error_of([] { data::TensorDataset({}); }) == "[TensorDataset] expected at least one tensor, got none");
  BOOST_TEST(error_of([] { data::TensorDataset({xg::zeros({5, 2}), xg::zeros({4})}); }) ==
             "[TensorDataset] tensor 1 has shape [4] but tensor 0 has shape [5, 2]; all tensors must have the "
             "same first dim (the number of samples)");
  BOOST_TEST(error_of([] { data::TensorDataset({xg::zeros({3}), xg::tensor(1.0)}); }) ==
             "[TensorDataset] tensor 1 is 0-d; every tensor needs a first dim that counts the samples");
  BOOST_TEST(error_of([] { data::TensorDataset({Tensor()}); }) == "[TensorDataset] tensor 0 is undefined");
  BOOST_TEST(error_of([] { numbered_dataset(3).get(3); }) ==
             "[TensorDataset] index 3 is out of range for a dataset of 3 samples");
  BOOST_TEST(error_of([] { numbered_dataset(3).get_batch({0, -1}); }) ==
             "[TensorDataset] index -1 is out of range for a dataset of 3 samples");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- DataLoader ---------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(data_loader)

BOOST_AUTO_TEST_CASE(every_sample_once_per_pass) {
  const int64_t n = 10;
  for (int64_t batch_size : {1, 3, 4, 7, 10, 32}) {
    for (bool shuffle : {false, true}) {
      for (bool drop_last : {false, true}) {
        BOOST_TEST_CONTEXT("batch_size " << batch_size << ", shuffle " << shuffle << ", drop_last " << drop_last) {
          data::DataLoader loader(numbered_dataset(n),
                                  data::DataLoaderOptions(batch_size).shuffle(shuffle).drop_last(drop_last));
          const int64_t full = n / batch_size, rest = n % batch_size;
          const int64_t expected_batches = drop_last ? full : full + (rest > 0);
          BOOST_TEST(loader.size() == expected_batches);
          for (int pass = 0; pass < 3; ++pass) {
            int64_t batches = 0;
            std::vector<int64_t> seen;
            for (auto& [x, y] : loader) {
              const int64_t expected_rows = batches < full ? batch_size : rest;
              BOOST_TEST(x.sizes() == xg::IntArrayRef({expected_rows, 2}));
              BOOST_TEST(y.sizes() == xg::IntArrayRef({expected_rows}));
              BOOST_TEST(x.scalar_type() == xg::kFloat);
              BOOST_TEST(y.scalar_type() == xg::kLong);
              // x and y stay aligned: x's first column is the sample number.
              BOOST_TEST(values(x.select(1, 0)) == values(y), boost::test_tools::per_element());
              const std::vector<int64_t> batch_ids = ids(y);
              seen.insert(seen.end(), batch_ids.begin(), batch_ids.end());
              ++batches;
            }
            BOOST_TEST(batches == expected_batches);
            std::sort(seen.begin(), seen.end());
            if (!drop_last) {
              BOOST_TEST(seen == range(n), boost::test_tools::per_element());
            } else {
              // Each sample at most once, and exactly full * batch_size of them.
              BOOST_TEST(static_cast<int64_t>(seen.size()) == full * batch_size);
              BOOST_TEST((std::adjacent_find(seen.begin(), seen.end()) == seen.end()));
            }
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(last_partial_batch) {
  data::DataLoader keep(numbered_dataset(10), 4);
  BOOST_TEST((one_pass(keep) == std::vector<std::vector<int64_t>>({{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}})));
  data::DataLoader drop(numbered_dataset(10), data::DataLoaderOptions(4).drop_last(true));
  BOOST_TEST(drop.size() == 2);
  BOOST_TEST((one_pass(drop) == std::vector<std::vector<int64_t>>({{0, 1, 2, 3}, {4, 5, 6, 7}})));
  // Fewer samples than one batch: one short batch, or none with drop_last.
  data::DataLoader small(numbered_dataset(3), data::DataLoaderOptions(4).drop_last(true));
  BOOST_TEST(small.size() == 0);
  BOOST_TEST(one_pass(small).empty());
}

BOOST_AUTO_TEST_CASE(full_batch_mini_batch_and_stochastic) {
  data::DataLoader full(numbered_dataset(6), 6);
  BOOST_TEST((one_pass(full) == std::vector<std::vector<int64_t>>({{0, 1, 2, 3, 4, 5}})));
  data::DataLoader stochastic(numbered_dataset(3), 1);
  BOOST_TEST((one_pass(stochastic) == std::vector<std::vector<int64_t>>({{0}, {1}, {2}})));
  for (auto& [x, y] : stochastic) {
    BOOST_TEST(x.sizes() == xg::IntArrayRef({1, 2}));  // still a batch (of one)
    BOOST_TEST(y.sizes() == xg::IntArrayRef({1}));
  }
}

BOOST_AUTO_TEST_CASE(shuffling_is_seeded_and_new_every_pass) {
  auto passes = [](uint64_t seed) {
    data::DataLoader loader(numbered_dataset(20), data::DataLoaderOptions(6).shuffle(true).seed(seed));
    std::vector<std::vector<int64_t>> orders;
    for (int pass = 0; pass < 3; ++pass) orders.push_back(flatten(one_pass(loader)));
    return orders;
  };
  const auto first = passes(7);
  BOOST_TEST((first == passes(7)));    // reproducible
  BOOST_TEST((first != passes(8)));    // the seed matters
  BOOST_TEST((first[0] != first[1]));  // a new order every pass
  BOOST_TEST((first[1] != first[2]));
  BOOST_TEST((first[0] != range(20)));  // and not the dataset order

  // Independent of the global generator, and leaves it alone.
  xg::manual_seed(1);
  const double expected = xg::rand({1}).item<double>();
  xg::manual_seed(1);
  data::DataLoader loader(numbered_dataset(20), data::DataLoaderOptions(6).shuffle(true).seed(7));
  xg::manual_seed(123);
  const std::vector<int64_t> pass0 = flatten(one_pass(loader));
  xg::manual_seed(1);
  const std::vector<int64_t> pass1 = flatten(one_pass(loader));
  BOOST_TEST(xg::rand({1}).item<double>() == expected);
  BOOST_TEST((pass0 == first[0]));
  BOOST_TEST((pass1 == first[1]));
}

BOOST_AUTO_TEST_CASE(fixed_order_for_a_seed) {
  // The order comes from std::mt19937_64 (fixed by the standard) and our own Fisher-Yates,
  // so it is the same with every compiler; this pins it.
  data::DataLoader loader(numbered_dataset(8), data::DataLoaderOptions(8).shuffle(true).seed(0));
  const std::vector<int64_t> order = flatten(one_pass(loader));
  std::vector<int64_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  BOOST_TEST(sorted == range(8), boost::test_tools::per_element());
  BOOST_TEST(order == std::vector<int64_t>({4, 5, 2, 0, 7, 1, 3, 6}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(any_number_of_tensors) {
  Tensor a = xg::arange(5);
  Tensor b = xg::arange(5, xg::kDouble) * 2;
  Tensor c = xg::arange(5) > 2;
  data::DataLoader<std::vector<Tensor>> loader(data::TensorDataset({a, b, c}), data::DataLoaderOptions(2).shuffle(true));
  int64_t rows = 0;
  for (const std::vector<Tensor>& batch : loader) {
    BOOST_TEST(batch.size() == 3u);
    BOOST_TEST(values(batch[1]) == values(batch[0] * 2), boost::test_tools::per_element());
    BOOST_TEST(batch[2].scalar_type() == xg::kBool);
    BOOST_TEST(values(batch[2]) == values(batch[0] > 2), boost::test_tools::per_element());
    rows += batch[0].size(0);
  }
  BOOST_TEST(rows == 5);
  // One tensor works too.
  data::DataLoader<std::vector<Tensor>> single(data::TensorDataset({a}), 5);
  for (auto& batch : single) BOOST_TEST(ids(batch[0]) == range(5), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_dataset) {
  data::DataLoader loader(data::TensorDataset({xg::zeros({0, 3}), xg::zeros({0})}), 4);
  BOOST_TEST(loader.size() == 0);
  BOOST_TEST(one_pass(loader).empty());
}

BOOST_AUTO_TEST_CASE(errors) {
  BOOST_TEST(error_of([] { data::DataLoader loader(numbered_dataset(3), 0); }) ==
             "[DataLoader] batch_size must be at least 1, got 0");
  BOOST_TEST(error_of([] { data::DataLoader loader(data::TensorDataset({xg::zeros({3})}), 2); }) ==
             "[DataLoader] the dataset has 1 tensors, but DataLoader<Batch> yields (input, target) pairs; use "
             "DataLoader<std::vector<Tensor>> for any number of tensors");
}

BOOST_AUTO_TEST_CASE(trains_a_linear_model_at_any_batch_size) {
  // y = 2 x0 - 3 x1 + 1: full-batch, mini-batch and stochastic gradient descent all find it.
  xg::manual_seed(0);
  Tensor x = xg::randn({64, 2});
  Tensor y = xg::matmul(x, xg::tensor({2.0f, -3.0f})) + 1;
  for (int64_t batch_size : {64, 8, 1}) {
    BOOST_TEST_CONTEXT("batch_size " << batch_size) {
      Tensor w = xg::zeros({2}, xg::requires_grad());
      Tensor b = xg::zeros({}, xg::requires_grad());
      data::DataLoader loader(data::TensorDataset({x, y}), data::DataLoaderOptions(batch_size).shuffle(true));
      for (int epoch = 0; epoch < 100; ++epoch) {
        for (auto& [xb, yb] : loader) {
          Tensor loss = (xg::matmul(xb, w) + b - yb).square().mean();
          loss.backward();
          xg::NoGradGuard no_grad;
          w -= 0.05 * w.grad();
          b -= 0.05 * b.grad();
          w.mutable_grad().zero_();
          b.mutable_grad().zero_();
        }
      }
      BOOST_TEST(values(w) == std::vector<double>({2, -3}), boost::test_tools::tolerance(1e-3) << boost::test_tools::per_element());
      BOOST_TEST(b.item<double>() == 1.0, boost::test_tools::tolerance(1e-3));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- read_csv -----------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(values_and_layout) {
  TempDir dir;
  const std::string path = dir.file("t.csv", "1,2,3\n4.5, -5e-1 ,+7\n\n-0,inf,1e-3");
  Tensor table = data::read_csv(path);
  BOOST_TEST(table.scalar_type() == xg::kFloat);
  BOOST_TEST(table.sizes() == xg::IntArrayRef({3, 3}));
  const std::vector<float> expected = {1, 2, 3, 4.5f, -0.5f, 7, -0.0f, std::numeric_limits<float>::infinity(), 1e-3f};
  const std::vector<float> got(table.data_ptr<float>(), table.data_ptr<float>() + 9);
  BOOST_TEST(got == expected, boost::test_tools::per_element());
  BOOST_TEST(std::signbit(got[6]));
}

BOOST_AUTO_TEST_CASE(header_delimiter_dtype_and_line_ends) {
  TempDir dir;
  const std::string path = dir.file("t.csv", "\xEF\xBB\xBFx;y;label\r\n0.1;2;1\r\n\r\n0.25;-1;0\r\n");
  Tensor table = data::read_csv(path, data::CsvOptions().header(true).delimiter(';').dtype(xg::kDouble));
  BOOST_TEST(table.scalar_type() == xg::kDouble);
  BOOST_TEST(table.sizes() == xg::IntArrayRef({2, 3}));
  BOOST_TEST(table.data_ptr<double>()[0] == 0.1);  // parsed as a double, not through float
  BOOST_TEST(values(table) == std::vector<double>({0.1, 2, 1, 0.25, -1, 0}), boost::test_tools::per_element());

  const std::string ints = dir.file("i.csv", "9007199254740993\t-4\n");
  Tensor longs = data::read_csv(ints, data::CsvOptions().delimiter('\t').dtype(xg::kLong));
  BOOST_TEST(longs.data_ptr<int64_t>()[0] == 9007199254740993LL);  // exact beyond 2^53
  BOOST_TEST(longs.data_ptr<int64_t>()[1] == -4);

  const std::string bools = dir.file("b.csv", "1,0,true,False\n");
  Tensor flags = data::read_csv(bools, data::CsvOptions().dtype(xg::kBool));
  BOOST_TEST(values(flags) == std::vector<double>({1, 0, 1, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_files) {
  TempDir dir;
  BOOST_TEST(data::read_csv(dir.file("e.csv", "")).sizes() == xg::IntArrayRef({0, 0}));
  BOOST_TEST(data::read_csv(dir.file("h.csv", "a,b\n"), data::CsvOptions().header(true)).sizes() ==
             xg::IntArrayRef({0, 2}));
}

BOOST_AUTO_TEST_CASE(malformed_input_names_file_line_and_problem) {
  TempDir dir;
  const std::string ragged = dir.file("ragged.csv", "1,2,3\n\n4,5\n");
  BOOST_TEST(error_of([&] { data::read_csv(ragged); }) ==
             "[read_csv] '" + ragged + "' line 3: 2 fields, expected 3 as in line 1");
  const std::string long_row = dir.file("long.csv", "a,b\n1,2\n3,4,5\n");
  BOOST_TEST(error_of([&] { data::read_csv(long_row, data::CsvOptions().header(true)); }) ==
             "[read_csv] '" + long_row + "' line 3: 3 fields, expected 2 as in line 1");
  const std::string word = dir.file("word.csv", "1,2\n3,abc\n");
  BOOST_TEST(error_of([&] { data::read_csv(word); }) ==
             "[read_csv] '" + word + "' line 2, column 2: 'abc' is not a number");
  const std::string header = dir.file("header.csv", "x,y\n1,2\n");
  BOOST_TEST(error_of([&] { data::read_csv(header); }) ==
             "[read_csv] '" + header + "' line 1, column 1: 'x' is not a number (if the first line names the "
             "columns, use CsvOptions().header(true))");
  const std::string hole = dir.file("hole.csv", "1,,3\n");
  BOOST_TEST(error_of([&] { data::read_csv(hole); }) == "[read_csv] '" + hole + "' line 1, column 2: empty field");
  const std::string partial = dir.file("partial.csv", "1.5x\n");
  BOOST_TEST(error_of([&] { data::read_csv(partial); }) ==
             "[read_csv] '" + partial + "' line 1, column 1: '1.5x' is not a number");
  const std::string fraction = dir.file("fraction.csv", "1\n2.5\n");
  BOOST_TEST(error_of([&] { data::read_csv(fraction, data::CsvOptions().dtype(xg::kLong)); }) ==
             "[read_csv] '" + fraction + "' line 2, column 1: '2.5' is not an integer");
  const std::string huge = dir.file("huge.csv", "1e39\n");
  BOOST_TEST(error_of([&] { data::read_csv(huge); }) ==
             "[read_csv] '" + huge + "' line 1, column 1: '1e39' is out of range for Float");
  BOOST_TEST(data::read_csv(huge, data::CsvOptions().dtype(xg::kDouble)).item<double>() == 1e39);
  const std::string missing = (dir.path / "missing.csv").string();
  BOOST_TEST(error_of([&] { data::read_csv(missing); }) ==
             "[read_csv] cannot open '" + missing + "': No such file or directory");
}

BOOST_AUTO_TEST_CASE(split_target_columns) {
  Tensor table = xg::arange(12, xg::kFloat).reshape({3, 4});
  auto [x, y] = data::split_target(table);
  BOOST_TEST(x.sizes() == xg::IntArrayRef({3, 3}));
  BOOST_TEST(values(x) == std::vector<double>({0, 1, 2, 4, 5, 6, 8, 9, 10}), boost::test_tools::per_element());
  BOOST_TEST(values(y) == std::vector<double>({3, 7, 11}), boost::test_tools::per_element());
  auto [x0, y0] = data::split_target(table, 0);
  BOOST_TEST(values(x0.select(0, 0)) == std::vector<double>({1, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST(values(y0) == std::vector<double>({0, 4, 8}), boost::test_tools::per_element());
  auto [x1, y1] = data::split_target(table, 1);
  BOOST_TEST(values(x1.select(0, 0)) == std::vector<double>({0, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST(error_of([&] { data::split_target(table, 4); }) ==
             "[split_target] target column 4 is out of range for a table of 4 columns");
  BOOST_TEST(error_of([] { data::split_target(xg::zeros({3})); }) ==
             "[split_target] expected a 2-D table, got shape [3]");
}

BOOST_AUTO_TEST_CASE(csv_to_loader) {
  TempDir dir;
  const std::string path = dir.file("iris.csv", "a,b,label\n1,2,0\n3,4,1\n5,6,0\n");
  auto [x, y] = data::split_target(data::read_csv(path, data::CsvOptions().header(true)));
  data::DataLoader loader(data::TensorDataset({x, y}), 2);
  BOOST_TEST(loader.size() == 2);
  for (auto& [xb, yb] : loader) BOOST_TEST(xb.size(1) == 2);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- NumpyRandomState against NumPy's own draws (tests/data/numpy_random.txt) -----

namespace {

/// The named lines of numpy_random.txt: name -> (seed, values).
std::map<std::string, std::pair<uint32_t, std::vector<double>>> numpy_reference() {
  std::ifstream in(std::string(XGRAD_TEST_DATA_DIR) + "/numpy_random.txt");
  BOOST_REQUIRE(in);
  std::map<std::string, std::pair<uint32_t, std::vector<double>>> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    uint64_t seed = 0;
    size_t count = 0;
    fields >> name >> seed >> count;
    std::vector<double> draws(count);
    for (double& v : draws) fields >> v;
    BOOST_REQUIRE(fields);
    cases[name] = {static_cast<uint32_t>(seed), draws};
  }
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(numpy_random)

BOOST_AUTO_TEST_CASE(tutorial_data_bit_for_bit) {
  auto reference = numpy_reference();
  data::NumpyRandomState rng(42);
  Tensor x = rng.rand({100, 1});
  Tensor noise = rng.randn({100, 1});
  BOOST_TEST(x.dtype() == xg::kDouble);
  BOOST_TEST(x.sizes() == xg::IntArrayRef({100, 1}));
  BOOST_TEST(values(x) == reference["tutorial_rand"].second, boost::test_tools::per_element());
  BOOST_TEST(values(noise) == reference["tutorial_randn"].second, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cached_normal_and_reseeding) {
  auto reference = numpy_reference();
  data::NumpyRandomState rng(7);
  BOOST_TEST(values(rng.randn({3})) == reference["odd_randn"].second, boost::test_tools::per_element());
  BOOST_TEST(values(rng.rand({5})) == reference["then_rand"].second, boost::test_tools::per_element());
  BOOST_TEST(values(rng.randn({2, 2})) == reference["then_randn"].second, boost::test_tools::per_element());
  rng.seed(7);
  rng.standard_normal();  // leaves a cached normal that seed() must forget
  rng.seed(0);
  BOOST_TEST(values(rng.randn({2})) == reference["reseeded_randn"].second, boost::test_tools::per_element());
  data::NumpyRandomState largest(4294967295u);
  BOOST_TEST(values(largest.rand({4})) == reference["max_seed_rand"].second, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_shapes_draw_nothing) {
  data::NumpyRandomState a(3), b(3);
  BOOST_TEST(a.rand({0, 4}).numel() == 0);
  BOOST_TEST(a.random_sample() == b.random_sample());
}

BOOST_AUTO_TEST_SUITE_END()

// ---- torch::data: samplers, transforms, make_data_loader ---------------------------------------

namespace {

/// The cases of data_reference.txt (LibTorch's output), by name.
std::map<std::string, std::string> data_reference() {
  std::ifstream in(std::string(XGRAD_TEST_DATA_DIR) + "/data_reference.txt", std::ios::binary);
  std::map<std::string, std::string> cases;
  std::string line, name;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("=== ", 0) == 0) {
      name = line.substr(4);
      cases[name];
    } else if (!name.empty()) {
      cases[name] += line + "\n";
    }
  }
  for (auto& [n, text] : cases) text.pop_back();  // the newline after each case's text
  return cases;
}

/// Example i is {i (float, [1]), i (int64)}; get(throw_at) throws.
class Throwing : public data::datasets::Dataset<Throwing> {
 public:
  Throwing(size_t size, size_t throw_at) : size_(size), throw_at_(throw_at) {}
  data::Example<> get(size_t index) override {
    XG_CHECK(index != throw_at_, "Throwing", "example ", index, " cannot be read");
    return {xg::full({1}, static_cast<double>(index)), xg::tensor(static_cast<int64_t>(index))};
  }
  std::optional<size_t> size() const override { return size_; }

 private:
  size_t size_, throw_at_;
};

/// The targets of every batch of one pass, batch after batch.
template <typename Loader>
std::vector<std::vector<int64_t>> targets_of_pass(Loader& loader) {
  std::vector<std::vector<int64_t>> pass;
  for (auto& batch : loader) pass.push_back(ids(batch.target));
  return pass;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(torch_data)

BOOST_AUTO_TEST_CASE(same_batches_as_libtorch) {
  const auto reference = data_reference();
  const auto cases = data_cases::all();
  BOOST_TEST(reference.size() == cases.size());
  for (const data_cases::Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      BOOST_REQUIRE(reference.count(c.name) == 1);
      BOOST_TEST(c.run() == reference.at(c.name));
    }
  }
}

BOOST_AUTO_TEST_CASE(workers_hand_out_batches_in_order_every_epoch) {
  auto dataset = Throwing(50, 1000).map(data::transforms::Stack<>());
  auto serial = data::make_data_loader<data::samplers::SequentialSampler>(dataset, 3);
  auto threaded = data::make_data_loader<data::samplers::SequentialSampler>(
      dataset, data::DataLoaderOptions(3).workers(4).max_jobs(5));
  const auto expected = targets_of_pass(*serial);
  BOOST_TEST(expected.size() == 17u);  // 16 batches of 3 and one of 2
  for (int epoch = 0; epoch < 3; ++epoch) BOOST_TEST(targets_of_pass(*threaded) == expected);
}

BOOST_AUTO_TEST_CASE(unordered_workers_hand_out_every_batch_once) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Throwing(40, 1000).map(data::transforms::Stack<>()),
      data::DataLoaderOptions(4).workers(3).enforce_ordering(false).drop_last(true));
  for (int epoch = 0; epoch < 2; ++epoch) {
    std::vector<int64_t> seen;
    for (const auto& batch : targets_of_pass(*loader)) {
      BOOST_TEST(batch.size() == 4u);
      seen.insert(seen.end(), batch.begin(), batch.end());
    }
    std::sort(seen.begin(), seen.end());
    std::vector<int64_t> all(40);
    std::iota(all.begin(), all.end(), int64_t{0});
    BOOST_TEST(seen == all);
  }
}

BOOST_AUTO_TEST_CASE(an_abandoned_pass_does_not_leak_into_the_next) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Throwing(30, 1000).map(data::transforms::Stack<>()), data::DataLoaderOptions(5).workers(2));
  auto it = loader->begin();
  BOOST_TEST(ids(it->target) == std::vector<int64_t>({0, 1, 2, 3, 4}));
  ++it;  // stop after two batches, with more already requested
  const auto pass = targets_of_pass(*loader);
  BOOST_TEST(pass.size() == 6u);
  BOOST_TEST(pass.front() == std::vector<int64_t>({0, 1, 2, 3, 4}));
  BOOST_TEST(pass.back() == std::vector<int64_t>({25, 26, 27, 28, 29}));
}

BOOST_AUTO_TEST_CASE(an_error_in_a_worker_reaches_the_consumer) {
  for (size_t workers : {0, 1, 3}) {
    BOOST_TEST_CONTEXT("workers " << workers) {
      auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
          Throwing(20, 13).map(data::transforms::Stack<>()), data::DataLoaderOptions(4).workers(workers));
      for (int epoch = 0; epoch < 2; ++epoch) {
        std::vector<int64_t> seen;
        const std::string error = error_of([&] {
          for (auto& batch : *loader) {
            const auto batch_ids = ids(batch.target);
            seen.insert(seen.end(), batch_ids.begin(), batch_ids.end());
          }
        });
        BOOST_TEST(error == "[Throwing] example 13 cannot be read");
        BOOST_TEST(seen.size() == 12u);  // the three batches before the one with example 13
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_options) {
  auto dataset = Throwing(5, 100).map(data::transforms::Stack<>());
  BOOST_TEST(error_of([&] { data::make_data_loader(dataset, data::DataLoaderOptions(0)); }) ==
             "[DataLoader] batch_size must be at least 1, got 0");
  BOOST_TEST(error_of([&] { data::make_data_loader(dataset, data::DataLoaderOptions(2).shuffle(true)); }) ==
             "[DataLoader] make_data_loader takes no shuffle option: the sampler decides the order "
             "(samplers::RandomSampler)");
  BOOST_TEST(error_of([] { data::transforms::Normalize<>({0.5, 0.5}, {1.0, 2.0, 3.0}); }) ==
             "[Normalize] mean has 2 values but stddev has 3; give one value or one per channel to each");
  BOOST_TEST(error_of([] { data::samplers::DistributedRandomSampler(10, 2, 2); }) ==
             "[DistributedSampler] rank must be in [0, 2), got 2");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- datasets::MNIST ---------------------------------------------------------------------------

namespace {

const std::string fixture = std::string(XGRAD_TEST_DATA_DIR) + "/mnist_fixture";
using Mode = data::datasets::MNIST::Mode;

std::string big_endian(uint32_t v) {
  return {char(v >> 24), char(v >> 16 & 0xff), char(v >> 8 & 0xff), char(v & 0xff)};
}

/// An IDX images file: magic, count, rows, cols, then `pixels` bytes (of value 7).
std::string images_file(uint32_t count, size_t pixels, uint32_t rows = 28, uint32_t cols = 28, uint32_t magic = 2051) {
  return big_endian(magic) + big_endian(count) + big_endian(rows) + big_endian(cols) + std::string(pixels, '\7');
}

/// An IDX labels file: magic, count, then the labels.
std::string labels_file(uint32_t count, const std::string& labels, uint32_t magic = 2049) {
  return big_endian(magic) + big_endian(count) + labels;
}

/// The error of reading a training set made of these two files.
std::string mnist_error(const std::string& images, const std::string& labels) {
  TempDir dir;
  dir.file("train-images-idx3-ubyte", images);
  dir.file("train-labels-idx1-ubyte", labels);
  const std::string error = error_of([&] { data::datasets::MNIST(dir.path.string()); });
  // The messages name the files by their full path; the tests compare what follows the folder.
  std::string without_dir = error;
  for (size_t at; (at = without_dir.find(dir.path.string() + "/")) != std::string::npos;)
    without_dir.erase(at, dir.path.string().size() + 1);
  return without_dir;
}

/// The raw bytes of a committed fixture file.
std::string fixture_bytes(const std::string& name) {
  std::ifstream in(fixture + "/plain/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mnist)

BOOST_AUTO_TEST_CASE(reads_the_fixture_as_libtorch_does) {
  data::datasets::MNIST train(fixture + "/plain"), test(fixture + "/plain", Mode::kTest);
  BOOST_TEST(train.is_train());
  BOOST_TEST(!test.is_train());
  BOOST_TEST(train.size().value() == 100u);
  BOOST_TEST(test.size().value() == 20u);
  BOOST_TEST(train.images().sizes() == xg::IntArrayRef({100, 1, 28, 28}));
  BOOST_TEST(train.images().dtype() == xg::kFloat);
  BOOST_TEST(train.targets().sizes() == xg::IntArrayRef({100}));
  BOOST_TEST(train.targets().dtype() == xg::kLong);

  // Pixels are the bytes / 255 in float32, labels the label bytes, in file order.
  const std::string images = fixture_bytes("train-images-idx3-ubyte"), labels = fixture_bytes("train-labels-idx1-ubyte");
  for (size_t index : {0, 1, 57, 99}) {
    const data::Example<> example = train.get(index);
    BOOST_TEST(example.data.sizes() == xg::IntArrayRef({1, 28, 28}));
    BOOST_TEST(example.target.dim() == 0);
    BOOST_TEST(example.target.item<int64_t>() == static_cast<unsigned char>(labels[8 + index]));
    const std::vector<double> pixels = values(example.data);
    for (size_t p = 0; p < 784; ++p) {
      const auto byte = static_cast<unsigned char>(images[16 + index * 784 + p]);
      BOOST_TEST(pixels[p] == static_cast<double>(static_cast<float>(byte) / 255.0f));
    }
    BOOST_TEST(xg::equal(example.data, train.images()[static_cast<int64_t>(index)]));
  }
  BOOST_TEST(error_of([&] { train.get(100); }) == "[MNIST] index 100 is out of range for a dataset of 100 examples");
}

BOOST_AUTO_TEST_CASE(gz_and_plain_files_give_the_same_data) {
  for (Mode mode : {Mode::kTrain, Mode::kTest}) {
    data::datasets::MNIST plain(fixture + "/plain", mode), gz(fixture + "/gz", mode);
    BOOST_TEST(xg::equal(plain.images_uint8(), gz.images_uint8()));
    BOOST_TEST(xg::equal(plain.targets(), gz.targets()));
  }
}

BOOST_AUTO_TEST_CASE(loads_in_batches_with_workers_and_drop_last) {
  auto dataset = data::datasets::MNIST(fixture + "/gz")
                     .map(data::transforms::Normalize<>(0.1307, 0.3081))
                     .map(data::transforms::Stack<>());
  BOOST_TEST(dataset.size().value() == 100u);
  const Tensor normalized = (data::datasets::MNIST(fixture + "/gz").images() - 0.1307) / 0.3081;
  for (bool drop_last : {false, true}) {
    for (size_t workers : {0, 2}) {
      BOOST_TEST_CONTEXT("drop_last " << drop_last << ", workers " << workers) {
        auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
            dataset, data::DataLoaderOptions().batch_size(64).workers(workers).drop_last(drop_last));
        for (int epoch = 0; epoch < 2; ++epoch) {
          std::vector<int64_t> sizes;
          int64_t start = 0;
          for (auto& batch : *loader) {
            sizes.push_back(batch.data.size(0));
            BOOST_TEST(batch.data[0].sizes() == xg::IntArrayRef({1, 28, 28}));
            BOOST_TEST(xg::allclose(batch.data, normalized.narrow(0, start, batch.data.size(0))));
            start += batch.data.size(0);
          }
          BOOST_TEST(sizes == (drop_last ? std::vector<int64_t>{64} : std::vector<int64_t>{64, 36}));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_files_name_the_file_and_the_fault) {
  const std::string two_labels = labels_file(2, std::string("\1\2", 2));
  BOOST_TEST(mnist_error(images_file(2, 2 * 784), two_labels) == "");  // the well-formed pair loads
  BOOST_TEST(mnist_error(images_file(2, 2 * 784 - 1), two_labels) ==
             "[MNIST] 'train-images-idx3-ubyte' is truncated: its header states 1568 bytes of data, the file has 1567");
  BOOST_TEST(mnist_error(images_file(2, 2 * 784).substr(0, 10), two_labels) ==
             "[MNIST] 'train-images-idx3-ubyte' is truncated: 10 bytes, fewer than its 16-byte header");
  BOOST_TEST(mnist_error(images_file(2, 2 * 784 + 3), two_labels) ==
             "[MNIST] 'train-images-idx3-ubyte' has 3 bytes after the 1568 bytes of data its header states");
  BOOST_TEST(mnist_error(images_file(2, 2 * 784, 28, 28, 2049), two_labels) ==
             "[MNIST] 'train-images-idx3-ubyte' has the magic number 2049, expected 2051 (images)");
  BOOST_TEST(mnist_error(images_file(2, 2 * 784), labels_file(2, std::string("\1\2", 2), 2051)) ==
             "[MNIST] 'train-labels-idx1-ubyte' has the magic number 2051, expected 2049 (labels)");
  BOOST_TEST(mnist_error(images_file(2, 2 * 32 * 32, 32, 32), two_labels) ==
             "[MNIST] 'train-images-idx3-ubyte' holds 32x32 images, expected 28x28");
  BOOST_TEST(mnist_error(images_file(3, 3 * 784), two_labels) ==
             "[MNIST] 'train-labels-idx1-ubyte' has 2 labels but 'train-images-idx3-ubyte' has 3 images");
  BOOST_TEST(mnist_error(images_file(2, 2 * 784), labels_file(2, std::string("\1", 1))) ==
             "[MNIST] 'train-labels-idx1-ubyte' is truncated: its header states 2 bytes of data, the file has 1");
  BOOST_TEST(mnist_error(images_file(2, 2 * 784), labels_file(2, std::string("\1\12", 2))) ==
             "[MNIST] 'train-labels-idx1-ubyte': label 1 is 10, outside 0..9");
  // A gzip file cut short.
  std::ifstream gz(fixture + "/gz/t10k-labels-idx1-ubyte.gz", std::ios::binary);
  const std::string gz_bytes(std::istreambuf_iterator<char>(gz), {});
  TempDir dir;
  dir.file("train-images-idx3-ubyte", images_file(20, 20 * 784));
  dir.file("train-labels-idx1-ubyte.gz", gz_bytes.substr(0, gz_bytes.size() - 12));
  const std::string error = error_of([&] { data::datasets::MNIST(dir.path.string()); });
  BOOST_TEST(error.rfind("[MNIST] '" + (dir / "train-labels-idx1-ubyte.gz") + "' is not a readable gzip file: ", 0) == 0,
             error);
  // Missing files.
  BOOST_TEST(error_of([&] { data::datasets::MNIST(dir.path.string(), Mode::kTest); }) ==
             "[MNIST] '" + (dir / "t10k-images-idx3-ubyte") + "' not found (nor '" + (dir / "t10k-images-idx3-ubyte") +
                 ".gz')");
}

BOOST_AUTO_TEST_SUITE_END()
