#pragma once
// read_csv: a numeric CSV file as a 2-D tensor [rows, columns].
//
//   xg::Tensor table = xg::data::read_csv("iris.csv", xg::data::CsvOptions().header(true));
//   auto [x, y] = xg::data::split_target(table);   // the last column is the target
//
// Every field must be a number (the C locale's spelling: 1, -2.5, 1e-3, inf, nan);
// there is no quoting and no missing value. Blank lines are skipped, "\r\n" line
// ends are accepted. Bad input throws xg::Error naming the file, the line (counted
// from 1, blank lines included) and what is wrong:
//   [read_csv] 'iris.csv' line 7: 4 fields, expected 5 as in line 2
//   [read_csv] 'iris.csv' line 9, column 3: 'abc' is not a number

#include <string>

#include "../autograd/tensor/tensor.h"
#include "data_loader.h"

namespace xg::data {

/// CsvOptions().header(true).delimiter(';').dtype(kDouble).
struct CsvOptions {
  /// Skip the first non-blank line (column names); default false.
  CsvOptions& header(bool value) { header_ = value; return *this; }
  bool header() const noexcept { return header_; }
  /// The field separator; default ','.
  CsvOptions& delimiter(char value) { delimiter_ = value; return *this; }
  char delimiter() const noexcept { return delimiter_; }
  /// The dtype of the table; default float32. Float and Double fields are read as
  /// double and rounded to the dtype (as numpy does); Long fields must be integers;
  /// Bool fields are 0, 1, true or false.
  CsvOptions& dtype(ScalarType value) { dtype_ = value; return *this; }
  ScalarType dtype() const noexcept { return dtype_; }

 private:
  bool header_ = false;
  char delimiter_ = ',';
  ScalarType dtype_ = kFloat;
};

/// The numbers of a CSV file as a [rows, columns] tensor (columns from the first row; a file
/// without data rows gives [0, columns], or [0, 0] when it is empty).
Tensor read_csv(const std::string& path, const CsvOptions& options = CsvOptions());

/// Splits a [rows, columns] table into {input: the other columns [rows, columns - 1],
/// target: column `target_column` [rows]}; negative columns count from the end.
Batch split_target(const Tensor& table, int64_t target_column = -1);

}  // namespace xg::data
