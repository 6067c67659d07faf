#pragma once
// Padding layers: each holds its options and calls F::pad (nn/functional/padding.h) with its
// mode. No parameters.
//   ReflectionPad1d/2d   the input's reflection at each edge (the edge not repeated)
//   ReplicationPad1d/2d  the edge elements repeated
//   ZeroPad2d            zeros
//   ConstantPad1d/2d     a value

#include <ostream>

#include "../cloneable.h"
#include "../options/padding.h"
#include "../pimpl.h"

namespace xg::nn {

/// [N, C, W] (or [C, W]) -> [N, C, left + W + right]: the reflection of the input at each edge.
template <size_t D, class Derived>
class ReflectionPadImpl : public Cloneable<Derived> {
 public:
  ReflectionPadImpl(ExpandingArray<D * 2> padding) : ReflectionPadImpl(ReflectionPadOptions<D>(padding)) {}  // NOLINT
  explicit ReflectionPadImpl(const ReflectionPadOptions<D>& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ReflectionPad2d(padding=[1, 1, 2, 0])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  ReflectionPadOptions<D> options;
};

/// 1-d reflection padding: [N, C, W] (or [C, W]) -> [N, C, left + W + right].
class ReflectionPad1dImpl : public ReflectionPadImpl<1, ReflectionPad1dImpl> {
 public:
  using ReflectionPadImpl<1, ReflectionPad1dImpl>::ReflectionPadImpl;
};
XG_MODULE(ReflectionPad1d);

/// 2-d reflection padding: [N, C, H, W] (or [C, H, W]) -> [N, C, top + H + bottom, left + W + right].
class ReflectionPad2dImpl : public ReflectionPadImpl<2, ReflectionPad2dImpl> {
 public:
  using ReflectionPadImpl<2, ReflectionPad2dImpl>::ReflectionPadImpl;
};
XG_MODULE(ReflectionPad2d);

/// The edge elements of the input repeated; shapes as ReflectionPad.
template <size_t D, class Derived>
class ReplicationPadImpl : public Cloneable<Derived> {
 public:
  ReplicationPadImpl(ExpandingArray<D * 2> padding) : ReplicationPadImpl(ReplicationPadOptions<D>(padding)) {}  // NOLINT
  explicit ReplicationPadImpl(const ReplicationPadOptions<D>& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ReplicationPad1d(padding=[1, 2])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  ReplicationPadOptions<D> options;
};

class ReplicationPad1dImpl : public ReplicationPadImpl<1, ReplicationPad1dImpl> {
 public:
  using ReplicationPadImpl<1, ReplicationPad1dImpl>::ReplicationPadImpl;
};
XG_MODULE(ReplicationPad1d);

class ReplicationPad2dImpl : public ReplicationPadImpl<2, ReplicationPad2dImpl> {
 public:
  using ReplicationPadImpl<2, ReplicationPad2dImpl>::ReplicationPadImpl;
};
XG_MODULE(ReplicationPad2d);

/// Zeros around the last two dims: [N, C, H, W] (or any tensor) -> [..., top + H + bottom, left + W + right].
class ZeroPad2dImpl : public Cloneable<ZeroPad2dImpl> {
 public:
  ZeroPad2dImpl(ExpandingArray<4> padding) : ZeroPad2dImpl(ZeroPad2dOptions(padding)) {}  // NOLINT
  explicit ZeroPad2dImpl(const ZeroPad2dOptions& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ZeroPad2d(padding=[1, 1, 1, 1])".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  ZeroPad2dOptions options;
};
XG_MODULE(ZeroPad2d);

/// A border of options.value() around the last D dims.
template <size_t D, class Derived>
class ConstantPadImpl : public Cloneable<Derived> {
 public:
  ConstantPadImpl(ExpandingArray<D * 2> padding, double value) : ConstantPadImpl(ConstantPadOptions<D>(padding, value)) {}
  explicit ConstantPadImpl(const ConstantPadOptions<D>& options_) : options(options_) {}
  void reset() override {}
  /// Prints "torch::nn::ConstantPad1d(padding=[2, 2], value=3.5)".
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  ConstantPadOptions<D> options;
};

class ConstantPad1dImpl : public ConstantPadImpl<1, ConstantPad1dImpl> {
 public:
  using ConstantPadImpl<1, ConstantPad1dImpl>::ConstantPadImpl;
};
XG_MODULE(ConstantPad1d);

class ConstantPad2dImpl : public ConstantPadImpl<2, ConstantPad2dImpl> {
 public:
  using ConstantPadImpl<2, ConstantPad2dImpl>::ConstantPadImpl;
};
XG_MODULE(ConstantPad2d);

}  // namespace xg::nn
