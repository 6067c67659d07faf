#include "momentum.h"

namespace xg {
namespace optim {

Momentum::Momentum(std::vector<Tensor> params, double lr, double momentum)
    : SGD(std::move(params), SGDOptions(lr).momentum(momentum)) {}

Momentum::Momentum(std::vector<OptimizerParamGroup> param_groups, double lr, double momentum)
    : SGD(std::move(param_groups), SGDOptions(lr).momentum(momentum)) {}

}  // namespace optim
}  // namespace xg
