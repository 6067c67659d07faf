#pragma once
// Anomaly detection, torch.autograd.detect_anomaly: find the op whose backward
// produced NaN or Inf.
//
//   {
//     xg::autograd::DetectAnomalyGuard detect;   // or set_detect_anomaly(true)
//     Tensor y = x / z;                          // recorded with where it was called from
//     y.sum().backward();                        // throws xg::Error if a backward node returns NaN/Inf
//   }
//
// While anomaly mode is on, every recorded node also remembers the forward op
// that created it (its name and its inputs' dtypes and shapes) and the call
// stack at that moment, and the engine checks every gradient each node returns.
// The error names the backward node (e.g. DivBackward0), the forward op and the
// stack. C++17 has no std::source_location, so the call site is a stack trace
// (glibc's backtrace): function names appear for code linked with -rdynamic,
// otherwise the addresses, which `addr2line -Cfe program ADDRESS` turns into file:line.
//
// Off (the default), it costs one relaxed atomic load per recorded op. As in
// LibTorch 1.13 the switch is process-wide, not per thread.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "../tensor/tensor.h"

namespace xg::detail {
inline std::atomic<bool> anomaly_mode_enabled{false};
}

namespace xg::autograd {


/// Whether anomaly detection is on (LibTorch's AnomalyMode).
struct AnomalyMode {
  static bool is_enabled() { return xg::detail::anomaly_mode_enabled.load(std::memory_order_relaxed); }
  static void set_enabled(bool enabled) { xg::detail::anomaly_mode_enabled.store(enabled, std::memory_order_relaxed); }
};

/// Turns anomaly detection on or off (torch.autograd.set_detect_anomaly).
inline void set_detect_anomaly(bool enabled) { AnomalyMode::set_enabled(enabled); }
/// Whether anomaly detection is on (torch.is_anomaly_enabled).
inline bool is_anomaly_enabled() { return AnomalyMode::is_enabled(); }

/// Turns anomaly detection on for the current scope and restores the previous setting on exit.
class DetectAnomalyGuard {
 public:
  DetectAnomalyGuard() : previous_(AnomalyMode::is_enabled()) { AnomalyMode::set_enabled(true); }
  ~DetectAnomalyGuard() { AnomalyMode::set_enabled(previous_); }
  DetectAnomalyGuard(const DetectAnomalyGuard&) = delete;
  DetectAnomalyGuard& operator=(const DetectAnomalyGuard&) = delete;

 private:
  bool previous_;
};

/// What anomaly mode records about a node when it is created.
struct AnomalyMetadata {
  std::string inputs;          // the forward op's inputs, e.g. "float[3], float[]" (built-in ops)
  std::vector<void*> frames;   // the call stack, innermost first
};

/// The call stack of the caller, for a node being created.
std::shared_ptr<AnomalyMetadata> capture_anomaly_metadata();
/// Notes the forward op's inputs (dtypes and shapes) in a node's metadata.
void note_forward_inputs(AnomalyMetadata& metadata, TensorList inputs);
/// The same for a custom Function's arguments; null stands for an argument that is not a tensor.
void note_forward_inputs(AnomalyMetadata& metadata, const std::vector<const Tensor*>& arguments);
/// Throws an xg::Error naming the node, its forward op and where it was created (from
/// `metadata`, null if it was created before anomaly mode was on) if one of `gradients`
/// (what the node returned) holds NaN or Inf.
void check_anomaly(const std::string& node_name, const AnomalyMetadata* metadata,
                   const std::vector<Tensor>& gradients);

}  // namespace xg::autograd
