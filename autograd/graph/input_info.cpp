#include "input_info.h"

#include <vector>

namespace xg::detail {

InputInfo::InputInfo(const Tensor& t) : sizes(t.sizes().begin(), t.sizes().end()), dtype(t.scalar_type()) {}

Tensor InputInfo::reduce(Tensor grad) const {
  if (!grad.sizes().equals(sizes)) grad = sum_to(grad, sizes);
  if (grad.scalar_type() != dtype) grad = grad.to(dtype);
  return grad;
}

Tensor sum_to(const Tensor& grad, IntArrayRef sizes) {
  IntArrayRef have = grad.sizes();
  if (have.equals(sizes)) return grad;
  const size_t lead = have.size() - sizes.size();  // dims broadcasting prepended
  std::vector<int64_t> dims;
  for (size_t i = 0; i < have.size(); ++i)
    if (i < lead || (sizes[i - lead] == 1 && have[i] != 1)) dims.push_back(static_cast<int64_t>(i));
  Tensor summed = dims.empty() ? grad : grad.sum(dims, /*keepdim=*/true);
  return summed.view(sizes);
}

}  // namespace xg::detail
