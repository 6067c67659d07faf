#pragma once
// Grad mode: whether ops record the graph. Thread-local, as in torch, so two
// threads can train independently.

namespace xg {

namespace detail {
inline thread_local bool grad_mode_enabled = true;
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

}  // namespace xg
