// Anomaly detection (autograd/graph/anomaly_mode.h): backward through an op whose
// gradient is NaN or Inf throws an error naming the backward node, the forward
// op and the stack it was recorded from; with the mode off, the same backward
// quietly produces the non-finite gradient, as in torch.

#define BOOST_TEST_MODULE test_anomaly
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "test_util.h"

using test_util::error_of;
using xg::Tensor;
namespace autograd = xg::autograd;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(switch_and_guard) {
  BOOST_TEST(!autograd::is_anomaly_enabled());
  {
    autograd::DetectAnomalyGuard detect;
    BOOST_TEST(autograd::is_anomaly_enabled());
    {
      autograd::DetectAnomalyGuard nested;
      BOOST_TEST(autograd::AnomalyMode::is_enabled());
    }
    BOOST_TEST(autograd::is_anomaly_enabled());  // the inner guard restores, not resets
  }
  BOOST_TEST(!autograd::is_anomaly_enabled());
  autograd::set_detect_anomaly(true);
  BOOST_TEST(autograd::is_anomaly_enabled());
  autograd::set_detect_anomaly(false);
  BOOST_TEST(!autograd::is_anomaly_enabled());
}

BOOST_AUTO_TEST_CASE(zero_over_zero_names_div_backward) {
  autograd::DetectAnomalyGuard detect;
  Tensor a = xg::tensor({0.0, 1.0}, xg::requires_grad());
  Tensor b = xg::tensor({0.0, 2.0}, xg::requires_grad());
  Tensor y = (a / b).sum();
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST_INFO(message);
  BOOST_TEST(message.rfind("[backward] Function 'DivBackward0' returned ", 0) == 0);
  // d(a/b)/da = 1/b is inf at b = 0, d(a/b)/db = -a/b^2 is nan (0/0): output 0 is reported first.
  BOOST_TEST(contains(message, "returned inf values in its 0th output"));
  BOOST_TEST(contains(message, "forward op: div(Float[2], Float[2])"));
  BOOST_TEST(contains(message, "created at:"));
  BOOST_TEST(!a.grad().defined());  // the error stops backward before anything reaches the leaves
}

BOOST_AUTO_TEST_CASE(nan_is_named_nan) {
  autograd::DetectAnomalyGuard detect;
  Tensor a = xg::tensor({0.0}, xg::requires_grad());
  Tensor b = xg::tensor({0.0}, xg::requires_grad());
  Tensor y = (a.detach() / b).sum();  // only the gradient w.r.t. b, which is -0/0
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST_INFO(message);
  BOOST_TEST(contains(message, "Function 'DivBackward0' returned nan values in its 1st output"));
}

BOOST_AUTO_TEST_CASE(sqrt_of_zero) {
  autograd::DetectAnomalyGuard detect;
  Tensor x = xg::zeros({3}, xg::dtype(xg::kDouble).requires_grad(true));
  Tensor y = (x.sqrt() * 2).sum();
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST_INFO(message);
  BOOST_TEST(contains(message, "Function 'SqrtBackward0' returned inf values in its 0th output"));
  BOOST_TEST(contains(message, "forward op: sqrt(Double[3])"));
}

BOOST_AUTO_TEST_CASE(log_of_zero) {
  autograd::DetectAnomalyGuard detect;
  Tensor x = xg::tensor({1.0, 0.0}, xg::requires_grad());
  Tensor y = x.log().sum();
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST_INFO(message);
  BOOST_TEST(contains(message, "Function 'LogBackward0' returned inf values in its 0th output"));
  BOOST_TEST(contains(message, "forward op: log(Float[2])"));
}

BOOST_AUTO_TEST_CASE(off_by_default_and_finite_graphs_pass) {
  {
    Tensor x = xg::tensor({1.0, 0.0}, xg::requires_grad());
    x.log().sum().backward();  // no check: the gradient is simply inf, as in torch
    BOOST_TEST(std::isinf(x.grad()[1].item<float>()));
  }
  autograd::DetectAnomalyGuard detect;
  Tensor x = xg::tensor({1.0, 4.0}, xg::requires_grad());
  (x.sqrt() * x.log()).sum().backward();
  BOOST_TEST(std::isfinite(x.grad()[0].item<float>()));
  BOOST_TEST(std::isfinite(x.grad()[1].item<float>()));
}

BOOST_AUTO_TEST_CASE(graph_recorded_before_the_guard) {
  Tensor x = xg::tensor({0.0}, xg::requires_grad());
  Tensor y = x.log().sum();
  autograd::DetectAnomalyGuard detect;
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST_INFO(message);
  BOOST_TEST(contains(message, "Function 'LogBackward0' returned inf values"));
  BOOST_TEST(contains(message, "no call stack recorded"));
}

namespace {
struct BadSquare : autograd::Function<BadSquare> {
  static Tensor forward(autograd::AutogradContext*, const Tensor& x) { return x * x; }
  static autograd::variable_list backward(autograd::AutogradContext*, autograd::variable_list grads) {
    return {grads[0] * std::nan("")};
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(custom_function) {
  autograd::DetectAnomalyGuard detect;
  Tensor x = xg::ones({2}, xg::requires_grad());
  Tensor y = BadSquare::apply(x).sum();
  const std::string message = error_of([&] { y.backward(); });
  BOOST_TEST_INFO(message);
  BOOST_TEST(contains(message, "BadSquare' returned nan values in its 0th output"));
  BOOST_TEST(contains(message, "BadSquare::apply(Float[2])"));
}
