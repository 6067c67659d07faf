#include "numpy_random.h"

#include <cmath>

#include "../autograd/tensor/factories.h"

namespace xg::data {

void NumpyRandomState::seed(uint32_t seed) {
  engine_.seed(seed);
  has_cached_normal_ = false;
  cached_normal_ = 0.0;
}

double NumpyRandomState::random_sample() {
  // The top 27 bits of one draw and the top 26 of the next make a 53-bit integer.
  const uint32_t high = static_cast<uint32_t>(engine_()) >> 5;
  const uint32_t low = static_cast<uint32_t>(engine_()) >> 6;
  return (high * 67108864.0 + low) / 9007199254740992.0;  // (high * 2^26 + low) / 2^53
}

double NumpyRandomState::standard_normal() {
  if (has_cached_normal_) {
    has_cached_normal_ = false;
    return cached_normal_;
  }
  // Polar method: a uniform point in the unit disc (not its centre) gives two normals.
  double x1, x2, r2;
  do {
    x1 = 2.0 * random_sample() - 1.0;
    x2 = 2.0 * random_sample() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const double f = std::sqrt(-2.0 * std::log(r2) / r2);
  cached_normal_ = f * x1;
  has_cached_normal_ = true;
  return f * x2;
}

Tensor NumpyRandomState::rand(IntArrayRef sizes) {
  Tensor out = empty(sizes, kDouble);
  double* data = out.data_ptr<double>();
  for (int64_t i = 0; i < out.numel(); ++i) data[i] = random_sample();
  return out;
}

Tensor NumpyRandomState::randn(IntArrayRef sizes) {
  Tensor out = empty(sizes, kDouble);
  double* data = out.data_ptr<double>();
  for (int64_t i = 0; i < out.numel(); ++i) data[i] = standard_normal();
  return out;
}

}  // namespace xg::data
