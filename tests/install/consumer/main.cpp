#include <xgrad/xgrad.hpp>

int main() {
  xg::Tensor x = xg::tensor({1.0, 2.0}, xg::requires_grad());
  (x * x).sum().backward();
  return x.grad().equal(xg::tensor({2.0, 4.0})) ? 0 : 1;
}
