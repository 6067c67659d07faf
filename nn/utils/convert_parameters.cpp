#include "convert_parameters.h"

#include "../../autograd/graph/grad_mode.h"
#include "../../autograd/tensor/factories.h"
#include "../module.h"

namespace xg::nn::utils {

Tensor parameters_to_vector(const std::vector<Tensor>& parameters) {
  std::vector<Tensor> flat;
  flat.reserve(parameters.size());
  for (const Tensor& parameter : parameters) flat.push_back(parameter.reshape({-1}));
  return cat(flat);
}

void vector_to_parameters(const Tensor& vec, std::vector<Tensor> parameters) {
  int64_t total = 0;
  for (const Tensor& parameter : parameters) total += parameter.numel();
  XG_CHECK(vec.dim() == 1 && vec.numel() == total, "vector_to_parameters", "expected a 1-D tensor of ", total,
           " elements (one per parameter element), got sizes ", vec.sizes());
  NoGradGuard no_grad;
  int64_t offset = 0;
  for (const Tensor& parameter : parameters) {
    const int64_t n = parameter.numel();
    parameter.set_data(vec.detach().slice(0, offset, offset + n).view(parameter.sizes()));
    offset += n;
  }
}

}  // namespace xg::nn::utils
