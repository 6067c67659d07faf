#pragma once
// Transforms for Dataset::map, as torch::data::transforms:
//   Normalize<>(mean, stddev)   (data - mean) / stddev on each example's data tensor
//   Stack<>()                   a vector of examples -> one Example<> batch (torch::stack)
//   Lambda<In, Out>(f)          f on each example
//   TensorLambda<>(f)           f on each example's data tensor
//   BatchLambda<In, Out>(f)     f on each whole batch
// A transform says which batches it takes and makes (InputBatchType, OutputBatchType), so
// MapDataset knows its batch type. Transform<In, Out> works on single examples and maps over
// a batch; Collation<Batch> turns a vector of examples into one batch.

#include <functional>
#include <utility>
#include <vector>

#include "../autograd/base/array_ref.h"
#include "../autograd/base/error.h"
#include "../autograd/tensor/factories.h"
#include "example.h"

namespace xg::data::transforms {

/// Turns a whole batch of InputBatch into an OutputBatch.
template <typename InputBatch, typename OutputBatch>
class BatchTransform {
 public:
  using InputBatchType = InputBatch;
  using OutputBatchType = OutputBatch;

  virtual ~BatchTransform() = default;
  virtual OutputBatch apply_batch(InputBatch input_batch) = 0;
};

/// Turns each example of a batch (a vector) from Input into Output.
template <typename Input, typename Output>
class Transform : public BatchTransform<std::vector<Input>, std::vector<Output>> {
 public:
  using InputType = Input;
  using OutputType = Output;

  virtual Output apply(Input input) = 0;

  std::vector<Output> apply_batch(std::vector<Input> input_batch) override {
    std::vector<Output> output_batch;
    output_batch.reserve(input_batch.size());
    for (auto& input : input_batch) output_batch.push_back(apply(std::move(input)));
    return output_batch;
  }
};

/// BatchLambda<In, Out>(f): f on each whole batch.
template <typename Input, typename Output = Input>
class BatchLambda : public BatchTransform<Input, Output> {
 public:
  using FunctionType = std::function<Output(Input)>;

  explicit BatchLambda(FunctionType function) : function_(std::move(function)) {}
  Output apply_batch(Input input_batch) override { return function_(std::move(input_batch)); }

 private:
  FunctionType function_;
};

/// Lambda<In, Out>(f): f on each example.
template <typename Input, typename Output = Input>
class Lambda : public Transform<Input, Output> {
 public:
  using FunctionType = std::function<Output(Input)>;

  explicit Lambda(FunctionType function) : function_(std::move(function)) {}
  Output apply(Input input) override { return function_(std::move(input)); }

 private:
  FunctionType function_;
};

/// A transform of each example's data tensor; the target passes through.
template <typename Target = Tensor>
class TensorTransform : public Transform<Example<Tensor, Target>, Example<Tensor, Target>> {
 public:
  using E = Example<Tensor, Target>;

  virtual Tensor operator()(Tensor input) = 0;

  E apply(E input) override {
    input.data = (*this)(std::move(input.data));
    return input;
  }
};

/// TensorLambda<>(f): f on each example's data tensor.
template <typename Target = Tensor>
class TensorLambda : public TensorTransform<Target> {
 public:
  using FunctionType = std::function<Tensor(Tensor)>;

  explicit TensorLambda(FunctionType function) : function_(std::move(function)) {}
  Tensor operator()(Tensor input) override { return function_(std::move(input)); }

 private:
  FunctionType function_;
};

/// Normalize<>(mean, stddev): (data - mean) / stddev. mean and stddev are one value each, or
/// one per channel: float32 tensors of shape [C, 1, 1] that broadcast over [C, H, W] data.
template <typename Target = Tensor>
struct Normalize : public TensorTransform<Target> {
  /// Throws xg::Error when mean or stddev is empty, or when both are per channel but differ in length.
  Normalize(ArrayRef<double> mean, ArrayRef<double> stddev) : mean(channels(mean)), stddev(channels(stddev)) {
    XG_CHECK(!mean.empty() && !stddev.empty(), "Normalize", "mean has ", mean.size(), " values and stddev ",
             stddev.size(), "; give one value or one per channel to each");
    XG_CHECK(mean.size() == 1 || stddev.size() == 1 || mean.size() == stddev.size(), "Normalize", "mean has ",
             mean.size(), " values but stddev has ", stddev.size(), "; give one value or one per channel to each");
  }

  Tensor operator()(Tensor input) override { return input.sub(mean).div(stddev); }

  Tensor mean, stddev;

 private:
  static Tensor channels(ArrayRef<double> values) { return tensor(values, kFloat32).unsqueeze(1).unsqueeze(2); }
};

/// Turns a vector of examples into one batch of type BatchType.
template <typename BatchType, typename T = std::vector<BatchType>>
using Collation = BatchTransform<T, BatchType>;

template <typename T = Example<>>
struct Stack;

/// Stack<>(): the examples' data and targets, each stacked along a new first dim.
template <>
struct Stack<Example<>> : public Collation<Example<>> {
  Example<> apply_batch(std::vector<Example<>> examples) override {
    XG_CHECK(!examples.empty(), "Stack", "cannot stack an empty batch of examples");
    std::vector<Tensor> data, targets;
    data.reserve(examples.size());
    targets.reserve(examples.size());
    for (auto& example : examples) {
      data.push_back(std::move(example.data));
      targets.push_back(std::move(example.target));
    }
    return {stack(data), stack(targets)};
  }
};

}  // namespace xg::data::transforms
