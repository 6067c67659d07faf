#pragma once
// The training step of the optimizers that update each parameter on its own (SGD,
// Adagrad, RMSprop, Adam, AdamW), written once.
//
// Each of them is an update rule: from one parameter θ, its gradient g and what the
// optimizer remembers about that parameter (its state), compute the new θ. The loop
// around the rule is the same for all of them:
//
//     with gradient recording off:
//       loss = closure()                    (if a closure was given, with recording on)
//       check that every gradient fits its parameter
//       for each param group, with its options o:
//         for each parameter θ that has a gradient g:
//           update(θ, g, state of θ, o)
//
// so an optimizer derived from PerParameterOptimizer writes only its options, its
// state, its options check and its update rule, next to the equations it implements:
//
//     class SGD : public PerParameterOptimizer<SGD, SGDOptions, SGDParamState> {
//      public:
//       using PerParameterOptimizer::PerParameterOptimizer;
//       static constexpr const char* kName = "SGD";
//       static void check_options(const SGDOptions& o);
//       static void update(Tensor& p, Tensor grad, ParamStateRef<SGDParamState> state, const SGDOptions& o);
//     };

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "../autograd/graph/grad_mode.h"
#include "optimizer.h"

namespace xg {
namespace optim {

/// Finds the state of a parameter in Optimizer::state() during a step without building
/// its string key (Optimizer::state_key) every time: it remembers, for each parameter's
/// place in the param groups, the parameter's TensorImpl and the state object found for it.
///
/// Why it stays right when state() is changed from outside (a checkpoint loaded, the map
/// cleared or edited): the remembered objects are trusted only while state() holds
/// exactly the entries, key for key and object for object, that it held when they were
/// remembered. begin() compares the two (one walk over state(), comparing short strings
/// and addresses) and forgets everything on any difference; end() records the entries
/// after a step that had to look something up. A key is a function of the TensorImpl's
/// address alone, so a remembered TensorImpl finds what the key would.
class ParamStateCache {
 public:
  using StateMap = std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>;

  /// Starts a step's look-ups: keeps what it remembers only if the previous step ended and
  /// `state` still holds what it held then.
  void begin(const StateMap& state);
  /// Ends a step's look-ups: records the entries of `state` if this step added to what is
  /// remembered.
  void end(const StateMap& state);

  /// The state of `parameter`, the `position`-th parameter over all groups, made
  /// default-constructed (and put in `state`) on first use, as Optimizer::state_of does.
  template <class State>
  State& find_or_make(StateMap& state, const Tensor& parameter, size_t position);

 private:
  struct Entry {
    const TensorImpl* parameter = nullptr;
    OptimizerParamState* state = nullptr;
  };
  /// True if `state` holds exactly the entries of recorded_, in the same order.
  bool unchanged(const StateMap& state) const;

  std::vector<Entry> by_position_;
  std::vector<std::pair<std::string, const OptimizerParamState*>> recorded_;
  bool ended_ = true;     ///< the last step called end() (it may have thrown before)
  bool learned_ = false;  ///< this step remembered something new
};

template <class State>
State& ParamStateCache::find_or_make(StateMap& state, const Tensor& parameter, size_t position) {
  const TensorImpl* impl = parameter.unsafeGetTensorImpl();
  if (position < by_position_.size() && by_position_[position].parameter == impl) {
    return static_cast<State&>(*by_position_[position].state);
  }
  std::unique_ptr<OptimizerParamState>& slot = state[Optimizer::state_key(parameter)];
  if (!slot) slot = std::make_unique<State>();
  if (position >= by_position_.size()) by_position_.resize(position + 1);
  by_position_[position] = {impl, slot.get()};
  learned_ = true;
  return static_cast<State&>(*slot);
}

/// The state of one parameter during a step, looked up (and made, on the parameter's first
/// update) only when the update rule first reads it: plain SGD never does, so it keeps no state.
template <class State>
class ParamStateRef {
 public:
  ParamStateRef(ParamStateCache& cache, ParamStateCache::StateMap& states, const Tensor& parameter, size_t position)
      : cache_(&cache), states_(&states), parameter_(&parameter), position_(position) {}

  State& operator*() {
    if (state_ == nullptr) state_ = &cache_->find_or_make<State>(*states_, *parameter_, position_);
    return *state_;
  }
  State* operator->() { return &**this; }

 private:
  ParamStateCache* cache_;
  ParamStateCache::StateMap* states_;
  const Tensor* parameter_;
  size_t position_;
  State* state_ = nullptr;
};

/// An optimizer whose step applies Derived's update rule to each parameter that has a
/// gradient (CRTP). Besides what TypedOptimizer asks for, Derived gives
///
///     static void update(Tensor& p, Tensor grad, ParamStateRef<ParamState> state, const Options& o);
///
/// which moves p (in place) from its gradient and its state, as one step of the method.
template <class Derived, class OptionsT, class ParamStateT>
class PerParameterOptimizer : public TypedOptimizer<Derived, OptionsT, ParamStateT> {
 public:
  using TypedOptimizer<Derived, OptionsT, ParamStateT>::TypedOptimizer;
  using Options = OptionsT;
  using ParamState = ParamStateT;

  /// One update of every parameter with a gradient, by Derived::update (see the top of
  /// Derived's header for its equations).
  Tensor step(Optimizer::LossClosure closure = nullptr) override {
    NoGradGuard no_grad;
    Tensor loss = this->evaluate(closure);
    this->check_grads(Derived::kName);
    state_cache_.begin(this->state_);
    size_t position = 0;
    for (OptimizerParamGroup& group : this->param_groups_) {
      const Options& options = this->options_of(group);
      for (Tensor& p : group.params()) {
        const size_t index = position++;
        if (!p.grad().defined()) continue;
        Derived::update(p, p.grad(), ParamStateRef<ParamState>(state_cache_, this->state_, p, index), options);
      }
    }
    state_cache_.end(this->state_);
    return loss;
  }

 private:
  ParamStateCache state_cache_;
};

}  // namespace optim
}  // namespace xg
