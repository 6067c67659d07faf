// operator<< for tensors, in LibTorch's format (aten/src/ATen/core/Formatting.cpp),
// so a program ported from LibTorch prints the same text:
//
//    0.5000  1.2500
//   -3.0000  4.0000
//   [ CPUFloatType{2,2} ]
//
// All elements of a block share one format, chosen from the magnitudes present:
// integers print without decimals, a wide range of magnitudes switches to
// scientific notation, and large or small values are factored out as "scale *".

#include <cmath>
#include <iomanip>
#include <ios>
#include <ostream>
#include <string>
#include <vector>

#include "../kernels/elementwise.h"
#include "../graph/grad_mode.h"
#include "../tensor/factories.h"

namespace xg {

namespace {

// Restores the stream's whole format state (flags, precision, width, fill) on scope exit.
class FormatGuard {
 public:
  explicit FormatGuard(std::ostream& out) : out_(out), saved_(nullptr) { saved_.copyfmt(out); }
  ~FormatGuard() { out_.copyfmt(saved_); }
  FormatGuard(const FormatGuard&) = delete;
  FormatGuard& operator=(const FormatGuard&) = delete;

 private:
  std::ostream& out_;
  std::ios saved_;
};

struct Format {
  double scale = 1;
  int64_t width = 0;
};

// Picks the format of a block of values and sets the stream up for it.
Format choose_format(std::ostream& out, const double* values, int64_t n) {
  if (n == 0) return {1., 0};
  bool int_mode = true;
  for (int64_t i = 0; i < n; ++i)
    if (std::isfinite(values[i]) && values[i] != std::ceil(values[i])) {
      int_mode = false;
      break;
    }
  int64_t offset = 0;
  while (offset < n && !std::isfinite(values[offset])) ++offset;
  double exp_min = 1, exp_max = 1;
  if (offset < n) {
    exp_min = exp_max = std::fabs(values[offset]);
    for (int64_t i = offset; i < n; ++i) {
      const double z = std::fabs(values[i]);
      if (!std::isfinite(z)) continue;
      if (z < exp_min) exp_min = z;
      if (values[i] > exp_max) exp_max = z;  // LibTorch compares the signed value here; kept for identical output
    }
    exp_min = exp_min != 0 ? std::floor(std::log10(exp_min)) + 1 : 1;
    exp_max = exp_max != 0 ? std::floor(std::log10(exp_max)) + 1 : 1;
  }
  Format f;
  if (int_mode) {
    if (exp_max > 9) {
      f.width = 11;
      out << std::scientific << std::setprecision(4);
    } else {
      f.width = static_cast<int64_t>(exp_max) + 1;
      out << std::defaultfloat;
    }
  } else if (exp_max - exp_min > 4) {
    f.width = 11;
    if (std::fabs(exp_max) > 99 || std::fabs(exp_min) > 99) f.width += 1;
    out << std::scientific << std::setprecision(4);
  } else {
    if (exp_max > 5 || exp_max < 0) {
      f.width = 7;
      f.scale = std::pow(10, exp_max - 1);
    } else {
      f.width = exp_max == 0 ? 7 : static_cast<int64_t>(exp_max) + 6;
    }
    out << std::fixed << std::setprecision(4);
  }
  return f;
}

// The "1e+05 *" line; the elements after it keep the block's fixed format.
void print_scale(std::ostream& out, double scale) {
  FormatGuard guard(out);
  out << std::defaultfloat << scale << " *" << std::endl;
}
void print_indent(std::ostream& out, int64_t indent) { out << std::string(static_cast<size_t>(indent), ' '); }

// A 2-D block, split into column groups that fit in `linesize` characters.
void print_matrix(std::ostream& out, const double* data, int64_t rows, int64_t cols, int64_t linesize, int64_t indent) {
  const Format f = choose_format(out, data, rows * cols);
  print_indent(out, indent);
  const int64_t per_line = (linesize - indent) / (f.width + 1);
  int64_t first = 0;
  while (first < cols) {
    const int64_t last = first + per_line <= cols ? first + per_line - 1 : cols - 1;
    if (per_line < cols) {
      if (first != 0) out << std::endl;
      out << "Columns " << first + 1 << " to " << last + 1;
      print_indent(out, indent);
    }
    if (f.scale != 1) {
      print_scale(out, f.scale);
      print_indent(out, indent);
    }
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = first; c <= last; ++c) {
        out << std::setw(static_cast<int>(f.width)) << data[r * cols + c] / f.scale;
        if (c != last) {
          out << " ";
          continue;
        }
        out << std::endl;
        if (r != rows - 1) {
          print_indent(out, indent);
          if (f.scale != 1) out << " ";
        }
      }
    }
    first = last + 1;
  }
}

// N-D (N > 2): each trailing 2-D block under a "(i,j,.,.) = " header; as in
// LibTorch, the first index moves fastest.
void print_blocks(std::ostream& out, const double* data, IntArrayRef sizes, int64_t linesize) {
  const size_t outer_dims = sizes.size() - 2;
  const int64_t rows = sizes[sizes.size() - 2], cols = sizes.back();
  std::vector<int64_t> counter(outer_dims, 0);
  const int64_t blocks = detail::numel_of(IntArrayRef(sizes.data(), outer_dims));
  for (int64_t b = 0; b < blocks; ++b) {
    if (b > 0) out << std::endl;
    out << "(";
    for (int64_t c : counter) out << c + 1 << ",";
    out << ".,.) = " << std::endl;
    int64_t block = 0;
    for (size_t i = 0; i < outer_dims; ++i) block = block * sizes[i] + counter[i];
    print_matrix(out, data + block * rows * cols, rows, cols, linesize, 1);
    for (size_t i = 0; i < outer_dims; ++i) {
      if (++counter[i] < sizes[i]) break;
      counter[i] = 0;
    }
  }
}

}  // namespace

std::ostream& operator<<(std::ostream& out, const Tensor& t) {
  FormatGuard guard(out);
  if (!t.defined()) return out << "[ Tensor (undefined) ]";
  Tensor values;
  {
    NoGradGuard no_grad;
    values = detail::contiguous_data(detail::cast(t, kDouble));
  }
  const double* data = detail::data<double>(values);
  IntArrayRef sizes = t.sizes();
  const int64_t linesize = 80;
  if (sizes.empty()) {
    out << std::defaultfloat << data[0] << std::endl;
  } else if (sizes.size() == 1) {
    if (t.numel() > 0) {
      const Format f = choose_format(out, data, t.numel());
      if (f.scale != 1) print_scale(out, f.scale);
      for (int64_t i = 0; i < sizes[0]; ++i) out << std::setw(static_cast<int>(f.width)) << data[i] / f.scale << std::endl;
    }
  } else if (t.numel() > 0) {
    if (sizes.size() == 2) print_matrix(out, data, sizes[0], sizes[1], linesize, 0);
    else print_blocks(out, data, sizes, linesize);
  }
  out << "[ " << t.toString() << "{";
  for (size_t i = 0; i < sizes.size(); ++i) out << (i ? "," : "") << sizes[i];
  return out << "} ]";
}

}  // namespace xg
