// A checkpoint save killed at any moment (SIGKILL, so no destructor runs)
// leaves the previous checkpoint byte for byte as it was, and the temporary
// file it leaves behind is deleted by the next save to the same path.
//
// A child process writes a large checkpoint over a small one; the parent
// watches the child's temporary file grow and kills the child when it reaches
// a given size: as soon as it exists, a quarter, half, most, all of its bytes.

#define BOOST_TEST_MODULE test_interrupted_save
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

using test_util::TempDir;
using test_util::read_bytes;
using xg::Tensor;
namespace fs = std::filesystem;

namespace {

// The size of the one temporary file of `pid` for `target` in `dir`, or -1 if there is none.
std::intmax_t temporary_size(const TempDir& dir, const std::string& target, pid_t pid) {
  const std::string prefix = target + ".tmp-" + std::to_string(pid) + "-";
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    if (entry.path().filename().string().rfind(prefix, 0) != 0) continue;
    std::error_code error;
    const auto size = fs::file_size(entry.path(), error);
    return error ? 0 : static_cast<std::intmax_t>(size);
  }
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_save_keeps_previous_checkpoint) {
  TempDir dir;
  const std::string path = dir / "model.npz";
  const Tensor previous = xg::arange(10, xg::kDouble);
  xg::save(previous, path);
  const std::string previous_bytes = read_bytes(path);

  // 24 MB of float64: the child needs many writes, and the parent has time to look.
  const Tensor big = xg::arange(3 << 20, xg::kDouble);
  const std::intmax_t big_size = static_cast<std::intmax_t>(big.numel() * sizeof(double));

  int killed_mid_write = 0;
  for (double fraction : {0.0, 0.25, 0.5, 0.9, 1.0}) {
    BOOST_TEST_CONTEXT("kill at " << fraction << " of the bytes") {
      const pid_t child = ::fork();
      BOOST_TEST_REQUIRE(child >= 0);
      if (child == 0) {
        xg::save(big, path);
        ::_exit(0);
      }
      // Kill the child once its temporary file holds `fraction` of the data (or as soon as it
      // exists for 0). If the child finishes first, the new checkpoint must be complete.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      int status = 0;
      bool reaped = false;
      while (std::chrono::steady_clock::now() < deadline) {
        const std::intmax_t size = temporary_size(dir, "model.npz", child);
        if (size >= 0 && size >= static_cast<std::intmax_t>(fraction * static_cast<double>(big_size))) {
          ::kill(child, SIGKILL);
          break;
        }
        if (::waitpid(child, &status, WNOHANG) == child) {  // finished before we saw that size
          reaped = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
      if (!reaped) {
        ::kill(child, SIGKILL);  // no-op unless the deadline passed
        BOOST_TEST_REQUIRE(::waitpid(child, &status, 0) == child);
      }
      const bool died_by_kill = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
      // The kill can also land after the rename (the temporary was full when we looked): then
      // the new checkpoint is complete and in place, which is the other allowed outcome.
      const bool renamed = died_by_kill && read_bytes(path) != previous_bytes;
      BOOST_TEST_MESSAGE("kill at " << fraction << ": "
                                    << (renamed ? "killed after the rename" : died_by_kill ? "killed mid-write" : "save had finished"));
      if (died_by_kill && !renamed) {
        ++killed_mid_write;
        BOOST_TEST(read_bytes(path) == previous_bytes);  // unchanged, byte for byte
        Tensor loaded;
        xg::load(loaded, path);
        BOOST_TEST(xg::equal(loaded, previous));
        BOOST_TEST(dir.files().size() == 2u);  // the checkpoint and the killed child's temporary
      } else {
        // The save completed (or was killed after its rename): the new checkpoint must be complete.
        // Put the old one back.
        BOOST_TEST(((WIFEXITED(status) && WEXITSTATUS(status) == 0) || renamed));
        Tensor loaded;
        xg::load(loaded, path);
        BOOST_TEST(xg::equal(loaded, big));
        xg::save(previous, path);
      }
    }
  }
  BOOST_TEST(killed_mid_write >= 3);  // the last moments may come after the rename on a fast disk

  // The next save cleans up what killed saves left behind.
  xg::save(previous, path);
  BOOST_TEST(dir.files() == std::vector<std::string>{"model.npz"});
}

BOOST_AUTO_TEST_CASE(temporaries_of_running_processes_are_kept) {
  TempDir dir;
  const std::string path = dir / "model.npz";
  // Ours (a save in progress in this process could own it) and one of a live process (the parent
  // of this test, which exists): neither may be deleted. One of a pid that cannot exist is stale.
  const std::string mine = dir.file("model.npz.tmp-" + std::to_string(::getpid()) + "-99", "x");
  const std::string parents = dir.file("model.npz.tmp-" + std::to_string(::getppid()) + "-0", "x");
  const std::string stale = dir.file("model.npz.tmp-2147483646-0", "x");
  const std::string unrelated = dir.file("other.npz.tmp-2147483646-0", "x");
  xg::save(xg::ones({2}), path);
  BOOST_TEST(fs::exists(mine));
  BOOST_TEST(fs::exists(parents));
  BOOST_TEST(!fs::exists(stale));
  BOOST_TEST(fs::exists(unrelated));  // another target's files are not this save's business
}
