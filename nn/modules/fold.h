#pragma once
// nn::Fold and nn::Unfold: hold their options and call F::fold and F::unfold
// (nn/functional/fold.h). No parameters.

#include <ostream>

#include "../cloneable.h"
#include "../options/fold.h"
#include "../pimpl.h"

namespace xg::nn {

/// The columns of sliding blocks added back onto an image: [N, C*kh*kw, L] (or
/// [C*kh*kw, L]) -> [N, C, H, W] (or [C, H, W]), {H, W} = options.output_size().
class FoldImpl : public Cloneable<FoldImpl> {
 public:
  FoldImpl(ExpandingArray<2> output_size, ExpandingArray<2> kernel_size)
      : FoldImpl(FoldOptions(output_size, kernel_size)) {}
  explicit FoldImpl(const FoldOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::Fold(output_size=[4, 5], kernel_size=[2, 2], dilation=[1, 1], padding=[0, 0], stride=[1, 1])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  FoldOptions options;
};
XG_MODULE(Fold);

/// The sliding blocks of an image as columns: [N, C, H, W] (or [C, H, W]) -> [N, C*kh*kw, L]
/// (or [C*kh*kw, L]), L the number of blocks.
class UnfoldImpl : public Cloneable<UnfoldImpl> {
 public:
  UnfoldImpl(ExpandingArray<2> kernel_size) : UnfoldImpl(UnfoldOptions(kernel_size)) {}  // NOLINT
  explicit UnfoldImpl(const UnfoldOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::Unfold(kernel_size=[3, 3], dilation=[1, 1], padding=[0, 0], stride=[1, 1])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  UnfoldOptions options;
};
XG_MODULE(Unfold);

}  // namespace xg::nn
