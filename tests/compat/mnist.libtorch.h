// Force-included (g++ -include) when tools/compat_check.py builds mnist.cpp against LibTorch 1.13:
// PyTorch's cpp/mnist example was written for an older LibTorch, whose global Reduction::Sum
// and torch::nn::FeatureDropout 1.13 spells at::Reduction::Sum and torch::nn::Dropout2d.
// xgrad::torch has both old names itself (compat/torch/torch.h), so its build needs no header.
#include <torch/torch.h>
namespace Reduction = at::Reduction;
namespace torch {
namespace nn {
using FeatureDropout = Dropout2d;
}  // namespace nn
}  // namespace torch
