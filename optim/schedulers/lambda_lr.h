#pragma once
// LambdaLR: the initial learning rate times a factor computed from the epoch, as
// Python's torch.optim.lr_scheduler.LambdaLR.
//
//     γ_k = γ_0 · λ(k),   k = 0 (at construction), 1, 2, ... (after each step())
//
// The constructor already applies λ(0). One function for all groups, or one per group.

#include <cstdint>
#include <functional>
#include <vector>

#include "lr_scheduler.h"

namespace xg {
namespace optim {

class LambdaLR : public LRScheduler {
 public:
  using LRLambda = std::function<double(int64_t epoch)>;

  /// The same factor function for every param group.
  LambdaLR(Optimizer& optimizer, LRLambda lr_lambda);
  /// One factor function per param group; throws xg::Error ("[LambdaLR] ...") on a count mismatch.
  LambdaLR(Optimizer& optimizer, std::vector<LRLambda> lr_lambdas);

 private:
  std::vector<double> get_lrs() override;
  std::vector<double> lrs_at(int64_t epoch) const;

  std::vector<LRLambda> lr_lambdas_;
  std::vector<double> base_lrs_;
};

}  // namespace optim
}  // namespace xg
