// Peak memory and time of reading an MNIST-format set and loading one epoch of it in batches,
// written against LibTorch's API so that the same file builds against both libraries:
//
//   xgrad:    build/benchmarks/mnist_memory DIR        (target mnist_memory, xgrad::torch)
//   LibTorch: g++ -std=c++17 -O2 benchmarks/mnist_memory.cpp -I/usr/include/torch/csrc/api/include \
//                 -ltorch -ltorch_cpu -lc10 -o mnist_memory_libtorch && ./mnist_memory_libtorch DIR
//
// DIR holds the four IDX files; LibTorch reads only uncompressed files of exactly 60,000/10,000
// examples (e.g. Debian's dataset-fashion-mnist, /usr/share/datasets/fashion-mnist, gunzipped).
// Prints the examples, the sum of all normalized pixels (the two libraries must agree), the
// seconds for reading and for the epoch, and the peak resident set size (getrusage).

#include <torch/torch.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : "./data";
  auto start = std::chrono::steady_clock::now();
  auto dataset = torch::data::datasets::MNIST(root)
                     .map(torch::data::transforms::Normalize<>(0.1307, 0.3081))
                     .map(torch::data::transforms::Stack<>());
  const double read_seconds = seconds_since(start);
  const size_t examples = dataset.size().value();
  auto loader = torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(std::move(dataset), 64);

  start = std::chrono::steady_clock::now();
  double sum = 0;
  int64_t batches = 0;
  for (auto& batch : *loader) {
    sum += batch.data.sum().item<double>();
    ++batches;
  }
  std::printf("examples %zu batches %ld pixel_sum %.6e read_s %.3f epoch_s %.3f peak_rss_mb %.1f\n", examples,
              static_cast<long>(batches), sum, read_seconds, seconds_since(start), peak_rss_mb());
}
