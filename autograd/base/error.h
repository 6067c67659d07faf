#pragma once
// xg::Error: the one exception type xgrad throws for bad input.
//
// Every message starts with the op in brackets and names what the user passed,
// e.g. "[matmul] shapes [3, 4] and [5, 2] cannot be multiplied: 4 != 5".
// The message is only built when the check fails, so checks cost nothing on
// the hot path.

#include <sstream>
#include <stdexcept>
#include <string>

namespace xg {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
template <class... Parts>
[[noreturn]] void fail(const char* op, const Parts&... parts) {
  std::ostringstream message;
  message << '[' << op << "] ";
  (message << ... << parts);
  throw Error(message.str());
}
}  // namespace detail

}  // namespace xg

/// XG_CHECK(condition, "op", parts...): throw xg::Error("[op] parts...") unless condition holds.
#define XG_CHECK(condition, op, ...)                 \
  do {                                               \
    if (!(condition)) ::xg::detail::fail(op, __VA_ARGS__); \
  } while (false)
