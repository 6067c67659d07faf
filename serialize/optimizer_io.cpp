#include "optimizer_io.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "../autograd/tensor/factories.h"
#include "serialize.h"

namespace xg {

namespace {

using optim::Optimizer;
using optim::OptimizerOptions;
using optim::OptimizerParamState;

template <class... Parts>
std::string text(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

void check_supported(const Optimizer& optimizer, const char* op) {
  XG_CHECK(optimizer.make_param_state() != nullptr, op,
           "this optimizer has no checkpoint support (SGD, Adagrad, RMSprop, Adam, AdamW and LBFGS have)");
}

/// The key of element k of a whole-group list slot.
std::string list_key(const std::string& prefix, const std::string& name, size_t k) {
  return text(prefix, name, ".", k);
}

/// The checkpoint's tensors by name, handed out once each by take(), with a list of
/// what did not match; what nobody took is reported as unexpected.
class CheckpointReader {
 public:
  CheckpointReader(const serialize::NamedTensors& checkpoint) {  // NOLINT
    for (const auto& [name, tensor] : checkpoint) by_name_[name] = tensor;
  }

  bool has(const std::string& key) const { return by_name_.count(key) != 0; }

  /// The tensor saved under `key` if it has the dtype and shape given; otherwise notes the
  /// problem and returns null.
  const Tensor* take(const std::string& key, ScalarType dtype, IntArrayRef shape) {
    const auto found = by_name_.find(key);
    if (found == by_name_.end()) {
      problems_.push_back(text("has no ", key));
      return nullptr;
    }
    taken_.insert(key);
    const Tensor& tensor = found->second;
    if (tensor.scalar_type() != dtype) {
      problems_.push_back(text("has ", key, " with dtype ", tensor.scalar_type(), ", expected ", dtype));
      return nullptr;
    }
    if (tensor.sizes() != shape) {
      problems_.push_back(text("has ", key, " with shape ", tensor.sizes(), ", expected ", shape));
      return nullptr;
    }
    return &tensor;
  }

  void note(std::string problem) { problems_.push_back(std::move(problem)); }

  /// Throws "[load] ..." listing the problems (the first 10) and every key nobody took.
  void throw_if_problems(const std::string& path) {
    for (const auto& [name, tensor] : by_name_) {
      if (taken_.count(name) == 0) problems_.push_back("has unexpected " + name);
    }
    if (problems_.empty()) return;
    std::string message = "checkpoint '" + path + "' does not fit this optimizer: ";
    for (size_t i = 0; i < problems_.size() && i < 10; ++i) message += (i ? "; " : "") + problems_[i];
    if (problems_.size() > 10) message += text("; and ", problems_.size() - 10, " more");
    message += " (was it saved from another optimizer type, or for other parameters?)";
    detail::fail("load", message);
  }

 private:
  std::map<std::string, Tensor> by_name_;
  std::set<std::string> taken_;
  std::vector<std::string> problems_;
};

}  // namespace

serialize::NamedTensors serialize::optimizer_state_dict(const Optimizer& optimizer) {
  check_supported(optimizer, "save");
  NamedTensors state;
  NamedTensors groups;
  int64_t index = 0;
  for (size_t g = 0; g < optimizer.param_groups().size(); ++g) {
    const optim::OptimizerParamGroup& group = optimizer.param_groups()[g];
    std::vector<int64_t> indices;
    for (const Tensor& p : group.params()) {
      indices.push_back(index);
      const auto found = optimizer.state().find(Optimizer::state_key(p));
      if (found != optimizer.state().end() && found->second) {
        // The slots point into the state object; here they are only read.
        OptimizerParamState& param_state = *found->second;
        const std::string prefix = text("state.", index, ".");
        for (const auto& [name, counter] : param_state.counters()) {
          state.emplace_back(prefix + name, tensor(*counter, kLong));
        }
        for (const auto& [name, number] : param_state.numbers()) {
          state.emplace_back(prefix + name, tensor(*number, kDouble));
        }
        for (const auto& [name, slot] : param_state.tensors()) {
          if (slot->defined()) state.emplace_back(prefix + name, *slot);
        }
        for (const OptimizerParamState::GroupSlot& slot : param_state.group_slots()) {
          if (slot.tensor != nullptr && slot.tensor->defined()) state.emplace_back(prefix + slot.name, *slot.tensor);
          if (slot.list == nullptr) continue;
          for (size_t k = 0; k < slot.list->size(); ++k) {
            state.emplace_back(list_key(prefix, slot.name, k), (*slot.list)[k]);
          }
        }
      }
      ++index;
    }
    const std::string prefix = text("param_groups.", g, ".");
    groups.emplace_back(prefix + "params", tensor(indices, kLong));
    // slots() hands out pointers for writing, so read them from a copy of the options.
    const std::unique_ptr<OptimizerOptions> options = group.options().clone();
    for (const OptimizerOptions::Slot& slot : options->slots()) {
      const double value = slot.get ? slot.get() : slot.number != nullptr ? *slot.number : (*slot.flag ? 1.0 : 0.0);
      groups.emplace_back(prefix + slot.name, tensor(value, kDouble));
    }
  }
  state.insert(state.end(), groups.begin(), groups.end());
  return state;
}

void save(const Optimizer& optimizer, const std::string& path) {
  serialize::save_named(serialize::optimizer_state_dict(optimizer), path);
}

void load(Optimizer& optimizer, const std::string& path) {
  check_supported(optimizer, "load");
  CheckpointReader checkpoint(serialize::load_named(path));

  // Read everything into new options and state objects; the optimizer is not touched yet.
  std::vector<std::unique_ptr<OptimizerOptions>> new_options;
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>> new_state;
  int64_t index = 0;
  for (size_t g = 0; g < optimizer.param_groups().size(); ++g) {
    const optim::OptimizerParamGroup& group = optimizer.param_groups()[g];
    const std::string group_prefix = text("param_groups.", g, ".");
    const int64_t count = static_cast<int64_t>(group.params().size());
    if (const Tensor* params = checkpoint.take(group_prefix + "params", kLong, {count})) {
      const int64_t* saved = params->contiguous().data_ptr<int64_t>();
      for (int64_t k = 0; k < count; ++k) {
        if (saved[k] != index + k) {
          checkpoint.note(text("has ", group_prefix, "params listing parameter ", saved[k], " at position ", k,
                               ", expected ", index + k));
          break;
        }
      }
    }
    std::unique_ptr<OptimizerOptions> options = group.options().clone();
    for (const OptimizerOptions::Slot& slot : options->slots()) {
      const Tensor* value = checkpoint.take(group_prefix + slot.name, kDouble, {});
      if (value == nullptr) continue;
      const double number = value->item<double>();
      if (slot.set) slot.set(number);
      if (slot.number != nullptr) *slot.number = number;
      if (slot.flag != nullptr) *slot.flag = number != 0;
    }
    new_options.push_back(std::move(options));

    // Whole-group slots are flat over all of the group's parameters.
    int64_t group_numel = 0;
    for (const Tensor& p : group.params()) group_numel += p.numel();

    for (const Tensor& p : group.params()) {
      const std::string prefix = text("state.", index++, ".");
      std::unique_ptr<OptimizerParamState> param_state = optimizer.make_param_state();
      const std::vector<OptimizerParamState::GroupSlot> group_slots = param_state->group_slots();
      // A parameter whose keys are all missing had no state yet (keys of another state type
      // are left untaken, so they are reported as unexpected).
      bool saved_any = false;
      for (const auto& [name, slot] : param_state->tensors()) saved_any |= checkpoint.has(prefix + name);
      for (const auto& [name, counter] : param_state->counters()) saved_any |= checkpoint.has(prefix + name);
      for (const auto& [name, number] : param_state->numbers()) saved_any |= checkpoint.has(prefix + name);
      for (const OptimizerParamState::GroupSlot& slot : group_slots) {
        saved_any |= checkpoint.has(slot.list != nullptr ? list_key(prefix, slot.name, 0) : prefix + slot.name);
      }
      if (!saved_any) continue;
      for (const auto& [name, counter] : param_state->counters()) {
        if (const Tensor* value = checkpoint.take(prefix + name, kLong, {})) *counter = value->item<int64_t>();
      }
      for (const auto& [name, number] : param_state->numbers()) {
        if (const Tensor* value = checkpoint.take(prefix + name, kDouble, {})) *number = value->item<double>();
      }
      for (const auto& [name, slot] : param_state->tensors()) {
        if (!checkpoint.has(prefix + name)) continue;  // a slot not made yet, e.g. max_exp_avg_sq without amsgrad
        if (const Tensor* value = checkpoint.take(prefix + name, p.scalar_type(), p.sizes())) *slot = *value;
      }
      std::optional<size_t> list_length;  // the length of the lists, which are parallel
      for (const OptimizerParamState::GroupSlot& slot : group_slots) {
        const std::vector<int64_t> shape =
            slot.shape == OptimizerParamState::GroupShape::kFlat ? std::vector<int64_t>{group_numel}
                                                                 : std::vector<int64_t>{};
        if (slot.tensor != nullptr && checkpoint.has(prefix + slot.name)) {  // absent: not made yet
          if (const Tensor* value = checkpoint.take(prefix + slot.name, p.scalar_type(), shape)) *slot.tensor = *value;
        }
        if (slot.list == nullptr) continue;
        size_t length = 0;
        while (checkpoint.has(list_key(prefix, slot.name, length))) ++length;
        if (list_length && *list_length != length) {
          checkpoint.note(text("has ", length, " entries of ", prefix, slot.name, ", expected ", *list_length,
                               " as in the other lists"));
        }
        if (!list_length) list_length = length;
        slot.list->resize(length);
        for (size_t k = 0; k < length; ++k) {
          const std::string key = list_key(prefix, slot.name, k);
          if (const Tensor* value = checkpoint.take(key, p.scalar_type(), shape)) (*slot.list)[k] = *value;
        }
      }
      new_state[Optimizer::state_key(p)] = std::move(param_state);
    }
  }
  checkpoint.throw_if_problems(path);

  for (size_t g = 0; g < new_options.size(); ++g) {
    optimizer.param_groups()[g].set_options(std::move(new_options[g]));
  }
  optimizer.state() = std::move(new_state);
}

}  // namespace xg
