#pragma once
// The torch::data cases, shared word for word by tests/test_data.cpp (run on xgrad) and
// tools/libtorch_reference/make_data_reference.cpp (run on LibTorch, which writes
// tests/data/data_reference.txt). Before including this file, say which library `lib` is:
// namespace lib = xg;  or  namespace lib = torch;
//
// Each case returns the text of what it saw: the index batches a sampler handed out, or the
// batches a loader made, one line each, passes separated by "|". The reference file holds each
// case as a line "=== <name>", then its text, then a newline.

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace data_cases {

struct Case {
  std::string name;
  std::function<std::string()> run;
};

/// Every batch a sampler hands out in each of `passes` passes (reset before each, to new_size
/// samples unless it is 0).
template <typename Sampler>
std::string drain(Sampler& sampler, size_t batch_size, int passes, size_t new_size = 0) {
  std::string text;
  for (int pass = 0; pass < passes; ++pass) {
    if (new_size > 0) sampler.reset(new_size); else sampler.reset();
    while (auto batch = sampler.next(batch_size)) {
      for (size_t index : *batch) text += std::to_string(index) + " ";
      text += "\n";
    }
    text += "|\n";
  }
  return text;
}

/// The values of a tensor, %.9g each (enough for float32 to round-trip).
inline std::string values(const lib::Tensor& t) {
  lib::Tensor d = t.to(lib::kDouble).contiguous().reshape({-1});
  std::string text;
  char buffer[32];
  for (int64_t i = 0; i < d.numel(); ++i) {
    std::snprintf(buffer, sizeof buffer, "%.9g ", d[i].template item<double>());
    text += buffer;
  }
  return text;
}

/// Example i is data i / 4 (float, [2]: i / 4 and -i / 4) and target i (int64).
class Numbers : public lib::data::datasets::Dataset<Numbers> {
 public:
  explicit Numbers(size_t size) : size_(size) {}
  lib::data::Example<> get(size_t index) override {
    const double x = static_cast<double>(index) / 4;
    return {lib::tensor({x, -x}, lib::kFloat), lib::tensor(static_cast<int64_t>(index))};
  }
  lib::optional<size_t> size() const override { return size_; }

 private:
  size_t size_;
};

/// Every batch of `passes` passes of a loader whose batches are Example<>s.
template <typename Loader>
std::string batches(Loader& loader, int passes) {
  std::string text;
  for (int pass = 0; pass < passes; ++pass) {
    for (auto& batch : loader) text += "data " + values(batch.data) + "target " + values(batch.target) + "\n";
    text += "|\n";
  }
  return text;
}

inline std::vector<Case> all() {
  namespace samplers = lib::data::samplers;
  namespace transforms = lib::data::transforms;
  std::vector<Case> cases;
  const auto add = [&](std::string name, std::function<std::string()> run) { cases.push_back({name, run}); };

  // RandomSampler: its constructor draws a permutation, every reset draws a new one.
  for (uint64_t seed : {0, 7}) {
    for (int64_t n : {1, 10, 100}) {
      add("random_sampler_seed" + std::to_string(seed) + "_n" + std::to_string(n), [=] {
        lib::manual_seed(seed);
        samplers::RandomSampler sampler(n);
        return drain(sampler, 32, 3);
      });
    }
  }
  add("random_sampler_new_size", [] {
    lib::manual_seed(1);
    samplers::RandomSampler sampler(10);
    return drain(sampler, 3, 2, 6);
  });
  add("random_sampler_int32", [] {
    lib::manual_seed(2);
    samplers::RandomSampler sampler(12, lib::kInt32);
    return drain(sampler, 5, 2);
  });
  add("sequential_sampler", [] {
    samplers::SequentialSampler sampler(7);
    return drain(sampler, 3, 2) + drain(sampler, 3, 1, 4);
  });
  for (bool duplicates : {true, false}) {
    for (size_t replicas : {1, 3, 4}) {
      for (size_t rank = 0; rank < replicas; ++rank) {
        const std::string suffix = "_n10_r" + std::to_string(replicas) + "_" + std::to_string(rank) +
                                   (duplicates ? "_duplicates" : "");
        add("distributed_random" + suffix, [=] {
          samplers::DistributedRandomSampler sampler(10, replicas, rank, duplicates);
          std::string text;
          for (size_t epoch : {0, 1, 5}) {
            sampler.set_epoch(epoch);
            text += drain(sampler, 2, 1);
          }
          return text;
        });
        add("distributed_sequential" + suffix, [=] {
          samplers::DistributedSequentialSampler sampler(10, replicas, rank, duplicates);
          return drain(sampler, 2, 2) + drain(sampler, 2, 1, 7);
        });
      }
    }
  }

  // Loaders: the default sampler is a RandomSampler; Stack makes the batches.
  for (bool drop_last : {false, true}) {
    for (size_t workers : {0, 2}) {
      add(std::string("loader_random") + (drop_last ? "_drop_last" : "") + "_workers" + std::to_string(workers),
          [=] {
            lib::manual_seed(3);
            auto loader = lib::data::make_data_loader(Numbers(10).map(transforms::Stack<>()),
                                                      lib::data::DataLoaderOptions().batch_size(4).drop_last(drop_last).workers(workers));
            return batches(*loader, 2);
          });
    }
  }
  add("loader_sequential_normalize", [] {
    auto dataset = Numbers(5).map(transforms::Normalize<>(0.5, 2.0)).map(transforms::Stack<>());
    auto loader = lib::data::make_data_loader<samplers::SequentialSampler>(std::move(dataset), 2);
    return batches(*loader, 1);
  });
  add("loader_normalize_per_channel", [] {
    // data [2] viewed as 2 channels of 1x1 images: mean and stddev per channel
    auto dataset = Numbers(4)
                       .map(transforms::TensorLambda<>([](lib::Tensor x) { return x.reshape({2, 1, 1}); }))
                       .map(transforms::Normalize<>({0.25, -0.25}, {0.5, 4.0}))
                       .map(transforms::Stack<>());
    auto loader = lib::data::make_data_loader<samplers::SequentialSampler>(std::move(dataset), 3);
    return batches(*loader, 1);
  });
  add("loader_lambda_distributed", [] {
    auto dataset = Numbers(9)
                       .map(transforms::Lambda<lib::data::Example<>>([](lib::data::Example<> e) {
                         return lib::data::Example<>(e.data * 2, e.target + 100);
                       }))
                       .map(transforms::Stack<>());
    samplers::DistributedSequentialSampler sampler(9, 2, 1);
    auto loader = lib::data::make_data_loader(std::move(dataset), std::move(sampler),
                                              lib::data::DataLoaderOptions(2).workers(1));
    return batches(*loader, 2);
  });
  return cases;
}

}  // namespace data_cases
