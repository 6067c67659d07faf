#pragma once
// Timing helpers shared by the benchmarks: the anchors' protocol (warm-up, then
// REPEATS timed repeats of a whole workload; median, min, max, spread) and
// their JSON layout, so ../shared/anchors/report.py can print xgrad beside
// PyTorch, LibTorch and OpenBLAS.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace bench {

struct Stats {
  std::vector<double> values;  // sorted
  double median() const { return values[values.size() / 2]; }
  double min() const { return values.front(); }
  double max() const { return values.back(); }
  double spread_pct() const { return 100.0 * (max() - min()) / median(); }
};

/// Times `repeats` runs of `run` (seconds each), after one warm-up call of `warm_up`.
inline Stats measure(int repeats, const std::function<void()>& warm_up, const std::function<void()>& run) {
  warm_up();
  Stats s;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const auto stop = std::chrono::steady_clock::now();
    s.values.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(s.values.begin(), s.values.end());
  return s;
}

/// The same statistics in another unit (e.g. seconds per repeat -> microseconds per iteration).
inline Stats scaled(const Stats& s, double factor) {
  Stats out = s;
  for (double& v : out.values) v *= factor;
  return out;
}

inline void write_json(std::ostream& out, const Stats& s) {
  out << "{\"median\": " << s.median() << ", \"min\": " << s.min() << ", \"max\": " << s.max()
      << ", \"spread_pct\": " << s.spread_pct() << ", \"n\": " << s.values.size() << ", \"values\": [";
  for (size_t i = 0; i < s.values.size(); ++i) out << (i ? ", " : "") << s.values[i];
  out << "]}";
}

/// An integer setting from the environment, e.g. REPEATS=7.
inline int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

}  // namespace bench
