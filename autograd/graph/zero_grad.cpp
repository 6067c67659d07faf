#include "zero_grad.h"

namespace xg::autograd {

void zero_grad(const std::vector<Tensor>& params, bool set_to_none) {
  for (const Tensor& p : params) {
    if (!p.grad().defined()) continue;
    Tensor& grad = p.mutable_grad();
    if (set_to_none) {
      grad = Tensor();
    } else {
      // In place, so that every handle to this gradient drops the graph, not just the
      // parameter's.
      grad.detach_();
      grad.zero_();
    }
  }
}

}  // namespace xg::autograd
