#pragma once
// NumpyRandomState: NumPy's legacy generator (numpy.random.RandomState / np.random.seed),
// bit for bit, so that programs ported from NumPy tutorials draw the same data.
//
//   # NumPy                                   // xgrad
//   np.random.seed(42)                        xg::data::NumpyRandomState rng(42);
//   x = 2 * np.random.rand(100, 1)            xg::Tensor x = 2 * rng.rand({100, 1});
//   y = 4 + 3 * x + np.random.randn(100, 1)   xg::Tensor y = 4 + 3 * x + rng.randn({100, 1});
//
// The stream is the 32-bit Mersenne Twister seeded as std::mt19937 seeds it. A uniform
// double takes two 32-bit draws (27 + 26 bits, 53 in all); a normal uses the polar
// (Marsaglia) method, which makes normals in pairs and keeps the second one for the next
// call, exactly as NumPy's legacy gauss does. Tensors are float64 (NumPy's default) and
// filled in row-major order. This is not xgrad's own generator (xg::manual_seed, which
// follows torch's); it exists only to reproduce NumPy programs.

#include <cstdint>
#include <random>

#include "../autograd/tensor/tensor.h"

namespace xg::data {

class NumpyRandomState {
 public:
  /// np.random.RandomState(seed); seeds are 32-bit as in NumPy.
  explicit NumpyRandomState(uint32_t seed = 0) { this->seed(seed); }

  /// np.random.seed(seed): restarts the stream and forgets a cached normal.
  void seed(uint32_t seed);

  /// One uniform double in [0, 1): np.random.random_sample().
  double random_sample();
  /// One standard normal: np.random.standard_normal().
  double standard_normal();

  /// np.random.rand(*sizes): uniform [0, 1), float64.
  Tensor rand(IntArrayRef sizes);
  /// np.random.randn(*sizes): standard normal, float64.
  Tensor randn(IntArrayRef sizes);

 private:
  std::mt19937 engine_;
  bool has_cached_normal_ = false;
  double cached_normal_ = 0.0;
};

}  // namespace xg::data
