#pragma once
// Tensor: a cheap, shared handle to an n-dimensional array, as torch::Tensor.
//
// Copying a Tensor copies a pointer: both handles see the same elements, the
// same gradient and the same autograd history. Behind the handle a TensorImpl
// holds
//   - the storage (shared with every view of the same memory),
//   - the view: offset, sizes and strides into that storage,
//   - the autograd part (requires_grad, grad, grad_fn), allocated only for
//     tensors that take part in autograd, so plain math pays nothing for it.
//
// The ops are listed once, in ops.def: from that list this header declares each
// op as a free function and writes its method, so both spellings of LibTorch
// work: x.exp() and xg::exp(x).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../base/array_ref.h"
#include "../base/dtype.h"
#include "../base/options.h"
#include "../base/padding_string.h"
#include "../base/reduction.h"
#include "../base/scalar.h"
#include "accessor.h"
#include "storage.h"

namespace xg {

class Tensor;
using TensorList = ArrayRef<Tensor>;

namespace autograd {
class Node;
struct AutogradMeta;
/// Deletes an AutogradMeta (defined with it, in graph/autograd_meta.cpp): the tensor layer
/// owns the autograd part without knowing its contents.
struct AutogradMetaDeleter {
  void operator()(AutogradMeta* meta) const;
};
using AutogradMetaPtr = std::unique_ptr<AutogradMeta, AutogradMetaDeleter>;
}  // namespace autograd

namespace indexing {
class TensorIndex;
}

/// The result of max(dim), min(dim) and other ops with two outputs.
using TensorPair = std::tuple<Tensor, Tensor>;

// ---- The ops as free functions (xg::exp(x)): one per row of ops.def ----------------------
// Declared before class Tensor, whose methods forward to them. Those with no method form
// (XG_FN) are declared after it, so that their defaults may construct a Tensor.
#define XG_EXPAND(...) __VA_ARGS__
#define XG_OP(R, name, params, args, nodes, checks) R name(const Tensor& self, XG_EXPAND params);
#define XG_OP0(R, name, nodes, checks) R name(const Tensor& self);
#define XG_OP_(name, params, args, nodes, checks) Tensor& name(Tensor& self, XG_EXPAND params);
#define XG_OP0_(name, nodes, checks) Tensor& name(Tensor& self);
#define XG_FN(R, name, params, nodes, checks)
#define XG_METHOD(R, name, params, nodes, checks)
#include "ops.def"
#include "ops_undef.h"

/// What a Tensor points at: the storage, the view into it (offset, sizes,
/// strides, dtype) and the autograd slot. Its state is private: it changes only
/// through the operations below, which keep numel and is_contiguous in step with
/// the sizes and strides.
class TensorImpl {
 public:
  TensorImpl();
  ~TensorImpl();
  TensorImpl(const TensorImpl&) = delete;
  TensorImpl& operator=(const TensorImpl&) = delete;

  // ---- Reading -----------------------------------------------------------------------
  const std::shared_ptr<StorageImpl>& storage() const { return storage_; }
  /// Where the first element is in the storage, in elements.
  int64_t storage_offset() const { return storage_offset_; }
  const SizeVector& sizes() const { return sizes_; }
  /// In elements; 0 where a dim was expanded.
  const SizeVector& strides() const { return strides_; }
  int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
  int64_t numel() const { return numel_; }
  ScalarType dtype() const { return dtype_; }
  /// Row-major with no gaps (cached).
  bool is_contiguous() const { return is_contiguous_; }
  /// A C++ scalar made into a 0-d tensor (weaker in type promotion).
  bool is_wrapped_number() const { return is_wrapped_number_; }
  /// Shares its storage with the tensor it was made from.
  bool is_view() const { return is_view_; }
  /// For a view made while grad mode was on: the tensor it views (the first one in a
  /// chain of views that is not a view), whose history an in-place write into this view
  /// changes (see graph/inplace.h). Null otherwise.
  const std::shared_ptr<TensorImpl>& view_base() const { return view_base_; }
  /// The storage version when this view's autograd history was last set: when the
  /// storage was written since, the history is stale and is rebuilt from the base's.
  uint32_t view_version() const { return view_version_; }

  // ---- Changing the view -------------------------------------------------------------
  void set_storage(std::shared_ptr<StorageImpl> storage) { storage_ = std::move(storage); }
  void set_storage_offset(int64_t offset) { storage_offset_ = offset; }
  void set_dtype(ScalarType dtype) { dtype_ = dtype; }
  /// Gives this tensor these sizes and strides (numel and is_contiguous follow).
  void set_sizes_and_strides(IntArrayRef new_sizes, IntArrayRef new_strides);
  /// Gives this tensor the shape `new_sizes` with row-major strides (numel and
  /// is_contiguous follow), as c10::TensorImpl::set_sizes_contiguous.
  void set_sizes_contiguous(IntArrayRef new_sizes);
  void set_wrapped_number(bool value) { is_wrapped_number_ = value; }
  void set_is_view(bool value) { is_view_ = value; }
  void set_view_base(std::shared_ptr<TensorImpl> base) { view_base_ = std::move(base); }
  void set_view_version(uint32_t version) { view_version_ = version; }
  /// Takes the storage and view of `other` (not its autograd part or wrapped-number mark).
  void shallow_copy_from(const TensorImpl& other);
  /// Counts an in-place write: every alias of the storage sees the new version.
  void bump_version() { storage_->bump_version(); }

  // ---- Autograd ----------------------------------------------------------------------
  /// The autograd part: null unless autograd tracks this tensor.
  autograd::AutogradMeta* autograd_meta() const { return autograd_meta_.get(); }
  /// Replaces the autograd part (the old one goes to AutogradMetaDeleter).
  void set_autograd_meta(autograd::AutogradMetaPtr meta) {
    autograd_meta_ = std::move(meta);
  }

 private:
  /// Recompute numel and is_contiguous after sizes/strides changed.
  void refresh_layout();

  std::shared_ptr<StorageImpl> storage_;
  int64_t storage_offset_ = 0;
  SizeVector sizes_;
  SizeVector strides_;
  int64_t numel_ = 1;
  ScalarType dtype_ = kFloat;
  bool is_contiguous_ = true;
  bool is_wrapped_number_ = false;
  bool is_view_ = false;
  std::shared_ptr<TensorImpl> view_base_;
  uint32_t view_version_ = 0;
  autograd::AutogradMetaPtr autograd_meta_;
};

class Tensor {
 public:
  /// An undefined tensor (defined() == false), like a default torch::Tensor.
  Tensor() = default;
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}

  // ---- Attributes -----------------------------------------------------------
  bool defined() const { return impl_ != nullptr; }
  IntArrayRef sizes() const { return checked_impl("sizes").sizes(); }
  IntArrayRef strides() const { return checked_impl("strides").strides(); }
  /// Size of dim `dim`; negative counts from the end.
  int64_t size(int64_t dim) const;
  int64_t stride(int64_t dim) const;
  int64_t dim() const { return checked_impl("dim").dim(); }
  int64_t ndimension() const { return dim(); }
  int64_t numel() const { return checked_impl("numel").numel(); }
  ScalarType scalar_type() const { return checked_impl("scalar_type").dtype(); }
  ScalarType dtype() const { return scalar_type(); }
  /// Always the CPU: xgrad keeps every tensor in main memory.
  Device device() const {
    checked_impl("device");  // an undefined tensor has no device
    return Device(kCPU);
  }
  bool is_cpu() const { return device().is_cpu(); }
  bool is_cuda() const { return device().is_cuda(); }
  TensorOptions options() const;
  size_t element_size() const;
  bool is_contiguous() const { return checked_impl("is_contiguous").is_contiguous(); }
  bool is_floating_point() const;
  int64_t storage_offset() const { return checked_impl("storage_offset").storage_offset(); }
  /// The value of a one-element tensor.
  Scalar item() const;
  template <class T>
  T item() const { return item().to<T>(); }
  /// Pointer to the first element; T must match the dtype.
  template <class T>
  T* data_ptr() const { return static_cast<T*>(data_ptr_checked(dtype_of<T>())); }
  void* data_ptr() const;
  /// Element access by a[i][j] (see accessor.h); the tensor must have N dims and dtype T.
  template <class T, size_t N>
  TensorAccessor<T, N> accessor() const& {
    static_assert(N > 0, "accessor is used for indexing tensor, for scalars use *data_ptr<T>()");
    T* data = static_cast<T*>(accessor_data(dtype_of<T>(), N));
    return TensorAccessor<T, N>(data, sizes().data(), strides().data());
  }
  /// Not on a temporary: the accessor borrows the tensor's sizes and strides.
  template <class T, size_t N>
  TensorAccessor<T, N> accessor() && = delete;
  /// "CPUFloatType" etc., as LibTorch's toString().
  std::string toString() const;
  /// Writes the type and sizes, e.g. "[CPUFloatType [2, 3]]", to stderr, as LibTorch's print()
  /// (operator<< prints the elements).
  void print() const;

  TensorImpl* unsafeGetTensorImpl() const { return impl_.get(); }
  const std::shared_ptr<TensorImpl>& impl() const { return impl_; }
  bool is_same(const Tensor& other) const { return impl_ == other.impl_; }
  long use_count() const { return impl_.use_count(); }

  // ---- Autograd ---------------------------------------------------------------
  bool requires_grad() const;
  /// Ask autograd to compute a gradient for this tensor (leaves only). Returns *this.
  const Tensor& requires_grad_(bool requires_grad = true) const;
  const Tensor& set_requires_grad(bool requires_grad) const { return requires_grad_(requires_grad); }
  /// True for tensors not made by a recorded op (created by the user, or not requiring grad).
  bool is_leaf() const;
  /// The accumulated gradient; undefined until a backward pass reaches this tensor.
  const Tensor& grad() const;
  /// Writable reference to the gradient (assign Tensor() to clear it).
  Tensor& mutable_grad() const;
  /// The node that made this tensor (nullptr for leaves).
  const std::shared_ptr<autograd::Node>& grad_fn() const;
  /// Which output of grad_fn this tensor is.
  uint32_t output_nr() const;
  /// Computes the gradient of this tensor w.r.t. graph leaves and accumulates it into their grad().
  /// `gradient` may be omitted for a one-element tensor. With create_graph, each leaf's grad()
  /// refers to a graph that refers to the leaf, as in torch: reset the grads (or prefer
  /// autograd::grad) when done, or that memory is never freed.
  void backward(const Tensor& gradient = {}, std::optional<bool> retain_graph = std::nullopt,
                bool create_graph = false,
                std::optional<std::vector<Tensor>> inputs = std::nullopt) const;
  /// Keep grad() for a non-leaf tensor too.
  void retain_grad() const;
  bool retains_grad() const;
  /// hook(grad) runs when the gradient w.r.t. this tensor is computed; returning a defined
  /// tensor replaces the gradient. Returns a handle for remove_hook.
  template <class F>
  unsigned register_hook(F&& hook) const;
  void remove_hook(unsigned handle) const;
  /// hook(tensor) runs after a backward pass has accumulated this leaf's gradient into grad(),
  /// as torch's register_post_accumulate_grad_hook (DistributedDataParallel starts reducing a
  /// bucket of gradients from it). Leaves only. Returns a handle for remove_hook.
  unsigned register_post_accumulate_grad_hook(std::function<void(const Tensor&)> hook) const;
  /// A new tensor sharing the storage but cut from the graph.
  Tensor detach() const;
  Tensor& detach_() const;
  /// Counter of in-place writes to this tensor's storage.
  uint32_t _version() const;
  /// A tensor sharing the elements but not the history (torch's .data).
  Tensor data() const { return detach(); }
  /// Gives this tensor the elements, shape and dtype of `new_data`, in place: every
  /// handle to it sees them, and it keeps its requires_grad and leaf-ness (as torch's
  /// set_data; how Module::to(dtype) converts parameters). Its gradient is dropped
  /// when the dtype changes.
  void set_data(const Tensor& new_data) const;

  // ---- The ops as methods (x.exp()), forwarding to the free functions: one per row of ops.def
#define XG_OP(R, name, params, args, nodes, checks) \
  R name params const { return xg::name(*this, XG_EXPAND args); }
#define XG_OP0(R, name, nodes, checks) \
  R name() const { return xg::name(*this); }
// In-place methods are const too, as in LibTorch: a Tensor is a handle, and the const
// of the handle says nothing about the elements it points to (w.grad().zero_() works).
#define XG_OP_(name, params, args, nodes, checks) \
  Tensor& name params const { return xg::name(mutable_handle(), XG_EXPAND args); }
#define XG_OP0_(name, nodes, checks) \
  Tensor& name() const { return xg::name(mutable_handle()); }
#define XG_FN(R, name, params, nodes, checks)
#define XG_METHOD(R, name, params, nodes, checks) R name params const;
#include "ops.def"
#include "ops_undef.h"

  // ---- Spellings of the ops above ---------------------------------------------------
  Tensor operator[](int64_t index) const { return select(0, index); }
  Tensor& operator+=(const Tensor& other) const { return add_(other); }
  Tensor& operator+=(const Scalar& other) const { return add_(other); }
  Tensor& operator-=(const Tensor& other) const { return sub_(other); }
  Tensor& operator-=(const Scalar& other) const { return sub_(other); }
  Tensor& operator*=(const Tensor& other) const { return mul_(other); }
  Tensor& operator*=(const Scalar& other) const { return mul_(other); }
  Tensor& operator/=(const Tensor& other) const { return div_(other); }
  Tensor& operator/=(const Scalar& other) const { return div_(other); }

 private:
  /// This handle, for the in-place ops, which take the tensor they write by reference.
  Tensor& mutable_handle() const { return const_cast<Tensor&>(*this); }
  /// The impl, or an error naming `what` when this tensor is undefined.
  const TensorImpl& checked_impl(const char* what) const {
    if (impl_ == nullptr) fail_undefined(what);
    return *impl_;
  }
  [[noreturn]] static void fail_undefined(const char* what);
  void* data_ptr_checked(ScalarType expected) const;
  /// accessor()'s checks (dims, then dtype, as LibTorch), then data_ptr().
  void* accessor_data(ScalarType expected, size_t dims) const;
  unsigned add_hook(std::function<Tensor(const Tensor&)> hook) const;

  std::shared_ptr<TensorImpl> impl_;
};

template <class F>
unsigned Tensor::register_hook(F&& hook) const {
  if constexpr (std::is_void_v<std::invoke_result_t<F, Tensor>>) {
    return add_hook([hook = std::forward<F>(hook)](const Tensor& grad) {
      hook(grad);
      return Tensor();
    });
  } else {
    return add_hook(std::forward<F>(hook));
  }
}

#define XG_OP(R, name, params, args, nodes, checks)
#define XG_OP0(R, name, nodes, checks)
#define XG_OP_(name, params, args, nodes, checks)
#define XG_OP0_(name, nodes, checks)
#define XG_FN(R, name, params, nodes, checks) R name params;
#define XG_METHOD(R, name, params, nodes, checks)
#include "ops.def"
#include "ops_undef.h"

/// Prints like LibTorch: the elements, then a line such as [ CPUFloatType{2,3} ].
std::ostream& operator<<(std::ostream& out, const Tensor& t);

// ---- Operators ----------------------------------------------------------------------
Tensor operator-(const Tensor& a);
Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator+(const Tensor& a, const Scalar& b);
Tensor operator+(const Scalar& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Scalar& b);
Tensor operator-(const Scalar& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Scalar& b);
Tensor operator*(const Scalar& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Scalar& b);
Tensor operator/(const Scalar& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Scalar& b);
Tensor operator!=(const Tensor& a, const Tensor& b);
Tensor operator!=(const Tensor& a, const Scalar& b);
Tensor operator<(const Tensor& a, const Tensor& b);
Tensor operator<(const Tensor& a, const Scalar& b);
Tensor operator<=(const Tensor& a, const Tensor& b);
Tensor operator<=(const Tensor& a, const Scalar& b);
Tensor operator>(const Tensor& a, const Tensor& b);
Tensor operator>(const Tensor& a, const Scalar& b);
Tensor operator>=(const Tensor& a, const Tensor& b);
Tensor operator>=(const Tensor& a, const Scalar& b);

}  // namespace xg
