#pragma once
// xg::viz::ProgressBar: what a long loop is doing, in one line, like Python's tqdm.
//
//   viz::ProgressBar bar(epochs, viz::ProgressOptions().label("epoch"));
//   for (int64_t epoch = 0; epoch < epochs; ++epoch) {
//     double loss = train_one_epoch();
//     bar.update(1, {{"loss", loss}});
//   }
//   bar.finish();
//
// On a terminal it redraws one line in place ('\r'):
//   epoch  37/100 [###########-------------------]  37% loss 0.1234 | 12.3 it/s 00:03<00:05
// When the output is not a terminal (a CI log, a file), it prints a plain line
// every 10% of the total, every 10 seconds, and at the end, so the log stays readable:
//   epoch 37/100 (37%) loss 0.1234 | 12.3 it/s elapsed 00:03 eta 00:05
//
// The bar writes to std::cerr unless told otherwise, so a program's results on
// std::cout stay clean. Both the stream and the clock can be replaced (tests do).

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace xg::viz {

/// Named values shown after the bar, in the order given, e.g. {{"loss", 0.12}, {"acc", 0.9}}.
using ProgressValues = std::vector<std::pair<std::string, double>>;

/// How a ProgressBar draws: chained setters, as the library's other options types.
struct ProgressOptions {
  /// Whether the stream is a terminal: detected (std::cout/std::cerr attached to a tty), or forced.
  enum class Mode { kAuto, kTerminal, kPlain };

  /// Words before the count, e.g. "epoch". Default none.
  ProgressOptions& label(std::string value) { label_ = std::move(value); return *this; }
  const std::string& label() const noexcept { return label_; }
  /// Where to draw; default std::cerr. The stream must outlive the bar.
  ProgressOptions& stream(std::ostream& value) { stream_ = &value; return *this; }
  std::ostream* stream() const noexcept { return stream_; }
  /// Terminal redraws or plain lines; default detected.
  ProgressOptions& mode(Mode value) { mode_ = value; return *this; }
  Mode mode() const noexcept { return mode_; }
  /// Characters in the bar (terminal mode); default 30.
  ProgressOptions& width(int value) { width_ = value; return *this; }
  int width() const noexcept { return width_; }
  /// Plain mode: a line each time another such fraction of the total is done; default 0.1.
  ProgressOptions& plain_every_fraction(double value) { plain_every_fraction_ = value; return *this; }
  double plain_every_fraction() const noexcept { return plain_every_fraction_; }
  /// Plain mode: a line when this many seconds passed since the last one; default 10.
  ProgressOptions& plain_every_seconds(double value) { plain_every_seconds_ = value; return *this; }
  double plain_every_seconds() const noexcept { return plain_every_seconds_; }
  /// Terminal mode: at most one redraw per this many seconds (the final one is always drawn);
  /// default 0.1, so a fast loop does not spend its time printing.
  ProgressOptions& min_redraw_seconds(double value) { min_redraw_seconds_ = value; return *this; }
  double min_redraw_seconds() const noexcept { return min_redraw_seconds_; }
  /// The clock, in seconds from any origin; default std::chrono::steady_clock.
  ProgressOptions& clock(std::function<double()> value) { clock_ = std::move(value); return *this; }
  const std::function<double()>& clock() const noexcept { return clock_; }

 private:
  std::string label_;
  std::ostream* stream_ = nullptr;
  Mode mode_ = Mode::kAuto;
  int width_ = 30;
  double plain_every_fraction_ = 0.1;
  double plain_every_seconds_ = 10.0;
  double min_redraw_seconds_ = 0.1;
  std::function<double()> clock_;
};

/// A progress line for a loop of `total` steps (0: unknown total, shows count and rate only).
class ProgressBar {
 public:
  /// Starts the clock. Throws xg::Error for a negative total or bad options.
  explicit ProgressBar(int64_t total, ProgressOptions options = ProgressOptions());
  /// Finishes the line if finish() was not called.
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Counts `steps` more steps done and replaces the shown values (when `values` is not empty),
  /// then draws if it is time to.
  void update(int64_t steps = 1, const ProgressValues& values = {});
  /// Draws the final state and ends the line. Later calls do nothing.
  void finish();

  /// Steps counted so far.
  int64_t count() const { return count_; }
  /// True when drawing redraws one line in place.
  bool terminal() const { return terminal_; }
  /// The line as it would be drawn now (without '\r' or newline).
  std::string line() const;

 private:
  void draw(bool last);
  double elapsed() const;

  int64_t total_;
  ProgressOptions options_;
  std::ostream* out_;
  bool terminal_;
  double start_;
  int64_t count_ = 0;
  ProgressValues values_;
  bool finished_ = false;
  double last_draw_ = 0;       // time of the last drawn line, from start
  int64_t last_plain_bucket_ = 0;  // plain mode: number of plain_every_fraction steps already printed
  size_t last_width_ = 0;      // terminal mode: length of the line drawn last, to blank leftovers
};

/// A duration as "mm:ss", or "h:mm:ss" from one hour on; "?" when not finite.
std::string format_duration(double seconds);

}  // namespace xg::viz
