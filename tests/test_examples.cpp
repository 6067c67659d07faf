// Runs the example programs and compares what they print with the expected
// text in tests/examples/<name>.expected: words must be equal, numbers equal
// to a relative 1e-4 (float32 programs drift in the last digits between
// libraries); the word * in an expected file stands for any word (a timing).
// regression_polynomial.expected was printed by the same program
// built against LibTorch 1.13.

#define BOOST_TEST_MODULE examples
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool as_number(const std::string& word, double& value) {
  char* end = nullptr;
  value = std::strtod(word.c_str(), &end);
  return end != word.c_str() && *end == '\0';
}

std::string run(const std::string& program) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(program.c_str(), "r"), pclose);
  BOOST_REQUIRE_MESSAGE(pipe, "cannot run " << program);
  std::string out;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

void check_example(const std::string& name, const std::string& arguments = "") {
  std::ifstream file(std::string(XGRAD_TEST_EXAMPLES_DIR) + "/" + name + ".expected");
  BOOST_REQUIRE_MESSAGE(file, "missing expected output for " << name);
  std::stringstream expected;
  expected << file.rdbuf();
  const std::string printed = run(std::string(XGRAD_EXAMPLES_BIN_DIR) + "/" + name + " " + arguments);
  const std::vector<std::string> want = words(expected.str()), got = words(printed);
  BOOST_TEST_CONTEXT("example " << name << " printed:\n" << printed) {
    BOOST_TEST(got.size() == want.size());
    for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
      double a = 0, b = 0;
      if (as_number(got[i], a) && as_number(want[i], b))
        BOOST_TEST(std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(b)), "word " << i << ": " << got[i] << " vs " << want[i]);
      else
        BOOST_TEST((want[i] == "*" || got[i] == want[i]), "word " << i << ": " << got[i] << " vs " << want[i]);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(regression_polynomial_prints_what_libtorch_prints) { check_example("regression_polynomial"); }

// ---- learning and training tools --------------------------------------------------------------
// optimizer_race.expected was written by tools/tutorials/optimizer_race.py (torch.optim, float64).

BOOST_AUTO_TEST_CASE(optimizer_race_runs_as_torch_optim_does) {
  test_util::TempDir pictures;
  check_example("optimizer_race", pictures.path.string());
  for (const char* stem : {"race_regression_loss", "race_regression_paths", "race_rosenbrock_loss", "race_rosenbrock_paths"})
    BOOST_TEST(std::filesystem::exists(pictures.path / (std::string(stem) + ".svg")), stem);
}

// mlp_classifier.expected was written by tools/tutorials/mlp_classifier.py (PyTorch: the same seed, draws
// and batch order).
BOOST_AUTO_TEST_CASE(mlp_classifier_trains_as_pytorch_does) {
  test_util::TempDir output;
  check_example("mlp_classifier", output.path.string());
  BOOST_TEST(std::filesystem::exists(output.path / "mlp_moons.svg"));
  BOOST_TEST(std::filesystem::exists(output.path / "mlp_moons.npz"));
}
