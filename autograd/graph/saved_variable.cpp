#include "saved_variable.h"

#include "autograd_meta.h"

namespace xg::autograd {

SavedVariable::SavedVariable(const Tensor& tensor, bool is_output) {
  if (!tensor.defined()) return;
  saved_version_ = tensor._version();
  is_output_ = is_output;
  // An op saves its output before recording itself, so the output does not
  // require grad yet; it will, as the result of a recorded op.
  requires_grad_ = is_output || tensor.requires_grad();
  output_nr_ = tensor.output_nr();
  // An input is kept as it is (a leaf stays a leaf, so gradients reach its grad()).
  // An in-place op whose backward would save the tensor it overwrites passes an
  // alias instead (see ops_inplace.cpp), so no node ends up owning its own output.
  data_ = is_output ? tensor.detach() : tensor;
}

Tensor SavedVariable::unpack() const {
  if (!data_.defined()) return data_;
  if (data_._version() != saved_version_) {
    const Node* node = current_node();
    detail::fail("backward",
                 "one of the variables needed for gradient computation has been modified by an "
                 "inplace operation: [", data_.toString(), data_.sizes(), "]",
                 node ? std::string(", needed by ") + node->name_cstr() : std::string(),
                 ", is at version ", data_._version(), "; expected version ", saved_version_,
                 " instead");
  }
  if (!is_output_ || !requires_grad_ || !GradMode::is_enabled()) return data_;
  // Recording the backward pass: reconnect the output to the node that made it.
  Node* node = current_node();
  if (!node) return data_;
  Tensor output = data_.detach();
  AutogradMeta& meta = materialize_meta(output);
  meta.requires_grad = true;
  meta.grad_fn = node->shared_from_this();
  meta.output_nr = output_nr_;
  return output;
}

}  // namespace xg::autograd
