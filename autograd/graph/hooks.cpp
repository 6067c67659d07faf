// Hooks on a tensor's gradient: register_hook, retain_grad, remove_hook and the
// post-accumulate hooks. A leaf keeps its hooks in its AutogradMeta (AccumulateGrad
// runs them); a non-leaf tensor's hooks live on its grad_fn, as pre-hooks of the
// output it is, and the engine runs them before the node (both through apply_hook).

#include <atomic>

#include "autograd_meta.h"
#include "node.h"

namespace xg {

namespace {
unsigned next_hook_handle() {
  static std::atomic<unsigned> counter{0};
  return ++counter;
}
}  // namespace

void Tensor::retain_grad() const {
  XG_CHECK(requires_grad(), "retain_grad", "can't retain_grad on a Tensor that has requires_grad=False");
  if (is_leaf()) return;  // leaves keep their grad anyway
  auto& meta = *impl_->autograd_meta();
  if (meta.retains_grad) return;
  meta.retains_grad = true;
  // Weak: the hook lives on grad_fn, which this tensor owns.
  std::weak_ptr<TensorImpl> weak = impl_;
  meta.grad_fn->pre_hooks.push_back(
      {meta.output_nr, {next_hook_handle(), [weak](const Tensor& grad) {
                          if (auto impl = weak.lock()) {
                            Tensor& stored = impl->autograd_meta()->grad;
                            stored = stored.defined() ? stored + grad : grad.detach().clone();
                          }
                          return Tensor();
                        }}});
}

bool Tensor::retains_grad() const {
  const autograd::AutogradMeta* meta = checked_impl("retains_grad").autograd_meta();
  return meta && meta->retains_grad;
}

unsigned Tensor::add_hook(std::function<Tensor(const Tensor&)> hook) const {
  XG_CHECK(requires_grad(), "register_hook",
           "cannot register a hook on a tensor that doesn't require gradient");
  unsigned handle = next_hook_handle();
  auto& meta = *impl_->autograd_meta();
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
  impl_->autograd_meta()->post_accumulate_hooks.push_back({handle, std::move(hook)});
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

}  // namespace xg
