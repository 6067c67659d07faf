#pragma once
// The random-number cases, shared word for word by tests/test_random.cpp (run
// on xgrad) and tools/libtorch_reference/make_reference.cpp (run on LibTorch,
// which writes tests/data/random_reference.txt). Before including this file,
// say which library `lib` is:  namespace lib = xg;  or  namespace lib = torch;
//
// Each case seeds the generator, makes some calls and returns the tensors whose
// values must match torch's bit for bit. The cases cover both normal paths
// (fewer than 16 elements or strided: one Box-Muller sample at a time with a
// cached second sample; 16 or more contiguous: blocks of 16), uniform and
// integer draws, and the anchors' workloads.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace random_cases {

struct Case {
  std::string name;
  std::function<std::vector<lib::Tensor>()> run;
};

// ---- The data file -------------------------------------------------------------------
// One line per case, then one line per tensor:
//   case <name> <number of tensors>
//   tensor <index> <type, e.g. CPUFloatType> <sizes, e.g. 2,3 or - for 0-d> <numel>
//          <fingerprint, hex> <number of listed values> <listed values, %.17g>
// Tensors of up to `listed_in_full` elements list every value; larger ones list
// their first and last `listed_at_ends` values, and the fingerprint covers the rest.
constexpr int64_t listed_in_full = 64;
constexpr int64_t listed_at_ends = 8;

// The elements in row-major order, widened exactly to double.
inline std::vector<double> as_doubles(const lib::Tensor& t) {
  lib::Tensor d = t.to(lib::kDouble).contiguous();
  const double* p = d.data_ptr<double>();
  return std::vector<double>(p, p + d.numel());
}

// FNV-1a over the 64-bit patterns of the values: equal fingerprints mean equal bits.
inline uint64_t fingerprint(const std::vector<double>& values) {
  uint64_t hash = 14695981039346656037ULL;
  for (double v : values) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (bits >> (8 * byte)) & 0xff;
      hash *= 1099511628211ULL;
    }
  }
  return hash;
}

// Positions of the values the data file lists for a tensor of n elements.
inline std::vector<int64_t> listed_positions(int64_t n) {
  std::vector<int64_t> positions;
  for (int64_t i = 0; i < n; ++i)
    if (n <= listed_in_full || i < listed_at_ends || i >= n - listed_at_ends) positions.push_back(i);
  return positions;
}

// nn::Linear's default init: kaiming_uniform_(a = sqrt(5)) for the weight,
// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias, in that order.
inline std::vector<lib::Tensor> linear_init(int64_t in, int64_t out) {
  lib::Tensor weight = lib::empty({out, in});
  lib::Tensor bias = lib::empty({out});
  const double gain = std::sqrt(2.0 / (1 + std::pow(std::sqrt(5.0), 2)));
  const double bound = std::sqrt(3.0) * (gain / std::sqrt(static_cast<double>(in)));
  weight.uniform_(-bound, bound);
  const double bias_bound = 1 / std::sqrt(static_cast<double>(in));
  bias.uniform_(-bias_bound, bias_bound);
  return {weight, bias};
}

inline std::vector<Case> all() {
  std::vector<Case> cases;
  auto add = [&cases](std::string name, std::function<std::vector<lib::Tensor>()> run) {
    cases.push_back({std::move(name), std::move(run)});
  };

  // Every factory and in-place fill, for both dtypes, around the 16-element boundary.
  const std::vector<std::pair<std::string, lib::ScalarType>> dtypes = {{"float", lib::kFloat},
                                                                     {"double", lib::kDouble}};
  for (const auto& [dtype_name, dtype] : dtypes) {
    for (int64_t n : {1, 2, 7, 15, 16, 17, 31, 32, 33, 100, 1000}) {
      const std::string suffix = "_" + dtype_name + "_" + std::to_string(n);
      add("rand" + suffix, [=] { lib::manual_seed(n); return std::vector<lib::Tensor>{lib::rand({n}, dtype)}; });
      add("randn" + suffix, [=] { lib::manual_seed(n); return std::vector<lib::Tensor>{lib::randn({n}, dtype)}; });
      add("uniform_" + suffix, [=] {
        lib::manual_seed(n);
        return std::vector<lib::Tensor>{lib::empty({n}, dtype).uniform_(-2.5, 4.0)};
      });
      add("normal_" + suffix, [=] {
        lib::manual_seed(n);
        return std::vector<lib::Tensor>{lib::empty({n}, dtype).normal_(1.5, 0.37)};
      });
    }
    add("randn_shapes_" + dtype_name, [=] {
      lib::manual_seed(11);
      return std::vector<lib::Tensor>{lib::randn({4, 4}, dtype), lib::randn({3, 5}, dtype),
                                      lib::randn({1, 17}, dtype), lib::randn({2, 3, 5}, dtype)};
    });
    add("uniform_narrow_range_" + dtype_name, [=] {
      lib::manual_seed(12);
      return std::vector<lib::Tensor>{lib::empty({50}, dtype).uniform_(0.1, 0.1000001),
                                      lib::empty({5}, dtype).uniform_(3.0, 3.0)};
    });
    add("normal_zero_std_" + dtype_name, [=] {
      lib::manual_seed(13);
      return std::vector<lib::Tensor>{lib::empty({20}, dtype).normal_(-1.0, 0.0), lib::empty({3}, dtype).normal_(2.0, 0.0)};
    });
    // Strided tensors take the one-at-a-time path and are filled in memory order.
    add("normal_transposed_" + dtype_name, [=] {
      lib::manual_seed(14);
      lib::Tensor base = lib::zeros({8, 4}, dtype);
      base.t().normal_(0.5, 2.0);
      return std::vector<lib::Tensor>{base};
    });
    add("normal_every_other_" + dtype_name, [=] {
      lib::manual_seed(15);
      lib::Tensor base = lib::zeros({40}, dtype);
      base.slice(0, 0, 40, 2).normal_();
      return std::vector<lib::Tensor>{base};
    });
    add("uniform_strided_" + dtype_name, [=] {
      lib::manual_seed(16);
      lib::Tensor base = lib::zeros({6, 5}, dtype);
      base.t().uniform_(-1.0, 1.0);
      lib::Tensor other = lib::zeros({4, 6}, dtype);
      other.slice(1, 1, 6, 2).uniform_();
      return std::vector<lib::Tensor>{base, other};
    });
    add("like_" + dtype_name, [=] {
      lib::manual_seed(17);
      lib::Tensor shape = lib::zeros({2, 3}, dtype);
      return std::vector<lib::Tensor>{lib::rand_like(shape), lib::randn_like(shape), lib::randint_like(shape, 5),
                                      lib::randint_like(shape, -3, 3)};
    });
  }

  // The cached second normal: shared by float and double, kept across the
  // block path, forgotten by manual_seed.
  add("normal_cache_pairs", [] {
    lib::manual_seed(3);
    return std::vector<lib::Tensor>{lib::randn({3}, lib::kDouble), lib::randn({3}, lib::kDouble),
                                    lib::randn({1}, lib::kFloat), lib::randn({1}, lib::kDouble)};
  });
  add("normal_cache_across_block_path", [] {
    lib::manual_seed(4);
    return std::vector<lib::Tensor>{lib::randn({1}, lib::kDouble), lib::randn({16}, lib::kDouble),
                                    lib::randn({16}), lib::randn({1}, lib::kDouble), lib::randn({1})};
  });
  add("normal_cache_reset_by_seed", [] {
    lib::manual_seed(5);
    lib::Tensor first = lib::randn({1});
    lib::manual_seed(5);
    return std::vector<lib::Tensor>{first, lib::randn({2})};
  });
  add("normal_cache_uses_current_mean_std", [] {
    lib::manual_seed(6);
    lib::Tensor a = lib::empty({1}, lib::kDouble).normal_(10.0, 3.0);
    lib::Tensor b = lib::empty({1}, lib::kDouble).normal_(-2.0, 0.5);
    return std::vector<lib::Tensor>{a, b};
  });

  // Seeds: only the low 32 bits count; the default seed is 67280421310721.
  add("seed_low_32_bits", [] {
    lib::manual_seed((1ULL << 32) + 7);
    lib::Tensor high = lib::rand({4});
    lib::manual_seed(7);
    return std::vector<lib::Tensor>{high, lib::rand({4})};
  });
  add("seed_default_value", [] {
    lib::manual_seed(67280421310721ULL);
    return std::vector<lib::Tensor>{lib::rand({3}), lib::randn({3})};
  });
  add("sequence_mixed", [] {
    lib::manual_seed(8);
    return std::vector<lib::Tensor>{lib::rand({5}), lib::randn({20}), lib::randint(0, 100, {5}), lib::randn({3}),
                                    lib::rand({2}, lib::kDouble), lib::randn({2}, lib::kDouble)};
  });
  add("empty_tensors_draw_nothing", [] {
    lib::manual_seed(9);
    return std::vector<lib::Tensor>{lib::randn({0}), lib::rand({0, 3}), lib::randint(0, 5, {0}), lib::rand({3})};
  });

  // randperm: one 32-bit draw per swap; bernoulli: a uniform per element, in p's precision
  // for a tensor of probabilities, a double for a number p.
  add("randperm", [] {
    lib::manual_seed(21);
    return std::vector<lib::Tensor>{lib::randperm(10), lib::randperm(1), lib::randperm(0), lib::randperm(37, lib::kDouble),
                                    lib::randperm(5), lib::rand({2})};
  });
  add("bernoulli", [] {
    lib::manual_seed(22);
    lib::Tensor p_float = lib::rand({3, 7});
    lib::Tensor p_double = lib::rand({20}, lib::kDouble);
    lib::Tensor filled = lib::zeros({2, 9});
    filled.bernoulli_(0.3);
    lib::Tensor from_tensor = lib::zeros({2, 3}, lib::kDouble);
    from_tensor.bernoulli_(lib::tensor({0.1, 0.5, 0.9}));
    return std::vector<lib::Tensor>{p_float.bernoulli(), p_double.bernoulli(), p_float.bernoulli(0.7),
                                    filled, from_tensor, lib::bernoulli(lib::full({5}, 0.5)), lib::rand({2})};
  });

  // randint: one 32-bit draw per element, two once the range reaches 2^32.
  add("randint_ranges", [] {
    lib::manual_seed(10);
    return std::vector<lib::Tensor>{lib::randint(10, {3, 4}),
                                    lib::randint(-5, 5, {20}),
                                    lib::randint(0, 1, {5}),
                                    lib::randint(0, (1LL << 32) - 1, {10}),
                                    lib::randint(0, 1LL << 32, {10}),
                                    lib::randint(-(1LL << 40), 1LL << 40, {10}),
                                    lib::randint(-7, 1LL << 50, {10})};
  });
  add("randint_dtypes", [] {
    lib::manual_seed(18);
    return std::vector<lib::Tensor>{lib::randint(0, 10, {10}, lib::kFloat), lib::randint(-20, 20, {10}, lib::kDouble),
                                    lib::randint(0, 2, {10}, lib::kBool), lib::randint(3, 1LL << 40, {6}, lib::kDouble)};
  });

  // The anchors' workloads (../shared/anchors/README.md).
  add("W1_randn_16", [] {
    lib::manual_seed(0);
    return std::vector<lib::Tensor>{lib::randn({16})};
  });
  add("W3_data_and_linear_init", [] {
    lib::manual_seed(0);
    lib::Tensor x = lib::randn({10000, 100});
    lib::Tensor w = lib::randn({100, 1});
    lib::Tensor noise = lib::randn({10000, 1});
    lib::manual_seed(1);
    std::vector<lib::Tensor> linear = linear_init(100, 1);
    return std::vector<lib::Tensor>{x, w, noise, linear[0], linear[1]};
  });
  add("W4_data_and_mlp_init", [] {
    lib::manual_seed(0);
    lib::Tensor x = lib::randn({64, 784});
    lib::Tensor target = lib::randint(0, 10, {64});
    lib::manual_seed(1);
    std::vector<lib::Tensor> first = linear_init(784, 256);
    std::vector<lib::Tensor> second = linear_init(256, 10);
    return std::vector<lib::Tensor>{x, target, first[0], first[1], second[0], second[1]};
  });
  add("W5_gemm_inputs", [] {
    lib::manual_seed(0);
    lib::Tensor a = lib::randn({1024, 1024});
    lib::Tensor b = lib::randn({1024, 1024});
    lib::manual_seed(0);
    lib::Tensor a64 = lib::randn({1024, 1024}, lib::kDouble);
    return std::vector<lib::Tensor>{a, b, a64};
  });
  return cases;
}

}  // namespace random_cases
