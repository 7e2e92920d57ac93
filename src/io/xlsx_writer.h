// SPDX-License-Identifier: Apache-2.0
// A generic Excel workbook writer over libxlsxwriter (the only file that includes it): sheets of
// typed cells streamed row by row (constant memory), a bold header row, frozen panes, number
// formats per column, autofilters, and native line charts over sheet ranges. A sheet with more
// rows than Excel allows (1,048,576 including the header) continues on further sheets named
// "<name>~2", "<name>~3", ... each with the header; names are made valid (31 characters, no
// []:*?/\) and unique. The file is written to a temporary name and renamed when complete.
//
// Example: XlsxWorkbook wb; wb.sheets.push_back(sheet); write_xlsx(wb, "out/run.xlsx");
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::io {

inline constexpr std::size_t kExcelMaxRows = 1048576;  // rows per worksheet, header included
inline constexpr std::size_t kExcelMaxSheetName = 31;

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber };
  Kind kind = Kind::kEmpty;
  std::string text;
  double number = 0.0;
};

struct XlsxSheet {
  std::string name;  // wanted name; see xlsx_sheet_parts for the names written
  std::vector<std::string> header;
  std::vector<std::string> number_formats;  // per column; "" = General
  std::vector<double> widths;               // per column, in characters; empty = default
  std::size_t row_count = 0;                // data rows, header excluded
  // Fills `cells` (header.size() of them) for data row `row` (0-based). Called once per row,
  // in order.
  std::function<void(std::size_t row, std::vector<XlsxCell>& cells)> row;
  // Header row bold, frozen below it, autofilter over the data. False for a free-form sheet
  // (cover): no freeze, no filter, never split.
  bool table_layout = true;
};

// A line chart of columns of one sheet: one series per value column (named by its header),
// categories from `category_column`, data rows first_row..last_row (0-based, header excluded).
struct XlsxChart {
  std::string sheet;  // wanted name of the sheet with the data; the chart is placed on it
  std::string title;
  std::string x_axis;
  std::string y_axis;
  std::size_t category_column = 0;
  std::vector<std::size_t> value_columns;
  std::size_t first_row = 0;
  std::size_t last_row = 0;
  std::size_t anchor_row = 1;  // top-left cell of the chart (0-based, header row is 0)
  std::size_t anchor_column = 0;
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;
  std::vector<XlsxChart> charts;
  std::size_t max_rows = kExcelMaxRows;  // per worksheet, header included; tests lower it
};

// The worksheet names each sheet is written to, in order (one name, or several when split).
// Deterministic: write_xlsx uses the same names. Errors: max_rows below 2.
core::Result<std::vector<std::vector<std::string>>> xlsx_sheet_parts(
    const std::vector<XlsxSheet>& sheets, std::size_t max_rows);

// Writes the workbook. Errors (Io) name the file and libxlsxwriter's reason; a chart naming an
// unknown sheet or a free-form sheet over the row limit is an internal error. Nothing is left
// at `path` on failure.
core::Status write_xlsx(const XlsxWorkbook& workbook, const std::string& path);

}  // namespace urbanmine::io
