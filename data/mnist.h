#pragma once
// datasets::MNIST: the MNIST (or Fashion-MNIST) images and labels, as torch::data::datasets::MNIST.
//
//   xg::data::datasets::MNIST train("data");                                   // 60,000 examples
//   xg::data::datasets::MNIST test("data", xg::data::datasets::MNIST::Mode::kTest);
//   Example<> e = train.get(0);   // e.data: float [1, 28, 28] in [0, 1]; e.target: int64, 0-d
//
// `root` holds the four IDX files of the set, each plain or gzip-compressed (NAME or NAME.gz):
//   train-images-idx3-ubyte  train-labels-idx1-ubyte  t10k-images-idx3-ubyte  t10k-labels-idx1-ubyte
// An IDX file is a big-endian header (magic number 2049 for labels, 2051 for images; the count;
// for images the rows and columns, 28 each) followed by one byte per label or pixel. Unlike
// LibTorch, which insists on exactly 60,000 / 10,000 examples, any count the header states is
// taken. The images are kept as bytes (a quarter of the memory of floats) and converted to
// float, divided by 255, when an example or a batch is read. Every bad file throws xg::Error
// naming the file and what is wrong: missing, truncated, wrong magic number, wrong image size,
// a label outside 0..9, or image and label counts that differ.

#include <cstddef>
#include <optional>
#include <string>

#include "dataset.h"

namespace xg::data::datasets {

class MNIST : public Dataset<MNIST> {
 public:
  /// The training set (train-*) or the test set (t10k-*).
  enum class Mode { kTrain, kTest };

  /// Reads the images and labels of `mode` from the folder `root`.
  explicit MNIST(const std::string& root, Mode mode = Mode::kTrain);

  /// Example `index`: data float [1, 28, 28] in [0, 1], target int64 0-d.
  Example<> get(size_t index) override;
  std::optional<size_t> size() const override;
  bool is_train() const noexcept { return is_train_; }
  /// All images as float [N, 1, 28, 28] in [0, 1] (converted on each call; LibTorch keeps them so).
  Tensor images() const;
  /// The images as stored: uint8 [N, 1, 28, 28].
  const Tensor& images_uint8() const noexcept { return images_; }
  /// The labels, int64 [N].
  const Tensor& targets() const noexcept { return targets_; }

 private:
  Tensor images_;   // uint8 [N, 1, 28, 28]
  Tensor targets_;  // int64 [N]
  bool is_train_;
};

}  // namespace xg::data::datasets
