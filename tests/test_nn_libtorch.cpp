// LibTorch code run on xgrad: the cases of tests/nn_cases.h (module printing,
// parameter names, and training runs written against LibTorch's API) compared
// with what LibTorch 1.13 gives for the same code, recorded in
// tests/data/nn_libtorch_reference.txt by tools/libtorch_reference.
//
// Text cases must match exactly. Number cases (losses along training runs from
// the same seed, hence the same initial weights, data and dropout masks) must
// agree to a relative 1e-5 in float32 (rounding differs between the two
// libraries' kernels) and closer in float64.

#define BOOST_TEST_MODULE nn_libtorch
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace lib = xg;
#define LIB_MODULE XG_MODULE
#include "nn_cases.h"

namespace {

struct Reference {
  bool numbers = false;
  std::string text;
};

std::map<std::string, Reference> load_reference() {
  const std::string path = std::string(XGRAD_TEST_DATA_DIR) + "/nn_libtorch_reference.txt";
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open " + path + " (run tools/libtorch_reference)");
  std::map<std::string, Reference> cases;
  std::string line, name;
  while (std::getline(file, line)) {
    if (line.rfind("=== ", 0) == 0) {
      std::istringstream header(line.substr(4));
      std::string kind;
      header >> name >> kind;
      cases[name].numbers = kind == "numbers";
    } else if (!name.empty()) {
      std::string& text = cases[name].text;
      text += (text.empty() ? "" : "\n") + line;
    }
  }
  return cases;
}

std::vector<double> parse_numbers(const std::string& text) {
  std::istringstream in(text);
  std::vector<double> values;
  for (double v; in >> v;) values.push_back(v);
  return values;
}

}  // namespace

BOOST_AUTO_TEST_CASE(cases_match_libtorch) {
  const std::map<std::string, Reference> reference = load_reference();
  const std::vector<nn_cases::Case> cases = nn_cases::all();
  BOOST_TEST(reference.size() == cases.size(), "the data file has " << reference.size() << " cases, the code "
                                                  << cases.size() << ": regenerate it");
  int numbers_checked = 0;
  double worst = 0;
  for (const nn_cases::Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto found = reference.find(c.name);
      BOOST_TEST_REQUIRE((found != reference.end()), "no reference for " << c.name);
      const std::string got = c.run();
      if (!c.numbers) {
        BOOST_TEST(got == found->second.text);
        continue;
      }
      const std::vector<double> expected = parse_numbers(found->second.text);
      const std::vector<double> actual = parse_numbers(got);
      BOOST_TEST_REQUIRE(actual.size() == expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        const double error = std::abs(actual[i] - expected[i]) / std::max(1.0, std::abs(expected[i]));
        worst = std::max(worst, error);
        BOOST_TEST(error <= 1e-5, "value " << i << ": xgrad " << actual[i] << ", LibTorch " << expected[i]);
        ++numbers_checked;
      }
    }
  }
  BOOST_TEST_MESSAGE(numbers_checked << " numbers compared; largest relative difference " << worst);
}
