// Creation ops: tensors from values, shapes and random numbers (declared in
// tensor/factories.h): torch::tensor, zeros, ones, full, arange, linspace, rand, ...

#include "../tensor/factories.h"

#include <cmath>
#include <limits>
#include <utility>

#include "../kernels/elementwise.h"
#include "../tensor/random.h"
#include "../tensor/shape.h"

namespace xg {

namespace detail {

TensorDataContainer::TensorDataContainer(std::initializer_list<TensorDataContainer> list)
    : type_(kBool), is_list_(true), elements_(list) {
  sizes_ = {static_cast<int64_t>(list.size())};
  if (elements_.empty()) {
    type_ = kFloat;
    return;
  }
  const TensorDataContainer& first = elements_.front();
  sizes_.insert(sizes_.end(), first.sizes_.begin(), first.sizes_.end());
  for (const TensorDataContainer& e : elements_) {
    XG_CHECK(e.sizes_ == first.sizes_, "tensor", "expected all sub-lists to have sizes ",
             IntArrayRef(first.sizes_), " but got ", IntArrayRef(e.sizes_));
    type_ = promoteTypes(type_, e.type_);
  }
}

void TensorDataContainer::append_to(std::vector<Scalar>& values) const {
  if (!is_list_) {
    values.push_back(scalar_);
    return;
  }
  for (const TensorDataContainer& e : elements_) e.append_to(values);
}

void TensorDataContainer::fill(const Tensor& out) const {
  std::vector<Scalar> values;
  values.reserve(static_cast<size_t>(out.numel()));
  append_to(values);
  dispatch_all(out.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = data<T>(out);
    for (size_t i = 0; i < values.size(); ++i) p[i] = values[i].to<T>();
  });
}

}  // namespace detail

namespace {
// The options' dtype, or `fallback` when none was given.
ScalarType dtype_or(const TensorOptions& options, ScalarType fallback) {
  return options.has_dtype() ? options.dtype() : fallback;
}
// The factory's last step: options' device must be the CPU, and requires_grad is applied.
Tensor finish(const char* op, Tensor t, const TensorOptions& options) {
  check_cpu_device(op, options.device());
  if (options.requires_grad()) t.requires_grad_(true);
  return t;
}
template <class F>
Tensor filled(const char* op, IntArrayRef size, ScalarType dtype, F value_at) {
  Tensor t = detail::empty(size, dtype, op);
  dispatch_all(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = detail::data<T>(t);
    for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = static_cast<T>(value_at(i));
  });
  return t;
}
}  // namespace

Tensor tensor(detail::TensorDataContainer data, const TensorOptions& options) {
  Tensor t = detail::empty(data.sizes(), dtype_or(options, data.scalar_type()), "tensor");
  data.fill(t);
  return finish("tensor", t, options);
}

Tensor empty(IntArrayRef size, const TensorOptions& options) {
  return finish("empty", detail::empty(size, options.dtype(), "empty"), options);
}

Tensor zeros(IntArrayRef size, const TensorOptions& options) {
  return finish("zeros", filled("zeros", size, options.dtype(), [](int64_t) { return 0; }), options);
}

Tensor ones(IntArrayRef size, const TensorOptions& options) {
  return finish("ones", filled("ones", size, options.dtype(), [](int64_t) { return 1; }), options);
}

Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options) {
  const ScalarType natural = value.isFloatingPoint() ? default_dtype() : value.type();
  Tensor t = detail::empty(size, dtype_or(options, natural), "full");
  t.fill_(value);
  return finish("full", t, options);
}

Tensor eye(int64_t n, const TensorOptions& options) { return eye(n, n, options); }

Tensor eye(int64_t n, int64_t m, const TensorOptions& options) {
  XG_CHECK(n >= 0 && m >= 0, "eye", "n and m must be non-negative, got ", n, " and ", m);
  Tensor t = filled("eye", {n, m}, options.dtype(), [m](int64_t i) { return i / m == i % m ? 1 : 0; });
  return finish("eye", t, options);
}

Tensor arange(const Scalar& end, const TensorOptions& options) { return arange(0, end, 1, options); }

Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options) {
  return arange(start, end, 1, options);
}

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, const TensorOptions& options) {
  const double s = start.toDouble(), e = end.toDouble(), d = step.toDouble();
  XG_CHECK(d != 0, "arange", "step must be nonzero");
  XG_CHECK((d > 0 && e >= s) || (d < 0 && e <= s), "arange", "upper bound ", end,
           " and lower bound ", start, " inconsistent with step sign ", step);
  const bool integral = !start.isFloatingPoint() && !end.isFloatingPoint() && !step.isFloatingPoint();
  const auto n = static_cast<int64_t>(std::ceil((e - s) / d));
  Tensor t = filled("arange", {n}, dtype_or(options, integral ? kLong : default_dtype()),
                    [&](int64_t i) { return s + static_cast<double>(i) * d; });
  return finish("arange", t, options);
}

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, const TensorOptions& options) {
  XG_CHECK(steps >= 0, "linspace", "number of steps must be non-negative, got ", steps);
  const double s = start.toDouble(), e = end.toDouble();
  const double step = steps > 1 ? (e - s) / static_cast<double>(steps - 1) : 0.0;
  // Like torch, fill the second half backwards from `end` so both ends are exact.
  const int64_t half = steps / 2;
  Tensor t = filled("linspace", {steps}, options.dtype(), [&](int64_t i) {
    return i < half ? s + step * static_cast<double>(i) : e - step * static_cast<double>(steps - i - 1);
  });
  return finish("linspace", t, options);
}

// A floating tensor of `size` filled by `fill(t, generator)` from the global generator.
template <class Fill>
static Tensor random_floating(const char* op, IntArrayRef size, const TensorOptions& options, Fill fill) {
  check_cpu_device(op, options.device());  // before drawing: a refused call leaves the generator as it was
  XG_CHECK(isFloatingType(options.dtype()), op, "expected a floating dtype, got ", options.dtype());
  Tensor t = detail::empty(size, options.dtype(), op);
  fill(t, detail::default_generator());
  return finish(op, t, options);
}

Tensor rand(IntArrayRef size, const TensorOptions& options) {
  return random_floating("rand", size, options, [](const Tensor& t, detail::Generator& gen) { detail::fill_uniform(t, 0, 1, gen); });
}

Tensor randn(IntArrayRef size, const TensorOptions& options) {
  return random_floating("randn", size, options, [](const Tensor& t, detail::Generator& gen) { detail::fill_normal(t, 0, 1, gen); });
}

Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options) {
  return randint(0, high, size, options);
}

Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options) {
  check_cpu_device("randint", options.device());  // before drawing, as in random_floating
  XG_CHECK(low < high, "randint", "expects low < high, got low=", low, " high=", high);
  const ScalarType dtype = dtype_or(options, kLong);
  // Like torch, the bounds must be values of the dtype (exact integers for floating dtypes).
  const auto [bottom, top] = dispatch_all(dtype, [](auto tag) -> std::pair<int64_t, int64_t> {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<T>) {
      constexpr int64_t exact = int64_t{1} << std::numeric_limits<T>::digits;  // 2^24, 2^53
      return {-exact, exact};
    } else {
      return {std::numeric_limits<T>::min(), std::numeric_limits<T>::max()};
    }
  });
  XG_CHECK(low >= bottom && high - 1 <= top, "randint", "the range [", low, ", ", high,
           ") does not fit in ", dtype);
  Tensor t = detail::empty(size, dtype, "randint");
  detail::fill_random_int(t, low, high, detail::default_generator());
  return finish("randint", t, options);
}

Tensor randperm(int64_t n, const TensorOptions& options) {
  check_cpu_device("randperm", options.device());  // before drawing, as in random_floating
  XG_CHECK(n >= 0, "randperm", "n must be non-negative, got ", n);
  const ScalarType dtype = dtype_or(options, kLong);
  // Like torch, every value must be exact in the dtype.
  const int64_t top = dtype == kBool ? 2 : dtype == kFloat ? (1LL << 24) : dtype == kDouble ? (1LL << 53) : INT64_MAX;
  XG_CHECK(n <= top, "randperm", "n is too large for result tensor type: '", dtype, "'");
  Tensor t = detail::empty({n}, dtype, "randperm");
  detail::fill_randperm(t, detail::default_generator());
  return finish("randperm", t, options);
}

void manual_seed(uint64_t seed) {
  detail::Generator& generator = detail::default_generator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_seed(seed);
}

Tensor empty_like(const Tensor& t, const TensorOptions& options) {
  return empty(t.sizes(), options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor zeros_like(const Tensor& t, const TensorOptions& options) {
  return zeros(t.sizes(), options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor ones_like(const Tensor& t, const TensorOptions& options) {
  return ones(t.sizes(), options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor full_like(const Tensor& t, const Scalar& value, const TensorOptions& options) {
  return full(t.sizes(), value, options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor rand_like(const Tensor& t, const TensorOptions& options) {
  return rand(t.sizes(), options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor randn_like(const Tensor& t, const TensorOptions& options) {
  return randn(t.sizes(), options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor randint_like(const Tensor& t, int64_t low, int64_t high, const TensorOptions& options) {
  return randint(low, high, t.sizes(), options.dtype(dtype_or(options, t.scalar_type())));
}
Tensor randint_like(const Tensor& t, int64_t high, const TensorOptions& options) {
  return randint_like(t, 0, high, options);
}

// x.new_zeros(size) and its kin: a fresh tensor of `size` with x's dtype unless `options`
// name another. As LibTorch's Tensor methods (ATen ops), they ignore options.requires_grad();
// call requires_grad_() on the result instead.
namespace {
TensorOptions new_options(const char* op, const Tensor& self, IntArrayRef size, const TensorOptions& options) {
  const ScalarType dtype = dtype_or(options, self.scalar_type());
  detail::checked_nbytes(op, size, elementSize(dtype));  // named after the method, not the factory it calls
  return options.dtype(dtype).requires_grad(false);
}
}  // namespace
Tensor Tensor::new_empty(IntArrayRef size, const TensorOptions& options) const {
  return empty(size, new_options("new_empty", *this, size, options));
}
Tensor Tensor::new_zeros(IntArrayRef size, const TensorOptions& options) const {
  return zeros(size, new_options("new_zeros", *this, size, options));
}
Tensor Tensor::new_ones(IntArrayRef size, const TensorOptions& options) const {
  return ones(size, new_options("new_ones", *this, size, options));
}
Tensor Tensor::new_full(IntArrayRef size, const Scalar& fill_value, const TensorOptions& options) const {
  return full(size, fill_value, new_options("new_full", *this, size, options));
}

Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options) {
  return from_blob(data, sizes, detail::contiguous_strides(sizes), options);
}

Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, const TensorOptions& options) {
  XG_CHECK(sizes.size() == strides.size(), "from_blob", "got ", sizes.size(), " sizes but ",
           strides.size(), " strides");
  detail::checked_nbytes("from_blob", sizes, elementSize(options.dtype()));
  auto impl = std::make_shared<TensorImpl>();
  impl->set_sizes_and_strides(sizes, strides);
  impl->set_dtype(options.dtype());
  impl->set_storage(StorageImpl::wrap(data, detail::span(*impl), impl->dtype(), nullptr));
  return finish("from_blob", Tensor(std::move(impl)), options);
}

Tensor from_blob(void* data, IntArrayRef sizes, const std::function<void(void*)>& deleter,
                 const TensorOptions& options) {
  Tensor t = from_blob(data, sizes, options);
  TensorImpl* impl = t.unsafeGetTensorImpl();
  impl->set_storage(StorageImpl::wrap(data, impl->storage()->numel(), impl->storage()->dtype(), deleter));
  return t;
}

}  // namespace xg
