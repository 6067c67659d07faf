#include "mnist.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include <zlib.h>

#include "../autograd/tensor/factories.h"

namespace xg::data::datasets {

namespace {

constexpr uint32_t kLabelMagic = 2049;  // 0x00000801: unsigned bytes, 1 dim
constexpr uint32_t kImageMagic = 2051;  // 0x00000803: unsigned bytes, 3 dims
constexpr uint32_t kImageSide = 28;

/// The bytes of `path`, or of `path`.gz uncompressed (zlib reads a plain file as it is).
std::vector<uint8_t> read_file(const std::string& path, std::string& used_path) {
  used_path = path;
  if (!std::ifstream(used_path).good()) used_path = path + ".gz";
  XG_CHECK(std::ifstream(used_path).good(), "MNIST", "'", path, "' not found (nor '", path, ".gz')");
  gzFile file = gzopen(used_path.c_str(), "rb");
  XG_CHECK(file != nullptr, "MNIST", "'", used_path, "' cannot be opened");
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  int n = 0;
  while ((n = gzread(file, chunk, sizeof chunk)) > 0) bytes.insert(bytes.end(), chunk, chunk + n);
  // A gzip stream cut short still reads up to the cut; gzerror then says Z_BUF_ERROR.
  int status = Z_OK;
  const std::string message = gzerror(file, &status);
  gzclose(file);
  XG_CHECK(n == 0 && status == Z_OK, "MNIST", "'", used_path, "' is not a readable gzip file: ", message);
  return bytes;
}

/// The big-endian 32-bit number at `offset`.
uint32_t big_endian(const std::vector<uint8_t>& bytes, size_t offset) {
  return uint32_t{bytes[offset]} << 24 | uint32_t{bytes[offset + 1]} << 16 | uint32_t{bytes[offset + 2]} << 8 |
         uint32_t{bytes[offset + 3]};
}

/// An IDX file's header: checks its magic number and returns the `dims` sizes it states.
std::vector<uint32_t> read_header(const std::vector<uint8_t>& bytes, const std::string& path, uint32_t magic,
                                  size_t dims) {
  const size_t header = 4 * (1 + dims);
  XG_CHECK(bytes.size() >= header, "MNIST", "'", path, "' is truncated: ", bytes.size(),
           " bytes, fewer than its ", header, "-byte header");
  XG_CHECK(big_endian(bytes, 0) == magic, "MNIST", "'", path, "' has the magic number ", big_endian(bytes, 0),
           ", expected ", magic, " (", magic == kImageMagic ? "images" : "labels", ")");
  std::vector<uint32_t> sizes;
  for (size_t d = 0; d < dims; ++d) sizes.push_back(big_endian(bytes, 4 * (1 + d)));
  return sizes;
}

/// Checks that the body after the header is exactly `expected` bytes.
void check_body(const std::vector<uint8_t>& bytes, size_t header, uint64_t expected, const std::string& path) {
  const uint64_t body = bytes.size() - header;
  XG_CHECK(body >= expected, "MNIST", "'", path, "' is truncated: its header states ", expected,
           " bytes of data, the file has ", body);
  XG_CHECK(body == expected, "MNIST", "'", path, "' has ", body - expected, " bytes after the ", expected,
           " bytes of data its header states");
}

}  // namespace

MNIST::MNIST(const std::string& root, Mode mode) : is_train_(mode == Mode::kTrain) {
  const std::string prefix = root + "/" + (is_train_ ? "train" : "t10k");
  std::string images_path, labels_path;
  const std::vector<uint8_t> images = read_file(prefix + "-images-idx3-ubyte", images_path);
  const std::vector<uint8_t> labels = read_file(prefix + "-labels-idx1-ubyte", labels_path);

  const std::vector<uint32_t> image_sizes = read_header(images, images_path, kImageMagic, 3);
  const uint32_t count = image_sizes[0];
  XG_CHECK(image_sizes[1] == kImageSide && image_sizes[2] == kImageSide, "MNIST", "'", images_path, "' holds ",
           image_sizes[1], "x", image_sizes[2], " images, expected ", kImageSide, "x", kImageSide);
  check_body(images, 16, uint64_t{count} * kImageSide * kImageSide, images_path);

  const uint32_t label_count = read_header(labels, labels_path, kLabelMagic, 1)[0];
  XG_CHECK(label_count == count, "MNIST", "'", labels_path, "' has ", label_count, " labels but '", images_path,
           "' has ", count, " images");
  check_body(labels, 8, count, labels_path);
  for (uint32_t i = 0; i < count; ++i) {
    XG_CHECK(labels[8 + i] <= 9, "MNIST", "'", labels_path, "': label ", i, " is ", int{labels[8 + i]},
             ", outside 0..9");
  }

  const auto n = static_cast<int64_t>(count);
  images_ = empty({n, 1, kImageSide, kImageSide}, kByte);
  if (n > 0) std::memcpy(images_.data_ptr(), images.data() + 16, images.size() - 16);  // an empty tensor has no data
  targets_ = empty({n}, kLong);
  auto* target = static_cast<int64_t*>(targets_.data_ptr());
  for (int64_t i = 0; i < n; ++i) target[i] = labels[8 + static_cast<size_t>(i)];
}

Example<> MNIST::get(size_t index) {
  XG_CHECK(index < static_cast<size_t>(targets_.numel()), "MNIST", "index ", index,
           " is out of range for a dataset of ", targets_.numel(), " examples");
  const auto i = static_cast<int64_t>(index);
  return {images_[i].to(kFloat32).div_(255), targets_[i]};
}

std::optional<size_t> MNIST::size() const { return static_cast<size_t>(targets_.numel()); }

Tensor MNIST::images() const { return images_.to(kFloat32).div_(255); }

}  // namespace xg::data::datasets
