// The random generator against torch's CPU generator: every case of
// random_cases.h must give LibTorch's numbers bit for bit
// (tests/data/random_reference.txt, written by tools/libtorch_reference).
// Then the in-place fills follow the rules of other in-place ops.

#define BOOST_TEST_MODULE random
#include <boost/test/unit_test.hpp>

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <xgrad/xgrad.hpp>

namespace lib = xg;
#include "random_cases.h"

namespace {

struct ExpectedTensor {
  std::string type;   // e.g. CPUFloatType
  std::string sizes;  // e.g. 2,3 or - for 0-d
  int64_t numel = 0;
  uint64_t fingerprint = 0;
  std::vector<double> listed;  // at random_cases::listed_positions(numel)
};

std::map<std::string, std::vector<ExpectedTensor>> load_reference(const std::string& path) {
  std::ifstream in(path);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  std::map<std::string, std::vector<ExpectedTensor>> cases;
  std::vector<ExpectedTensor>* current = nullptr;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "case") {
      std::string name;
      fields >> name;
      current = &cases[name];
    } else if (kind == "tensor") {
      BOOST_TEST_REQUIRE(current != nullptr, "tensor line before any case in " << path);
      ExpectedTensor t;
      size_t index = 0, count = 0;
      std::string hash;
      fields >> index >> t.type >> t.sizes >> t.numel >> hash >> count;
      t.fingerprint = std::stoull(hash, nullptr, 16);
      for (std::string value; t.listed.size() < count && fields >> value;) t.listed.push_back(std::strtod(value.c_str(), nullptr));
      BOOST_TEST_REQUIRE(t.listed.size() == count, "truncated line in " << path << ": " << line);
      current->push_back(t);
    }
  }
  return cases;
}

std::string sizes_field(const xg::Tensor& t) {
  if (t.dim() == 0) return "-";
  std::string s;
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? "," : "") + std::to_string(t.size(i));
  return s;
}

void check_tensor(const xg::Tensor& actual, const ExpectedTensor& expected) {
  BOOST_TEST(actual.toString() == expected.type);
  BOOST_TEST(sizes_field(actual) == expected.sizes);
  if (actual.numel() != expected.numel) return;
  const std::vector<double> values = random_cases::as_doubles(actual);
  const std::vector<int64_t> positions = random_cases::listed_positions(actual.numel());
  for (size_t k = 0; k < positions.size(); ++k) {
    const auto i = static_cast<size_t>(positions[k]);
    BOOST_TEST_CONTEXT("element " << i) {
      // Bitwise: equal values (and both NaN would be a failure of its own, as no case makes NaN).
      BOOST_TEST(values[i] == expected.listed[k], std::hexfloat << values[i] << " != " << expected.listed[k]);
    }
  }
  BOOST_TEST(random_cases::fingerprint(values) == expected.fingerprint, "the values differ somewhere (fingerprint)");
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_matches_libtorch) {
  const auto reference = load_reference(std::string(XGRAD_TEST_DATA_DIR) + "/random_reference.txt");
  const auto cases = random_cases::all();
  BOOST_TEST(reference.size() == cases.size(), "the data file holds " << reference.size() << " cases, the test "
                                                                       << cases.size() << "; regenerate it");
  for (const random_cases::Case& c : cases) {
    BOOST_TEST_CONTEXT("case " << c.name) {
      const auto expected = reference.find(c.name);
      BOOST_TEST_REQUIRE((expected != reference.end()), "no reference values for " << c.name);
      const std::vector<xg::Tensor> tensors = c.run();
      BOOST_TEST_REQUIRE(tensors.size() == expected->second.size());
      for (size_t i = 0; i < tensors.size(); ++i) {
        BOOST_TEST_CONTEXT("tensor " << i) { check_tensor(tensors[i], expected->second[i]); }
      }
    }
  }
}

// ---- In-place fills behave like other in-place ops ----------------------------------------

BOOST_AUTO_TEST_CASE(fills_bump_the_version) {
  xg::Tensor t = xg::zeros({3});
  const uint32_t before = t._version();
  t.uniform_();
  BOOST_TEST(t._version() == before + 1);
  t.normal_();
  BOOST_TEST(t._version() == before + 2);
}

BOOST_AUTO_TEST_CASE(fills_return_self) {
  xg::Tensor t = xg::zeros({3});
  BOOST_TEST(t.uniform_(-1, 1).is_same(t));
  BOOST_TEST(t.normal_(0, 2).is_same(t));
}

BOOST_AUTO_TEST_CASE(fills_refuse_leaves_that_require_grad) {
  xg::Tensor w = xg::zeros({3}, xg::TensorOptions().requires_grad(true));
  BOOST_CHECK_THROW(w.uniform_(), xg::Error);
  BOOST_CHECK_THROW(w.normal_(), xg::Error);
  xg::manual_seed(0);
  {
    xg::NoGradGuard no_grad;
    w.uniform_(-1, 1);
    w.normal_(0, 1);
  }
  BOOST_TEST(w.requires_grad());
  BOOST_TEST(w.is_leaf());
  // A refused fill draws nothing: the sequence continues as if it had not been tried.
  xg::manual_seed(1);
  BOOST_CHECK_THROW(w.uniform_(), xg::Error);
  const double after_refusal = xg::rand({1}, xg::kDouble).item<double>();
  xg::manual_seed(1);
  BOOST_TEST(after_refusal == xg::rand({1}, xg::kDouble).item<double>());
}

BOOST_AUTO_TEST_CASE(fills_cut_a_non_leaf_from_its_history) {
  xg::Tensor w = xg::ones({3}, xg::TensorOptions().requires_grad(true));
  xg::Tensor y = w * 2;
  y.normal_();
  BOOST_TEST(!y.requires_grad());
}

BOOST_AUTO_TEST_CASE(fills_check_their_arguments) {
  xg::Tensor t = xg::zeros({3});
  BOOST_CHECK_THROW(t.uniform_(1, 0), xg::Error);
  BOOST_CHECK_THROW(t.normal_(0, -1), xg::Error);
  BOOST_CHECK_THROW(xg::zeros({3}, xg::kLong).uniform_(), xg::Error);
  BOOST_CHECK_THROW(xg::zeros({3}, xg::kLong).normal_(), xg::Error);
  BOOST_CHECK_THROW(xg::zeros({3}).expand({2, 3}).uniform_(), xg::Error);
  BOOST_CHECK_THROW(xg::randint(5, 5, {2}), xg::Error);
  BOOST_CHECK_THROW(xg::randint(0, 3, {2}, xg::kBool), xg::Error);
  BOOST_CHECK_THROW(xg::randn({2}, xg::kLong), xg::Error);
}

BOOST_AUTO_TEST_CASE(factories_honour_requires_grad) {
  xg::Tensor r = xg::randn({4}, xg::TensorOptions().requires_grad(true));
  BOOST_TEST(r.requires_grad());
  BOOST_TEST(r.is_leaf());
}
