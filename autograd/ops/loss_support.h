#pragma once
// What the losses share: the checks of their inputs and the final reduction. Used by
// the loss ops here (losses.cpp) and by the losses of nn (nn/functional/loss.cpp).
// Internal, not installed.

#include <cstdint>

#include "../base/reduction.h"
#include "../tensor/tensor.h"

namespace xg::detail {

/// The per-element losses, or their mean or sum (Reduction::None, Mean, Sum).
Tensor reduce_loss(const Tensor& losses, int64_t reduction);
/// Fails unless `reduction` is Reduction::None, Mean or Sum.
void check_reduction(const char* op, int64_t reduction);
/// Input and target of an elementwise loss: defined, floating, same dtype, same sizes.
void check_elementwise_loss(const char* op, const Tensor& input, const Tensor& target);
/// An optional weight (`what` names it in errors): the input's dtype.
void check_loss_weight(const char* op, const char* what, const Tensor& weight, const Tensor& input);

}  // namespace xg::detail
