#pragma once
// Folding as functions: F::unfold(x, F::UnfoldFuncOptions(3).stride(2)) cuts an image into
// blocks, one column each; F::fold(cols, F::FoldFuncOptions({8, 8}, 3).stride(2)) adds the
// columns back onto an image. The ops themselves are xg::im2col and xg::col2im
// (autograd/ops/conv.cpp), each the other's gradient.

#include "../../autograd/tensor/tensor.h"
#include "../options/fold.h"

namespace xg::nn::functional {

/// xg::col2im(input, output_size, kernel_size, dilation, padding, stride): the columns
/// [N, C*kh*kw, L] (or unbatched [C*kh*kw, L]) added onto [N, C, H, W] (or [C, H, W]),
/// {H, W} = output_size, each element onto the pixel unfold would read it from
Tensor fold(const Tensor& input, const FoldFuncOptions& options);

/// xg::im2col(input, kernel_size, dilation, padding, stride): the blocks of [N, C, H, W] (or
/// unbatched [C, H, W]) as columns, [N, C*kh*kw, L] (or [C*kh*kw, L]), L the number of blocks
Tensor unfold(const Tensor& input, const UnfoldFuncOptions& options);

}  // namespace xg::nn::functional
