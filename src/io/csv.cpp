// SPDX-License-Identifier: Apache-2.0
// RFC 4180 CSV parsing with line numbers, and typed cell access.
#include "io/csv.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "io/files.h"

namespace urbanmine::io {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::optional<double> parse_decimal(std::string_view text) {
  // [+-] digits [. digits] [(e|E) [+-] digits], at least one digit before the exponent.
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t mantissa_start = i;
  std::size_t digits = 0;
  while (i < n && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != n) return std::nullopt;
  double v = 0.0;
  const char* first = text.data() + (text[0] == '+' ? mantissa_start : 0);
  const auto [ptr, ec] = std::from_chars(first, text.data() + n, v);
  if (ec != std::errc() || ptr != text.data() + n || !std::isfinite(v)) return std::nullopt;
  return v;
}

core::Result<CsvTable> CsvTable::parse(const std::string& text, const std::string& source) {
  CsvTable table;
  table.source_ = source;
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> record_lines;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_was_quoted = false;
  std::size_t line = 1;
  std::size_t record_start_line = 1;
  std::size_t i = 0;
  // A UTF-8 byte-order mark is skipped.
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  auto end_field = [&] {
    record.push_back(field_was_quoted ? field : trim(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = record.size() == 1 && record[0].empty();
    if (!blank) {
      records.push_back(std::move(record));
      record_lines.push_back(record_start_line);
    }
    record.clear();
  };
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    // Control bytes (NUL and the like) are never data: "0<NUL>5" was once read as 0.
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
      return core::Error::invalid_input(
          "control byte 0x" + std::string(1, "0123456789abcdef"[(ch >> 4) & 0xF]) +
              std::string(1, "0123456789abcdef"[ch & 0xF]) + " in field " +
              std::to_string(record.size() + 1),
          source + ":" + std::to_string(line) + ":" + std::to_string(record.size() + 1),
          "save the file as plain UTF-8 text without NUL or other control characters");
    }
    if (in_quotes) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
      continue;
    }
    if (ch == '"') {
      if (!trim(field).empty()) {
        return core::Error::invalid_input("a quote inside an unquoted field",
                                          source + ":" + std::to_string(line),
                                          "quote the whole field and double inner quotes");
      }
      field.clear();
      in_quotes = true;
      field_was_quoted = true;
    } else if (ch == ',') {
      end_field();
    } else if (ch == '\n') {
      end_record();
      ++line;
      record_start_line = line;
    } else if (ch != '\r') {
      field += ch;
    }
  }
  if (in_quotes) {
    return core::Error::invalid_input("unterminated quoted field",
                                      source + ":" + std::to_string(record_start_line),
                                      "close the quote");
  }
  if (!field.empty() || field_was_quoted || !record.empty()) end_record();
  if (records.empty()) {
    return core::Error::invalid_input("the file is empty", source, "give a header row and data");
  }
  table.header_ = records.front();
  for (std::size_t c = 0; c < table.header_.size(); ++c) {
    if (!table.column_index_.emplace(table.header_[c], c).second) {
      return core::Error::invalid_input("column '" + table.header_[c] + "' appears twice",
                                        source + ":1", "give each column once");
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header_.size()) {
      return core::Error::invalid_input("row has " + std::to_string(records[r].size()) +
                                            " fields but the header has " +
                                            std::to_string(table.header_.size()),
                                        source + ":" + std::to_string(record_lines[r]),
                                        "check for unquoted commas or missing fields");
    }
    table.rows_.push_back(std::move(records[r]));
    table.lines_.push_back(record_lines[r]);
  }
  return table;
}

core::Result<CsvTable> CsvTable::read_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return parse(*text, path);
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  auto it = column_index_.find(name);
  if (it == column_index_.end()) return std::nullopt;
  return it->second;
}

core::Status CsvTable::require_columns(const std::vector<std::string>& required) const {
  std::string missing;
  for (const auto& c : required) {
    if (!has_column(c)) missing += (missing.empty() ? "" : ", ") + c;
  }
  if (!missing.empty()) {
    return core::Error::invalid_input("missing column(s): " + missing, source_ + ":1",
                                      "add the columns to the header row");
  }
  return {};
}

std::size_t CsvRow::line() const { return table_->line_of(index_); }

std::string CsvRow::location(const std::string& column) const {
  return table_->source() + ":" + std::to_string(line()) + ":" + column;
}

core::Result<std::string> CsvRow::text(const std::string& column) const {
  const auto c = table_->column(column);
  if (!c) {
    return core::Error::invalid_input("missing column '" + column + "'", table_->source() + ":1",
                                      "add the column to the header row");
  }
  return table_->cell(index_, *c);
}

core::Result<std::string> CsvRow::required_text(const std::string& column) const {
  auto t = text(column);
  if (!t) return t;
  if (t->empty()) {
    return core::Error::invalid_input("missing value", location(column), "fill in " + column);
  }
  return t;
}

core::Result<std::optional<double>> CsvRow::optional_number(const std::string& column) const {
  auto t = text(column);
  if (!t) return t.error();
  if (t->empty()) return std::optional<double>{};
  const auto v = parse_decimal(*t);
  if (!v) {
    return core::Error::invalid_input("'" + *t + "' is not a finite plain decimal number",
                                      location(column),
                                      "give a plain decimal number such as 0.25 or 1.5e3");
  }
  return std::optional<double>{*v};
}

core::Result<double> CsvRow::number(const std::string& column) const {
  auto v = optional_number(column);
  if (!v) return v.error();
  if (!v->has_value()) {
    return core::Error::invalid_input("missing value", location(column),
                                      "fill in a number for " + column);
  }
  return **v;
}

core::Result<long long> CsvRow::integer(const std::string& column) const {
  auto t = required_text(column);
  if (!t) return t.error();
  long long v = 0;
  const char* first = t->data();
  const char* last = t->data() + t->size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (first == last || ptr != last || ec != std::errc()) {
    return core::Error::invalid_input("'" + *t + "' is not a whole number", location(column),
                                      "give an integer such as 2023");
  }
  return v;
}

std::string csv_escape(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace urbanmine::io
