#include "dropout.h"

#include "../../autograd/tensor/factories.h"
#include "../../autograd/graph/grad_mode.h"
#include "../../autograd/tensor/random.h"
#include "inplace.h"

namespace xg {

namespace {

void check_probability(double p) {
  XG_CHECK(p >= 0 && p <= 1, "dropout", "dropout probability has to be between 0 and 1, but got ", p);
}

// The scaled keep mask of `sizes`: 1 / (1 - p) where kept, 0 where dropped, in x's dtype.
Tensor keep_mask(const Tensor& x, IntArrayRef sizes, double p) {
  NoGradGuard no_grad;
  Tensor mask = empty(sizes, x.scalar_type());
  dispatch_floating(x.scalar_type(), "dropout", [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* out = mask.data_ptr<T>();
    detail::Generator& generator = detail::default_generator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    for (int64_t i = 0; i < mask.numel(); ++i) out[i] = generator.uniform_double() < 1 - p ? T(1) : T(0);
  });
  mask.div_(1 - p);
  return mask;
}

}  // namespace

Tensor dropout(const Tensor& input, double p, bool train) {
  XG_CHECK(input.defined(), "dropout", "input is undefined");
  check_probability(p);
  if (!train || p == 0 || input.numel() == 0) return input;
  if (p == 1) return input * zeros({}, input.scalar_type());  // all dropped, still part of the graph
  return input * keep_mask(input, input.sizes(), p);
}

Tensor dropout2d(const Tensor& input, double p, bool train) {
  XG_CHECK(input.defined(), "dropout2d", "input is undefined");
  XG_CHECK(input.dim() == 3 || input.dim() == 4, "dropout2d",
           "expected a 3-D (unbatched) or 4-D (batched) input, got sizes ", input.sizes());
  check_probability(p);
  if (input.dim() == 3) return dropout2d(input.unsqueeze(0), p, train).squeeze(0);
  if (!train || p == 0 || input.numel() == 0) return input;
  if (p == 1) return input * zeros({}, input.scalar_type());
  return input * keep_mask(input, {input.size(0), input.size(1), 1, 1}, p);  // one draw per feature map
}

Tensor dropout_(Tensor& input, double p, bool train) {
  return nn::functional::detail::apply_inplace(input, [&](const Tensor& x) { return dropout(x, p, train); });
}

namespace nn::functional {
Tensor dropout(Tensor input, const DropoutFuncOptions& options) {
  return options.inplace() ? xg::dropout_(input, options.p(), options.training())
                           : xg::dropout(input, options.p(), options.training());
}
Tensor dropout2d(Tensor input, const Dropout2dFuncOptions& options) {
  if (!options.inplace()) return xg::dropout2d(input, options.p(), options.training());
  return detail::apply_inplace(input, [&](const Tensor& x) { return xg::dropout2d(x, options.p(), options.training()); });
}
}  // namespace nn::functional

}  // namespace xg
