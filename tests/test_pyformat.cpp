// py_repr and numpy_str against Python's repr() and NumPy's str(), from
// tests/data/pyformat_reference.txt (tools/gen_pyformat_reference.py).

#define BOOST_TEST_MODULE pyformat
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <sstream>

#include "test_util.h"

using xg::viz::numpy_str;
using xg::viz::py_repr;

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

double parse(const std::string& hex) { return std::strtod(hex.c_str(), nullptr); }  // hex floats, inf, nan

struct Reference {
  std::vector<std::vector<std::string>> reprs, arrays;
};

const Reference& reference() {
  static const Reference cases = [] {
    Reference r;
    std::ifstream in(std::string(XGRAD_TEST_DATA_DIR) + "/pyformat_reference.txt");
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> fields = split(line, '\t');
      (fields[0] == "repr" ? r.reprs : r.arrays).push_back(fields);
    }
    return r;
  }();
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_CASE(py_repr_prints_what_python_prints) {
  BOOST_REQUIRE_GT(reference().reprs.size(), 3000u);
  for (const auto& fields : reference().reprs) BOOST_TEST(py_repr(parse(fields[1])) == fields[2], fields[1]);
}

BOOST_AUTO_TEST_CASE(numpy_str_prints_what_numpy_prints) {
  BOOST_REQUIRE_GT(reference().arrays.size(), 600u);
  for (const auto& fields : reference().arrays) {
    std::vector<int64_t> shape;
    for (const std::string& size : split(fields[2], ',')) shape.push_back(std::stoll(size));
    std::vector<double> values;
    for (const std::string& hex : split(fields[3], ' ')) values.push_back(parse(hex));
    xg::Tensor t = xg::tensor(values, xg::kDouble).reshape(shape);
    if (fields[1] == "float32") t = t.to(xg::kFloat);  // exact: the values are float32 numbers
    std::string expected = fields[4];
    std::replace(expected.begin(), expected.end(), '|', '\n');
    BOOST_TEST(numpy_str(t) == expected, fields[1] << " " << fields[3] << "\n got  " << numpy_str(t) << "\n want " << expected);
  }
}

BOOST_AUTO_TEST_CASE(tutorial_examples) {
  BOOST_TEST(py_repr(15.99999999999875) == "15.99999999999875");
  BOOST_TEST(py_repr(8.0) == "8.0");
  BOOST_TEST(py_repr(1e-05) == "1e-05");
  BOOST_TEST(numpy_str(xg::tensor({-2.4, 3.2}, xg::kDouble)) == "[-2.4  3.2]");
  BOOST_TEST(numpy_str(xg::tensor({6.0, 8.0}, xg::kDouble)) == "[6. 8.]");
  BOOST_TEST(numpy_str(xg::tensor(2.5, xg::kDouble)) == "2.5");
}

BOOST_AUTO_TEST_CASE(numpy_str_takes_floating_tensors) {
  BOOST_TEST(test_util::error_of([] { numpy_str(xg::tensor({1, 2})); }) == "[numpy_str] takes a floating tensor, got Long");
}
