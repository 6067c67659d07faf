#include "padding.h"

namespace xg::nn::functional {

namespace {
std::string_view mode_name(enumtype::kConstant) { return "constant"; }
std::string_view mode_name(enumtype::kReflect) { return "reflect"; }
std::string_view mode_name(enumtype::kReplicate) { return "replicate"; }
std::string_view mode_name(enumtype::kCircular) { return "circular"; }
}  // namespace

Tensor pad(const Tensor& input, const PadFuncOptions& options) {
  const std::string_view mode = std::visit([](auto tag) { return mode_name(tag); }, options.mode());
  // As LibTorch: a value of 0 is no value, so the other modes accept the default
  const std::optional<double> value = options.value() != 0 ? std::optional<double>(options.value()) : std::nullopt;
  return xg::pad(input, options.pad(), mode, value);
}

}  // namespace xg::nn::functional
