#pragma once
// Custom autograd functions, as torch::autograd::Function:
//
//   struct MulConstant : xg::autograd::Function<MulConstant> {
//     static Tensor forward(AutogradContext* ctx, Tensor x, double k) {
//       ctx->saved_data["k"] = k;
//       return x * k;
//     }
//     static variable_list backward(AutogradContext* ctx, variable_list grads) {
//       return {grads[0] * ctx->saved_data["k"].toDouble(), Tensor()};  // one per forward argument
//     }
//   };
//   Tensor y = MulConstant::apply(x, 2.0);
//
// forward runs with grad mode off; apply records one node (named after the
// class) whose backward is T::backward.

#include <map>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "input_info.h"
#include "node.h"
#include "saved_variable.h"

namespace xg::autograd {

/// A value kept in ctx->saved_data: a double, an integer, a bool, a string or a tensor.
class IValue {
 public:
  IValue() = default;
  IValue(double v) : value_(v) {}                     // NOLINT: implicit like c10::IValue
  IValue(float v) : value_(static_cast<double>(v)) {} // NOLINT
  IValue(bool v) : value_(v) {}                       // NOLINT
  IValue(int v) : value_(static_cast<int64_t>(v)) {}  // NOLINT
  IValue(int64_t v) : value_(v) {}                    // NOLINT
  IValue(std::string v) : value_(std::move(v)) {}     // NOLINT
  IValue(const char* v) : value_(std::string(v)) {}   // NOLINT
  IValue(Tensor v) : value_(std::move(v)) {}          // NOLINT

  double toDouble() const;
  int64_t toInt() const;
  bool toBool() const;
  const std::string& toStringRef() const;
  Tensor toTensor() const;
  bool isDouble() const { return std::holds_alternative<double>(value_); }
  bool isInt() const { return std::holds_alternative<int64_t>(value_); }
  bool isBool() const { return std::holds_alternative<bool>(value_); }
  bool isString() const { return std::holds_alternative<std::string>(value_); }
  bool isTensor() const { return std::holds_alternative<Tensor>(value_); }

 private:
  std::variant<std::monostate, double, int64_t, bool, std::string, Tensor> value_;
};

class AutogradContext {
 public:
  /// Tensors backward needs; read them back with get_saved_variables().
  void save_for_backward(variable_list to_save);
  variable_list get_saved_variables() const;
  /// Anything else backward needs.
  std::map<std::string, IValue> saved_data;
  /// Whether the gradient of forward argument `index` is needed.
  bool needs_input_grad(size_t index) const;
  /// Outputs that are not differentiable (their gradients arrive as zeros).
  void mark_non_differentiable(const variable_list& outputs);
  /// Inputs that forward modified in place and returns: they take the node as their
  /// history, as after an in-place op (without this, a returned input is returned as a
  /// new handle that keeps the input's history).
  void mark_dirty(const variable_list& inputs);
  /// Whether missing output gradients are passed as zeros (default) or undefined tensors.
  void set_materialize_grads(bool value) { materialize_grads_ = value; }

 private:
  template <class T>
  friend struct Function;
  friend class CustomNode;
  void finish_forward(const variable_list& outputs);
  void release();

  variable_list to_save_;
  std::vector<SavedVariable> saved_;
  std::vector<bool> needs_input_grad_;
  std::vector<TensorImpl*> non_differentiable_;
  std::vector<TensorImpl*> dirty_;
  bool materialize_grads_ = true;
  bool released_ = false;
};

/// The node a custom function records.
class CustomNode : public Node {
 public:
  using BackwardFn = variable_list (*)(AutogradContext*, variable_list);
  /// `name` must outlive the node (Function<T> passes its class's name, made once).
  CustomNode(const char* name, edge_list&& edges, BackwardFn backward);
  variable_list apply(variable_list&& grads) override;
  void release_variables() override { ctx.release(); }
  /// Gives the outputs of forward their history (none when `node` is null).
  static variable_list wire(const std::shared_ptr<CustomNode>& node, variable_list outputs,
                            const std::vector<const Tensor*>& inputs);

  AutogradContext ctx;
  std::vector<std::optional<xg::detail::InputInfo>> inputs;  // per forward argument; empty for non-tensors

 private:
  BackwardFn backward_;
};

/// "MulConstant" for a type MulConstant.
std::string demangled_name(const char* mangled);

namespace detail {
inline const Tensor* as_tensor(const Tensor& t) { return &t; }
template <class A>
const Tensor* as_tensor(const A&) { return nullptr; }
}  // namespace detail

template <class T>
struct Function {
  template <class... Args>
  static auto apply(Args&&... args) {
    const std::vector<const Tensor*> inputs = {detail::as_tensor(args)...};
    bool records = GradMode::is_enabled();
    bool any_requires = false;
    for (const Tensor* t : inputs) any_requires = any_requires || (t && t->defined() && t->requires_grad());
    records = records && any_requires;

    std::shared_ptr<CustomNode> node;
    edge_list edges;
    for (const Tensor* t : inputs) edges.push_back(t ? gradient_edge(*t) : Edge{});
    static const std::string name = demangled_name(typeid(T).name());  // once per T
    node = std::make_shared<CustomNode>(name.c_str(), std::move(edges), &T::backward);
    if (node->anomaly_metadata) note_forward_inputs(*node->anomaly_metadata, inputs);
    for (const Tensor* t : inputs) {
      node->ctx.needs_input_grad_.push_back(t && t->defined() && t->requires_grad());
      node->inputs.push_back(t && t->defined() ? std::optional<xg::detail::InputInfo>(xg::detail::InputInfo(*t)) : std::nullopt);
    }

    using Result = decltype(T::forward(&node->ctx, std::forward<Args>(args)...));
    variable_list outputs;
    {
      AutoGradMode no_grad(false);
      if constexpr (std::is_same_v<std::decay_t<Result>, Tensor>) {
        outputs.push_back(T::forward(&node->ctx, std::forward<Args>(args)...));
      } else {
        outputs = T::forward(&node->ctx, std::forward<Args>(args)...);
      }
    }
    outputs = CustomNode::wire(records ? node : nullptr, std::move(outputs), inputs);
    if constexpr (std::is_same_v<std::decay_t<Result>, Tensor>) {
      return outputs[0];
    } else {
      return outputs;
    }
  }
};

}  // namespace xg::autograd
