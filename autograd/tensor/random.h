#pragma once
// The global random generator behind manual_seed, rand, randn, randint and the
// in-place uniform_ / normal_, built to give torch's CPU numbers bit for bit.
//
// The engine is the 32-bit Mersenne Twister, seeded like torch's (only the low
// 32 bits of the seed count; without manual_seed the seed is random). On top of it, each fill kernel draws from the
// engine in the same order and does the same float arithmetic as torch 1.13:
//   uniform   24 random bits for a float, 53 (from two draws) for a double;
//   integers  one 32-bit draw, or two when the range needs more than 32 bits;
//   normal    two code paths, chosen like torch's:
//             - a contiguous tensor of >= 16 elements is filled with uniforms
//               first, then turned into normals 16 at a time (Box-Muller on
//               pairs i, i+8); float tensors follow torch's AVX2 kernel, whose
//               log/sin/cos approximations random.cpp reproduces;
//             - otherwise one double-precision Box-Muller sample per element,
//               with the second sample of each pair cached in the generator
//               (shared by float and double tensors, reset by manual_seed).
// The kernels write the elements in memory order, as torch does for strided
// tensors.

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

namespace xg {
class Tensor;
}

namespace xg::detail {

class Generator {
 public:
  /// The seed of a generator made without one (torch's default_rng_seed_val).
  static constexpr uint64_t default_seed = 67280421310721ULL;

  explicit Generator(uint64_t seed = default_seed) { set_seed(seed); }
  /// Restarts the sequence; also forgets the cached normal sample.
  void set_seed(uint64_t seed);
  uint64_t seed() const { return seed_; }

  /// 32 random bits.
  uint32_t random() { return static_cast<uint32_t>(engine_()); }
  /// 64 random bits from two draws, the first one giving the high half.
  uint64_t random64() {
    const uint64_t high = random();
    return high << 32 | random();
  }
  /// Uniform in [0, 1): 24 random bits for a float.
  float uniform_float() { return static_cast<float>(random() & ((1U << 24) - 1)) * (1.0f / (1U << 24)); }
  /// Uniform in [0, 1): 53 random bits for a double.
  double uniform_double() {
    return static_cast<double>(random64() & ((1ULL << 53) - 1)) * (1.0 / (1ULL << 53));
  }
  /// A standard normal sample from the one-at-a-time path: double-precision
  /// Box-Muller, returning the cosine half and caching the sine half.
  double normal();

  /// Held while a fill kernel or manual_seed uses the generator, as torch's CPU generator's
  /// mutex: threads drawing at once each get whole runs of numbers, and the state never tears.
  std::mutex& mutex() { return mutex_; }

 private:
  std::mutex mutex_;
  std::mt19937 engine_;
  uint64_t seed_ = default_seed;
  std::optional<double> next_normal_;
};

/// The process-wide generator, shared by all threads as torch's default CPU generator is: each
/// fill takes its lock, so concurrent draws are safe, but which thread gets which numbers depends
/// on timing. As in torch, it starts from a seed that differs from run to run: call manual_seed
/// for repeatable numbers. The fill kernels below lock `gen.mutex()` themselves.
Generator& default_generator();

// ---- Fill kernels (Float or Double tensors unless said otherwise) ---------------------

/// Uniform in [from, to), as torch's uniform_.
void fill_uniform(const Tensor& t, double from, double to, Generator& gen);
/// Normal with the given mean and standard deviation, as torch's normal_.
void fill_normal(const Tensor& t, double mean, double std, Generator& gen);
/// Integers in [low, high), as torch's random_(low, high); any dtype.
void fill_random_int(const Tensor& t, int64_t low, int64_t high, Generator& gen);
/// 0, 1, ..., n - 1 shuffled, as torch's randperm: for i < n - 1, swap element i with
/// element i + (one 32-bit draw mod (n - i)). t is contiguous with n elements; any dtype.
void fill_randperm(const Tensor& t, Generator& gen);
/// 1 with probability p, else 0, in each element (one double from 53 random bits each, as
/// torch's bernoulli_(p)); any dtype.
void fill_bernoulli(const Tensor& t, double p, Generator& gen);
/// 1 with probability p[i] in element i (p Float or Double, contiguous, of t's shape; t
/// contiguous): a uniform in p's precision below p[i], as torch's bernoulli(p).
void fill_bernoulli(const Tensor& t, const Tensor& p, Generator& gen);

}  // namespace xg::detail
