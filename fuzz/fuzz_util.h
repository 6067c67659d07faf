#pragma once
// Helpers shared by the fuzz targets: a reader that turns fuzzer bytes into
// choices, and the one invariant every target checks on failure.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include <xgrad/xgrad.hpp>

namespace xg::fuzz {

/// Hands out the fuzzer's bytes one choice at a time; once they run out every
/// choice is 0, so each input describes a finite program.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  /// A number in [0, n).
  int pick(int n) { return n <= 1 ? 0 : byte() % n; }
  bool flag() { return byte() & 1; }
  bool empty() const { return pos_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

/// Aborts (a finding) unless `error` looks like an xgrad error: non-empty and
/// starting with the op in brackets.
inline void check_error_message(const xg::Error& error) {
  const char* what = error.what();
  if (what == nullptr || what[0] != '[' || std::strchr(what, ']') == nullptr || std::strlen(what) < 4) {
    std::fprintf(stderr, "xg::Error without an [op] prefix: \"%s\"\n", what ? what : "(null)");
    std::abort();
  }
}

/// Aborts on any exception that is not an xg::Error.
[[noreturn]] inline void unexpected_exception(const std::exception& e) {
  std::fprintf(stderr, "unexpected exception (not xg::Error): %s\n", e.what());
  std::abort();
}

/// A finding: print why and abort so the fuzzer keeps the input.
[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "finding: %s\n", what);
  std::abort();
}

}  // namespace xg::fuzz
