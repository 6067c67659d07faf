// The autograd history of views that in-place ops write into.
//
// A view shares its base's memory, so an in-place write into the view changes the base
// too, and the base's history must say so. LibTorch records this as a CopySlices node
// on the base, and rebuilds the history of any view whose memory was written since its
// history was set (AsStridedBackward0: the base's values seen through the view's sizes,
// strides and offset). Both are here; finish_inplace and the Tensor's autograd getters
// call them (see inplace.h).

#include "../tensor/factories.h"
#include "../tensor/tensor.h"
#include "inplace.h"
#include "node.h"

namespace xg::detail {

namespace {

using autograd::variable_list;

// Where a tensor's elements lie in its storage.
struct Geometry {
  SizeVector sizes, strides;
  int64_t offset;
};

Geometry geometry_of(const Tensor& t) {
  const TensorImpl& impl = *t.unsafeGetTensorImpl();
  return {impl.sizes(), impl.strides(), impl.storage_offset()};
}

// One past the last storage element the geometry reaches (0 when it has no element).
int64_t extent(const Geometry& g) {
  int64_t last = g.offset;
  for (size_t d = 0; d < g.sizes.size(); ++d) {
    if (g.sizes[d] == 0) return 0;
    last += (g.sizes[d] - 1) * g.strides[d];
  }
  return last + 1;
}

// The base's and the view's geometries over a fresh buffer (zeros) just big enough for both.
struct Layout {
  Geometry base, view;
  Tensor make_buffer(ScalarType dtype) const {
    return zeros({std::max(extent(base), extent(view))}, TensorOptions().dtype(dtype));
  }
  static Tensor on(const Tensor& buffer, const Geometry& g) {
    auto impl = std::make_shared<TensorImpl>();
    impl->set_storage(buffer.unsafeGetTensorImpl()->storage());
    impl->set_storage_offset(g.offset);
    impl->set_dtype(buffer.scalar_type());
    impl->set_sizes_and_strides(g.sizes, g.strides);
    return Tensor(std::move(impl));
  }
};

// Writes t into a fresh buffer with one of the layout's geometries and reads it back with
// the other. Base to view: the view's elements of t, a tensor of the base's shape
// (LibTorch's as_strided). View to base: zeros of the base's shape with t where the view
// lies. Each is the other's gradient.
Tensor relayout(const Tensor& t, const Layout& layout, bool to_view) {
  const Geometry& from = to_view ? layout.base : layout.view;
  const Geometry& to = to_view ? layout.view : layout.base;
  Tensor buffer = layout.make_buffer(t.scalar_type()), out;
  {
    NoGradGuard no_grad;
    Layout::on(buffer, from).copy_(t);
    out = Layout::on(buffer, to).clone();
  }
  if (autograd::needs_grad(t)) {
    autograd::record(to_view ? "AsStridedBackward0" : "AsStridedBackwardBackward0", {t}, out,
                     [layout, to_view](const variable_list& g) -> variable_list {
                       return {relayout(g[0], layout, !to_view)};
                     });
  }
  return out;
}

Tensor region_of(const Tensor& whole, const Layout& layout) { return relayout(whole, layout, true); }
Tensor embed_region(const Tensor& part, const Layout& layout) { return relayout(part, layout, false); }

}  // namespace

void refresh_view_history(const Tensor& view) {
  TensorImpl& impl = *view.unsafeGetTensorImpl();
  impl.set_view_version(impl.storage()->version());  // first: the getters below must not come back here
  const Tensor base(impl.view_base());
  if (base.requires_grad()) {
    const Layout layout{geometry_of(base), geometry_of(view)};
    autograd::record("AsStridedBackward0", {base}, view, [layout](const variable_list& g) -> variable_list {
      return {embed_region(g[0], layout)};
    });
  } else if (impl.autograd_meta() && impl.autograd_meta()->grad_fn) {
    autograd::AutogradMeta& meta = autograd::standalone_meta(view);  // the base lost its history
    meta.grad_fn.reset();
    meta.requires_grad = false;
  }
}

// CopySlices. After an in-place op wrote `result` into a view, the base's new value is
// its old value with the view's region replaced by result. So the base's gradient g
// goes to the base's old value outside the region, and g's region goes to result,
// whose history (the in-place op's node, then the view's old history) leads back into
// the base's old history inside the region. Summed by the engine, the base's old value
// gets g with the view's region replaced by the in-place node's input gradient, which
// is what LibTorch's CopySlices computes in one node.
void rebase_view_history(const Tensor& view, const Tensor& result) {
  const Tensor base(view.unsafeGetTensorImpl()->view_base());
  const Layout layout{geometry_of(base), geometry_of(view)};
  Tensor history = base.detach();
  autograd::record("torch::autograd::CopySlices", {alias_with_history(base), result}, history,
                   [layout](const variable_list& g) -> variable_list {
                     const Tensor inside = embed_region(ones(layout.view.sizes, TensorOptions().dtype(kBool)), layout);
                     return {where(inside, 0, g[0]), region_of(g[0], layout)};
                   });
  share_history(history, base);
}

}  // namespace xg::detail
