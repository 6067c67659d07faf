#pragma once
// <torch/torch.h> for programs written against LibTorch's C++ frontend: the xgrad::torch
// CMake target puts this folder (compat/) on the include path, so such a program compiles
// against xgrad unchanged.
//
// Namespace torch is a namespace of its own that imports all of xg with a using-directive,
// not an alias (namespace torch = xg): qualified names torch::Tensor, torch::kFloat,
// torch::nn::Linear, torch::optim::SGD and torch::autograd::grad find xg's through the
// directive, while the few names LibTorch has and xgrad does not (torch::str,
// ...) live here, in torch itself, and never enter xg. The same goes
// for at:: (ATen's tensor namespace) and c10:: (its utilities).

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <sstream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace c10 {
using namespace ::xg;
/// TORCH_CHECK throws xg::Error, the one exception type xgrad throws, so
/// catch (const c10::Error& e) catches xgrad's own errors too.
using Error = ::xg::Error;
template <class T>
using optional = std::optional<T>;
using std::nullopt;
using std::make_optional;
using string_view = std::string_view;
/// LibTorch's list type for index tensors (x.index_put_(list, values, true)): a vector here.
template <class T>
using List = std::vector<T>;

/// The arguments written one after the other into a string, as c10::str.
template <class... Parts>
std::string str(const Parts&... parts) {
  std::ostringstream out;
  ((out << parts), ...);  // a comma fold: also fine for no parts
  return out.str();
}

namespace detail {
// TORCH_CHECK's message: the arguments when there are some, else which condition failed.
template <class... Parts>
std::string check_message(const char* condition, const Parts&... parts) {
  if constexpr (sizeof...(Parts) == 0) {
    return str("Expected ", condition, " to be true, but got false.  (Could this error message be improved?  ",
               "If so, please report an enhancement request to PyTorch.)");
  } else {
    return str(parts...);
  }
}
}  // namespace detail

/// xgrad's ExpandingArray (nn/expanding_array.h): D values that may be given as one, repeated.
using ::xg::ExpandingArray;
}  // namespace c10

namespace at {
using namespace ::xg;
using ::c10::str;
}  // namespace at

namespace torch {
using namespace ::xg;
/// torch::autograd: xg::autograd (grad, backward, Function, ...) plus the grad-mode names
/// LibTorch also spells there (torch::autograd::GradMode, AutoGradMode, InferenceMode).
namespace autograd {
using namespace ::xg::autograd;
using ::xg::AutoGradMode;
using ::xg::GradMode;
using ::xg::InferenceMode;
}  // namespace autograd
using ::c10::ExpandingArray;
using ::c10::make_optional;
using ::c10::nullopt;
using ::c10::optional;
using ::c10::str;
}  // namespace torch

// ---- names of older LibTorch releases that programs written for them still use ----------
// PyTorch's examples (cpp/mnist) were written against a LibTorch where the loss reduction
// enum was a global Reduction::Sum (now at::Reduction) and channel dropout was
// torch::nn::FeatureDropout (now Dropout2d); a program using them compiles unchanged here.
namespace Reduction = ::xg::Reduction;
namespace torch::nn {
using namespace ::xg::nn;
using FeatureDropout = ::xg::nn::Dropout2d;
using FeatureDropoutImpl = ::xg::nn::Dropout2dImpl;
using FeatureDropoutOptions = ::xg::nn::Dropout2dOptions;
}  // namespace torch::nn

/// TORCH_MODULE(Net): declares Net, the shared handle to NetImpl (xgrad's XG_MODULE).
#define TORCH_MODULE(Name) XG_MODULE(Name)
#define TORCH_MODULE_IMPL(Name, ImplType) XG_MODULE_IMPL(Name, ImplType)

/// TORCH_CHECK(condition, parts...): throws c10::Error (xg::Error) with the parts written one
/// after the other as its message, unless condition holds.
#define TORCH_CHECK(condition, ...)                                                   \
  do {                                                                                \
    if (!(condition))                                                                 \
      throw ::c10::Error(::c10::detail::check_message(#condition, ##__VA_ARGS__));    \
  } while (false)

/// TORCH_INTERNAL_ASSERT(condition, parts...): a check on the program's own logic, not on input.
#define TORCH_INTERNAL_ASSERT(condition, ...)                                                        \
  do {                                                                                               \
    if (!(condition))                                                                                \
      throw ::c10::Error(::c10::str(#condition " INTERNAL ASSERT FAILED at \"", __FILE__, "\":", __LINE__, \
                                    ", please report a bug to PyTorch. ", ##__VA_ARGS__));           \
  } while (false)
#define AT_ASSERT(condition, ...) TORCH_INTERNAL_ASSERT(condition, ##__VA_ARGS__)
