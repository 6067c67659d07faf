// fashion_mnist_cnn: a convolutional network learns to tell ten kinds of clothing apart.
//
//   fashion_mnist_cnn [OUTPUT_FOLDER] [DATA_FOLDER] [EPOCHS]
//
// The data: Fashion-MNIST (Zalando, 2017), 60,000 training and 10,000 test images of 28x28
// grey pixels in ten classes, as Debian's package dataset-fashion-mnist installs them
// (/usr/share/datasets/fashion-mnist, the MNIST file format, gzipped; install it with
// `sudo apt-get install dataset-fashion-mnist`). xg::data::datasets::MNIST reads them.
//
// The model, written as a module of our own (what most programs do):
//   Conv2d(1, 16, 5, padding 2) - ReLU - MaxPool 2     [N, 16, 14, 14]  16 filters see 5x5 pixels
//   Conv2d(16, 32, 3, padding 1) - ReLU - MaxPool 2    [N, 32, 7, 7]    32 filters see 10x10 pixels
//   Flatten - Dropout(0.25) - Linear(1568, 10)         class scores
// trained with Adam (lr 0.001) on the cross-entropy loss, in shuffled mini-batches of 64, for
// 3 epochs (about 90% test accuracy). After every epoch it prints the training loss and the
// test loss and accuracy, then it saves a checkpoint, reloads it into a fresh model, and draws
// four pictures into OUTPUT_FOLDER (default: the current folder):
//   fashion_curves      the training loss (mean of every 100 batches), the test loss and accuracy per epoch
//   fashion_predictions 32 test images, each captioned with the predicted class (red when wrong)
//   fashion_confusion   how often each true class (rows) was predicted as each class (columns)
//   fashion_filters     the 16 filters the first layer learned

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
namespace nn = xg::nn;
namespace viz = xg::viz;
namespace data = xg::data;

// The model: two convolutions with pooling, then one linear layer.
struct FashionNetImpl : nn::Module {
  FashionNetImpl()
      : conv1(register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, 16, 5).padding(2)))),
        conv2(register_module("conv2", nn::Conv2d(nn::Conv2dOptions(16, 32, 3).padding(1)))),
        dropout(register_module("dropout", nn::Dropout(0.25))),
        fc(register_module("fc", nn::Linear(32 * 7 * 7, 10))) {}

  Tensor forward(Tensor x) {                                 // x: [N, 1, 28, 28]
    x = xg::max_pool2d(xg::relu(conv1->forward(x)), 2);      // [N, 16, 14, 14]
    x = xg::max_pool2d(xg::relu(conv2->forward(x)), 2);      // [N, 32, 7, 7]
    return fc->forward(dropout->forward(x.flatten(1)));      // [N, 10]
  }

  nn::Conv2d conv1;
  nn::Conv2d conv2;
  nn::Dropout dropout;
  nn::Linear fc;
};
XG_MODULE(FashionNet);

namespace {

const char* const kClasses[] = {"T-shirt/top", "trouser", "pullover", "dress", "coat",
                                "sandal",      "shirt",   "sneaker",  "bag",   "ankle boot"};
const char* const kPackageFolder = "/usr/share/datasets/fashion-mnist";
// The training images' mean and standard deviation: inputs are standardised with them.
constexpr double kMean = 0.2860, kStd = 0.3530;


// The data set from `folder`, standardised, examples stacked into batches.
auto standardised(const std::string& folder, data::datasets::MNIST::Mode mode) {
  return data::datasets::MNIST(folder, mode)
      .map(data::transforms::Normalize<>(kMean, kStd))
      .map(data::transforms::Stack<>());
}

struct TestResult {
  double loss = 0, accuracy = 0;
  Tensor confusion;  // [10, 10]: row = true class, column = predicted class
};

template <class Loader>
TestResult evaluate(FashionNet& model, Loader& loader) {
  xg::NoGradGuard no_grad;
  model->eval();
  TestResult result;
  result.confusion = xg::zeros({10, 10}, xg::kLong);
  int64_t seen = 0;
  for (const auto& batch : loader) {
    const Tensor& target = batch.target;
    const Tensor scores = model->forward(batch.data);
    result.loss += nn::functional::cross_entropy(scores, target,
                                                 nn::functional::CrossEntropyFuncOptions().reduction(xg::kSum))
                       .item<double>();
    result.confusion.index_put_({target, scores.argmax(1)}, xg::ones({target.size(0)}, xg::kLong),
                                /*accumulate=*/true);
    seen += target.size(0);
  }
  model->train();
  result.loss /= static_cast<double>(seen);
  result.accuracy = static_cast<double>(result.confusion.diagonal().sum().item<int64_t>()) / static_cast<double>(seen);
  return result;
}

void draw_curves(const std::vector<double>& batch_x, const std::vector<double>& batch_loss,
                 const std::vector<double>& epoch_x, const std::vector<double>& test_loss,
                 const std::vector<double>& test_accuracy, const std::string& stem) {
  viz::Figure()
      .title("Fashion-MNIST: loss and test accuracy while training")
      .xlabel("epoch")
      .ylabel("cross-entropy loss / accuracy")
      .yrange(0, std::max({1.0, *std::max_element(batch_loss.begin(), batch_loss.end()),
                           *std::max_element(test_loss.begin(), test_loss.end())}))
      .key("right center")
      .line(batch_x, batch_loss, "training loss (running mean)")
      .path(epoch_x, test_loss, "test loss")
      .path(epoch_x, test_accuracy, "test accuracy")
      .save(stem);
}

void draw_predictions(const Tensor& images, const Tensor& predicted, const Tensor& truth, const std::string& stem) {
  const viz::ImageGrid grid = viz::image_grid(images, /*columns=*/8, /*gap=*/8);
  viz::Figure figure;
  figure.size(1000, 620).title("test images: predicted class (red when wrong: the true class in brackets)");
  figure.heatmap(grid.cells);
  for (int64_t i = 0; i < images.size(0); ++i) {
    const int64_t p = predicted[i].item<int64_t>(), t = truth[i].item<int64_t>();
    const auto [x, y] = grid.caption_position(i);
    figure.text(x, y, p == t ? kClasses[p] : std::string(kClasses[p]) + " (" + kClasses[t] + ")",
                p == t ? "#2ca02c" : "#d62728");
  }
  figure.save(stem);
}

void draw_confusion(const Tensor& confusion, const std::string& stem) {
  std::vector<std::vector<double>> cells(10, std::vector<double>(10));
  viz::Figure figure;
  figure.size(760, 700).title("confusion matrix: true class (rows) predicted as (columns)");
  for (int64_t r = 0; r < 10; ++r)
    for (int64_t c = 0; c < 10; ++c) {
      const int64_t count = confusion[r][c].item<int64_t>();
      cells[r][c] = static_cast<double>(count);
      if (count > 0) figure.text(c, r, std::to_string(count), count > 500 ? "white" : "black");
    }
  const std::vector<std::string> names(std::begin(kClasses), std::end(kClasses));
  figure.heatmap(cells, "blues").xtick_labels(names).ytick_labels(names).save(stem);
}

void draw_filters(const Tensor& weight, const std::string& stem) {
  const viz::ImageGrid grid = viz::image_grid(weight, /*columns=*/8, /*gap=*/1);
  viz::Figure().size(800, 240).title("the 16 first-layer filters (5x5, dark = negative weight)").heatmap(grid.cells).save(stem);
}

}  // namespace

// Trains for `epochs`, prints the results, saves the checkpoint and draws the pictures into `out`.
int train(const std::string& out, const std::string& folder, int epochs) {
  xg::manual_seed(0);
  auto train_set = standardised(folder, data::datasets::MNIST::Mode::kTrain);
  const int64_t train_size = static_cast<int64_t>(train_set.size().value());
  auto train_loader = data::make_data_loader<data::samplers::RandomSampler>(std::move(train_set),
                                                                            data::DataLoaderOptions(64).workers(1));
  auto test_loader = data::make_data_loader(standardised(folder, data::datasets::MNIST::Mode::kTest),
                                            data::DataLoaderOptions(1000));
  FashionNet model;
  xg::optim::Adam optimizer(model->parameters(), xg::optim::AdamOptions(0.001));
  std::printf("Fashion-MNIST: %lld training images; model:\n", static_cast<long long>(train_size));
  std::cout << *model << "\n";

  std::vector<double> batch_x, batch_loss, epoch_x, test_losses, test_accuracies;
  const int64_t batches_per_epoch = (train_size + 63) / 64;
  const int64_t log_every = std::min<int64_t>(100, batches_per_epoch);  // a point on the curve per 100 batches
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    viz::ProgressBar bar(batches_per_epoch, viz::ProgressOptions().label("epoch " + std::to_string(epoch)));
    double running = 0, epoch_loss = 0;
    int64_t batch_index = 0;
    for (auto& batch : *train_loader) {
      optimizer.zero_grad();
      Tensor loss = nn::functional::cross_entropy(model->forward(batch.data), batch.target);
      loss.backward();
      optimizer.step();
      const double value = loss.item<double>();
      running += value;
      epoch_loss += value;
      if (++batch_index % log_every == 0) {
        batch_x.push_back(epoch - 1 + static_cast<double>(batch_index) / batches_per_epoch);
        batch_loss.push_back(running / log_every);
        running = 0;
      }
      bar.update(1, {{"loss", value}});
    }
    bar.finish();
    const TestResult test = evaluate(model, *test_loader);
    epoch_x.push_back(epoch);
    test_losses.push_back(test.loss);
    test_accuracies.push_back(test.accuracy);
    std::printf("epoch %d  training loss %.4f  test loss %.4f  test accuracy %.4f\n", epoch,
                epoch_loss / batch_index, test.loss, test.accuracy);
  }

  // A checkpoint, reloaded into a fresh model, must give the same test accuracy.
  const std::string checkpoint = out + "/fashion_cnn.npz";
  xg::save(model, checkpoint);
  FashionNet restored;
  xg::load(restored, checkpoint);
  const TestResult final_test = evaluate(model, *test_loader), restored_test = evaluate(restored, *test_loader);
  std::printf("checkpoint %s reloaded: test accuracy %.4f (%s)\n", checkpoint.c_str(), restored_test.accuracy,
              restored_test.accuracy == final_test.accuracy ? "the same" : "DIFFERENT");

  // Pictures: the first 32 test images with their predictions, the confusion matrix, the filters.
  auto test_images = data::datasets::MNIST(folder, data::datasets::MNIST::Mode::kTest);
  const Tensor images = test_images.images_uint8().slice(0, 0, 32).to(xg::kFloat) / 255.0;
  const Tensor truth = test_images.targets().slice(0, 0, 32);
  Tensor predicted;
  {
    xg::NoGradGuard no_grad;
    model->eval();
    predicted = model->forward((images - kMean) / kStd).argmax(1);
  }
  draw_curves(batch_x, batch_loss, epoch_x, test_losses, test_accuracies, out + "/fashion_curves");
  draw_predictions(images, predicted, truth, out + "/fashion_predictions");
  draw_confusion(final_test.confusion, out + "/fashion_confusion");
  draw_filters(model->conv1->weight, out + "/fashion_filters");
  std::printf("pictures: fashion_curves, fashion_predictions, fashion_confusion, fashion_filters (.svg and .png)\n");
  return restored_test.accuracy == final_test.accuracy ? 0 : 1;
}

int main(int argc, char** argv) {
  const std::string first = argc > 1 ? argv[1] : ".";
  if (first == "--help" || first == "-h") {
    std::printf("usage: fashion_mnist_cnn [OUTPUT_FOLDER] [DATA_FOLDER (default %s)] [EPOCHS (default 3)]\n",
                kPackageFolder);
    return 0;
  }
  const std::string out = first;
  const std::string folder = argc > 2 ? argv[2] : kPackageFolder;
  const int epochs = argc > 3 ? std::atoi(argv[3]) : 3;
  if (epochs < 1) {
    std::fprintf(stderr, "EPOCHS must be a whole number of at least 1 (got %s)\n", argv[3]);
    return 1;
  }
  if (!std::ifstream(folder + "/train-images-idx3-ubyte.gz") && !std::ifstream(folder + "/train-images-idx3-ubyte")) {
    std::fprintf(stderr,
                 "Fashion-MNIST is not in %s.\nInstall Debian's package with `sudo apt-get install "
                 "dataset-fashion-mnist`, or give the folder that holds the four IDX files as the second argument.\n",
                 folder.c_str());
    return 1;
  }
  if (!std::filesystem::is_directory(out)) {
    std::fprintf(stderr, "the output folder %s does not exist\n", out.c_str());
    return 1;
  }

  try {
    return train(out, folder, epochs);
  } catch (const xg::Error& error) {  // unreadable data files, a picture that cannot be written, ...
    std::fprintf(stderr, "fashion_mnist_cnn: %s\n", error.what());
    return 1;
  }
}
