// Runs the example programs and compares what they print with the expected
// text in tests/examples/<name>.expected: words must be equal, numbers equal
// to a relative tolerance (1e-4 for float32 programs, which drift in the last
// digits between libraries; 0 for the float64 tutorials).
// regression_polynomial.expected was printed by the same program built against
// LibTorch 1.13; the tutorials' .expected files by tools/tutorials/*.py, which
// run the tutorials' own numpy/torch code. The word * in an .expected file
// stands for any word (a timing). <name>.tutorial holds lines copied
// from the tutorials' printed output: each must appear verbatim.

#define BOOST_TEST_MODULE examples
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

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

std::string read(const std::string& path) {
  std::ifstream file(path);
  BOOST_REQUIRE_MESSAGE(file, "missing " << path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void compare(const std::string& name, const std::string& printed, const std::string& expected, double tolerance) {
  const std::vector<std::string> want = words(expected), got = words(printed);
  BOOST_TEST_CONTEXT("example " << name << " printed:\n" << printed) {
    BOOST_TEST(got.size() == want.size());
    for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
      double a = 0, b = 0;
      if (tolerance > 0 && as_number(got[i], a) && as_number(want[i], b))
        BOOST_TEST(std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b)), "word " << i << ": " << got[i] << " vs " << want[i]);
      else
        BOOST_TEST((want[i] == "*" || got[i] == want[i]), "word " << i << ": " << got[i] << " vs " << want[i]);
    }
  }
}

std::string examples_dir() { return XGRAD_TEST_EXAMPLES_DIR; }
std::string program(const std::string& name) { return std::string(XGRAD_EXAMPLES_BIN_DIR) + "/" + name; }

// A tutorial example: run with a folder for its pictures; its output must match
// the .expected file (exactly, unless a tolerance is given), contain every line of the .tutorial file (if
// any), and the pictures must have been drawn.
void check_tutorial(const std::string& name, const std::vector<std::string>& pictures, double tolerance = 0) {
  test_util::TempDir dir;
  const std::string printed = run(program(name) + " " + dir.path.string());
  compare(name, printed, read(examples_dir() + "/" + name + ".expected"), tolerance);
  std::ifstream tutorial(examples_dir() + "/" + name + ".tutorial");
  for (std::string line; std::getline(tutorial, line);)
    BOOST_TEST(printed.find(line + "\n") != std::string::npos, name << " prints the tutorial's line: " << line);
  std::vector<std::string> files;
  for (const std::string& picture : pictures) files.push_back(picture + ".png"), files.push_back(picture + ".svg");
  std::sort(files.begin(), files.end());
  BOOST_TEST(dir.files() == files, name << " draws its pictures");
}

}  // namespace

BOOST_AUTO_TEST_CASE(regression_polynomial_prints_what_libtorch_prints) {
  compare("regression_polynomial", run(program("regression_polynomial")),
          read(examples_dir() + "/regression_polynomial.expected"), 1e-4);
}

BOOST_AUTO_TEST_CASE(autograd_basics_prints_the_tutorial) { check_tutorial("autograd_basics", {"autograd_basics"}); }

BOOST_AUTO_TEST_CASE(gradient_descent_1d_prints_the_tutorial) {
  check_tutorial("gradient_descent_1d", {"gradient_descent_1d", "gradient_descent_1d_decay"});
}

BOOST_AUTO_TEST_CASE(gradient_descent_2d_prints_the_tutorials) {
  check_tutorial("gradient_descent_2d", {"gradient_descent_2d"});
}

BOOST_AUTO_TEST_CASE(linear_regression_prints_the_tutorials) {
  check_tutorial("linear_regression", {"linear_regression", "linear_regression_batches"});
}

// ---- learning and training tools --------------------------------------------------------------
// Their .expected files were written by tools/tutorials/optimizer_race.py (torch.optim, float64) and
// tools/tutorials/mlp_classifier.py (PyTorch: the same seed, draws and batch order).

BOOST_AUTO_TEST_CASE(optimizer_race_runs_as_torch_optim_does) {
  check_tutorial("optimizer_race",
                 {"race_regression_loss", "race_regression_paths", "race_rosenbrock_loss", "race_rosenbrock_paths"},
                 1e-4);
}

BOOST_AUTO_TEST_CASE(mlp_classifier_trains_as_pytorch_does) {
  test_util::TempDir dir;
  compare("mlp_classifier", run(program("mlp_classifier") + " " + dir.path.string()),
          read(examples_dir() + "/mlp_classifier.expected"), 1e-4);
  BOOST_TEST(dir.files() == (std::vector<std::string>{"mlp_moons.npz", "mlp_moons.png", "mlp_moons.svg"}));
}

// ---- fashion_mnist_cnn ---------------------------------------------------------------------------
// On the committed 100/20-image IDX fixture (tools/gen_idx_fixture.py): the training loss falls
// epoch after epoch, the reloaded checkpoint scores as the trained model does (the program exits
// 1 otherwise) and the four pictures are drawn. The full run on Fashion-MNIST is in the README.

namespace {

struct Finished {
  std::string printed;
  int status = -1;
};

// Runs `command` (stderr joined to stdout) and returns what it printed and its exit status.
Finished run_to_end(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  BOOST_REQUIRE_MESSAGE(pipe, "cannot run " << command);
  Finished done;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) done.printed.append(buffer, n);
  const int status = pclose(pipe);
  done.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return done;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fashion_mnist_cnn_learns_and_reloads_its_checkpoint) {
  test_util::TempDir dir;
  const std::string fixture = std::string(XGRAD_TEST_DATA_DIR) + "/mnist_fixture/gz";
  const Finished done = run_to_end(program("fashion_mnist_cnn") + " " + dir.path.string() + " " + fixture + " 5");
  BOOST_TEST_CONTEXT("fashion_mnist_cnn printed:\n" << done.printed) {
    BOOST_TEST(done.status == 0);
    std::vector<double> losses;
    std::istringstream lines(done.printed);
    for (std::string line; std::getline(lines, line);) {
      int epoch = 0;
      double loss = 0;
      if (std::sscanf(line.c_str(), "epoch %d training loss %lf", &epoch, &loss) == 2) losses.push_back(loss);
    }
    BOOST_REQUIRE(losses.size() == 5u);
    for (size_t i = 1; i < losses.size(); ++i) BOOST_TEST(losses[i] < losses[i - 1], "epoch " << i + 1);
    BOOST_TEST(done.printed.find("reloaded: test accuracy") != std::string::npos);
  }
  std::vector<std::string> files{"fashion_cnn.npz"};
  for (const char* picture : {"fashion_confusion", "fashion_curves", "fashion_filters", "fashion_predictions"})
    files.push_back(std::string(picture) + ".png"), files.push_back(std::string(picture) + ".svg");
  BOOST_TEST(dir.files() == files);
}

BOOST_AUTO_TEST_CASE(fashion_mnist_cnn_says_how_to_install_missing_data) {
  test_util::TempDir dir;
  const Finished done = run_to_end(program("fashion_mnist_cnn") + " " + dir.path.string() + " " + dir.path.string());
  BOOST_TEST(done.status == 1);
  BOOST_TEST(done.printed.find("apt-get install dataset-fashion-mnist") != std::string::npos, done.printed);
  BOOST_TEST(dir.files().empty());
  BOOST_TEST(run_to_end(program("fashion_mnist_cnn") + " --help").status == 0);
}
