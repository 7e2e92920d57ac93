// SPDX-License-Identifier: Apache-2.0
// Format primitives for the outputs of `urbanmine run`: deterministic number formatting, a small
// streaming JSON writer (fixed key order as written, two-space indentation, numbers with at most
// 12 significant digits) and long-form CSV writers (RFC 4180 quoting, one column per dimension,
// one unit-suffixed value column). They know nothing of the model: report/run_outputs turns
// RunResults into documents with them, so the bytes written for a given input never change
// between runs (the golden test relies on it).
//
// Thread safety: free functions are reentrant; a JsonWriter is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/dim_array.h"
#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::io {

// Significant digits of every number written to CSV and JSON outputs.
inline constexpr int kOutputSignificantDigits = 12;

// A finite double as text: "%.12g" with "-0" written as "0" (integers have no decimal point,
// e.g. 2040 -> "2040", 0.125 -> "0.125", 1.5e-13 -> "1.5e-13"). Non-finite values give "".
std::string format_number(double value);

// A CSV field, quoted per RFC 4180 when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

// Long-form CSV of a DimArray: header "dim1,dim2,...,<value_column>", then one row per element in
// row-major order (last dimension fastest, items in dimension order). With `skip_zero_rows`,
// rows whose value is exactly 0 are left out (a reader fills them back as 0).
std::string long_form_csv(const core::DimArray& values, std::string_view value_column,
                          bool skip_zero_rows);

// CSV of already formatted cells under `columns`; every row must have columns.size() cells.
std::string records_csv(const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows);

// JSON string literal (with quotes) for `text`, escaping quotes, backslashes and control bytes.
std::string json_quote(std::string_view text);

// Streaming writer of pretty-printed JSON. Keys come out in the order they are written. Misuse
// (a value without a key inside an object, unbalanced ends) is a bug and trips an assertion.
//
//   JsonWriter w;
//   w.begin_object().key("year").value(2040).key("unit").value("t").end_object();
//   std::string text = w.str();  // {"year": 2040, "unit": "t"} over several lines
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  // A non-finite number is written as null.
  JsonWriter& value(double number);
  JsonWriter& value(int number) { return integer(number); }
  JsonWriter& value(long long number) { return integer(number); }
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // Inserts `json` (a complete JSON value, e.g. from another JsonWriter) verbatim.
  JsonWriter& raw(std::string_view json);

  // The document; every begin_* must have been ended.
  std::string str() const;

 private:
  JsonWriter& integer(long long number);
  void before_value();
  void newline();

  struct Level {
    bool is_object = false;
    int count = 0;
    bool key_pending = false;
  };
  std::string out_;
  std::vector<Level> stack_;
};

// A record cell as CSV text: numbers by format_number(), empty cells as "".
std::string cell_text(const results::Cell& cell);
// A record table's columns as a JSON array of strings, and its rows as a JSON array of arrays
// (null, strings or numbers): the form summary.json and the store use.
std::string record_columns_json(const results::RecordTable& table);
std::string record_rows_json(const results::RecordTable& table);
// The CSV of a record table (columns, then its cells by cell_text); an Internal error when a
// row does not have one cell per column.
core::Result<std::string> record_table_csv(const results::RecordTable& table);

}  // namespace urbanmine::io
