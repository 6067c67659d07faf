#include <xgrad/xgrad.hpp>

// xgrad::xgrad alone puts no <torch/torch.h> on the include path (only xgrad::torch does).
#if __has_include(<torch/torch.h>)
#error "xgrad::xgrad must not provide <torch/torch.h>"
#endif

int main() {
  xg::Tensor x = xg::tensor({1.0, 2.0}, xg::requires_grad());
  (x * x).sum().backward();
#ifdef XGRAD_WITH_MPI
  // Built with MPI: the consumer links libmpi through xgrad's exported target alone.
  xg::distributed::InitGuard mpi;
  xg::distributed::all_reduce(x.mutable_grad(), xg::distributed::ReduceOp::AVG);  // a world of one
#endif
  return x.grad().equal(xg::tensor({2.0, 4.0})) ? 0 : 1;
}
