// The generator and the fill kernels of random.h. Every function here makes
// the same draws and the same roundings as torch 1.13's CPU kernels, so seeded
// programs print the same numbers in xgrad and LibTorch. Where torch's
// compiled kernel fuses a multiply and an add into one FMA, the code below
// calls std::fma; everywhere else it must not be fused, which is why this file
// is built with -ffp-contract=off (see CMakeLists.txt).

#include "random.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <vector>

#include "xtensor_interop.h"

namespace xg::detail {

// ---- The generator -------------------------------------------------------------------

void Generator::set_seed(uint64_t seed) {
  seed_ = seed;
  engine_.seed(static_cast<uint32_t>(seed));  // torch seeds its Mersenne Twister with the low 32 bits
  next_normal_.reset();
}

double Generator::normal() {
  if (next_normal_) {
    const double cached = *next_normal_;
    next_normal_.reset();
    return cached;
  }
  const double u1 = uniform_double();
  const double u2 = uniform_double();
  const double radius = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = 2.0 * M_PI * u1;
  next_normal_ = radius * std::sin(theta);
  return radius * std::cos(theta);
}

namespace {
// A fresh seed for each run, of 53 bits like torch's so that it fits in a double.
uint64_t nondeterministic_seed() {
  std::random_device device;
  const uint64_t high = device();
  return ((high << 32) + device()) & ((1ULL << 53) - 1);
}
}  // namespace

Generator& default_generator() {
  static Generator generator(nondeterministic_seed());
  return generator;
}

namespace {

// ---- Element order ---------------------------------------------------------------------

// Calls f(offset) for each element of t, in the order torch fills an output:
// memory order, i.e. dims sorted by stride with the smallest stride innermost.
template <class F>
void for_each_offset(const char* op, const Tensor& t, F f) {
  const int64_t n = t.numel();
  if (t.is_contiguous()) {
    for (int64_t i = 0; i < n; ++i) f(i);
    return;
  }
  IntArrayRef sizes = t.sizes(), strides = t.strides();
  std::vector<size_t> dims;  // outermost first; size-1 dims do not change the order
  for (size_t d = 0; d < sizes.size(); ++d)
    if (sizes[d] > 1) dims.push_back(d);
  for (size_t d : dims)
    XG_CHECK(strides[d] != 0, op, "more than one element of the written-to tensor refers to a single "
             "memory location; clone() the tensor first");
  std::stable_sort(dims.begin(), dims.end(), [&](size_t a, size_t b) {
    return strides[a] != strides[b] ? strides[a] > strides[b] : sizes[a] > sizes[b];
  });
  std::vector<int64_t> index(dims.size(), 0);
  int64_t offset = 0;
  for (int64_t i = 0; i < n; ++i) {
    f(offset);
    for (size_t k = dims.size(); k-- > 0;) {  // odometer step, innermost dim first
      const size_t d = dims[k];
      offset += strides[d];
      if (++index[k] < sizes[d]) break;
      offset -= strides[d] * sizes[d];
      index[k] = 0;
    }
  }
}

// ---- Uniform draws ------------------------------------------------------------------------

// Uniform in [0, 1) in T's precision: 24 bits for a float, 53 for a double.
template <class T>
T uniform01(Generator& gen) {
  if constexpr (std::is_same_v<T, float>) return gen.uniform_float();
  else return gen.uniform_double();
}

// ---- torch's AVX2 normal kernel for float, one lane at a time ------------------------------
//
// For a contiguous float tensor of >= 16 elements, torch computes Box-Muller
// with vectorised single-precision approximations of log and sin/cos (the
// Cephes polynomials), compiled with multiply-add contraction. The lane
// functions below repeat those operations in the same order; std::fma marks
// each multiply-add that the compiled kernel fuses, so every rounding matches.

float float_from_bits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
uint32_t bits_of(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}
// The kernel's constants are double literals stored into float tables: round them the same way.
constexpr float as_float(double v) { return static_cast<float>(v); }

// Natural log for x in (0, 1] (the kernel's log of 1 - u).
float lane_log(float x) {
  const uint32_t bits = bits_of(std::max(x, 1.17549435e-38f));  // denormals cut off
  float e = static_cast<float>(static_cast<int32_t>(bits >> 23) - 127) + 1.0f;
  // Mantissa moved into [0.5, 1); below sqrt(1/2) it is doubled and the exponent lowered.
  float m = float_from_bits((bits & ~0x7f800000u) | bits_of(0.5f));
  const bool low = m < as_float(0.707106781186547524);
  const float low_part = low ? m : 0.0f;
  m = m - 1.0f;
  e = e - (low ? 1.0f : 0.0f);
  m = m + low_part;

  const float z = m * m;
  float y = as_float(7.0376836292E-2);
  for (double c : {-1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
                   -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1})
    y = std::fma(y, m, as_float(c));
  y = y * m;
  y = std::fma(y, z, e * as_float(-2.12194440e-4));
  y = std::fma(-z, 0.5f, y);
  m = m + y;
  return std::fma(e, as_float(0.693359375), m);
}

// sin and cos of x >= 0 (the kernel's 2 pi u).
void lane_sincos(float x, float& sin_out, float& cos_out) {
  uint32_t sin_sign = bits_of(x) & 0x80000000u;
  x = std::fabs(x);
  // Octant j (made even) and the reduced argument x - j pi/4 in three steps.
  auto j = static_cast<int32_t>(x * as_float(1.27323954473516));  // 4 / pi, truncated
  j = (j + 1) & ~1;
  const auto y = static_cast<float>(j);
  sin_sign ^= static_cast<uint32_t>(j & 4) << 29;
  const uint32_t cos_sign = static_cast<uint32_t>(~(j - 2) & 4) << 29;
  const bool sin_from_sin_poly = (j & 2) == 0;
  x = std::fma(y, as_float(-0.78515625), x);
  x = std::fma(y, as_float(-2.4187564849853515625e-4), x);
  x = std::fma(y, as_float(-3.77489497744594108e-8), x);

  const float z = x * x;
  float cos_poly = std::fma(as_float(2.443315711809948E-005), z, as_float(-1.388731625493765E-003));
  cos_poly = std::fma(cos_poly, z, as_float(4.166664568298827E-002));
  cos_poly = cos_poly * z;
  cos_poly = std::fma(cos_poly, z, -(z * 0.5f));
  cos_poly = cos_poly + 1.0f;
  float sin_poly = std::fma(as_float(-1.9515295891E-4), z, as_float(8.3321608736E-3));
  sin_poly = std::fma(sin_poly, z, as_float(-1.6666654611E-1));
  sin_poly = sin_poly * z;
  sin_poly = std::fma(sin_poly, x, x);

  // The kernel selects with bit masks and adds +0 for the unused polynomial; so do we.
  const float sin_a = sin_from_sin_poly ? 0.0f : cos_poly;
  const float sin_b = sin_from_sin_poly ? sin_poly : 0.0f;
  sin_out = float_from_bits(bits_of(sin_a + sin_b) ^ sin_sign);
  cos_out = float_from_bits(bits_of((cos_poly - sin_a) + (sin_poly - sin_b)) ^ cos_sign);
}

// Box-Muller on 16 uniforms: pairs (i, i + 8) become two normals.
void normal_16_float(float* data, float mean, float std) {
  const auto two_pi = as_float(2.0 * M_PI);
  for (int j = 0; j < 8; ++j) {
    const float radius = std::sqrt(-2.0f * lane_log(1.0f - data[j]));
    float s, c;
    lane_sincos(two_pi * data[j + 8], s, c);
    data[j] = std::fma(radius * c, std, mean);
    data[j + 8] = std::fma(radius * s, std, mean);
  }
}

// The same for double, with the C library's log, sin and cos.
void normal_16_double(double* data, double mean, double std) {
  for (int j = 0; j < 8; ++j) {
    const double radius = std::sqrt(-2.0 * std::log(1.0 - data[j]));
    const double theta = 2.0 * M_PI * data[j + 8];
    data[j] = std::fma(radius * std::cos(theta), std, mean);
    data[j + 8] = std::fma(radius * std::sin(theta), std, mean);
  }
}

// The >= 16 element path: uniforms everywhere, then normals 16 at a time. A
// tail that does not fill a block is redone as the last 16 elements, with
// fresh uniforms (overwriting some finished normals, exactly as torch does).
template <class T>
void normal_blocks(T* data, int64_t n, T mean, T std, Generator& gen) {
  auto normal_16 = [&](T* block) {
    if constexpr (std::is_same_v<T, float>) normal_16_float(block, mean, std);
    else normal_16_double(block, mean, std);
  };
  for (int64_t i = 0; i < n; ++i) data[i] = uniform01<T>(gen);
  for (int64_t i = 0; i + 16 <= n; i += 16) normal_16(data + i);
  if (n % 16 != 0) {
    T* tail = data + n - 16;
    for (int i = 0; i < 16; ++i) tail[i] = uniform01<T>(gen);
    normal_16(tail);
  }
}

}  // namespace

// ---- Fill kernels ---------------------------------------------------------------------------

void fill_uniform(const Tensor& t, double from, double to, Generator& gen) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  dispatch_floating(t.scalar_type(), "uniform_", [&](auto tag) {
    using T = typename decltype(tag)::type;
    const auto lo = static_cast<T>(from), hi = static_cast<T>(to);
    T* data = detail::data<T>(t);
    for_each_offset("uniform_", t, [&](int64_t i) { data[i] = std::fma(uniform01<T>(gen), hi - lo, lo); });
  });
}

void fill_normal(const Tensor& t, double mean, double std, Generator& gen) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  dispatch_floating(t.scalar_type(), "normal_", [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* data = detail::data<T>(t);
    if (t.numel() >= 16 && t.is_contiguous()) {
      normal_blocks<T>(data, t.numel(), static_cast<T>(mean), static_cast<T>(std), gen);
      return;
    }
    for_each_offset("normal_", t, [&](int64_t i) { data[i] = static_cast<T>(std::fma(gen.normal(), std, mean)); });
  });
}

void fill_random_int(const Tensor& t, int64_t low, int64_t high, Generator& gen) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  const uint64_t range = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  dispatch_all(t.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    // One 32-bit draw per element unless the range needs more (never for Bool).
    const bool wide = !std::is_same_v<T, bool> && range >= (1ULL << 32);
    T* data = detail::data<T>(t);
    for_each_offset("random_", t, [&](int64_t i) {
      const uint64_t bits = wide ? gen.random64() : gen.random();
      data[i] = static_cast<T>(static_cast<int64_t>(bits % range + static_cast<uint64_t>(low)));
    });
  });
}

void fill_randperm(const Tensor& t, Generator& gen) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  const int64_t n = t.numel();
  dispatch_all(t.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* data = detail::data<T>(t);
    for (int64_t i = 0; i < n; ++i) data[i] = static_cast<T>(i);
    for (int64_t i = 0; i + 1 < n; ++i) std::swap(data[i], data[i + static_cast<int64_t>(gen.random()) % (n - i)]);
  });
}

void fill_bernoulli(const Tensor& t, double p, Generator& gen) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  dispatch_all(t.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* data = detail::data<T>(t);
    for_each_offset("bernoulli_", t, [&](int64_t i) { data[i] = static_cast<T>(gen.uniform_double() < p); });
  });
}

void fill_bernoulli(const Tensor& t, const Tensor& p, Generator& gen) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  dispatch_all(t.scalar_type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* data = detail::data<T>(t);
    dispatch_floating(p.scalar_type(), "bernoulli", [&](auto p_tag) {
      using P = typename decltype(p_tag)::type;
      const P* prob = detail::data<P>(p);
      for (int64_t i = 0; i < t.numel(); ++i) data[i] = static_cast<T>(uniform01<P>(gen) < prob[i]);
    });
  });
}

}  // namespace xg::detail
