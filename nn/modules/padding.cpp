#include "padding.h"

#include "../functional/padding.h"

namespace xg::nn {

namespace {
// "torch::nn::<name>(padding=[...]" : what every padding layer prints first.
template <size_t N>
void print_padding(std::ostream& stream, const char* name, const ExpandingArray<N>& padding) {
  stream << "torch::nn::" << name << "(padding=" << padding;
}

Tensor pad_with(const Tensor& input, IntArrayRef padding, functional::PadFuncOptions::mode_t mode, double value = 0) {
  return functional::pad(input, functional::PadFuncOptions(padding.vec()).mode(mode).value(value));
}
}  // namespace

template <size_t D, class Derived>
void ReflectionPadImpl<D, Derived>::pretty_print(std::ostream& stream) const {
  print_padding(stream, D == 1 ? "ReflectionPad1d" : "ReflectionPad2d", options.padding());
  stream << ")";
}

template <size_t D, class Derived>
Tensor ReflectionPadImpl<D, Derived>::forward(const Tensor& input) {
  return pad_with(input, *options.padding(), enumtype::kReflect{});
}

template class ReflectionPadImpl<1, ReflectionPad1dImpl>;
template class ReflectionPadImpl<2, ReflectionPad2dImpl>;

template <size_t D, class Derived>
void ReplicationPadImpl<D, Derived>::pretty_print(std::ostream& stream) const {
  print_padding(stream, D == 1 ? "ReplicationPad1d" : "ReplicationPad2d", options.padding());
  stream << ")";
}

template <size_t D, class Derived>
Tensor ReplicationPadImpl<D, Derived>::forward(const Tensor& input) {
  return pad_with(input, *options.padding(), enumtype::kReplicate{});
}

template class ReplicationPadImpl<1, ReplicationPad1dImpl>;
template class ReplicationPadImpl<2, ReplicationPad2dImpl>;

void ZeroPad2dImpl::pretty_print(std::ostream& stream) const {
  print_padding(stream, "ZeroPad2d", options.padding());
  stream << ")";
}

Tensor ZeroPad2dImpl::forward(const Tensor& input) { return pad_with(input, *options.padding(), enumtype::kConstant{}); }

template <size_t D, class Derived>
void ConstantPadImpl<D, Derived>::pretty_print(std::ostream& stream) const {
  print_padding(stream, D == 1 ? "ConstantPad1d" : "ConstantPad2d", options.padding());
  stream << ", value=" << options.value() << ")";
}

template <size_t D, class Derived>
Tensor ConstantPadImpl<D, Derived>::forward(const Tensor& input) {
  return pad_with(input, *options.padding(), enumtype::kConstant{}, options.value());
}

template class ConstantPadImpl<1, ConstantPad1dImpl>;
template class ConstantPadImpl<2, ConstantPad2dImpl>;

}  // namespace xg::nn
