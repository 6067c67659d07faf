#include "csv.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "../autograd/tensor/factories.h"

namespace xg::data {

namespace {

/// A non-blank line of the file and its number (from 1).
struct Line {
  int64_t number;
  std::string_view text;
};

std::string read_file(const std::string& path) {
  // An ifstream opens a directory and reads nothing: say what it is instead of an empty table.
  std::error_code error;
  XG_CHECK(!std::filesystem::is_directory(path, error), "read_csv", "'", path, "' is a directory, not a CSV file");
  std::ifstream in(path, std::ios::binary);
  XG_CHECK(in.is_open(), "read_csv", "cannot open '", path, "': ", std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  XG_CHECK(!in.bad(), "read_csv", "cannot read '", path, "': ", std::strerror(errno));
  return content.str();
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

/// The non-blank lines, without their "\n" or "\r\n" ends (and without a leading UTF-8 byte-order mark).
std::vector<Line> split_lines(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::vector<Line> lines;
  int64_t number = 0;
  while (!content.empty()) {
    const size_t end = content.find('\n');
    std::string_view text = content.substr(0, end);
    content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
    ++number;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (!is_blank(text)) lines.push_back({number, text});
  }
  return lines;
}

/// The fields of a line, with surrounding spaces and tabs trimmed (unless they are the delimiter).
std::vector<std::string_view> split_fields(std::string_view text, char delimiter) {
  std::string blanks = " \t";
  blanks.erase(std::remove(blanks.begin(), blanks.end(), delimiter), blanks.end());
  std::vector<std::string_view> fields;
  while (true) {
    const size_t end = text.find(delimiter);
    std::string_view field = text.substr(0, end);
    const size_t first = field.find_first_not_of(blanks);
    field = first == std::string_view::npos ? std::string_view() : field.substr(first, field.find_last_not_of(blanks) - first + 1);
    fields.push_back(field);
    if (end == std::string_view::npos) return fields;
    text.remove_prefix(end + 1);
  }
}

/// Parses a whole, non-empty field as T; returns what is wrong with it, or nullptr.
template <class T>
const char* parse_field(std::string_view field, T& value) {
  if (field.size() > 1 && field[0] == '+' && field[1] != '-') field.remove_prefix(1);  // from_chars rejects '+'
  const char* first = field.data();
  const char* last = field.data() + field.size();
  if constexpr (std::is_same_v<T, bool>) {
    if (field == "0" || field == "false" || field == "False") value = false;
    else if (field == "1" || field == "true" || field == "True") value = true;
    else return "is not a bool (0, 1, true or false)";
  } else if constexpr (std::is_same_v<T, int64_t>) {
    const auto [end, error] = std::from_chars(first, last, value);
    if (error == std::errc::result_out_of_range) return "is out of range for Long";
    if (error != std::errc() || end != last) return "is not an integer";
  } else {
    double number = 0;
    const auto [end, error] = std::from_chars(first, last, number);
    if (error == std::errc::result_out_of_range) return "is out of range for Double";
    if (error != std::errc() || end != last) return "is not a number";
    if (std::is_same_v<T, float> && std::isfinite(number) &&
        std::abs(number) > static_cast<double>(std::numeric_limits<float>::max())) {
      return "is out of range for Float";
    }
    value = static_cast<T>(number);
  }
  return nullptr;
}

}  // namespace

Tensor read_csv(const std::string& path, const CsvOptions& options) {
  const std::string content = read_file(path);
  std::vector<Line> lines = split_lines(content);
  if (lines.empty()) return empty({0, 0}, options.dtype());
  const Line shape_line = lines.front();  // the line whose field count every row must have
  const auto columns = static_cast<int64_t>(split_fields(shape_line.text, options.delimiter()).size());
  if (options.header()) lines.erase(lines.begin());

  const auto rows = static_cast<int64_t>(lines.size());
  Tensor table = empty({rows, columns}, options.dtype());
  dispatch_all(options.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* row = table.data_ptr<T>();
    for (const Line& line : lines) {
      const std::vector<std::string_view> fields = split_fields(line.text, options.delimiter());
      XG_CHECK(static_cast<int64_t>(fields.size()) == columns, "read_csv", "'", path, "' line ", line.number, ": ",
               fields.size(), fields.size() == 1 ? " field" : " fields", ", expected ", columns, " as in line ",
               shape_line.number);
      for (size_t c = 0; c < fields.size(); ++c) {
        const char* problem = fields[c].empty() ? "empty field" : parse_field(fields[c], row[c]);
        if (problem == nullptr) continue;
        // A first row of words is most often a header the options did not mention.
        const bool maybe_header = !options.header() && line.number == shape_line.number && !fields[c].empty() &&
                                  std::isalpha(static_cast<unsigned char>(fields[c][0]));
        xg::detail::fail("read_csv", "'", path, "' line ", line.number, ", column ", c + 1, ": ",
                     fields[c].empty() ? "" : "'" + std::string(fields[c]) + "' ", problem,
                     maybe_header ? " (if the first line names the columns, use CsvOptions().header(true))" : "");
      }
      row += columns;
    }
  });
  return table;
}

Batch split_target(const Tensor& table, int64_t target_column) {
  XG_CHECK(table.defined(), "split_target", "the table is undefined");
  XG_CHECK(table.dim() == 2, "split_target", "expected a 2-D table, got shape ", table.sizes());
  const int64_t columns = table.size(1);
  const int64_t c = target_column < 0 ? target_column + columns : target_column;
  XG_CHECK(c >= 0 && c < columns, "split_target", "target column ", target_column, " is out of range for a table of ",
           columns, " columns");
  Tensor input = cat({table.narrow(1, 0, c), table.narrow(1, c + 1, columns - c - 1)}, 1);
  return Batch{input, table.select(1, c).contiguous()};
}

}  // namespace xg::data
