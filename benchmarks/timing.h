#pragma once
// Timing helpers shared by the benchmarks: the anchors' protocol (warm-up, then
// REPEATS timed repeats of a whole workload; median, min, max, spread) and
// their JSON layout, so ../shared/anchors/report.py can print xgrad beside
// PyTorch, LibTorch and OpenBLAS.
//
// Every benchmark program takes the thread configuration as its one argument:
// `t1` (the default: one thread) or `t2` (two threads); tools/bench.py runs each
// (program, configuration) pair in a fresh process and gathers the JSON lines.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <xgrad/autograd/base/parallel.h>

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

/// Sorts `repeats` timings (seconds each) from `timed_run`, which times only the part that
/// counts (e.g. the training loop, not the model's construction).
inline Stats collect(int repeats, const std::function<double()>& timed_run) {
  Stats s;
  for (int r = 0; r < repeats; ++r) s.values.push_back(timed_run());
  std::sort(s.values.begin(), s.values.end());
  return s;
}

/// Seconds since `start`.
inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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

/// A floating-point setting from the environment, e.g. MIN_TIME=0.2.
inline double env_double(const char* name, double fallback) {
  const char* value = std::getenv(name);
  return value ? std::atof(value) : fallback;
}

/// Applies the thread configuration named by argv[1] (`t1` if absent, or `t2`) and returns its name.
inline std::string thread_config(int argc, char** argv) {
  const std::string name = argc > 1 ? argv[1] : "t1";
  if (name != "t1" && name != "t2") {
    std::fprintf(stderr, "unknown thread configuration %s (use t1 or t2)\n", name.c_str());
    std::exit(2);
  }
  xg::set_num_threads(name == "t1" ? 1 : 2);
  return name;
}

/// Ends the program with status 1 and a message on stderr unless `ok`: each workload checks its result.
inline void require(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "result check failed: %s\n", what.c_str());
  std::exit(1);
}

/// Peak resident memory of this process so far, in MiB (getrusage's ru_maxrss).
inline double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/// Resident memory of this process now, in MiB (/proc/self/statm; 0 where there is no /proc).
inline double current_rss_mib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024.0) / 1024.0;
}

/// An integer setting from the environment, e.g. REPEATS=7.
inline int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

}  // namespace bench
