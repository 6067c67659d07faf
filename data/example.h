#pragma once
// Example: one sample of a dataset, its data and its target, as torch::data::Example.

#include "../autograd/tensor/tensor.h"

namespace xg::data {

/// Example<>{image, label}: .data and .target; Example<Tensor, Tensor> by default.
template <typename Data = Tensor, typename Target = Tensor>
struct Example {
  using DataType = Data;
  using TargetType = Target;

  Example() = default;
  Example(Data data, Target target) : data(std::move(data)), target(std::move(target)) {}

  Data data;
  Target target;
};

}  // namespace xg::data
