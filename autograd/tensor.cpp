// Tensor: attributes and the autograd accessors. The op methods forward to the
// free functions in tensor_methods.cpp.

#include "tensor.h"

#include <atomic>
#include <iostream>

#include "autograd_meta.h"
#include "engine.h"
#include "kernels.h"
#include "live_objects.h"
#include "node.h"

namespace xg {

TensorImpl::TensorImpl() { XG_COUNT_LIVE(live_tensor_impls, 1); }
TensorImpl::~TensorImpl() { XG_COUNT_LIVE(live_tensor_impls, -1); }

void TensorImpl::refresh_layout() {
  numel = detail::numel_of(sizes);
  is_contiguous = true;
  int64_t expected = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    if (sizes[i] == 1) continue;  // a size-1 dim may have any stride
    if (strides[i] != expected) {
      is_contiguous = false;
      break;
    }
    expected *= sizes[i];
  }
}

namespace {
const TensorImpl& checked(const std::shared_ptr<TensorImpl>& impl, const char* what) {
  XG_CHECK(impl != nullptr, what, "called on an undefined tensor");
  return *impl;
}
}  // namespace

IntArrayRef Tensor::sizes() const { return checked(impl_, "sizes").sizes; }
IntArrayRef Tensor::strides() const { return checked(impl_, "strides").strides; }
int64_t Tensor::dim() const { return static_cast<int64_t>(checked(impl_, "dim").sizes.size()); }
int64_t Tensor::numel() const { return checked(impl_, "numel").numel; }
ScalarType Tensor::scalar_type() const { return checked(impl_, "scalar_type").dtype; }
TensorOptions Tensor::options() const { return TensorOptions(scalar_type()).requires_grad(requires_grad()); }
size_t Tensor::element_size() const { return elementSize(scalar_type()); }
bool Tensor::is_contiguous() const { return checked(impl_, "is_contiguous").is_contiguous; }
bool Tensor::is_floating_point() const { return isFloatingType(scalar_type()); }
int64_t Tensor::storage_offset() const { return checked(impl_, "storage_offset").offset; }

int64_t Tensor::size(int64_t dim) const {
  const TensorImpl& impl = checked(impl_, "size");
  return impl.sizes[detail::wrap_dim("size", dim, static_cast<int64_t>(impl.sizes.size()))];
}

int64_t Tensor::stride(int64_t dim) const {
  const TensorImpl& impl = checked(impl_, "stride");
  return impl.strides[detail::wrap_dim("stride", dim, static_cast<int64_t>(impl.sizes.size()))];
}

Scalar Tensor::item() const {
  const TensorImpl& impl = checked(impl_, "item");
  XG_CHECK(impl.numel == 1, "item", "a Tensor with ", impl.numel,
           " elements cannot be converted to Scalar (shape ", sizes(), ")");
  return dispatch_all(impl.dtype, [&](auto tag) -> Scalar {
    using T = typename decltype(tag)::type;
    return Scalar(*detail::data<T>(*this));
  });
}

void* Tensor::data_ptr() const {
  const TensorImpl& impl = checked(impl_, "data_ptr");
  auto* base = static_cast<char*>(impl.storage->data());
  return base == nullptr ? nullptr : base + impl.offset * elementSize(impl.dtype);  // see detail::data
}

void* Tensor::data_ptr_checked(ScalarType expected) const {
  XG_CHECK(scalar_type() == expected, "data_ptr", "expected scalar type ", expected,
           " but found ", scalar_type());
  return data_ptr();
}

std::string Tensor::toString() const {
  return defined() ? std::string("CPU") + xg::toString(scalar_type()) + "Type" : "UndefinedType";
}

void Tensor::print() const {
  // As LibTorch's print(): the type and sizes only, on stderr.
  if (defined()) std::cerr << "[" << toString() << " " << sizes() << "]" << std::endl;
  else std::cerr << "[UndefinedTensor]" << std::endl;
}

// ---- autograd --------------------------------------------------------------------------

namespace autograd {
AutogradMeta& materialize_meta(const Tensor& t) {
  TensorImpl* impl = t.unsafeGetTensorImpl();
  if (!impl->autograd) impl->autograd = std::make_unique<AutogradMeta>();
  return *impl->autograd;
}
}  // namespace autograd

bool Tensor::requires_grad() const {
  const auto& meta = checked(impl_, "requires_grad").autograd;
  return meta && meta->requires_grad;
}

const Tensor& Tensor::requires_grad_(bool requires_grad) const {
  XG_CHECK(is_leaf() || requires_grad, "requires_grad_",
           "you can only change requires_grad flags of leaf variables; use detach() to get a "
           "tensor that does not require grad");
  XG_CHECK(!requires_grad || isFloatingType(scalar_type()), "requires_grad_",
           "only tensors of floating point dtype can require gradients, got ", scalar_type());
  if (requires_grad || impl_->autograd) autograd::materialize_meta(*this).requires_grad = requires_grad;
  return *this;
}

bool Tensor::is_leaf() const {
  const auto& meta = checked(impl_, "is_leaf").autograd;
  return !meta || !meta->grad_fn;
}

const Tensor& Tensor::grad() const {
  static const Tensor undefined;
  const auto& meta = checked(impl_, "grad").autograd;
  return meta ? meta->grad : undefined;
}

Tensor& Tensor::mutable_grad() const {
  checked(impl_, "mutable_grad");
  return autograd::materialize_meta(*this).grad;
}

const std::shared_ptr<autograd::Node>& Tensor::grad_fn() const {
  static const std::shared_ptr<autograd::Node> none;
  const auto& meta = checked(impl_, "grad_fn").autograd;
  return meta ? meta->grad_fn : none;
}

uint32_t Tensor::output_nr() const {
  const auto& meta = checked(impl_, "output_nr").autograd;
  return meta ? meta->output_nr : 0;
}

void Tensor::backward(const Tensor& gradient, std::optional<bool> retain_graph, bool create_graph,
                      std::optional<std::vector<Tensor>> inputs) const {
  autograd::variable_list grads;
  if (gradient.defined()) grads.push_back(gradient);
  autograd::backward({*this}, grads, retain_graph, create_graph, inputs.value_or(std::vector<Tensor>{}));
}

namespace {
unsigned next_hook_handle() {
  static std::atomic<unsigned> counter{0};
  return ++counter;
}
}  // namespace

void Tensor::retain_grad() const {
  XG_CHECK(requires_grad(), "retain_grad", "can't retain_grad on a Tensor that has requires_grad=False");
  if (is_leaf()) return;  // leaves keep their grad anyway
  auto& meta = *impl_->autograd;
  if (meta.retains_grad) return;
  meta.retains_grad = true;
  // Weak: the hook lives on grad_fn, which this tensor owns.
  std::weak_ptr<TensorImpl> weak = impl_;
  meta.grad_fn->pre_hooks.push_back(
      {meta.output_nr, {next_hook_handle(), [weak](const Tensor& grad) {
                          if (auto impl = weak.lock()) {
                            Tensor& stored = impl->autograd->grad;
                            stored = stored.defined() ? stored + grad : grad.detach().clone();
                          }
                          return Tensor();
                        }}});
}

bool Tensor::retains_grad() const {
  const auto& meta = checked(impl_, "retains_grad").autograd;
  return meta && meta->retains_grad;
}

unsigned Tensor::add_hook(std::function<Tensor(const Tensor&)> hook) const {
  XG_CHECK(requires_grad(), "register_hook",
           "cannot register a hook on a tensor that doesn't require gradient");
  unsigned handle = next_hook_handle();
  auto& meta = *impl_->autograd;
  if (meta.grad_fn) {
    meta.grad_fn->pre_hooks.push_back({meta.output_nr, {handle, std::move(hook)}});
  } else {
    meta.hooks.push_back({handle, std::move(hook)});
  }
  return handle;
}

unsigned Tensor::register_post_accumulate_grad_hook(std::function<void(const Tensor&)> hook) const {
  XG_CHECK(requires_grad(), "register_post_accumulate_grad_hook",
           "cannot register a hook on a tensor that doesn't require gradient");
  XG_CHECK(is_leaf(), "register_post_accumulate_grad_hook",
           "post accumulate grad hooks cannot be registered on non-leaf tensors");
  unsigned handle = next_hook_handle();
  impl_->autograd->post_accumulate_hooks.push_back({handle, std::move(hook)});
  return handle;
}

void Tensor::remove_hook(unsigned handle) const {
  auto& meta = autograd::materialize_meta(*this);
  auto erase = [handle](auto& hooks, auto handle_of) {
    for (auto it = hooks.begin(); it != hooks.end(); ++it)
      if (handle_of(*it) == handle) {
        hooks.erase(it);
        return;
      }
  };
  if (meta.grad_fn) erase(meta.grad_fn->pre_hooks, [](const auto& h) { return h.second.first; });
  else erase(meta.hooks, [](const auto& h) { return h.first; });
  erase(meta.post_accumulate_hooks, [](const auto& h) { return h.first; });
}

Tensor Tensor::detach() const {
  const TensorImpl& impl = checked(impl_, "detach");
  auto alias = std::make_shared<TensorImpl>();
  alias->storage = impl.storage;
  alias->offset = impl.offset;
  alias->sizes = impl.sizes;
  alias->strides = impl.strides;
  alias->numel = impl.numel;
  alias->dtype = impl.dtype;
  alias->is_contiguous = impl.is_contiguous;
  return Tensor(std::move(alias));
}

Tensor& Tensor::detach_() {
  checked(impl_, "detach_");
  if (auto& meta = impl_->autograd) {
    meta->grad_fn.reset();
    meta->requires_grad = false;
  }
  return *this;
}

void Tensor::set_data(const Tensor& new_data) const {
  XG_CHECK(defined() && new_data.defined(), "set_data", "both tensors must be defined");
  TensorImpl& target = *impl_;
  const TensorImpl& source = *new_data.unsafeGetTensorImpl();
  const bool dtype_changes = target.dtype != source.dtype;
  target.storage = source.storage;
  target.offset = source.offset;
  target.sizes = source.sizes;
  target.strides = source.strides;
  target.dtype = source.dtype;
  target.is_view = source.is_view;
  target.refresh_layout();
  if (dtype_changes && target.autograd) target.autograd->grad = Tensor();
}

uint32_t Tensor::_version() const { return checked(impl_, "_version").storage->version(); }

}  // namespace xg
