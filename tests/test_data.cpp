// xg::data: TensorDataset, DataLoader (batches, shuffling, drop_last) and read_csv.

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
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

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
