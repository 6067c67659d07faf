#include "fold.h"

namespace xg::nn::functional {

Tensor fold(const Tensor& input, const FoldFuncOptions& options) {
  XG_CHECK(input.defined(), "fold", "input is undefined");
  XG_CHECK(input.dim() == 2 || input.dim() == 3, "fold",
           "Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got ", input.dim(), "D)");
  return xg::col2im(input, options.output_size(), options.kernel_size(), options.dilation(), options.padding(),
                    options.stride());
}

Tensor unfold(const Tensor& input, const UnfoldFuncOptions& options) {
  XG_CHECK(input.defined(), "unfold", "input is undefined");
  // LibTorch 1.13's F::unfold takes 4-D inputs only; xgrad takes the unbatched form too, as
  // F::fold and PyTorch's F.unfold do.
  XG_CHECK(input.dim() == 3 || input.dim() == 4, "unfold",
           "Input Error: Only unbatched (3D) or batched (4D) input Tensors are supported (got ", input.dim(), "D)");
  return xg::im2col(input, options.kernel_size(), options.dilation(), options.padding(), options.stride());
}

}  // namespace xg::nn::functional
