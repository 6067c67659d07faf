#include "promotion.h"

#include <optional>

namespace xg::detail {

namespace {
enum class Category { Bool, Integral, Floating };
Category category(ScalarType t) {
  return t == kBool ? Category::Bool : isFloatingType(t) ? Category::Floating : Category::Integral;
}
// The promoted dtype of one tier (dimensioned tensors, 0-d tensors, wrapped scalars).
struct Tier {
  std::optional<ScalarType> type;
  void add(ScalarType t) { type = type ? promoteTypes(*type, t) : t; }
};
// torch's combine_categories: a weaker tier only counts when its category is higher.
std::optional<ScalarType> combine(std::optional<ScalarType> higher, std::optional<ScalarType> lower) {
  if (!higher) return lower;
  if (!lower) return higher;
  if (category(*lower) > category(*higher)) return promoteTypes(*higher, *lower);
  return higher;
}
void add_to_tiers(const Tensor& t, Tier& dimensioned, Tier& zero_dim, Tier& wrapped) {
  XG_CHECK(t.defined(), "result_type", "an operand is an undefined tensor");
  const TensorImpl& impl = *t.unsafeGetTensorImpl();
  if (impl.is_wrapped_number()) {
    // A C++ double counts as the default dtype, an integer as Long.
    wrapped.add(isFloatingType(impl.dtype()) ? default_dtype() : impl.dtype());
  } else if (impl.sizes().empty()) {
    zero_dim.add(impl.dtype());
  } else {
    dimensioned.add(impl.dtype());
  }
}
}  // namespace

ScalarType result_type(const Tensor& a, const Tensor& b) {
  Tier dimensioned, zero_dim, wrapped;
  add_to_tiers(a, dimensioned, zero_dim, wrapped);
  add_to_tiers(b, dimensioned, zero_dim, wrapped);
  return *combine(dimensioned.type, combine(zero_dim.type, wrapped.type));
}

ScalarType result_type(const Tensor& a, const Scalar& b) {
  Tier dimensioned, zero_dim, wrapped;
  add_to_tiers(a, dimensioned, zero_dim, wrapped);
  wrapped.add(b.isFloatingPoint() ? default_dtype() : b.type());
  return *combine(dimensioned.type, combine(zero_dim.type, wrapped.type));
}

}  // namespace xg::detail
