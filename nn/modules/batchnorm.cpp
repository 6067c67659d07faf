#include "batchnorm.h"

#include "../../autograd/tensor/factories.h"
#include "../functional/normalization.h"
#include "../init.h"
#include "instancenorm.h"
#include "normalization.h"

namespace xg::nn {

namespace {
// The layer's name in its errors: BatchNorm2d, InstanceNorm1d, ...
template <size_t D, class Options>
const char* layer_name() {
  static_assert(D >= 1 && D <= 3);
  constexpr bool batch = std::is_same_v<Options, BatchNormOptions>;
  constexpr const char* batch_names[] = {"BatchNorm1d", "BatchNorm2d", "BatchNorm3d"};
  constexpr const char* instance_names[] = {"InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"};
  return batch ? batch_names[D - 1] : instance_names[D - 1];
}
}  // namespace

template <size_t D, class Derived, class Options>
NormImplBase<D, Derived, Options>::NormImplBase(const Options& options_) : options(options_) {
  XG_CHECK(options.num_features() > 0, (layer_name<D, Options>()), "num_features must be positive, got ",
           options.num_features());
  reset();
}

template <size_t D, class Derived, class Options>
void NormImplBase<D, Derived, Options>::reset() {
  const int64_t C = options.num_features();
  detail::register_affine(*this, {C}, options.affine(), weight, bias);
  if (options.track_running_stats()) {
    running_mean = this->register_buffer("running_mean", xg::zeros({C}));
    running_var = this->register_buffer("running_var", xg::ones({C}));
    num_batches_tracked = this->register_buffer("num_batches_tracked", xg::tensor(int64_t{0}, kLong));
  } else {
    running_mean = this->register_buffer("running_mean", Tensor());
    running_var = this->register_buffer("running_var", Tensor());
    num_batches_tracked = this->register_buffer("num_batches_tracked", Tensor());
  }
  reset_parameters();
}

template <size_t D, class Derived, class Options>
void NormImplBase<D, Derived, Options>::reset_running_stats() {
  if (!options.track_running_stats()) return;
  NoGradGuard no_grad;
  running_mean.zero_();
  running_var.fill_(1);
  num_batches_tracked.zero_();
}

template <size_t D, class Derived, class Options>
void NormImplBase<D, Derived, Options>::reset_parameters() {
  reset_running_stats();
  if (options.affine()) {
    init::ones_(weight);
    init::zeros_(bias);
  }
}

template <size_t D, class Derived>
Tensor BatchNormImplBase<D, Derived>::forward(const Tensor& input) {
  // BatchNorm1d takes [N, C] or [N, C, L]; BatchNorm2d [N, C, H, W]; BatchNorm3d [N, C, D, H, W].
  const char* name = layer_name<D, BatchNormOptions>();
  if (D == 1) {
    XG_CHECK(input.dim() == 2 || input.dim() == 3, name, "expected 2D or 3D input (got ", input.dim(), "D input)");
  } else {
    XG_CHECK(input.dim() == static_cast<int64_t>(D) + 2, name, "expected ", D + 2, "D input (got ", input.dim(),
             "D input)");
  }
  // In training with running statistics each batch is counted; without a momentum the running
  // statistics are the plain average of all batches so far (factor 1 / batches). The count
  // goes up only once the batch has been normalised, so a rejected batch changes nothing.
  const auto& momentum = this->options.momentum();
  const bool counting = this->is_training() && this->options.track_running_stats();
  double average_factor = momentum.value_or(0.0);
  if (counting && !momentum) average_factor = 1.0 / (this->num_batches_tracked.template item<double>() + 1);
  Tensor out = functional::batch_norm(input, this->running_mean, this->running_var,
                                      functional::BatchNormFuncOptions()
                                          .weight(this->weight)
                                          .bias(this->bias)
                                          .training(this->is_training() || !this->options.track_running_stats())
                                          .momentum(average_factor)
                                          .eps(this->options.eps()));
  if (counting) {
    NoGradGuard no_grad;
    this->num_batches_tracked += 1;
  }
  return out;
}

template <size_t D, class Derived>
void BatchNormImplBase<D, Derived>::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::BatchNorm" << D << "d(" << this->options.num_features()
         << ", eps=" << this->options.eps() << ", momentum=";
  if (this->options.momentum())
    stream << *this->options.momentum();
  else
    stream << "None";
  stream << ", affine=" << this->options.affine() << ", track_running_stats=" << this->options.track_running_stats()
         << ")";
}

template class NormImplBase<1, BatchNorm1dImpl, BatchNormOptions>;
template class NormImplBase<2, BatchNorm2dImpl, BatchNormOptions>;
template class NormImplBase<3, BatchNorm3dImpl, BatchNormOptions>;
template class NormImplBase<1, InstanceNorm1dImpl, InstanceNormOptions>;
template class NormImplBase<2, InstanceNorm2dImpl, InstanceNormOptions>;
template class NormImplBase<3, InstanceNorm3dImpl, InstanceNormOptions>;
template class BatchNormImplBase<1, BatchNorm1dImpl>;
template class BatchNormImplBase<2, BatchNorm2dImpl>;
template class BatchNormImplBase<3, BatchNorm3dImpl>;

}  // namespace xg::nn
