#include "nesterov.h"

namespace xg {
namespace optim {

Nesterov::Nesterov(std::vector<Tensor> params, double lr, double momentum)
    : SGD(std::move(params), SGDOptions(lr).momentum(momentum).nesterov(true)) {}

Nesterov::Nesterov(std::vector<OptimizerParamGroup> param_groups, double lr, double momentum)
    : SGD(std::move(param_groups), SGDOptions(lr).momentum(momentum).nesterov(true)) {}

}  // namespace optim
}  // namespace xg
