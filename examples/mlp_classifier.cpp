// mlp_classifier: a small neural network learns to tell two interleaved half-moons apart.
//
// The data: 2 x 150 training points (and 2 x 100 test points) on two noisy half
// circles, drawn from xgrad's generator after manual_seed(0). The model:
// Linear(2, 16) - ReLU - Linear(16, 2), trained in float64 with Adam (lr 0.01) on the
// cross-entropy loss, in shuffled mini-batches of 30 from a DataLoader, for 30 epochs.
// It prints the loss and the training accuracy after every epoch (a ProgressBar on
// stderr shows the run), the test accuracy, draws the decision boundary
// (mlp_moons.svg/.png in the folder given as argv[1], or the current one), and saves
// a checkpoint that a freshly made model loads and must predict identically with.
//
// tools/tutorials/mlp_classifier.py runs the same program in PyTorch (the same
// manual_seed, the same draws in the same order, the same batch order) and wrote
// the expected output the tests compare with.

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
namespace nn = xg::nn;
namespace viz = xg::viz;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Two half circles, `per_class` points each: class 0 on the upper one around (0, 0),
// class 1 on the lower one around (1, 0.5), both with Gaussian noise of `noise`.
// Returns features [2 per_class, 2] (float64) and labels [2 per_class] (int64).
std::pair<Tensor, Tensor> two_moons(int64_t per_class, double noise) {
  Tensor t = xg::rand({2, per_class}, xg::kDouble) * kPi;  // angles, one row per class
  Tensor upper = xg::stack({t[0].cos(), t[0].sin()}, 1);
  Tensor lower = xg::stack({1 - t[1].cos(), 0.5 - t[1].sin()}, 1);
  Tensor x = xg::cat({upper, lower}) + noise * xg::randn({2 * per_class, 2}, xg::kDouble);
  Tensor y = xg::cat({xg::zeros({per_class}, xg::kLong), xg::ones({per_class}, xg::kLong)});
  return {x, y};
}

nn::Sequential make_model() {
  // One statement per layer: the order of a call's arguments is unspecified in C++, and the
  // layers must draw their initial weights in order (as torch does) to match its run.
  nn::Linear hidden(2, 16);
  nn::Linear output(16, 2);
  nn::Sequential model(hidden, nn::ReLU(), output);
  model->to(xg::kDouble);  // initialised as torch does (float32 draws), then computed in float64
  return model;
}

// The fraction of points whose most likely class is the label.
double accuracy(nn::Sequential& model, const Tensor& x, const Tensor& y) {
  xg::NoGradGuard no_grad;
  return model->forward(x).argmax(1).eq(y).to(xg::kDouble).mean().item<double>();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string folder = argc > 1 ? argv[1] : ".";
  xg::manual_seed(0);
  auto [x_train, y_train] = two_moons(150, 0.15);
  auto [x_test, y_test] = two_moons(100, 0.15);
  nn::Sequential model = make_model();

  xg::data::TensorDataset dataset({x_train, y_train});
  xg::data::DataLoader<> loader(dataset, xg::data::DataLoaderOptions(30).shuffle(true).seed(0));
  xg::optim::Adam optimizer(model->parameters(), xg::optim::AdamOptions(0.01));
  nn::CrossEntropyLoss criterion;

  const int epochs = 30;
  std::printf("two moons: %lld training points, %lld test points; model %s\n",
              static_cast<long long>(x_train.size(0)), static_cast<long long>(x_test.size(0)),
              "Linear(2, 16) - ReLU - Linear(16, 2)");
  viz::ProgressBar bar(epochs, viz::ProgressOptions().label("epoch"));
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    double loss_sum = 0;
    for (auto& [x, y] : loader) {
      optimizer.zero_grad();
      Tensor loss = criterion(model->forward(x), y);
      loss.backward();
      optimizer.step();
      loss_sum += loss.item<double>() * static_cast<double>(x.size(0));
    }
    const double loss = loss_sum / static_cast<double>(x_train.size(0));
    const double train_accuracy = accuracy(model, x_train, y_train);
    std::printf("epoch %2d  loss %.6f  accuracy %.4f\n", epoch, loss, train_accuracy);
    bar.update(1, {{"loss", loss}, {"accuracy", train_accuracy}});
  }
  bar.finish();
  std::printf("test accuracy %.4f\n", accuracy(model, x_test, y_test));

  // The decision boundary: the background coloured by the predicted class.
  auto classify = [&](double a, double b) {
    xg::NoGradGuard no_grad;
    return static_cast<int>(model->forward(xg::tensor({{a, b}}, xg::kDouble)).argmax(1).item<int64_t>());
  };
  viz::Figure figure;
  figure.title("two moons: decision regions of Linear(2, 16) - ReLU - Linear(16, 2)").xlabel("x1").ylabel("x2")
      .key("outside right")
      .regions(classify, {-1.5, 2.5}, {-1.0, 1.5}, 160);
  std::vector<double> a[2], b[2];  // the training points, by class
  const Tensor xs = x_train.contiguous(), ys = y_train.contiguous();
  for (int64_t i = 0; i < xs.size(0); ++i) {
    const int64_t label = ys.data_ptr<int64_t>()[i];
    a[label].push_back(xs.data_ptr<double>()[2 * i]);
    b[label].push_back(xs.data_ptr<double>()[2 * i + 1]);
  }
  for (int label : {0, 1}) figure.points(a[label], b[label], "class " + std::to_string(label));
  figure.save(folder + "/mlp_moons");

  // A checkpoint, loaded into a freshly made model (other random weights) must predict the same.
  const std::string checkpoint = folder + "/mlp_moons.npz";
  xg::save(model, checkpoint);
  nn::Sequential restored = make_model();
  xg::load(restored, checkpoint);
  xg::NoGradGuard no_grad;
  const Tensor before = model->forward(x_test), after = restored->forward(x_test);
  std::printf("checkpoint reloaded into a fresh model: %s predictions (largest difference %g)\n",
              before.equal(after) ? "identical" : "DIFFERENT", (before - after).abs().max().item<double>());
  std::printf("picture: mlp_moons.svg and .png\n");
  return before.equal(after) ? 0 : 1;
}
