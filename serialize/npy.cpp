#include "npy.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "../autograd/tensor/factories.h"

// .npy data is little-endian and xgrad writes its memory as it is.
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "xgrad's .npy reader and writer assume a little-endian machine"
#endif

namespace xg::serialize {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kMaxHeaderLength = size_t{1} << 20;

const char* descr_of(ScalarType dtype) {
  switch (dtype) {
    case kFloat: return "<f4";
    case kDouble: return "<f8";
    case kLong: return "<i8";
    case kInt: return "<i4";
    case kShort: return "<i2";
    case kChar: return "|i1";
    case kByte: return "|u1";
    case kBool: return "|b1";
  }
  return "";
}

std::optional<ScalarType> dtype_of_descr(std::string_view descr) {
  for (ScalarType dtype : {kFloat, kDouble, kLong, kInt, kShort, kChar, kByte, kBool}) {
    if (descr == descr_of(dtype)) return dtype;
  }
  return std::nullopt;
}

/// Throws "[load] <what>: <parts>".
template <class... Parts>
[[noreturn]] void fail(const std::string& what, const Parts&... parts) {
  detail::fail("load", what, ": ", parts...);
}

/// What the header dict says.
struct Header {
  std::string descr;
  bool fortran_order = false;
  SizeVector shape;
};

/// Parses the header dict, a Python literal such as
///   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
/// with exactly these three keys in any order.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& what) : text_(text), what_(what) {}

  Header parse() {
    Header header;
    bool seen[3] = {false, false, false};
    expect('{');
    while (!accept('}')) {
      const std::string key = parse_string();
      expect(':');
      if (key == "descr") {
        header.descr = parse_string();
        seen[0] = true;
      } else if (key == "fortran_order") {
        header.fortran_order = parse_bool();
        seen[1] = true;
      } else if (key == "shape") {
        header.shape = parse_shape();
        seen[2] = true;
      } else {
        fail(what_, "unexpected key '", key, "' in the .npy header");
      }
      if (!accept(',')) {
        expect('}');
        break;
      }
    }
    if (!seen[0] || !seen[1] || !seen[2]) fail(what_, "the .npy header lacks descr, fortran_order or shape");
    return header;
  }

 private:
  void skip_spaces() {
    while (!text_.empty() && (text_[0] == ' ' || text_[0] == '\n')) text_.remove_prefix(1);
  }
  bool accept(char c) {
    skip_spaces();
    if (text_.empty() || text_[0] != c) return false;
    text_.remove_prefix(1);
    return true;
  }
  void expect(char c) {
    if (!accept(c)) fail(what_, "malformed .npy header: expected '", c, "' at \"", text_.substr(0, 20), "\"");
  }
  std::string parse_string() {
    skip_spaces();
    const char quote = text_.empty() ? '\0' : text_[0];
    if (quote != '\'' && quote != '"') fail(what_, "malformed .npy header: expected a string at \"", text_.substr(0, 20), "\"");
    const size_t end = text_.find(quote, 1);
    if (end == std::string_view::npos) fail(what_, "malformed .npy header: unterminated string");
    std::string value(text_.substr(1, end - 1));
    text_.remove_prefix(end + 1);
    return value;
  }
  bool parse_bool() {
    skip_spaces();
    for (const bool value : {true, false}) {
      const std::string_view word = value ? "True" : "False";
      if (text_.substr(0, word.size()) == word) {
        text_.remove_prefix(word.size());
        return value;
      }
    }
    fail(what_, "malformed .npy header: fortran_order is neither True nor False");
  }
  SizeVector parse_shape() {
    SizeVector shape;
    expect('(');
    while (!accept(')')) {
      skip_spaces();
      int64_t dim = -1;
      const auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), dim);
      if (error != std::errc() || dim < 0) fail(what_, "malformed .npy header: bad shape at \"", text_.substr(0, 20), "\"");
      text_.remove_prefix(static_cast<size_t>(end - text_.data()));
      accept('L');  // Python 2 wrote long integers as 3L
      shape.push_back(dim);
      if (!accept(',')) {
        expect(')');
        break;
      }
    }
    return shape;
  }

  std::string_view text_;
  const std::string& what_;
};

std::string shape_text(IntArrayRef shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return shape.size() == 1 ? text + "," : text;
}

}  // namespace

std::string npy_header(ScalarType dtype, IntArrayRef shape) {
  const std::string dict = std::string("{'descr': '") + descr_of(dtype) + "', 'fortran_order': False, 'shape': (" +
                           shape_text(shape) + "), }";
  // Version 1.0 stores the header length in 2 bytes; bigger headers (32-d shapes never need one) take 2.0.
  const bool version1 = dict.size() + 1 + 63 <= 0xFFFF;
  const size_t prefix = kMagicSize + 2 + (version1 ? 2 : 4);
  const size_t padding = (64 - (prefix + dict.size() + 1) % 64) % 64;
  const size_t length = dict.size() + padding + 1;

  std::string header(kMagic, kMagicSize);
  header += static_cast<char>(version1 ? 1 : 2);
  header += '\0';
  for (size_t byte = 0; byte < (version1 ? 2 : 4); ++byte) header += static_cast<char>((length >> (8 * byte)) & 0xFF);
  header += dict;
  header.append(padding, ' ');
  header += '\n';
  return header;
}

Tensor read_npy(const ReadBytes& read, size_t size, const std::string& what) {
  auto read_exactly = [&](void* buffer, size_t count, const char* part) {
    if (read(buffer, count) != count) fail(what, "truncated: the .npy file ends inside its ", part);
  };
  unsigned char prefix[kMagicSize + 2];
  if (size < sizeof prefix + 2) fail(what, "too short (", size, " bytes) to be a .npy file");
  read_exactly(prefix, sizeof prefix, "magic string");
  if (std::memcmp(prefix, kMagic, kMagicSize) != 0) fail(what, "not a .npy file (no \\x93NUMPY magic string)");
  const unsigned major = prefix[kMagicSize];
  if (major < 1 || major > 3) fail(what, "unsupported .npy format version ", major, ".", unsigned{prefix[kMagicSize + 1]});

  unsigned char length_bytes[4] = {0, 0, 0, 0};
  const size_t length_size = major == 1 ? 2 : 4;
  read_exactly(length_bytes, length_size, "header length");
  size_t length = 0;
  for (size_t byte = 0; byte < length_size; ++byte) length |= size_t{length_bytes[byte]} << (8 * byte);
  const size_t header_end = sizeof prefix + length_size + length;
  if (header_end > size) fail(what, "truncated: its header should be ", length, " bytes long, but the whole file is ", size);
  // numpy's own headers are a few hundred bytes; refuse to allocate a corrupt length.
  if (length > kMaxHeaderLength) fail(what, "its header is ", length, " bytes long, more than a .npy header can be");
  std::string text(length, '\0');
  read_exactly(text.data(), length, "header");
  const Header header = HeaderParser(text, what).parse();

  const std::optional<ScalarType> dtype = dtype_of_descr(header.descr);
  if (!dtype) fail(what, "unsupported dtype '", header.descr, "' (xgrad reads '<f4', '<f8', '<i8', '<i4', '<i2', '|i1', '|u1' and '|b1')");
  // Check the data size before allocating anything, so that a corrupt shape cannot ask for terabytes.
  const size_t data_size = size - header_end;
  const size_t item = elementSize(*dtype);
  size_t numel = 1;
  bool overflow = false;
  for (int64_t dim : header.shape) overflow |= __builtin_mul_overflow(numel, static_cast<size_t>(dim), &numel);
  size_t needed = 0;
  overflow |= __builtin_mul_overflow(numel, item, &needed);
  if (overflow || needed != data_size) {
    fail(what, "holds ", data_size, " bytes of data, but its header ('", header.descr, "', shape (",
         shape_text(header.shape), ")) needs ", overflow ? std::string("more than 2^64") : std::to_string(needed));
  }

  SizeVector stored_shape = header.shape;  // the shape in memory order
  if (header.fortran_order) std::reverse(stored_shape.begin(), stored_shape.end());
  Tensor tensor = empty(stored_shape, *dtype);
  if (data_size > 0) read_exactly(tensor.data_ptr(), data_size, "data");
  // Reading up to the end also makes libzip check the entry's CRC-32.
  char extra = 0;
  if (read(&extra, 1) != 0) fail(what, "has bytes after the data its header describes");
  if (*dtype == kBool) {
    // numpy stores bools as bytes 0 and 1; anything else would not be a valid C++ bool.
    auto* bytes = static_cast<unsigned char*>(tensor.data_ptr());
    for (size_t i = 0; i < numel; ++i) bytes[i] = bytes[i] != 0;
  }
  if (header.fortran_order && header.shape.size() > 1) {
    SizeVector reversed_dims;
    for (int64_t d = static_cast<int64_t>(header.shape.size()) - 1; d >= 0; --d) reversed_dims.push_back(d);
    tensor = tensor.permute(reversed_dims).contiguous();
  }
  return tensor;
}

}  // namespace xg::serialize
