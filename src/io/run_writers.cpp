// SPDX-License-Identifier: Apache-2.0
// Deterministic CSV and JSON writing for run outputs.
#include "io/run_writers.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "core/assert.h"

namespace urbanmine::io {

namespace {

// Appends format_number(value) to `out` without a temporary string. std::to_chars with the
// general format and a precision gives the same text as printf's "%.*g", several times faster.
void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) return;
  if (value == 0.0) {  // also turns -0 into 0
    out += '0';
    return;
  }
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::general,
                                       kOutputSignificantDigits);
  URBANMINE_ASSERT(ec == std::errc(), "a 64-byte buffer holds any %.12g number");
  out.append(buf, end);
}

}  // namespace

std::string format_number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string long_form_csv(const core::DimArray& values, std::string_view value_column,
                          bool skip_zero_rows) {
  const auto& dims = values.dims();
  std::string out;
  for (const auto& dim : dims) {
    out += csv_field(dim.name());
    out += ',';
  }
  out += csv_field(value_column);
  out += '\n';
  // Each item's field text once ("item,"), not once per row.
  std::vector<std::vector<std::string>> fields(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) {
    for (const auto& item : dims[d].items()) fields[d].push_back(csv_field(item) + ',');
  }
  const auto data = values.data();
  std::vector<std::size_t> index(dims.size(), 0);
  for (std::size_t flat = 0; flat < data.size(); ++flat) {
    if (!(skip_zero_rows && data[flat] == 0.0)) {
      for (std::size_t d = 0; d < dims.size(); ++d) out += fields[d][index[d]];
      append_number(out, data[flat]);
      out += '\n';
    }
    // Advance the row-major index (last dimension fastest).
    for (std::size_t d = dims.size(); d-- > 0;) {
      if (++index[d] < dims[d].size()) break;
      index[d] = 0;
    }
  }
  return out;
}

std::string records_csv(const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out += ',';
    out += csv_field(columns[c]);
  }
  out += '\n';
  for (const auto& row : rows) {
    URBANMINE_ASSERT(row.size() == columns.size(), "record row width differs from its columns");
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      out += csv_field(row[c]);
    }
    out += '\n';
  }
  return out;
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(2 * stack_.size(), ' ');
}

void JsonWriter::before_value() {
  if (stack_.empty()) {
    URBANMINE_ASSERT(out_.empty(), "JsonWriter: more than one top-level value");
    return;
  }
  auto& level = stack_.back();
  if (level.is_object) {
    URBANMINE_ASSERT(level.key_pending, "JsonWriter: value inside an object needs a key");
    level.key_pending = false;
    return;
  }
  if (level.count++ > 0) out_ += ',';
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  stack_.push_back(Level{true, 0, false});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  URBANMINE_ASSERT(!stack_.empty() && stack_.back().is_object && !stack_.back().key_pending,
                   "JsonWriter: end_object without a matching begin_object");
  const bool had_members = stack_.back().count > 0;
  stack_.pop_back();
  if (had_members) newline();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  stack_.push_back(Level{false, 0, false});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  URBANMINE_ASSERT(!stack_.empty() && !stack_.back().is_object,
                   "JsonWriter: end_array without a matching begin_array");
  const bool had_items = stack_.back().count > 0;
  stack_.pop_back();
  if (had_items) newline();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  URBANMINE_ASSERT(!stack_.empty() && stack_.back().is_object && !stack_.back().key_pending,
                   "JsonWriter: key outside an object");
  auto& level = stack_.back();
  if (level.count++ > 0) out_ += ',';
  newline();
  out_ += json_quote(name);
  out_ += ": ";
  level.key_pending = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  out_ += json_quote(text);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  out_ += std::isfinite(number) ? format_number(number) : std::string("null");
  return *this;
}

JsonWriter& JsonWriter::integer(long long number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.remove_suffix(1);
  out_ += json;
  return *this;
}

std::string JsonWriter::str() const {
  URBANMINE_ASSERT(stack_.empty(), "JsonWriter: unbalanced begin/end");
  return out_ + "\n";
}

std::string cell_text(const results::Cell& c) {
  switch (c.kind) {
    case results::Cell::Kind::kText:
      return c.text;
    case results::Cell::Kind::kNumber:
      return format_number(c.number);
    case results::Cell::Kind::kEmpty:
      break;
  }
  return "";
}

namespace {

void write_cell_json(JsonWriter& w, const results::Cell& c) {
  switch (c.kind) {
    case results::Cell::Kind::kText:
      w.value(c.text);
      return;
    case results::Cell::Kind::kNumber:
      w.value(c.number);
      return;
    case results::Cell::Kind::kEmpty:
      w.null();
      return;
  }
}

}  // namespace

std::string record_columns_json(const results::RecordTable& t) {
  JsonWriter w;
  w.begin_array();
  for (const auto& c : t.columns) w.value(c);
  w.end_array();
  return w.str();
}

std::string record_rows_json(const results::RecordTable& t) {
  JsonWriter w;
  w.begin_array();
  for (const auto& row : t.rows) {
    w.begin_array();
    for (const auto& c : row) write_cell_json(w, c);
    w.end_array();
  }
  w.end_array();
  return w.str();
}

core::Result<std::string> record_table_csv(const results::RecordTable& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : t.rows) {
    if (row.size() != t.columns.size()) {
      return core::Error::internal("record table " + t.name + " has a row of " +
                                   std::to_string(row.size()) + " cells for " +
                                   std::to_string(t.columns.size()) + " columns");
    }
    std::vector<std::string> cells;
    for (const auto& c : row) cells.push_back(cell_text(c));
    rows.push_back(std::move(cells));
  }
  return records_csv(t.columns, rows);
}

}  // namespace urbanmine::io
