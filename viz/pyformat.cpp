#include "pyformat.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "../autograd/base/error.h"

namespace xg::viz {

namespace {

// A finite number in decimal: (-1)^negative * d0.d1d2... * 10^exponent.
struct Decimal {
  bool negative = false;
  std::string digits;  // at least one digit; "0" for zero
  int exponent = 0;
};

// Reads the "-d.ddde+XX" text that to_chars and printf write.
Decimal parse_scientific(const char* text) {
  Decimal d;
  if (*text == '-') d.negative = true, ++text;
  for (; *text != 'e'; ++text)
    if (*text != '.') d.digits += *text;
  d.exponent = std::atoi(text + 1);
  return d;
}

// The fewest significant digits that read back as the same T (std::to_chars).
template <class T>
Decimal shortest(T x) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer - 1, x, std::chars_format::scientific);
  *result.ptr = '\0';
  return parse_scientific(buffer);
}

// x rounded to `count` significant digits (printf rounds the exact binary value, ties to even).
Decimal rounded(double x, int count) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", count - 1, x);
  return parse_scientific(buffer);
}

void trim_zeros(std::string& digits, size_t keep) {
  while (digits.size() > keep && digits.back() == '0') digits.pop_back();
}

// The integer part (with its sign) and the fraction digits of d written positionally.
std::pair<std::string, std::string> positional(const Decimal& d) {
  std::string whole, fraction;
  if (d.exponent >= 0) {
    const size_t n = static_cast<size_t>(d.exponent) + 1;
    whole = d.digits.substr(0, n);
    whole.append(n - whole.size(), '0');
    if (d.digits.size() > n) fraction = d.digits.substr(n);
  } else {
    whole = "0";
    fraction = std::string(static_cast<size_t>(-d.exponent - 1), '0') + d.digits;
  }
  if (d.digits == "0") fraction.clear();
  return {(d.negative ? "-" : "") + whole, fraction};
}

// "e-05": the exponent with its sign and at least `width` digits.
std::string exponent_text(int exponent, int width) {
  std::string digits = std::to_string(std::abs(exponent));
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return std::string(exponent < 0 ? "-" : "+") + digits;
}

template <class T>
std::string repr(T x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  const Decimal d = shortest(x);
  if (d.exponent < -4 || d.exponent >= 16) {
    std::string out = (d.negative ? "-" : "") + d.digits.substr(0, 1);
    if (d.digits.size() > 1) out += "." + d.digits.substr(1);
    return out + "e" + exponent_text(d.exponent, 2);
  }
  auto [whole, fraction] = positional(d);
  return whole + "." + (fraction.empty() ? "0" : fraction);
}

// ---- NumPy's FloatingFormat (numpy/core/arrayprint.py), default options ---------------------
constexpr int kPrecision = 8;
constexpr size_t kLineWidth = 75;

// One element split into the parts NumPy aligns: "-3" "42539446" "-05".
struct Parts {
  std::string whole, fraction, exponent;
};

// Dragon4 in "unique" mode with a cutoff: the shortest digits if they fit in
// the precision, otherwise the exact value rounded to it; trailing zeros trimmed.
template <class T>
Parts positional_parts(T x) {
  Decimal d = shortest(x);
  auto [whole, fraction] = positional(d);
  // Too many fraction digits, or too few digits to fill the integer part (a
  // large float32): NumPy prints the exact value, rounded.
  const bool exact = d.exponent + 1 > static_cast<int>(d.digits.size());
  if (fraction.size() > static_cast<size_t>(kPrecision) || exact) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", exact ? 0 : kPrecision, static_cast<double>(x));
    const std::string text = buffer;
    const size_t dot = text.find('.');
    whole = text.substr(0, dot);
    fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    trim_zeros(fraction, 0);
  }
  return {whole, fraction, ""};
}

// With `digits` fraction digits: the exact value rounded (NumPy's min_digits);
// without: the shortest digits, at most kPrecision of them after the point.
template <class T>
Parts scientific_parts(T x, int digits = -1) {
  Decimal d = shortest(x);
  if (digits >= 0) {
    d = rounded(static_cast<double>(x), digits + 1);
  } else if (d.digits.size() > static_cast<size_t>(kPrecision) + 1) {
    d = rounded(static_cast<double>(x), kPrecision + 1);
    trim_zeros(d.digits, 1);
  }
  return {(d.negative ? "-" : "") + d.digits.substr(0, 1), d.digits.substr(1), exponent_text(d.exponent, 2)};
}

std::string pad_left(const std::string& text, size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

template <class T>
class FloatFormat {
 public:
  explicit FloatFormat(const std::vector<T>& values) {
    std::vector<T> finite;
    for (T v : values)
      if (std::isfinite(v)) finite.push_back(v);
    T max_abs = 0, min_abs = std::numeric_limits<T>::infinity();
    for (T v : finite)
      if (v != 0) max_abs = std::max(max_abs, std::abs(v)), min_abs = std::min(min_abs, std::abs(v));
    // NumPy compares in double, after dividing in T.
    const double ratio = max_abs / min_abs;
    if (max_abs > 0) scientific_ = double(max_abs) >= 1e8 || double(min_abs) < 0.0001 || ratio > 1000;

    for (T v : finite) {
      const Parts p = scientific_ ? scientific_parts(v) : positional_parts(v);
      whole_width_ = std::max(whole_width_, p.whole.size());
      fraction_width_ = std::max(fraction_width_, p.fraction.size());
      exponent_digits_ = std::max(exponent_digits_, p.exponent.empty() ? 0 : p.exponent.size() - 1);
    }
    // the width right of the integer part, used to align nan and inf
    const size_t right = scientific_ ? exponent_digits_ + 2 + fraction_width_ : fraction_width_;
    if (finite.size() != values.size()) {
      bool negative_inf = false;
      for (T v : values) negative_inf |= std::isinf(v) && v < 0;
      const size_t offset = right + 1;  // + the decimal point
      const size_t needed = 3 + (negative_inf ? 1 : 0);
      if (needed > offset) whole_width_ = std::max(whole_width_, needed - offset);
    }
    total_width_ = whole_width_ + 1 + right;
  }

  std::string operator()(T x) const {
    if (std::isnan(x)) return pad_left("nan", total_width_);
    if (std::isinf(x)) return pad_left(x < 0 ? "-inf" : "inf", total_width_);
    if (scientific_) {
      const Parts p = scientific_parts(x, static_cast<int>(fraction_width_));  // as many digits in every element
      const int exponent = std::atoi(p.exponent.c_str());
      return pad_left(p.whole, whole_width_) + "." + p.fraction + "e" +
             exponent_text(exponent, static_cast<int>(exponent_digits_));
    }
    Parts p = positional_parts(x);
    p.fraction.append(fraction_width_ - p.fraction.size(), ' ');  // numbers line up on the point
    return pad_left(p.whole, whole_width_) + "." + p.fraction;
  }

 private:
  bool scientific_ = false;
  size_t whole_width_ = 0, fraction_width_ = 0, exponent_digits_ = 0, total_width_ = 0;
};

// NumPy's _extendLine: append a word, wrapping first if the line would grow too long.
void extend_line(std::string& s, std::string& line, const std::string& word, size_t width,
                 const std::string& indent) {
  if (line.size() + word.size() > width && line.size() > indent.size()) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    s += line + "\n";
    line = indent;
  }
  line += word;
}

// NumPy's _formatArray for one axis: brackets, separators, line wraps, blank
// lines between blocks of more than two dimensions.
template <class T>
std::string format_axis(const std::vector<T>& values, const std::vector<int64_t>& shape, size_t axis,
                        size_t offset, const std::string& indent, size_t width, const FloatFormat<T>& format) {
  size_t stride = 1;
  for (size_t a = axis + 1; a < shape.size(); ++a) stride *= static_cast<size_t>(shape[a]);
  const size_t n = static_cast<size_t>(shape[axis]);
  std::string s;
  if (axis + 1 == shape.size()) {
    std::string line = indent;
    for (size_t i = 0; i < n; ++i) {
      extend_line(s, line, format(values[offset + i]), width - 1, indent);
      if (i + 1 < n) line += " ";
    }
    s += line;
  } else {
    const std::string separator(shape.size() - axis - 1, '\n');
    for (size_t i = 0; i < n; ++i) {
      s += indent + format_axis(values, shape, axis + 1, offset + i * stride, indent + " ", width - 1, format);
      if (i + 1 < n) s += separator;
    }
  }
  return "[" + s.substr(indent.size()) + "]";
}

template <class T>
std::string numpy_str_of(const Tensor& t) {
  const Tensor c = t.contiguous();
  const std::vector<T> values(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
  if (t.dim() == 0) return repr(values[0]);
  const std::vector<int64_t> shape(t.sizes().begin(), t.sizes().end());
  if (values.empty()) return "[]";  // NumPy prints any empty array so
  return format_axis(values, shape, 0, 0, " ", kLineWidth, FloatFormat<T>(values));
}

}  // namespace

std::string py_repr(double x) { return repr(x); }

std::string numpy_str(const Tensor& t) {
  if (t.scalar_type() == kDouble) return numpy_str_of<double>(t.detach());
  if (t.scalar_type() == kFloat) return numpy_str_of<float>(t.detach());
  detail::fail("numpy_str", "takes a floating tensor, got ", t.scalar_type());
}

}  // namespace xg::viz
