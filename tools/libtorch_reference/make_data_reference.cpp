// Writes tests/data/data_reference.txt from LibTorch 1.13's torch::data: the batches each case
// of tests/data_cases.h sees (samplers, loaders, transforms). tests/test_data.cpp runs the same
// cases on xgrad and compares.
//
//   make_data_reference [output directory]     (default: the repository's tests/data)

#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <string>

namespace lib = torch;
#include "data_cases.h"

int main(int argc, char** argv) {
  const std::string path = std::string(argc > 1 ? argv[1] : XGRAD_TEST_DATA_DIR) + "/data_reference.txt";
  std::ofstream out(path, std::ios::binary);
  out << "# LibTorch " << TORCH_VERSION << " batches for each case of tests/data_cases.h.\n"
      << "# Written by tools/libtorch_reference/make_data_reference; do not edit. Each case is a line\n"
      << "# \"=== <name>\", then the exact text, then a newline.\n";
  int count = 0;
  for (const data_cases::Case& c : data_cases::all()) {
    out << "=== " << c.name << '\n' << c.run() << '\n';
    ++count;
  }
  std::cout << path << ": " << count << " cases\n";
}
