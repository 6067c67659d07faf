#include "lambda_lr.h"

namespace xg {
namespace optim {

LambdaLR::LambdaLR(Optimizer& optimizer, LRLambda lr_lambda)
    : LambdaLR(optimizer, std::vector<LRLambda>(optimizer.param_groups().size(), lr_lambda)) {}

LambdaLR::LambdaLR(Optimizer& optimizer, std::vector<LRLambda> lr_lambdas)
    : LRScheduler(optimizer), lr_lambdas_(std::move(lr_lambdas)), base_lrs_(get_current_lrs()) {
  XG_CHECK(lr_lambdas_.size() == base_lrs_.size(), "LambdaLR", "expected ", base_lrs_.size(),
           " lr_lambdas (one per param group), got ", lr_lambdas_.size());
  for (const LRLambda& f : lr_lambdas_) XG_CHECK(static_cast<bool>(f), "LambdaLR", "got an empty lr_lambda");
  set_optimizer_lrs(lrs_at(0));  // epoch 0
}

std::vector<double> LambdaLR::lrs_at(int64_t epoch) const {
  std::vector<double> lrs;
  for (size_t i = 0; i < base_lrs_.size(); ++i) lrs.push_back(base_lrs_[i] * lr_lambdas_[i](epoch));
  return lrs;
}

std::vector<double> LambdaLR::get_lrs() { return lrs_at(static_cast<int64_t>(step_count_) + 1); }

}  // namespace optim
}  // namespace xg
