#include "upsampling.h"

#include "../functional/upsampling.h"

namespace xg::nn {

void UpsampleImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Upsample(";
  if (options.scale_factor())
    stream << "scale_factor=" << ArrayRef<double>(*options.scale_factor());
  else if (options.size())
    stream << "size=" << IntArrayRef(*options.size());
  else
    stream << "size=None";  // LibTorch throws here (bad optional access); printing should not
  stream << ", mode=" << enumtype::get_enum_name(options.mode()) << ")";
}

Tensor UpsampleImpl::forward(const Tensor& input) {
  // The module's modes are a subset of the function's.
  const auto mode = std::visit([](auto tag) { return functional::InterpolateFuncOptions::mode_t(tag); }, options.mode());
  return functional::interpolate(input, functional::InterpolateFuncOptions()
                                            .size(options.size())
                                            .scale_factor(options.scale_factor())
                                            .mode(mode)
                                            .align_corners(options.align_corners()));
}

}  // namespace xg::nn
