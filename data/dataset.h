#pragma once
// Datasets as torch::data::datasets defines them: a dataset is a class deriving from
// Dataset<Self, Example> with get(index) and size(), or from BatchDataset<Self, Batch> with
// get_batch(indices) and size(). map(transform) wraps it in a MapDataset that applies the
// transform to every batch; maps chain:
//
//   auto dataset = xg::data::datasets::MNIST("data")
//                      .map(xg::data::transforms::Normalize<>(0.1307, 0.3081))  // each example
//                      .map(xg::data::transforms::Stack<>());                   // examples -> batch
//   Example<> batch = dataset.get_batch({0, 1, 2});   // data [3, 1, 28, 28], target [3]
//
// A data loader copies the dataset into each of its worker threads, so a dataset should be
// cheap to copy (hold tensors, which are shared handles) and get_batch safe to call on copies
// at the same time.

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "../autograd/base/array_ref.h"
#include "example.h"

namespace xg::data::datasets {

template <typename SourceDataset, typename AppliedTransform>
class MapDataset;

/// A dataset that hands out whole batches: get_batch(request) and size().
template <typename Self, typename Batch = std::vector<Example<>>, typename BatchRequest = ArrayRef<size_t>>
class BatchDataset {
 public:
  using SelfType = Self;
  using BatchType = Batch;
  using BatchRequestType = BatchRequest;

  virtual ~BatchDataset() = default;

  /// The batch of the samples `request` names.
  virtual Batch get_batch(BatchRequest request) = 0;
  /// The number of samples, when known.
  virtual std::optional<size_t> size() const = 0;

  /// This dataset (copied) with `transform` applied to every batch.
  template <typename TransformType>
  MapDataset<Self, TransformType> map(TransformType transform) & {
    return MapDataset<Self, TransformType>(static_cast<Self&>(*this), std::move(transform));
  }
  /// This dataset (moved) with `transform` applied to every batch.
  template <typename TransformType>
  MapDataset<Self, TransformType> map(TransformType transform) && {
    return MapDataset<Self, TransformType>(std::move(static_cast<Self&>(*this)), std::move(transform));
  }
};

/// A dataset of single examples: get(index) and size(); its batches are vectors of examples.
template <typename Self, typename SingleExample = Example<>>
class Dataset : public BatchDataset<Self, std::vector<SingleExample>> {
 public:
  using ExampleType = SingleExample;

  /// Example number `index`.
  virtual ExampleType get(size_t index) = 0;

  /// get(i) for each index, in order.
  std::vector<ExampleType> get_batch(ArrayRef<size_t> indices) override {
    std::vector<ExampleType> batch;
    batch.reserve(indices.size());
    for (size_t index : indices) batch.push_back(get(index));
    return batch;
  }
};

/// A dataset whose batches are its source's, passed through a transform's apply_batch.
template <typename SourceDataset, typename AppliedTransform>
class MapDataset : public BatchDataset<MapDataset<SourceDataset, AppliedTransform>,
                                       typename AppliedTransform::OutputBatchType,
                                       typename SourceDataset::BatchRequestType> {
 public:
  using DatasetType = SourceDataset;
  using TransformType = AppliedTransform;
  using BatchRequestType = typename SourceDataset::BatchRequestType;
  using OutputBatchType = typename AppliedTransform::OutputBatchType;

  MapDataset(DatasetType dataset, TransformType transform)
      : dataset_(std::move(dataset)), transform_(std::move(transform)) {}

  OutputBatchType get_batch(BatchRequestType indices) override {
    return transform_.apply_batch(dataset_.get_batch(std::move(indices)));
  }
  std::optional<size_t> size() const noexcept override { return dataset_.size(); }

  const SourceDataset& dataset() noexcept { return dataset_; }
  const AppliedTransform& transform() noexcept { return transform_; }

 private:
  SourceDataset dataset_;
  AppliedTransform transform_;
};

/// datasets::map(dataset, transform), the free-function form of dataset.map(transform).
template <typename DatasetType, typename TransformType>
MapDataset<DatasetType, TransformType> map(DatasetType dataset, TransformType transform) {
  return MapDataset<DatasetType, TransformType>(std::move(dataset), std::move(transform));
}

}  // namespace xg::data::datasets
