#pragma once
// Padding as a function: F::pad(x, F::PadFuncOptions({1, 1, 2, 0}).mode(xg::kReflect)).
// The op itself is xg::pad (autograd/ops/pad.cpp).

#include "../../autograd/tensor/tensor.h"
#include "../options/padding.h"

namespace xg::nn::functional {

/// xg::pad(input, options.pad(), mode, value): kConstant pads with value (constant_pad_nd),
/// kReflect, kReplicate and kCircular the last 1 or 2 dims of an input with 1 or 2 more.
Tensor pad(const Tensor& input, const PadFuncOptions& options);

}  // namespace xg::nn::functional
