#include "linear.h"

#include <cmath>

#include "../../autograd/tensor/factories.h"
#include "../functional/linear.h"
#include "../init.h"

namespace xg::nn {

void IdentityImpl::pretty_print(std::ostream& stream) const { stream << "torch::nn::Identity()"; }

Tensor IdentityImpl::forward(const Tensor& input) { return input; }

LinearImpl::LinearImpl(const LinearOptions& options_) : options(options_) {
  XG_CHECK(options.in_features() >= 0 && options.out_features() >= 0, "Linear",
           "in_features and out_features must not be negative, got ", options.in_features(), " and ",
           options.out_features());
  reset();
}

void LinearImpl::reset() {
  weight = register_parameter("weight", empty({options.out_features(), options.in_features()}));
  if (options.bias()) {
    bias = register_parameter("bias", empty({options.out_features()}));
  } else {
    bias = register_parameter("bias", Tensor(), /*requires_grad=*/false);
  }
  reset_parameters();
}

void LinearImpl::reset_parameters() { init::detail::default_layer_init_(weight, bias); }

void LinearImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::Linear(in_features=" << options.in_features()
         << ", out_features=" << options.out_features() << ", bias=" << options.bias() << ")";
}

Tensor LinearImpl::forward(const Tensor& input) { return xg::linear(input, weight, bias); }

FlattenImpl::FlattenImpl(const FlattenOptions& options_) : options(options_) {}

void FlattenImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Flatten(start_dim=" << options.start_dim() << ", end_dim=" << options.end_dim() << ")";
}

Tensor FlattenImpl::forward(const Tensor& input) { return input.flatten(options.start_dim(), options.end_dim()); }

UnflattenImpl::UnflattenImpl(UnflattenOptions options_) : options(std::move(options_)) {
  XG_CHECK(!options.sizes().empty(), "Unflatten", "sizes must not be empty");
}

void UnflattenImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Unflatten(dim=" << options.dim() << ", unflattened_size={";
  for (size_t i = 0; i < options.sizes().size(); ++i) stream << (i ? ", " : "") << options.sizes()[i];
  stream << "})";
}

Tensor UnflattenImpl::forward(const Tensor& input) {
  const char* op = "unflatten";
  XG_CHECK(input.dim() > 0, op, "cannot unflatten a 0-d tensor");
  XG_CHECK(options.dim() >= -input.dim() && options.dim() < input.dim(), op, "dim ", options.dim(),
           " is out of range for a tensor with ", input.dim(), " dims");
  const int64_t dim = options.dim() < 0 ? options.dim() + input.dim() : options.dim();
  int64_t product = 1;
  int64_t inferred = 0;
  for (int64_t size : options.sizes()) {
    XG_CHECK(size >= -1, op, "sizes must be non-negative or -1, got ", size);
    if (size == -1) ++inferred; else product *= size;
  }
  XG_CHECK(inferred <= 1, op, "only one of sizes may be -1");
  XG_CHECK(inferred ? product != 0 && input.size(dim) % product == 0 : product == input.size(dim), op,
           "the sizes ", IntArrayRef(options.sizes()), " do not multiply to the size ", input.size(dim), " of dim ",
           dim);
  std::vector<int64_t> shape(input.sizes().begin(), input.sizes().begin() + dim);
  for (int64_t size : options.sizes()) shape.push_back(size == -1 ? input.size(dim) / product : size);
  shape.insert(shape.end(), input.sizes().begin() + dim + 1, input.sizes().end());
  return input.view(shape);
}

}  // namespace xg::nn
