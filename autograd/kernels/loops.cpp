#include "loops.h"

namespace xg::detail {

int64_t span(const TensorImpl& impl) {
  if (impl.numel() == 0) return 0;
  int64_t last = 0;
  for (size_t i = 0; i < impl.sizes().size(); ++i) last += (impl.sizes()[i] - 1) * impl.strides()[i];
  return last + 1;
}

SizeVector broadcast_strides(const Tensor& t, IntArrayRef sizes) {
  IntArrayRef own_sizes = t.sizes(), own_strides = t.strides();
  const size_t lead = sizes.size() - own_sizes.size();
  SizeVector strides(sizes.size(), 0);
  for (size_t i = 0; i < own_sizes.size(); ++i)
    if (own_sizes[i] != 1) strides[lead + i] = own_strides[i];
  return strides;
}

}  // namespace xg::detail
