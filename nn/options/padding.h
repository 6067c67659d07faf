#pragma once
// Options of the padding layers (ReflectionPad1d/2d, ReplicationPad1d/2d, ZeroPad2d,
// ConstantPad1d/2d) and of F::pad, as in LibTorch:
//   nn::ReflectionPad2d(nn::ReflectionPad2dOptions({1, 1, 2, 0}))
//   F::pad(x, F::PadFuncOptions({1, 2}).mode(xg::kReflect))

#include <cstdint>
#include <variant>
#include <vector>

#include "../enum.h"
#include "../expanding_array.h"

namespace xg::nn {

/// ReflectionPadOptions<D>(padding): padding {left, right} (D = 1) or {left, right, top,
/// bottom} (D = 2), or one number for every side.
template <size_t D>
struct ReflectionPadOptions {
  ReflectionPadOptions(ExpandingArray<D * 2> padding) : padding_(std::move(padding)) {}  // NOLINT
  ReflectionPadOptions& padding(ExpandingArray<D * 2> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D * 2>& padding() const noexcept { return padding_; }

 private:
  ExpandingArray<D * 2> padding_;
};
using ReflectionPad1dOptions = ReflectionPadOptions<1>;
using ReflectionPad2dOptions = ReflectionPadOptions<2>;

/// ReplicationPadOptions<D>(padding), as ReflectionPadOptions.
template <size_t D>
struct ReplicationPadOptions {
  ReplicationPadOptions(ExpandingArray<D * 2> padding) : padding_(std::move(padding)) {}  // NOLINT
  ReplicationPadOptions& padding(ExpandingArray<D * 2> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D * 2>& padding() const noexcept { return padding_; }

 private:
  ExpandingArray<D * 2> padding_;
};
using ReplicationPad1dOptions = ReplicationPadOptions<1>;
using ReplicationPad2dOptions = ReplicationPadOptions<2>;

/// ZeroPad2dOptions(padding): {left, right, top, bottom}, or one number.
struct ZeroPad2dOptions {
  ZeroPad2dOptions(ExpandingArray<4> padding) : padding_(std::move(padding)) {}  // NOLINT
  ZeroPad2dOptions& padding(ExpandingArray<4> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<4>& padding() const noexcept { return padding_; }

 private:
  ExpandingArray<4> padding_;
};

/// ConstantPadOptions<D>(padding, value): the border is `value`.
template <size_t D>
struct ConstantPadOptions {
  ConstantPadOptions(ExpandingArray<D * 2> padding, double value) : padding_(std::move(padding)), value_(value) {}
  ConstantPadOptions& padding(ExpandingArray<D * 2> value) { padding_ = std::move(value); return *this; }
  const ExpandingArray<D * 2>& padding() const noexcept { return padding_; }
  ConstantPadOptions& value(double value) { value_ = value; return *this; }
  double value() const noexcept { return value_; }

 private:
  ExpandingArray<D * 2> padding_;
  double value_;
};
using ConstantPad1dOptions = ConstantPadOptions<1>;
using ConstantPad2dOptions = ConstantPadOptions<2>;

namespace functional {
/// F::PadFuncOptions(pad).mode(kConstant).value(0): pad lists (before, after) pairs from the
/// last dim backwards; mode kConstant (default), kReflect, kReplicate or kCircular.
struct PadFuncOptions {
  using mode_t = std::variant<enumtype::kConstant, enumtype::kReflect, enumtype::kReplicate, enumtype::kCircular>;

  PadFuncOptions(std::vector<int64_t> pad) : pad_(std::move(pad)) {}  // NOLINT
  PadFuncOptions& pad(std::vector<int64_t> value) { pad_ = std::move(value); return *this; }
  const std::vector<int64_t>& pad() const noexcept { return pad_; }
  PadFuncOptions& mode(mode_t value) { mode_ = value; return *this; }
  const mode_t& mode() const noexcept { return mode_; }
  /// The border's value in mode kConstant; default 0.
  PadFuncOptions& value(double value) { value_ = value; return *this; }
  double value() const noexcept { return value_; }

 private:
  std::vector<int64_t> pad_;
  mode_t mode_ = enumtype::kConstant{};
  double value_ = 0;
};
}  // namespace functional

}  // namespace xg::nn
