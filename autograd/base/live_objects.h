#pragma once
// Counts of live TensorImpl and Node objects, to check that graphs are freed.
//
// A graph must die with the last tensor that refers to it: ownership only
// points from outputs towards inputs (see node.h), so a training step that
// keeps nothing should return both counts to where they were before it. A test
// reads them before and after each step; a leak (for instance a hook or a
// custom Function capturing the tensor it is attached to) shows up as counts
// that grow.
//
// The counters are relaxed atomics bumped in the constructors and destructors,
// compiled in only with the CMake option XGRAD_LIVE_COUNTS=ON (which leaves
// XGRAD_NO_LIVE_COUNTS undefined): they cost about 5% of the W1 benchmark. Without
// them, live_counts() reads -1, -1.

#include <atomic>
#include <cstdint>
#include <ostream>

namespace xg::autograd {

struct LiveCounts {
  int64_t tensor_impls = 0;  // TensorImpl objects (tensors and views; handles share one)
  int64_t nodes = 0;         // graph nodes, AccumulateGrad included
};

/// How many TensorImpl and Node objects exist right now, in all threads.
LiveCounts live_counts();

inline bool operator==(const LiveCounts& a, const LiveCounts& b) {
  return a.tensor_impls == b.tensor_impls && a.nodes == b.nodes;
}
inline bool operator!=(const LiveCounts& a, const LiveCounts& b) { return !(a == b); }
/// Prints {tensor_impls N, nodes M}.
inline std::ostream& operator<<(std::ostream& out, const LiveCounts& c) {
  return out << "{tensor_impls " << c.tensor_impls << ", nodes " << c.nodes << "}";
}

}  // namespace xg::autograd

namespace xg::detail {
#ifndef XGRAD_NO_LIVE_COUNTS
inline std::atomic<int64_t> live_tensor_impls{0};
inline std::atomic<int64_t> live_nodes{0};
inline void count_live(std::atomic<int64_t>& counter, int64_t delta) {
  counter.fetch_add(delta, std::memory_order_relaxed);
}
#define XG_COUNT_LIVE(counter, delta) ::xg::detail::count_live(::xg::detail::counter, delta)
#else
#define XG_COUNT_LIVE(counter, delta) ((void)0)
#endif
}  // namespace xg::detail
