#pragma once
// How a loss turns per-element losses into its result, as at::Reduction: the
// integer spelling of the ATen-level loss functions
// (xg::binary_cross_entropy(x, y, {}, xg::Reduction::Sum), xg::mse_loss(x, y, xg::Reduction::Sum)).

namespace xg::Reduction {
enum Reduction { None, Mean, Sum };
}  // namespace xg::Reduction
