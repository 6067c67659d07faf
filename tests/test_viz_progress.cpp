// xg::viz::ProgressBar, with an injected stream and clock: what a terminal sees
// (one line redrawn with '\r'), what a log sees (plain lines every 10%), the
// rate, elapsed time and ETA, and the errors.

#define BOOST_TEST_MODULE viz_progress
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

namespace viz = xg::viz;
using Mode = viz::ProgressOptions::Mode;

namespace {

// A clock the test moves by hand.
struct FakeClock {
  double now = 100.0;
  std::function<double()> function() {
    return [this] { return now; };
  }
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(durations_read_as_minutes_and_seconds) {
  BOOST_TEST(viz::format_duration(0) == "00:00");
  BOOST_TEST(viz::format_duration(75.9) == "01:15");
  BOOST_TEST(viz::format_duration(3 * 3600 + 62) == "3:01:02");
  BOOST_TEST(viz::format_duration(NAN) == "?");
}

BOOST_AUTO_TEST_CASE(plain_mode_prints_a_line_every_tenth_and_at_the_end) {
  std::ostringstream out;
  FakeClock clock;
  {
    viz::ProgressBar bar(20, viz::ProgressOptions().label("epoch").stream(out).mode(Mode::kPlain).clock(clock.function()));
    BOOST_TEST(!bar.terminal());
    for (int i = 0; i < 20; ++i) {
      clock.now += 0.5;  // 2 steps a second
      bar.update(1, {{"loss", 1.0 / (i + 1)}});
    }
    bar.finish();
    bar.finish();  // a second finish prints nothing
  }  // nor does the destructor after finish
  const auto printed = lines(out.str());
  BOOST_TEST_CONTEXT(out.str()) {
    BOOST_REQUIRE(printed.size() == 10u);  // at 2, 4, ..., 18 steps, then the final line at 20
    BOOST_TEST(printed[0] == "epoch 2/20 (10%) loss 0.5 | 2.00 it/s elapsed 00:01 eta 00:09");
    BOOST_TEST(printed[4] == "epoch 10/20 (50%) loss 0.1 | 2.00 it/s elapsed 00:05 eta 00:05");
    BOOST_TEST(printed[9] == "epoch 20/20 (100%) loss 0.05 | 2.00 it/s elapsed 00:10 eta 00:00");
    BOOST_TEST(out.str().find('\r') == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(plain_mode_also_prints_after_enough_seconds) {
  std::ostringstream out;
  FakeClock clock;
  viz::ProgressBar bar(1000, viz::ProgressOptions().stream(out).mode(Mode::kPlain).plain_every_seconds(10).clock(
                                 clock.function()));
  for (int i = 0; i < 30; ++i) {  // 3% of the total in 30 s: no 10% line, three time lines
    clock.now += 1;
    bar.update();
  }
  BOOST_TEST_CONTEXT(out.str()) {
    const auto printed = lines(out.str());
    BOOST_REQUIRE(printed.size() == 3u);
    BOOST_TEST(printed[0] == "10/1000 (1%) | 1.00 it/s elapsed 00:10 eta 16:30");
  }
}

BOOST_AUTO_TEST_CASE(terminal_mode_redraws_one_line_and_blanks_leftovers) {
  std::ostringstream out;
  FakeClock clock;
  viz::ProgressBar bar(4, viz::ProgressOptions().label("step").stream(out).mode(Mode::kTerminal).width(8).clock(
                              clock.function()));
  BOOST_TEST(bar.terminal());
  clock.now += 1;
  bar.update(1, {{"loss", 12.5}});
  clock.now += 1;
  bar.update(1, {{"loss", 2}});  // a shorter line: the old characters must be blanked
  clock.now += 0.01;
  bar.update(1);  // too soon after the last redraw: not drawn
  clock.now += 0.99;
  bar.update(1);  // the last step is always drawn
  bar.finish();
  const std::string text = out.str();
  BOOST_TEST_CONTEXT(text) {
    const std::string first = "\rstep 1/4 [##------]  25% loss 12.5 | 1.00 it/s 00:01<00:03";
    const std::string second = "\rstep 2/4 [####----]  50% loss 2 | 1.00 it/s 00:02<00:02   ";  // 3 blanks over "2.5"
    const std::string last = "\rstep 4/4 [########] 100% loss 2 | 1.33 it/s 00:03<00:00";
    BOOST_TEST(text.substr(0, first.size()) == first);
    BOOST_TEST(text.substr(first.size(), second.size()) == second);
    BOOST_TEST(text.find("3/4") == std::string::npos);
    // finish() draws the same state once more and ends the line
    BOOST_TEST(text.substr(first.size() + second.size()) == last + last + "\n");
    BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 1);
  }
}

BOOST_AUTO_TEST_CASE(unknown_total_shows_count_and_rate) {
  std::ostringstream out;
  FakeClock clock;
  viz::ProgressBar bar(0, viz::ProgressOptions().stream(out).mode(Mode::kPlain).clock(clock.function()));
  clock.now += 4;
  bar.update(2);
  BOOST_TEST(bar.line() == "2 | 2.00 s/it elapsed 00:04");
}

BOOST_AUTO_TEST_CASE(a_stream_that_is_not_a_terminal_gets_plain_lines) {
  std::ostringstream out;
  viz::ProgressBar bar(3, viz::ProgressOptions().stream(out));
  BOOST_TEST(!bar.terminal());
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_errors) {
  using test_util::error_of;
  BOOST_TEST(error_of([] { viz::ProgressBar bar(-1); }) ==
             "[ProgressBar] the total must be >= 0 (0 for unknown), got -1");
  BOOST_TEST(error_of([] { viz::ProgressBar bar(3, viz::ProgressOptions().width(0)); }) ==
             "[ProgressBar] the bar width must be > 0, got 0");
  std::ostringstream out;
  viz::ProgressBar bar(3, viz::ProgressOptions().stream(out));
  BOOST_TEST(error_of([&] { bar.update(-2); }) == "[ProgressBar] update takes a number of steps >= 0, got -2");
  BOOST_TEST(bar.count() == 0);
}
