#include "conv.h"

namespace xg::nn::functional {

Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& options) {
  return xg::conv1d(input, weight, options.bias(), options.stride(), options.padding(), options.dilation(),
                    options.groups());
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& options) {
  return xg::conv2d(input, weight, options.bias(), options.stride(), options.padding(), options.dilation(),
                    options.groups());
}

}  // namespace xg::nn::functional
