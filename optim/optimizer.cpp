#include "optimizer.h"

#include <cstdint>

#include "../autograd/graph/grad_mode.h"
#include "../autograd/graph/zero_grad.h"

namespace xg {
namespace optim {

std::unique_ptr<OptimizerParamState> OptimizerParamState::clone() const {
  ::xg::detail::fail("OptimizerParamState", "clone() is not implemented by this state type; "
               "derive it from OptimizerCloneableParamState<Derived>");
}

std::vector<std::pair<std::string, Tensor*>> OptimizerParamState::tensors() { return {}; }

std::vector<std::pair<std::string, int64_t*>> OptimizerParamState::counters() { return {}; }

std::vector<std::pair<std::string, double*>> OptimizerParamState::numbers() { return {}; }

std::vector<OptimizerParamState::GroupSlot> OptimizerParamState::group_slots() { return {}; }

std::unique_ptr<OptimizerOptions> OptimizerOptions::clone() const {
  ::xg::detail::fail("OptimizerOptions", "clone() is not implemented by this options type; "
               "derive it from OptimizerCloneableOptions<Derived>");
}

double OptimizerOptions::get_lr() const {
  ::xg::detail::fail("OptimizerOptions", "get_lr() is not implemented by this options type");
}

void OptimizerOptions::set_lr(double /*lr*/) {
  ::xg::detail::fail("OptimizerOptions", "set_lr() is not implemented by this options type");
}

std::vector<OptimizerOptions::Slot> OptimizerOptions::slots() {
  ::xg::detail::fail("OptimizerOptions", "slots() is not implemented by this options type, "
               "so its optimizer cannot be saved to a checkpoint");
}

// ---- OptimizerParamGroup ----------------------------------------------------------------

OptimizerParamGroup::OptimizerParamGroup(std::vector<Tensor> params) : params_(std::move(params)) {}

OptimizerParamGroup::OptimizerParamGroup(std::vector<Tensor> params, std::unique_ptr<OptimizerOptions> options)
    : params_(std::move(params)), options_(std::move(options)) {}

OptimizerParamGroup::OptimizerParamGroup(const OptimizerParamGroup& other)
    : params_(other.params_), options_(other.has_options() ? other.options_->clone() : nullptr) {}

OptimizerParamGroup& OptimizerParamGroup::operator=(const OptimizerParamGroup& other) {
  if (this != &other) {
    params_ = other.params_;
    options_ = other.has_options() ? other.options_->clone() : nullptr;
  }
  return *this;
}

OptimizerOptions& OptimizerParamGroup::options() {
  XG_CHECK(options_ != nullptr, "OptimizerParamGroup", "the group has no options");
  return *options_;
}

const OptimizerOptions& OptimizerParamGroup::options() const {
  XG_CHECK(options_ != nullptr, "OptimizerParamGroup", "the group has no options");
  return *options_;
}

// ---- Optimizer ------------------------------------------------------------------------------

Optimizer::Optimizer(std::vector<OptimizerParamGroup> param_groups, std::unique_ptr<OptimizerOptions> defaults)
    : defaults_(std::move(defaults)) {
  size_t count = 0;
  for (const OptimizerParamGroup& group : param_groups) count += group.params().size();
  XG_CHECK(count > 0, "Optimizer", "optimizer got an empty parameter list");  // as torch.optim
  for (const OptimizerParamGroup& group : param_groups) add_param_group(group);
}

Optimizer::Optimizer(std::vector<Tensor> parameters, std::unique_ptr<OptimizerOptions> defaults)
    : Optimizer(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(parameters))},
                std::move(defaults)) {}

void Optimizer::add_param_group(const OptimizerParamGroup& param_group) {
  const std::vector<Tensor>& params = param_group.params();
  for (size_t i = 0; i < params.size(); ++i) {
    const Tensor& p = params[i];
    XG_CHECK(p.defined(), "Optimizer", "can't optimize an undefined Tensor");
    XG_CHECK(p.is_leaf(), "Optimizer", "can't optimize a non-leaf Tensor");
    // A parameter listed twice would be stepped twice per step().
    for (size_t j = 0; j < i; ++j)
      XG_CHECK(!p.is_same(params[j]), "Optimizer", "a parameter group lists parameter ", i, " twice (also as ", j,
               ")");
    for (const OptimizerParamGroup& group : param_groups_)
      for (const Tensor& q : group.params())
        XG_CHECK(!p.is_same(q), "Optimizer", "some parameters appear in more than one parameter group");
  }
  OptimizerParamGroup group(param_group.params());
  group.set_options(param_group.has_options() ? param_group.options().clone() : defaults_->clone());
  check_group_options(group);
  param_groups_.push_back(std::move(group));
}

void Optimizer::add_parameters(const std::vector<Tensor>& parameters) {
  XG_CHECK(!param_groups_.empty(), "Optimizer", "add_parameters() needs at least one param group");
  std::vector<Tensor>& params = param_groups_.front().params();
  params.insert(params.end(), parameters.begin(), parameters.end());
}

void Optimizer::zero_grad(bool set_to_none) {
  for (const OptimizerParamGroup& group : param_groups_) autograd::zero_grad(group.params(), set_to_none);
}

const std::vector<Tensor>& Optimizer::parameters() const noexcept { return param_groups_.at(0).params(); }

std::vector<Tensor>& Optimizer::parameters() noexcept { return param_groups_.at(0).params(); }

size_t Optimizer::size() const noexcept {
  size_t count = 0;
  for (const OptimizerParamGroup& group : param_groups_) count += group.params().size();
  return count;
}

std::string Optimizer::state_key(const Tensor& parameter) {
  // The address in lowercase hex after "0x", as an ostream prints a pointer, written
  // by hand: this runs for every parameter on every step, and an ostringstream is slow.
  auto address = reinterpret_cast<std::uintptr_t>(parameter.unsafeGetTensorImpl());
  char digits[2 * sizeof address];
  size_t count = 0;
  do {
    digits[count++] = "0123456789abcdef"[address % 16];
    address /= 16;
  } while (address != 0);
  std::string key = "0x";
  while (count > 0) key += digits[--count];
  return key;
}

void Optimizer::check_grads(const char* op) const {
  size_t index = 0;
  for (const OptimizerParamGroup& group : param_groups_) {
    for (const Tensor& p : group.params()) {
      const Tensor& g = p.grad();
      XG_CHECK(!g.defined() || (g.sizes() == p.sizes() && g.scalar_type() == p.scalar_type()), op,
               "the gradient of parameter ", index, " is ", g.scalar_type(), " ", g.sizes(), " but the parameter is ",
               p.scalar_type(), " ", p.sizes());
      ++index;
    }
  }
}

Tensor Optimizer::evaluate(const LossClosure& closure) {
  if (!closure) return Tensor();
  AutoGradMode enable_grad(true);
  return closure();
}

void detail::check_non_negative(const char* optimizer,
                                std::initializer_list<std::pair<const char*, double>> values) {
  for (const auto& [what, value] : values) XG_CHECK(value >= 0, optimizer, "invalid ", what, ": ", value);
}

}  // namespace optim
}  // namespace xg
