#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "../autograd/base/error.h"

namespace xg::viz {

namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Only the two standard streams can be asked whether they reach a terminal.
bool is_terminal(const std::ostream* out) {
  if (out == &std::cerr || out == &std::clog) return isatty(fileno(stderr)) != 0;
  if (out == &std::cout) return isatty(fileno(stdout)) != 0;
  return false;
}

// Rate as tqdm shows it: steps per second, or seconds per step when slower than one a second.
std::string format_rate(int64_t count, double seconds) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2);
  if (count == 0 || seconds <= 0) return "? it/s";
  const double rate = count / seconds;
  if (rate >= 1) s << rate << " it/s";
  else s << 1 / rate << " s/it";
  return s.str();
}

}  // namespace

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const int64_t total = static_cast<int64_t>(seconds);
  const int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
  char buffer[32];
  if (h > 0) std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(h),
                           static_cast<long long>(m), static_cast<long long>(s));
  else std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", static_cast<long long>(m), static_cast<long long>(s));
  return buffer;
}

ProgressBar::ProgressBar(int64_t total, ProgressOptions options)
    : total_(total), options_(std::move(options)) {
  XG_CHECK(total >= 0, "ProgressBar", "the total must be >= 0 (0 for unknown), got ", total);
  XG_CHECK(options_.width() > 0, "ProgressBar", "the bar width must be > 0, got ", options_.width());
  XG_CHECK(options_.plain_every_fraction() > 0 && options_.plain_every_fraction() <= 1, "ProgressBar",
           "plain_every_fraction must be in (0, 1], got ", options_.plain_every_fraction());
  if (!options_.clock()) options_.clock(steady_seconds);
  out_ = options_.stream() ? options_.stream() : &std::cerr;
  switch (options_.mode()) {
    case ProgressOptions::Mode::kTerminal: terminal_ = true; break;
    case ProgressOptions::Mode::kPlain: terminal_ = false; break;
    default: terminal_ = is_terminal(out_);
  }
  start_ = options_.clock()();
}

ProgressBar::~ProgressBar() {
  try {
    finish();
  } catch (...) {  // a destructor must not throw; the stream may be gone bad
  }
}

double ProgressBar::elapsed() const { return options_.clock()() - start_; }

void ProgressBar::update(int64_t steps, const ProgressValues& values) {
  XG_CHECK(steps >= 0, "ProgressBar", "update takes a number of steps >= 0, got ", steps);
  if (finished_) return;
  count_ += steps;
  if (!values.empty()) values_ = values;
  const double now = elapsed();
  if (terminal_) {
    if (now - last_draw_ >= options_.min_redraw_seconds() || (total_ > 0 && count_ >= total_)) draw(false);
    return;
  }
  // Plain lines: on crossing the next fraction of the total, or after enough seconds.
  bool due = now - last_draw_ >= options_.plain_every_seconds();
  if (total_ > 0) {
    const auto bucket = static_cast<int64_t>(std::floor(static_cast<double>(count_) / total_ /
                                                        options_.plain_every_fraction() + 1e-9));
    if (bucket > last_plain_bucket_) {
      last_plain_bucket_ = bucket;
      due = true;
    }
    if (count_ >= total_) due = false;  // the final line comes from finish()
  }
  if (due) draw(false);
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  draw(true);
}

std::string ProgressBar::line() const {
  const double seconds = elapsed();
  std::ostringstream s;
  if (!options_.label().empty()) s << options_.label() << ' ';
  const double fraction = total_ > 0 ? std::min(1.0, static_cast<double>(count_) / total_) : 0;
  const int percent = static_cast<int>(std::floor(100 * fraction));
  if (total_ > 0) {
    const std::string total = std::to_string(total_);
    if (terminal_) {  // fixed width, so the line does not jump while it counts
      s << std::setw(static_cast<int>(total.size())) << count_ << '/' << total << " [";
      const int filled = static_cast<int>(std::floor(fraction * options_.width()));
      s << std::string(filled, '#') << std::string(options_.width() - filled, '-') << "] " << std::setw(3) << percent
        << '%';
    } else {
      s << count_ << '/' << total << " (" << percent << "%)";
    }
  } else {
    s << count_;
  }
  for (const auto& [name, value] : values_) s << ' ' << name << ' ' << std::setprecision(4) << value;
  s << " | " << format_rate(count_, seconds);
  const double eta = total_ > 0 && count_ > 0 ? seconds / count_ * (total_ - std::min(count_, total_)) : NAN;
  if (terminal_) {
    s << ' ' << format_duration(seconds);
    if (total_ > 0) s << '<' << format_duration(eta);
  } else {
    s << " elapsed " << format_duration(seconds);
    if (total_ > 0) s << " eta " << format_duration(eta);
  }
  return s.str();
}

void ProgressBar::draw(bool last) {
  const std::string text = line();
  last_draw_ = elapsed();
  std::ostream& out = *out_;
  if (terminal_) {
    // '\r' goes back to the start of the line; spaces blank what a longer line left behind.
    out << '\r' << text;
    if (text.size() < last_width_) out << std::string(last_width_ - text.size(), ' ');
    last_width_ = text.size();
    if (last) out << '\n';
  } else {
    out << text << '\n';
  }
  out.flush();
}

}  // namespace xg::viz
