// The autograd part of a tensor, and the Tensor methods that read and write it.

#include "autograd_meta.h"

#include "inplace.h"

namespace xg {

namespace autograd {
void AutogradMetaDeleter::operator()(AutogradMeta* meta) const {
  if (!meta->enclosing_node) {
    delete meta;
    return;
  }
  // The meta lives inside the node: drop what the tensor owned through it, then the
  // tensor's hold on the node (maybe the last one, which destroys the meta with the node).
  std::shared_ptr<Node> node = std::move(meta->enclosing_node);
  *meta = AutogradMeta();
}

AutogradMeta& materialize_meta(const Tensor& t) {
  TensorImpl* impl = t.unsafeGetTensorImpl();
  if (!impl->autograd_meta()) impl->set_autograd_meta(AutogradMetaPtr(new AutogradMeta()));
  return *impl->autograd_meta();
}

AutogradMeta& standalone_meta(const Tensor& t) {
  TensorImpl* impl = t.unsafeGetTensorImpl();
  AutogradMeta& meta = materialize_meta(t);
  if (!meta.enclosing_node) return meta;
  // The contents move to a meta of its own; the one inside the node is given back as
  // when the tensor dies (AutogradMetaDeleter), so it keeps its enclosing_node until then.
  AutogradMetaPtr own(new AutogradMeta(std::move(meta)));
  meta.enclosing_node = std::exchange(own->enclosing_node, nullptr);
  impl->set_autograd_meta(std::move(own));
  return *impl->autograd_meta();
}

void apply_hook(const Hook& hook, Tensor& grad) {
  Tensor replaced = hook(grad);
  if (!replaced.defined()) return;
  XG_CHECK(replaced.sizes() == grad.sizes(), "register_hook", "a hook changed the shape of the gradient from ",
           grad.sizes(), " to ", replaced.sizes());
  grad = std::move(replaced);
}
}  // namespace autograd

namespace {
// The autograd part of t, after rebuilding the history of a view whose memory was written
// since its history was set (see graph/inplace.h).
const autograd::AutogradMeta* current_meta(const Tensor& t, const TensorImpl& impl) {
  if (detail::is_stale_view(impl)) detail::refresh_view_history(t);
  return impl.autograd_meta();
}
}  // namespace

bool Tensor::requires_grad() const {
  const autograd::AutogradMeta* meta = current_meta(*this, checked_impl("requires_grad"));
  return meta && meta->requires_grad;
}

const Tensor& Tensor::requires_grad_(bool requires_grad) const {
  XG_CHECK(is_leaf() || requires_grad, "requires_grad_",
           "you can only change requires_grad flags of leaf variables; use detach() to get a "
           "tensor that does not require grad");
  XG_CHECK(!requires_grad || isFloatingType(scalar_type()), "requires_grad_",
           "only tensors of floating point dtype can require gradients, got ", scalar_type());
  if (requires_grad || impl_->autograd_meta()) autograd::materialize_meta(*this).requires_grad = requires_grad;
  return *this;
}

bool Tensor::is_leaf() const {
  const autograd::AutogradMeta* meta = current_meta(*this, checked_impl("is_leaf"));
  return !meta || !meta->grad_fn;
}

const Tensor& Tensor::grad() const {
  static const Tensor undefined;
  const autograd::AutogradMeta* meta = checked_impl("grad").autograd_meta();
  return meta ? meta->grad : undefined;
}

Tensor& Tensor::mutable_grad() const {
  checked_impl("mutable_grad");
  return autograd::materialize_meta(*this).grad;
}

const std::shared_ptr<autograd::Node>& Tensor::grad_fn() const {
  static const std::shared_ptr<autograd::Node> none;
  const autograd::AutogradMeta* meta = current_meta(*this, checked_impl("grad_fn"));
  return meta ? meta->grad_fn : none;
}

uint32_t Tensor::output_nr() const {
  const autograd::AutogradMeta* meta = current_meta(*this, checked_impl("output_nr"));
  return meta ? meta->output_nr : 0;
}

Tensor& Tensor::detach_() const {
  checked_impl("detach_");
  if (impl_->autograd_meta()) {
    autograd::AutogradMeta& meta = autograd::standalone_meta(*this);
    meta.grad_fn.reset();
    meta.requires_grad = false;
  }
  return mutable_handle();
}

void Tensor::set_data(const Tensor& new_data) const {
  XG_CHECK(defined() && new_data.defined(), "set_data", "both tensors must be defined");
  TensorImpl& target = *impl_;
  const TensorImpl& source = *new_data.unsafeGetTensorImpl();
  const bool dtype_changes = target.dtype() != source.dtype();
  target.shallow_copy_from(source);
  if (dtype_changes && target.autograd_meta()) target.autograd_meta()->grad = Tensor();
}

}  // namespace xg
