// Fuzz target: corrupted MNIST files for xg::data::datasets::MNIST.
//
// The input is a pair of IDX files: byte 0 says which of them are named .gz (bit 0 the images,
// bit 1 the labels; zlib then inflates them if they are gzip data, else reads them as they are),
// bytes 1-2 (little-endian) how many of the remaining bytes are the images file; the rest is the
// labels file. Invariants: no crash, no sanitizer report, every failure an xg::Error starting
// with "[MNIST]"; a set that loads has as many labels as images, labels in 0..9 and pixels in [0, 1].

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "fuzz_util.h"

namespace {

using namespace xg;

/// One folder per process, so parallel fuzzing jobs do not share it; removed at exit.
struct ScratchDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("xgrad_idx_fuzz_" + std::to_string(::getpid()));
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

const std::filesystem::path& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

void write(const std::string& name, const uint8_t* data, size_t size) {
  std::ofstream(scratch_dir() / name, std::ios::binary).write(reinterpret_cast<const char*>(data),
                                                              static_cast<std::streamsize>(size));
}

void run(const uint8_t* data, size_t size) {
  xg::fuzz::ByteReader header(data, std::min<size_t>(size, 3));
  const uint8_t gz = header.byte();
  const size_t images_size = header.byte() | size_t{header.byte()} << 8;
  const uint8_t* rest = data + std::min<size_t>(size, 3);
  const size_t rest_size = size - std::min<size_t>(size, 3);
  const size_t split = std::min(images_size, rest_size);

  std::filesystem::remove_all(scratch_dir());
  std::filesystem::create_directories(scratch_dir());
  write(std::string("train-images-idx3-ubyte") + (gz & 1 ? ".gz" : ""), rest, split);
  write(std::string("train-labels-idx1-ubyte") + (gz & 2 ? ".gz" : ""), rest + split, rest_size - split);

  data::datasets::MNIST mnist(scratch_dir().string());
  const int64_t n = static_cast<int64_t>(mnist.size().value());
  if (mnist.images_uint8().size(0) != n || mnist.targets().size(0) != n) xg::fuzz::finding("counts differ");
  if (n == 0) return;
  if (mnist.targets().min().item<int64_t>() < 0 || mnist.targets().max().item<int64_t>() > 9)
    xg::fuzz::finding("a label outside 0..9");
  const Tensor last = mnist.get(static_cast<size_t>(n - 1)).data;
  if (last.min().item<float>() < 0 || last.max().item<float>() > 1) xg::fuzz::finding("a pixel outside [0, 1]");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    run(data, size);
  } catch (const xg::Error& e) {
    xg::fuzz::check_error_message(e);
    if (std::string(e.what()).rfind("[MNIST] ", 0) != 0) xg::fuzz::finding("an error not from [MNIST]");
  } catch (const std::exception& e) {
    xg::fuzz::unexpected_exception(e);
  }
  return 0;
}
