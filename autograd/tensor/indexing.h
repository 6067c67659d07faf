#pragma once
// Python-style indexing: t.index({Slice(1, None), 0, None, Ellipsis}) is
// t[1:, 0, None, ...], as torch::indexing. Integers and slices give views.

#include <optional>

#include "tensor.h"

namespace xg::indexing {

struct EllipsisIndexType {};
inline constexpr EllipsisIndexType Ellipsis{};
/// A new axis of size 1 (and "no bound" inside Slice).
inline constexpr std::nullopt_t None = std::nullopt;

/// start:stop:step, each optional like in Python.
class Slice {
 public:
  Slice(std::optional<int64_t> start = std::nullopt, std::optional<int64_t> stop = std::nullopt,
        std::optional<int64_t> step = std::nullopt)
      : start_(start), stop_(stop), step_(step.value_or(1)) {}
  std::optional<int64_t> start() const { return start_; }
  std::optional<int64_t> stop() const { return stop_; }
  int64_t step() const { return step_; }

 private:
  std::optional<int64_t> start_, stop_;
  int64_t step_;
};

class TensorIndex {
 public:
  enum class Kind { None, Ellipsis, Integer, Boolean, Slice, Tensor };

  TensorIndex(std::nullopt_t) : kind_(Kind::None) {}              // NOLINT: implicit like torch
  TensorIndex(EllipsisIndexType) : kind_(Kind::Ellipsis) {}       // NOLINT
  TensorIndex(const char* text);                                  // NOLINT: "..." only
  TensorIndex(int64_t i) : kind_(Kind::Integer), integer_(i) {}   // NOLINT
  TensorIndex(int i) : kind_(Kind::Integer), integer_(i) {}       // NOLINT
  TensorIndex(bool b) : kind_(Kind::Boolean), integer_(b) {}      // NOLINT
  TensorIndex(Slice s) : kind_(Kind::Slice), slice_(s) {}         // NOLINT
  TensorIndex(Tensor t) : kind_(Kind::Tensor), tensor_(std::move(t)) {}  // NOLINT

  Kind kind() const { return kind_; }
  int64_t integer() const { return integer_; }
  const Slice& slice() const { return slice_; }
  const Tensor& tensor() const { return tensor_; }

 private:
  Kind kind_;
  int64_t integer_ = 0;
  Slice slice_;
  Tensor tensor_;
};

}  // namespace xg::indexing
