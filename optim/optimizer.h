#pragma once
// The optimizer base, as torch::optim::Optimizer.
//
// An optimizer owns a list of parameter groups. Each group is a list of
// parameters (leaf tensors) plus its own copy of the options (learning rate,
// momentum, ...), so one model can train its layers at different rates:
//
//     SGD optimizer({OptimizerParamGroup(body_params),
//                    OptimizerParamGroup(head_params, std::make_unique<SGDOptions>(0.1))},
//                   SGDOptions(0.01));      // body uses the defaults, head its own options
//
// A training step reads each parameter's gradient (left in p.grad() by
// backward) and changes the parameter in place; a parameter whose gradient is
// undefined is left alone. Optimizers that remember something per parameter
// (a momentum buffer, running averages, a step count) keep it in state(), made
// on the parameter's first update and keyed by the parameter (see state_key).
//
// The usual loop:
//
//     for (...) {
//       optimizer.zero_grad();
//       Tensor loss = model_loss();
//       loss.backward();
//       optimizer.step();
//     }
//
// Optimizers that must evaluate the loss themselves (LBFGS) take a closure that
// recomputes it: optimizer.step([&] { optimizer.zero_grad(); auto l = model_loss(); l.backward(); return l; }).
//
// The optimizers of xgrad derive from TypedOptimizer (below), which gives them their
// constructors and options checks, and most from PerParameterOptimizer
// (per_parameter_optimizer.h), which writes their step() once around an update rule.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../autograd/base/error.h"
#include "../autograd/tensor/tensor.h"

namespace xg {
namespace optim {

/// Per-parameter memory of an optimizer (momentum buffer, running averages, ...).
class OptimizerParamState {
 public:
  virtual ~OptimizerParamState() = default;
  /// A deep copy of the state object (its tensors are shared handles, as in LibTorch).
  virtual std::unique_ptr<OptimizerParamState> clone() const;

  // What checkpoints (serialize/optimizer_io.h) save and load, as named slots of this
  // object: the saver reads through the pointers, the loader writes through them.
  /// The state's tensors by name; a slot not made yet holds an undefined tensor. Each has
  /// its parameter's shape and dtype. Default: none.
  virtual std::vector<std::pair<std::string, Tensor*>> tensors();
  /// The state's integer counters by name, e.g. {"step", &step_}. Default: none.
  virtual std::vector<std::pair<std::string, int64_t*>> counters();
  /// The state's real numbers by name (e.g. a step size), saved as 0-d Double. Default: none.
  virtual std::vector<std::pair<std::string, double*>> numbers();

  /// The shape a GroupSlot's tensors have; their dtype is that of the parameter holding the state.
  enum class GroupShape {
    kFlat,    ///< 1-D, one entry per element of all the group's parameters, in order
    kScalar,  ///< 0-d
  };
  /// State that belongs to the whole param group rather than to one parameter (LBFGS keeps
  /// it so, under the group's first parameter): one tensor, or a list of tensors (a history)
  /// that the loader resizes before writing into it. A list's k-th element, oldest first,
  /// is saved as "<name>.<k>".
  struct GroupSlot {
    std::string name;
    GroupShape shape = GroupShape::kFlat;
    Tensor* tensor = nullptr;           ///< a single tensor (undefined if not made yet), or
    std::deque<Tensor>* list = nullptr;  ///< a list of tensors
  };
  /// The state's whole-group slots. The lists of one state are parallel: the loader requires
  /// them to have the same length. Default: none.
  virtual std::vector<GroupSlot> group_slots();
};

/// Gives a state type its clone() (CRTP), as LibTorch's OptimizerCloneableParamState.
template <class Derived>
class OptimizerCloneableParamState : public OptimizerParamState {
 public:
  std::unique_ptr<OptimizerParamState> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

/// The options of one optimizer (learning rate and the rest); each param group holds a copy.
class OptimizerOptions {
 public:
  virtual ~OptimizerOptions() = default;
  /// A copy of the options of the most derived type.
  virtual std::unique_ptr<OptimizerOptions> clone() const;
  /// The learning rate; every options type of xgrad overrides it (the base throws).
  virtual double get_lr() const;
  virtual void set_lr(double lr);

  /// One option for checkpoints (serialize/optimizer_io.h): its name and a pointer to the
  /// number, or to the flag, it is stored in; an option stored otherwise (an integer, a
  /// choice among names) gives functions that read it as, and set it from, a double.
  struct Slot {
    std::string name;
    double* number = nullptr;
    bool* flag = nullptr;
    std::function<double()> get = nullptr;
    std::function<void(double)> set = nullptr;
  };
  /// The options as named slots, in a fixed order; the base throws (the type has no
  /// checkpoint support).
  virtual std::vector<Slot> slots();
};

/// Gives an options type its clone() (CRTP), as LibTorch's OptimizerCloneableOptions.
template <class Derived>
class OptimizerCloneableOptions : public OptimizerOptions {
 public:
  std::unique_ptr<OptimizerOptions> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

/// Parameters that share one set of options. Copying a group copies its options.
class OptimizerParamGroup {
 public:
  OptimizerParamGroup(const OptimizerParamGroup& other);
  OptimizerParamGroup& operator=(const OptimizerParamGroup& other);
  OptimizerParamGroup(OptimizerParamGroup&& other) = default;
  OptimizerParamGroup& operator=(OptimizerParamGroup&& other) = default;
  /// A group that will take the optimizer's default options.
  OptimizerParamGroup(std::vector<Tensor> params);  // NOLINT: implicit as in LibTorch
  /// A group with its own options.
  OptimizerParamGroup(std::vector<Tensor> params, std::unique_ptr<OptimizerOptions> options);

  bool has_options() const { return options_ != nullptr; }
  /// The group's options; throws when the group has none yet.
  OptimizerOptions& options();
  const OptimizerOptions& options() const;
  void set_options(std::unique_ptr<OptimizerOptions> options) { options_ = std::move(options); }
  std::vector<Tensor>& params() { return params_; }
  const std::vector<Tensor>& params() const { return params_; }

 protected:
  std::vector<Tensor> params_;
  std::unique_ptr<OptimizerOptions> options_;
};

class Optimizer {
 public:
  /// Recomputes the model's loss (and its gradients) and returns the loss.
  using LossClosure = std::function<Tensor()>;

  /// Copying is not allowed: an optimizer's state refers to its parameters.
  Optimizer(const Optimizer& optimizer) = delete;
  Optimizer& operator=(const Optimizer& optimizer) = delete;
  Optimizer(Optimizer&& optimizer) = default;
  virtual ~Optimizer() = default;

  /// Takes the groups; a group without options gets a copy of `defaults`.
  Optimizer(std::vector<OptimizerParamGroup> param_groups, std::unique_ptr<OptimizerOptions> defaults);
  /// One group holding all of `parameters`, with the default options.
  Optimizer(std::vector<Tensor> parameters, std::unique_ptr<OptimizerOptions> defaults);

  /// Appends a group (options copied, or the defaults when it has none). Throws, adding
  /// nothing, if a parameter is not a leaf or already belongs to a group, or if the group's
  /// options are invalid for this optimizer.
  void add_param_group(const OptimizerParamGroup& param_group);
  /// Appends parameters to the first group.
  void add_parameters(const std::vector<Tensor>& parameters);

  /// One update of every parameter that has a gradient. With a closure, the closure
  /// runs first (with grad mode on) and its loss is returned; otherwise returns an
  /// undefined tensor.
  virtual Tensor step(LossClosure closure = nullptr) = 0;

  /// Clears the gradients: sets them to undefined (set_to_none) or fills them with zeros.
  void zero_grad(bool set_to_none = true);

  /// The parameters of the first group.
  const std::vector<Tensor>& parameters() const noexcept;
  std::vector<Tensor>& parameters() noexcept;
  /// The number of parameters over all groups.
  size_t size() const noexcept;

  OptimizerOptions& defaults() noexcept { return *defaults_; }
  const OptimizerOptions& defaults() const noexcept { return *defaults_; }
  std::vector<OptimizerParamGroup>& param_groups() noexcept { return param_groups_; }
  const std::vector<OptimizerParamGroup>& param_groups() const noexcept { return param_groups_; }

  /// Per-parameter state, keyed by state_key(parameter). Empty until the first step.
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>& state() noexcept { return state_; }
  const std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>& state() const noexcept {
    return state_;
  }

  /// The key of a parameter in state(): the address of its TensorImpl printed by an
  /// ostream (what LibTorch's c10::guts::to_string(p.unsafeGetTensorImpl()) gives).
  static std::string state_key(const Tensor& parameter);

  /// A new, empty state object of this optimizer's type, as a step makes on a parameter's
  /// first update; checkpoint loading (serialize/optimizer_io.h) fills it. Null (the base)
  /// when the optimizer has no checkpoint support.
  virtual std::unique_ptr<OptimizerParamState> make_param_state() const { return nullptr; }

 protected:
  /// Throws unless a group's options suit this optimizer (type and values). add_param_group
  /// calls it. A base constructor cannot reach the override, so TypedOptimizer's constructors
  /// check their groups through the derived type's static check_options instead.
  virtual void check_group_options(const OptimizerParamGroup& group) const { (void)group; }
  /// The state of `parameter`, made default-constructed on first use. Builds the string key;
  /// PerParameterOptimizer's step finds states through a ParamStateCache instead.
  template <class State>
  State& state_of(const Tensor& parameter);
  /// Runs the closure with grad mode on and returns its loss; undefined if there is no closure.
  static Tensor evaluate(const LossClosure& closure);
  /// Throws "[op] ..." unless every defined gradient has its parameter's shape and dtype;
  /// steps call it before updating anything, so a bad gradient leaves parameters and state as
  /// they were.
  void check_grads(const char* op) const;

  std::vector<OptimizerParamGroup> param_groups_;
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>> state_;
  std::unique_ptr<OptimizerOptions> defaults_;
};

template <class State>
State& Optimizer::state_of(const Tensor& parameter) {
  std::unique_ptr<OptimizerParamState>& slot = state_[state_key(parameter)];
  if (!slot) slot = std::make_unique<State>();
  return static_cast<State&>(*slot);
}

namespace detail {
/// The options of `group` as the optimizer's own type; throws when a group was given
/// options of another optimizer.
template <class Options>
const Options& options_as(const OptimizerParamGroup& group, const char* optimizer) {
  const auto* options = dynamic_cast<const Options*>(&group.options());
  XG_CHECK(options != nullptr, optimizer, "a param group has options of another optimizer type");
  return *options;
}
template <class Options>
Options& options_as(OptimizerParamGroup& group, const char* optimizer) {
  auto* options = dynamic_cast<Options*>(&group.options());
  XG_CHECK(options != nullptr, optimizer, "a param group has options of another optimizer type");
  return *options;
}

/// Throws "[optimizer] invalid <what>: <value>" for the first of `values`, in the order given,
/// that is not >= 0 (a NaN is not): most of the options checks of the optimizers.
void check_non_negative(const char* optimizer, std::initializer_list<std::pair<const char*, double>> values);
}  // namespace detail

/// What every optimizer of xgrad with one options type and one state type shares: the two
/// constructors, the validation of the options, and make_param_state. Derived (CRTP) gives
///
///     static constexpr const char* kName = "SGD";      // the op named in error messages
///     static void check_options(const Options& o);     // throws "[SGD] ..." for bad values
///
/// and may hide check_param_groups to restrict the groups as a whole (LBFGS takes only one).
/// A base constructor cannot reach a virtual override, so the constructors here call the
/// derived type's static check themselves.
template <class Derived, class OptionsT, class ParamStateT>
class TypedOptimizer : public Optimizer {
 public:
  using Options = OptionsT;
  using ParamState = ParamStateT;

  /// Takes the groups; a group without options gets a copy of `defaults`. Throws, in this
  /// order, for a bad parameter, bad groups, bad defaults, then bad options of a group.
  TypedOptimizer(std::vector<OptimizerParamGroup> param_groups, Options defaults = {})
      : Optimizer(std::move(param_groups), std::make_unique<Options>(defaults)) {
    Derived::check_param_groups(param_groups_);
    Derived::check_options(defaults);
    for (const OptimizerParamGroup& group : param_groups_) Derived::check_options(options_of(group));
  }
  /// One group holding all of `params`, with the default options.
  TypedOptimizer(std::vector<Tensor> params, Options defaults = {})
      : TypedOptimizer(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))},
                       std::move(defaults)) {}

  /// An empty state of this optimizer's type: what checkpoint loading fills.
  std::unique_ptr<OptimizerParamState> make_param_state() const override { return std::make_unique<ParamState>(); }

  /// Checks the groups as a whole: here nothing, any number of groups will do.
  static void check_param_groups(const std::vector<OptimizerParamGroup>& param_groups) { (void)param_groups; }

 protected:
  /// The options of `group` as this optimizer's type; throws for options of another optimizer.
  static const Options& options_of(const OptimizerParamGroup& group) {
    return detail::options_as<Options>(group, Derived::kName);
  }
  static Options& options_of(OptimizerParamGroup& group) { return detail::options_as<Options>(group, Derived::kName); }

  /// Throws unless the options of a group being added suit this optimizer.
  void check_group_options(const OptimizerParamGroup& group) const override {
    Derived::check_options(options_of(group));
  }
};

}  // namespace optim
}  // namespace xg
