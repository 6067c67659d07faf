#include "loss_support.h"

#include "../base/error.h"

namespace xg::detail {

Tensor reduce_loss(const Tensor& losses, int64_t reduction) {
  if (reduction == Reduction::None) return losses;
  if (reduction == Reduction::Sum) return losses.sum();
  return losses.mean();
}

void check_reduction(const char* op, int64_t reduction) {
  XG_CHECK(reduction == Reduction::None || reduction == Reduction::Mean || reduction == Reduction::Sum, op,
           "unknown reduction ", reduction, " (expected Reduction::None, Mean or Sum)");
}

void check_elementwise_loss(const char* op, const Tensor& input, const Tensor& target) {
  XG_CHECK(input.defined() && target.defined(), op, "input and target must be defined");
  XG_CHECK(input.is_floating_point(), op, "expected a floating-point input, got ", input.scalar_type());
  XG_CHECK(target.scalar_type() == input.scalar_type(), op, "target dtype ", target.scalar_type(),
           " differs from input dtype ", input.scalar_type(), " (convert it with target.to(input.scalar_type()))");
  XG_CHECK(target.sizes() == input.sizes(), op, "target sizes ", target.sizes(), " differ from input sizes ",
           input.sizes(), " (torch would broadcast them, which is rarely intended: reshape one of them)");
}

void check_loss_weight(const char* op, const char* what, const Tensor& weight, const Tensor& input) {
  if (!weight.defined()) return;
  XG_CHECK(weight.scalar_type() == input.scalar_type(), op, what, " dtype ", weight.scalar_type(),
           " differs from input dtype ", input.scalar_type());
}

}  // namespace xg::detail
