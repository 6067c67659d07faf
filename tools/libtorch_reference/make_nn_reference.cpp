// Writes the reference data of tests/test_nn_libtorch.cpp from LibTorch: the
// result of every case of tests/nn_cases.h.
//
//   make_nn_reference [output directory]     (default: the repository's tests/data)

#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <string>

namespace lib = torch;
#define LIB_MODULE TORCH_MODULE
#include "nn_cases.h"

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : XGRAD_TEST_DATA_DIR;
  const std::string path = dir + "/nn_libtorch_reference.txt";
  std::ofstream out(path, std::ios::binary);
  out << "# LibTorch " << TORCH_VERSION << " results of each case of tests/nn_cases.h.\n"
      << "# Written by tools/libtorch_reference/make_nn_reference; do not edit. Each case is a line\n"
      << "# \"=== <name> text|numbers\", then the case's output, then a newline.\n";
  int count = 0;
  for (const nn_cases::Case& c : nn_cases::all()) {
    out << "=== " << c.name << (c.numbers ? " numbers" : " text") << '\n' << c.run() << '\n';
    ++count;
  }
  std::cout << path << ": " << count << " cases\n";
  return 0;
}
