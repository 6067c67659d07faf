#include "function.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "../tensor/factories.h"

namespace xg::autograd {

double IValue::toDouble() const {
  if (isInt()) return static_cast<double>(std::get<int64_t>(value_));
  XG_CHECK(isDouble(), "IValue", "expected a double");
  return std::get<double>(value_);
}
int64_t IValue::toInt() const {
  XG_CHECK(isInt(), "IValue", "expected an int");
  return std::get<int64_t>(value_);
}
bool IValue::toBool() const {
  XG_CHECK(isBool(), "IValue", "expected a bool");
  return std::get<bool>(value_);
}
const std::string& IValue::toStringRef() const {
  XG_CHECK(isString(), "IValue", "expected a string");
  return std::get<std::string>(value_);
}
Tensor IValue::toTensor() const {
  XG_CHECK(isTensor(), "IValue", "expected a Tensor");
  return std::get<Tensor>(value_);
}

void AutogradContext::save_for_backward(variable_list to_save) { to_save_ = std::move(to_save); }

variable_list AutogradContext::get_saved_variables() const {
  XG_CHECK(!released_, "backward", "trying to backward through the graph a second time (the saved variables of a "
           "custom function were freed); specify retain_graph=true on the first backward call");
  variable_list out;
  for (const SavedVariable& s : saved_) out.push_back(s.unpack());
  return out;
}

bool AutogradContext::needs_input_grad(size_t index) const {
  return index < needs_input_grad_.size() && needs_input_grad_[index];
}

void AutogradContext::mark_non_differentiable(const variable_list& outputs) {
  for (const Tensor& t : outputs) non_differentiable_.push_back(t.unsafeGetTensorImpl());
}

void AutogradContext::mark_dirty(const variable_list& inputs) {
  for (const Tensor& t : inputs) dirty_.push_back(t.unsafeGetTensorImpl());
}

void AutogradContext::finish_forward(const variable_list& outputs) {
  for (const Tensor& t : to_save_) {
    bool is_output = false;
    for (const Tensor& o : outputs) is_output = is_output || (t.defined() && o.is_same(t));
    saved_.emplace_back(t, is_output);
  }
  to_save_.clear();
}

void AutogradContext::release() {
  saved_.clear();
  saved_data.clear();
  released_ = true;
}

CustomNode::CustomNode(const char* name, edge_list&& edges, BackwardFn backward)
    : Node(name, std::move(edges)), backward_(backward) {}

// Whether a gradient of shape `grad` can be summed down to shape `input` (torch's is_expandable_to).
static bool expandable(IntArrayRef input, IntArrayRef grad) {
  if (input.size() > grad.size()) return false;
  for (size_t i = 1; i <= input.size(); ++i) {
    const int64_t have = input[input.size() - i], want = grad[grad.size() - i];
    if (have != want && have != 1) return false;
  }
  return true;
}

variable_list CustomNode::apply(variable_list&& grads) {
  variable_list result = backward_(&ctx, std::move(grads));
  // More gradients than arguments are accepted when the extra ones are undefined (a
  // backward written for an optional argument the call left out), as in LibTorch.
  if (result.size() > inputs.size() &&
      std::none_of(result.begin() + inputs.size(), result.end(), [](const Tensor& g) { return g.defined(); }))
    result.resize(inputs.size());
  XG_CHECK(result.size() == inputs.size(), name_, "function backward returned an incorrect number of gradients "
           "(expected ", inputs.size(), ", got ", result.size(), ")");
  for (size_t i = 0; i < result.size(); ++i) {
    if (!result[i].defined()) continue;
    XG_CHECK(inputs[i].has_value(), name_, "function backward returned a gradient for argument ", i,
             ", which is not a tensor; return an undefined Tensor() there");
    XG_CHECK(expandable(inputs[i]->sizes, result[i].sizes()), name_, "function backward returned an invalid gradient at index ",
             i, " - got ", result[i].sizes(), " but expected shape compatible with ", IntArrayRef(inputs[i]->sizes));
    result[i] = inputs[i]->reduce(result[i]);
  }
  return result;
}

std::string demangled_name(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(mangled);
}

variable_list CustomNode::wire(const std::shared_ptr<CustomNode>& node, variable_list outputs,
                               const std::vector<const Tensor*>& inputs) {
  const std::vector<TensorImpl*> dirty = node ? node->ctx.dirty_ : std::vector<TensorImpl*>{};
  const auto is_dirty = [&](const Tensor& t) { return std::find(dirty.begin(), dirty.end(), t.unsafeGetTensorImpl()) != dirty.end(); };
  for (TensorImpl* d : dirty) {
    const bool returned = std::any_of(outputs.begin(), outputs.end(), [d](const Tensor& o) { return o.unsafeGetTensorImpl() == d; });
    XG_CHECK(returned, node->name().c_str(), "some tensors marked dirty during forward were not returned as outputs");
  }
  for (Tensor& out : outputs) {
    if (!out.defined()) continue;
    if (is_dirty(out)) {
      // Modified in place: the tensor itself takes the node as its history, as after add_.
      XG_CHECK(!(out.is_leaf() && out.requires_grad()), node->name().c_str(),
               "a leaf Variable that requires grad is being used in an in-place operation (marked dirty)");
      out.unsafeGetTensorImpl()->bump_version();
      continue;
    }
    // An output that is one of the inputs gets its own handle, so the input keeps its history.
    for (const Tensor* in : inputs)
      if (in && out.is_same(*in)) out = out.detach();
  }
  if (!node) return outputs;
  node->set_num_inputs(static_cast<uint32_t>(outputs.size()));
  for (uint32_t i = 0; i < outputs.size(); ++i) {
    Tensor& out = outputs[i];
    // Gradients missing for some outputs arrive as zeros, unless the function asked otherwise.
    if (node->ctx.materialize_grads_) node->output_info.push_back({SizeVector(out.sizes().begin(), out.sizes().end()), out.scalar_type()});
    const auto& nd = node->ctx.non_differentiable_;
    if (!out.defined() || std::find(nd.begin(), nd.end(), out.unsafeGetTensorImpl()) != nd.end()) continue;
    AutogradMeta& meta = standalone_meta(out);
    meta.requires_grad = true;
    meta.grad_fn = node;
    meta.output_nr = i;
  }
  node->ctx.finish_forward(outputs);  // after wiring, so saved outputs know their output_nr
  return outputs;
}

}  // namespace xg::autograd
