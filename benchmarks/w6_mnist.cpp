// W6, a small CNN trained on Fashion-MNIST: the network and training loop of PyTorch's C++
// MNIST example (pytorch/examples, cpp/mnist), written against LibTorch's API so that the same
// file builds against LibTorch and against xgrad::torch (tools/bench_w6.py builds and runs both).
//   manual_seed(1); Conv2d(1,10,5) -> max_pool2d 2 -> relu -> Conv2d(10,20,5) -> Dropout2d
//   -> max_pool2d 2 -> relu -> Linear(320,50) -> relu -> dropout 0.5 -> Linear(50,10) -> log_softmax;
//   nll_loss; SGD(lr 0.01, momentum 0.5); batch 64 in the data set's order; test batch 1000.
//
//   w6_mnist DATA_DIR [t1|t2]      EPOCHS=1 by default
//
// DATA_DIR holds the four IDX files (train-images-idx3-ubyte, ...; LibTorch reads them
// uncompressed and only at the full 60,000/10,000 images). Prints, per epoch, the seconds of
// the training pass and of the test pass, the test loss and accuracy; then the peak resident
// memory; the last line is the results as JSON.

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sys/resource.h>

struct Net : torch::nn::Module {
  Net()
      : conv1(torch::nn::Conv2dOptions(1, 10, 5)),
        conv2(torch::nn::Conv2dOptions(10, 20, 5)),
        fc1(320, 50),
        fc2(50, 10) {
    register_module("conv1", conv1);
    register_module("conv2", conv2);
    register_module("conv2_drop", conv2_drop);
    register_module("fc1", fc1);
    register_module("fc2", fc2);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(torch::max_pool2d(conv1->forward(x), 2));
    x = torch::relu(torch::max_pool2d(conv2_drop->forward(conv2->forward(x)), 2));
    x = torch::relu(fc1->forward(x.view({-1, 320})));
    x = torch::dropout(x, /*p=*/0.5, /*train=*/is_training());
    return torch::log_softmax(fc2->forward(x), /*dim=*/1);
  }

  torch::nn::Conv2d conv1;
  torch::nn::Conv2d conv2;
  torch::nn::Dropout2d conv2_drop;
  torch::nn::Linear fc1;
  torch::nn::Linear fc2;
};

static double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: w6_mnist DATA_DIR [t1|t2]\n");
    return 2;
  }
  const std::string root = argv[1];
  const std::string config = argc > 2 ? argv[2] : "t1";
  if (config != "t1" && config != "t2") {
    std::fprintf(stderr, "unknown thread configuration %s (use t1 or t2)\n", config.c_str());
    return 2;
  }
  torch::set_num_threads(config == "t1" ? 1 : 2);
  const char* epochs_setting = std::getenv("EPOCHS");
  const int epochs = epochs_setting ? std::atoi(epochs_setting) : 1;

  torch::manual_seed(1);
  Net model;
  auto train_set = torch::data::datasets::MNIST(root)
                       .map(torch::data::transforms::Normalize<>(0.1307, 0.3081))
                       .map(torch::data::transforms::Stack<>());
  const size_t train_size = train_set.size().value();
  auto train_loader =
      torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(std::move(train_set), 64);
  auto test_set = torch::data::datasets::MNIST(root, torch::data::datasets::MNIST::Mode::kTest)
                      .map(torch::data::transforms::Normalize<>(0.1307, 0.3081))
                      .map(torch::data::transforms::Stack<>());
  const size_t test_size = test_set.size().value();
  auto test_loader = torch::data::make_data_loader(std::move(test_set), 1000);
  torch::optim::SGD optimizer(model.parameters(), torch::optim::SGDOptions(0.01).momentum(0.5));

  std::vector<double> train_seconds, test_seconds, accuracies;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    model.train();
    for (auto& batch : *train_loader) {
      optimizer.zero_grad();
      auto loss = torch::nll_loss(model.forward(batch.data), batch.target);
      loss.backward();
      optimizer.step();
    }
    train_seconds.push_back(seconds_since(start));

    start = std::chrono::steady_clock::now();
    torch::NoGradGuard no_grad;
    model.eval();
    double test_loss = 0;
    int64_t correct = 0;
    for (const auto& batch : *test_loader) {
      auto output = model.forward(batch.data);
      test_loss += torch::nll_loss(output, batch.target, /*weight=*/{}, torch::Reduction::Sum).item<double>();
      correct += output.argmax(1).eq(batch.target).sum().item<int64_t>();
    }
    test_seconds.push_back(seconds_since(start));
    accuracies.push_back(static_cast<double>(correct) / test_size);
    std::printf("epoch %d: train %.2f s (%zu images), test %.2f s, test loss %.4f, accuracy %.4f\n", epoch,
                train_seconds.back(), train_size, test_seconds.back(), test_loss / test_size, accuracies.back());
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_rss_mib = usage.ru_maxrss / 1024.0;
  std::printf("peak RSS %.1f MiB\n", peak_rss_mib);

  auto list = [](const std::vector<double>& values) {
    std::string text = "[";
    for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + std::to_string(values[i]);
    return text + "]";
  };
  std::printf("{\"W6\": {\"config\": \"%s\", \"train_s\": %s, \"test_s\": %s, \"accuracy\": %s, \"peak_rss_mib\": %.1f}}\n",
              config.c_str(), list(train_seconds).c_str(), list(test_seconds).c_str(), list(accuracies).c_str(),
              peak_rss_mib);
}
