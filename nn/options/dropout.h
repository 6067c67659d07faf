#pragma once
// Options of Dropout (module) and F::dropout (function).

namespace xg::nn {

/// DropoutOptions(0.2).inplace(false); a bare number converts: nn::Dropout(0.2).
struct DropoutOptions {
  DropoutOptions(double p = 0.5) : p_(p) {}  // NOLINT: implicit as in LibTorch

  /// Probability of zeroing an element; default 0.5.
  DropoutOptions& p(double value) { p_ = value; return *this; }
  double p() const noexcept { return p_; }
  /// Overwrite the input instead of making a new tensor; default false.
  DropoutOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  double p_;
  bool inplace_ = false;
};

/// Dropout2dOptions(0.2): Dropout's options, as in LibTorch.
using Dropout2dOptions = DropoutOptions;

namespace functional {
/// F::DropoutFuncOptions().p(0.2).training(is_training()); note training defaults to true.
struct DropoutFuncOptions {
  DropoutFuncOptions& p(double value) { p_ = value; return *this; }
  double p() const noexcept { return p_; }
  DropoutFuncOptions& training(bool value) { training_ = value; return *this; }
  bool training() const noexcept { return training_; }
  DropoutFuncOptions& inplace(bool value) { inplace_ = value; return *this; }
  bool inplace() const noexcept { return inplace_; }

 private:
  double p_ = 0.5;
  bool training_ = true;
  bool inplace_ = false;
};
/// F::dropout2d's options: F::dropout's, as in LibTorch.
using Dropout2dFuncOptions = DropoutFuncOptions;
}  // namespace functional

}  // namespace xg::nn
