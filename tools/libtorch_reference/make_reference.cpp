// Writes the reference data of tests/test_print.cpp and tests/test_random.cpp
// from LibTorch: the text LibTorch prints for each case of tests/print_cases.h,
// and the numbers its CPU generator gives for each case of tests/random_cases.h.
// The test programs run the same cases on xgrad and compare.
//
//   make_reference [output directory]     (default: the repository's tests/data)

#include <torch/torch.h>

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace lib = torch;
#include "print_cases.h"
#include "random_cases.h"

namespace {

void write_print_reference(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << "# LibTorch " << TORCH_VERSION << " output of `std::ostream << x` for each case of tests/print_cases.h.\n"
      << "# Written by tools/libtorch_reference/make_reference; do not edit. Each case is a line\n"
      << "# \"=== <name>\", then the exact text, then a newline.\n";
  int count = 0;
  for (const print_cases::Case& c : print_cases::all()) {
    out << "=== " << c.name << '\n' << c.run() << '\n';
    ++count;
  }
  std::cout << path << ": " << count << " cases\n";
}

std::string sizes_field(const torch::Tensor& t) {
  if (t.dim() == 0) return "-";
  std::string s;
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? "," : "") + std::to_string(t.size(i));
  return s;
}

void write_random_reference(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << "# LibTorch " << TORCH_VERSION << " CPU generator values for each case of tests/random_cases.h.\n"
      << "# Written by tools/libtorch_reference/make_reference; do not edit. Format: see random_cases.h.\n";
  int count = 0;
  char number[64];
  for (const random_cases::Case& c : random_cases::all()) {
    const std::vector<torch::Tensor> tensors = c.run();
    out << "case " << c.name << ' ' << tensors.size() << '\n';
    for (size_t i = 0; i < tensors.size(); ++i) {
      const torch::Tensor& t = tensors[i];
      const std::vector<double> values = random_cases::as_doubles(t);
      const std::vector<int64_t> listed = random_cases::listed_positions(t.numel());
      std::snprintf(number, sizeof number, "%016" PRIx64, random_cases::fingerprint(values));
      out << "tensor " << i << ' ' << t.toString() << ' ' << sizes_field(t) << ' ' << t.numel() << ' ' << number
          << ' ' << listed.size();
      for (int64_t p : listed) {
        std::snprintf(number, sizeof number, "%.17g", values[static_cast<size_t>(p)]);
        out << ' ' << number;
      }
      out << '\n';
    }
    ++count;
  }
  std::cout << path << ": " << count << " cases\n";
}

// The W3/W4 cases model nn::Linear's default init with random_cases::linear_init;
// check that model against the real torch::nn::Linear before writing its numbers.
bool linear_init_matches_torch() {
  for (auto [in, out] : {std::pair<int64_t, int64_t>{100, 1}, {784, 256}, {256, 10}}) {
    torch::manual_seed(1);
    torch::nn::Linear linear(in, out);
    torch::manual_seed(1);
    std::vector<torch::Tensor> model = random_cases::linear_init(in, out);
    if (!torch::equal(linear->weight, model[0]) || !torch::equal(linear->bias, model[1])) {
      std::cerr << "linear_init(" << in << ", " << out << ") differs from torch::nn::Linear\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : XGRAD_TEST_DATA_DIR;
  if (!linear_init_matches_torch()) return 1;
  write_print_reference(dir + "/print_reference.txt");
  write_random_reference(dir + "/random_reference.txt");
  return 0;
}
