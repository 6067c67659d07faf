#include "instancenorm.h"

#include "../functional/normalization.h"

namespace xg::nn {

template <size_t D, class Derived>
Tensor InstanceNormImpl<D, Derived>::forward(const Tensor& input) {
  const int64_t batched = static_cast<int64_t>(D) + 2;
  constexpr const char* names[] = {"InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"};
  XG_CHECK(input.dim() == batched || input.dim() == batched - 1, names[D - 1], "expected ", batched - 1, "D or ",
           batched, "D input (got ", input.dim(), "D input)");
  if (input.dim() == batched - 1) return forward(input.unsqueeze(0)).squeeze(0);  // unbatched [C, *]
  return functional::instance_norm(input, functional::InstanceNormFuncOptions()
                                              .running_mean(this->running_mean)
                                              .running_var(this->running_var)
                                              .weight(this->weight)
                                              .bias(this->bias)
                                              .use_input_stats(this->is_training() ||
                                                               !this->options.track_running_stats())
                                              .momentum(this->options.momentum())
                                              .eps(this->options.eps()));
}

template <size_t D, class Derived>
void InstanceNormImpl<D, Derived>::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::InstanceNorm" << D << "d(" << this->options.num_features()
         << ", eps=" << this->options.eps() << ", momentum=" << this->options.momentum()
         << ", affine=" << this->options.affine() << ", track_running_stats=" << this->options.track_running_stats()
         << ")";
}

template class InstanceNormImpl<1, InstanceNorm1dImpl>;
template class InstanceNormImpl<2, InstanceNorm2dImpl>;
template class InstanceNormImpl<3, InstanceNorm3dImpl>;

}  // namespace xg::nn
