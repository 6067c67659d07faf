#include "linear.h"

#include "../../autograd/tensor/factories.h"

namespace xg {

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  XG_CHECK(input.defined() && weight.defined(), "linear", "input and weight must be defined");
  XG_CHECK(weight.dim() == 2, "linear", "weight must be 2-D [out_features, in_features], got sizes ", weight.sizes());
  XG_CHECK(input.dim() >= 1 && input.size(-1) == weight.size(1), "linear", "input sizes ", input.sizes(),
           " do not end in in_features=", weight.size(1), " (weight sizes ", weight.sizes(), ")");
  XG_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == weight.size(0)), "linear",
           "bias must be 1-D of size out_features=", weight.size(0), ", got sizes ", bias.sizes());
  // [*, in] x [in, out] -> [*, out]
  const Tensor output = matmul(input, weight.t());
  return bias.defined() ? output + bias : output;
}

namespace nn::functional {
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) { return xg::linear(input, weight, bias); }
}  // namespace nn::functional

}  // namespace xg
