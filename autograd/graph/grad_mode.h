#pragma once
// Grad mode: whether ops record the graph. Thread-local, as in torch, so two
// threads can train independently.

namespace xg {

namespace detail {
inline thread_local bool grad_mode_enabled = true;
inline thread_local bool inference_mode_enabled = false;
}

struct GradMode {
  static bool is_enabled() { return detail::grad_mode_enabled; }
  static void set_enabled(bool enabled) { detail::grad_mode_enabled = enabled; }
};

/// Sets grad mode for the current scope and restores the previous mode on exit.
class AutoGradMode {
 public:
  explicit AutoGradMode(bool enabled) : previous_(GradMode::is_enabled()) {
    GradMode::set_enabled(enabled);
  }
  ~AutoGradMode() { GradMode::set_enabled(previous_); }
  AutoGradMode(const AutoGradMode&) = delete;
  AutoGradMode& operator=(const AutoGradMode&) = delete;

 private:
  bool previous_;
};

/// Disables gradient recording in the current scope (torch.no_grad()).
class NoGradGuard : public AutoGradMode {
 public:
  NoGradGuard() : AutoGradMode(false) {}
};

/// Inference mode for the current scope, as LibTorch's c10::InferenceMode: `InferenceMode guard;`
/// turns grad mode off (ops record nothing, their results do not require grad) and
/// `InferenceMode guard(false)` turns it back on inside an inference-mode scope; both restore
/// grad mode and inference mode on exit, and InferenceMode::is_enabled() says which is in force.
///
/// LibTorch does more: tensors made in inference mode are "inference tensors"
/// (is_inference()), which skip version counting and view tracking, may not be saved for
/// backward or changed in place outside inference mode afterwards, and throw when used in a
/// recorded op later. xgrad has no inference tensors: here the guard is a NoGradGuard that
/// also sets the flag, so its tensors are ordinary tensors that merely did not record a graph.
class InferenceMode {
 public:
  explicit InferenceMode(bool enabled = true)
      : previous_grad_mode_(GradMode::is_enabled()), previous_inference_mode_(detail::inference_mode_enabled) {
    GradMode::set_enabled(!enabled);
    detail::inference_mode_enabled = enabled;
  }
  ~InferenceMode() {
    GradMode::set_enabled(previous_grad_mode_);
    detail::inference_mode_enabled = previous_inference_mode_;
  }
  InferenceMode(const InferenceMode&) = delete;
  InferenceMode& operator=(const InferenceMode&) = delete;

  static bool is_enabled() { return detail::inference_mode_enabled; }

 private:
  bool previous_grad_mode_;
  bool previous_inference_mode_;
};

}  // namespace xg
