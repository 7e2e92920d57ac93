// SPDX-License-Identifier: Apache-2.0
// A small RFC 4180 CSV reader for the sourced data files: quoted fields with commas, doubled
// quotes and newlines; a header row; every row remembers its line number so that errors name
// "file:line:column". Typed getters return errors that say what was expected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace urbanmine::io {

// A plain decimal number ("12", "-0.5", "1.5e3"): no hex ("0x10"), no "inf"/"nan", no spaces
// or trailing bytes, finite. The one number syntax of CSV cells and CLI number flags.
std::optional<double> parse_decimal(std::string_view text);

class CsvTable;

class CsvRow {
 public:
  CsvRow(const CsvTable* table, std::size_t index) : table_(table), index_(index) {}

  // Line number in the file (1-based; the header is line 1).
  std::size_t line() const;
  // Location "file:line:column" for errors.
  std::string location(const std::string& column) const;

  // The raw text of `column` (trimmed of surrounding spaces); error if the column is absent.
  core::Result<std::string> text(const std::string& column) const;
  // Non-empty text.
  core::Result<std::string> required_text(const std::string& column) const;
  // A finite number; an empty cell is an error ("missing value").
  core::Result<double> number(const std::string& column) const;
  // A finite number, or nullopt when the cell is empty (data gaps are kept blank, never filled).
  core::Result<std::optional<double>> optional_number(const std::string& column) const;
  core::Result<long long> integer(const std::string& column) const;

 private:
  const CsvTable* table_;
  std::size_t index_;
};

class CsvTable {
 public:
  // Parses `text`; `source` (usually the path) names the file in errors.
  static core::Result<CsvTable> parse(const std::string& text, const std::string& source);
  static core::Result<CsvTable> read_file(const std::string& path);

  const std::string& source() const { return source_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t size() const { return rows_.size(); }
  CsvRow row(std::size_t i) const { return CsvRow(this, i); }
  bool has_column(const std::string& name) const { return column_index_.count(name) != 0; }
  // Error naming every column of `required` that the header lacks.
  core::Status require_columns(const std::vector<std::string>& required) const;

  // Raw access used by CsvRow.
  const std::string& cell(std::size_t row, std::size_t column) const { return rows_[row][column]; }
  std::optional<std::size_t> column(const std::string& name) const;
  std::size_t line_of(std::size_t row) const { return lines_[row]; }

 private:
  std::string source_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> column_index_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> lines_;
};

// Quotes a field for CSV output when needed.
std::string csv_escape(const std::string& field);

}  // namespace urbanmine::io
