#include "gradcheck.h"

#include <sstream>

#include "../graph/engine.h"
#include "../tensor/factories.h"

namespace xg::autograd {

Tensor numerical_gradient(const std::function<Tensor(const Tensor&)>& f, const Tensor& x, double h) {
  NoGradGuard no_grad;
  Tensor point = x.detach().to(kDouble, false, /*copy=*/true).contiguous();
  Tensor grad = zeros_like(point);
  double* p = point.data_ptr<double>();
  double* g = grad.data_ptr<double>();
  for (int64_t i = 0; i < point.numel(); ++i) {
    const double original = p[i];
    p[i] = original + h;
    const double forward = f(point.to(x.scalar_type())).item<double>();
    p[i] = original - h;
    const double backward = f(point.to(x.scalar_type())).item<double>();
    p[i] = original;
    g[i] = (forward - backward) / (2 * h);
  }
  return grad.to(x.scalar_type());
}

namespace {

// The outputs of fn flattened into one float64 vector.
Tensor flat_outputs(const MultiFunction& fn, const variable_list& inputs) {
  variable_list outs = fn(inputs);
  variable_list flat;
  for (const Tensor& o : outs)
    if (o.defined()) flat.push_back(o.detach().to(kDouble).reshape({-1}));
  return flat.empty() ? zeros({0}, kDouble) : cat(flat);
}

// Numerical Jacobian [n_out, n_in] of fn w.r.t. inputs[which]. fn runs in the
// caller's grad mode, since it may itself differentiate (gradgradcheck).
Tensor numerical_jacobian(const MultiFunction& fn, variable_list inputs, size_t which, double eps) {
  Tensor& x = inputs[which];
  x = x.detach().clone().requires_grad_(x.requires_grad());
  Tensor flat = x.detach().view({-1});  // writes through this alias perturb x
  const int64_t n_in = x.numel();
  Tensor jac = zeros({flat_outputs(fn, inputs).numel(), n_in}, kDouble);
  auto set = [&](int64_t j, double value) {
    NoGradGuard no_grad;
    flat[j].fill_(value);
  };
  for (int64_t j = 0; j < n_in; ++j) {
    const double original = flat[j].item<double>();
    set(j, original + eps);
    Tensor plus = flat_outputs(fn, inputs);
    set(j, original - eps);
    Tensor minus = flat_outputs(fn, inputs);
    set(j, original);
    NoGradGuard no_grad;
    jac.select(1, j).copy_((plus - minus) / (2 * eps));
  }
  return jac;
}

// Analytical Jacobians [n_out, n_in] of fn w.r.t. every input, one backward per output element.
std::vector<Tensor> analytical_jacobians(const MultiFunction& fn, const variable_list& inputs) {
  variable_list outs = fn(inputs);
  std::vector<Tensor> jacs;
  int64_t n_out = 0;
  for (const Tensor& o : outs) n_out += o.defined() ? o.numel() : 0;
  for (const Tensor& x : inputs) jacs.push_back(zeros({n_out, x.numel()}, kDouble));
  variable_list differentiable;
  std::vector<size_t> positions;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].requires_grad()) {
      differentiable.push_back(inputs[i]);
      positions.push_back(i);
    }
  int64_t row = 0;
  for (const Tensor& o : outs) {
    if (!o.defined()) continue;
    for (int64_t k = 0; k < o.numel(); ++k, ++row) {
      if (!o.requires_grad()) continue;
      Tensor seed = zeros({o.numel()}, o.scalar_type());
      {
        NoGradGuard no_grad;
        seed[k].fill_(1);
      }
      variable_list grads = grad({o}, differentiable, {seed.view(o.sizes())}, /*retain_graph=*/true,
                                 /*create_graph=*/false, /*allow_unused=*/true);
      NoGradGuard no_grad;
      for (size_t i = 0; i < grads.size(); ++i)
        if (grads[i].defined()) jacs[positions[i]].select(0, row).copy_(grads[i].to(kDouble).reshape({-1}));
    }
  }
  return jacs;
}

}  // namespace

bool gradcheck(const MultiFunction& fn, const variable_list& inputs, double eps, double atol, double rtol,
               bool raise_exception) {
  variable_list copies;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& x = inputs[i];
    XG_CHECK(!x.requires_grad() || x.scalar_type() == kDouble, "gradcheck", "input #", i,
             " requires gradient and is not a double precision floating point tensor; finite differences "
             "in float32 are too coarse to check anything");
    copies.push_back(x.requires_grad() ? x.detach().clone().requires_grad_(true) : x);
  }
  std::vector<Tensor> analytical = analytical_jacobians(fn, copies);
  for (size_t i = 0; i < copies.size(); ++i) {
    if (!copies[i].requires_grad()) continue;
    Tensor numerical = numerical_jacobian(fn, copies, i, eps);
    if (allclose(analytical[i], numerical, rtol, atol)) continue;
    if (!raise_exception) return false;
    std::ostringstream message;
    message << "Jacobian mismatch for output 0 with respect to input " << i << ",\nnumerical:\n"
            << numerical << "\nanalytical:\n" << analytical[i];
    detail::fail("gradcheck", message.str());
  }
  return true;
}

bool gradgradcheck(const MultiFunction& fn, const variable_list& inputs, double eps, double atol, double rtol,
                   bool raise_exception) {
  // Like torch's gradgradcheck: check the vector-Jacobian product
  // grad(fn(x), x, w) as a function of both x and the output weights w.
  variable_list extended = inputs;
  size_t n_weights = 0;
  for (const Tensor& o : fn(inputs)) {
    if (!o.defined() || !o.requires_grad()) continue;
    extended.push_back(randn_like(o.detach()).requires_grad_(true));
    ++n_weights;
  }
  const size_t n_inputs = inputs.size();
  MultiFunction first_order = [fn, n_inputs](const variable_list& args) {
    variable_list x(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(n_inputs));
    variable_list weights(args.begin() + static_cast<std::ptrdiff_t>(n_inputs), args.end());
    variable_list outs = fn(x), differentiable, used_outs;
    for (const Tensor& t : x)
      if (t.requires_grad()) differentiable.push_back(t);
    for (const Tensor& o : outs)
      if (o.defined() && o.requires_grad()) used_outs.push_back(o);
    variable_list grads = grad(used_outs, differentiable, weights, true, /*create_graph=*/true, true);
    for (size_t i = 0; i < grads.size(); ++i)
      if (!grads[i].defined()) grads[i] = zeros_like(differentiable[i]);
    return grads;
  };
  if (n_weights == 0) return true;  // nothing depends on the inputs
  return gradcheck(first_order, extended, eps, atol, rtol, raise_exception);
}

}  // namespace xg::autograd
