// SPDX-License-Identifier: Apache-2.0
// Excel workbooks through libxlsxwriter (constant-memory mode: rows are streamed in order).
#include "io/xlsx_writer.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <xlsxwriter.h>

namespace urbanmine::io {
namespace {

constexpr std::string_view kForbiddenSheetChars = "[]:*?/\\";

std::string clean_name(const std::string& wanted) {
  std::string name;
  for (char c : wanted) {
    name += kForbiddenSheetChars.find(c) == std::string_view::npos ? c : '_';
  }
  if (!name.empty() && name.front() == '\'') name.front() = '_';
  if (!name.empty() && name.back() == '\'') name.back() = '_';
  if (name.empty()) name = "sheet";
  return name;
}

// `base` cut so that `base + suffix` fits in 31 characters.
std::string fit(const std::string& base, const std::string& suffix) {
  return base.substr(0, kExcelMaxSheetName - suffix.size()) + suffix;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Removes the temporary file unless the workbook was moved into place.
struct TempFileGuard {
  std::string path;
  bool keep = false;
  ~TempFileGuard() {
    std::error_code ec;
    if (!keep) std::filesystem::remove(path, ec);
  }
};

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb != nullptr) workbook_close(wb);
  }
};

core::Error lxw_failure(lxw_error err, const std::string& path, const std::string& what) {
  return core::Error::io(what + ": " + lxw_strerror(err), path,
                         "check that the folder exists and is writable, and the disk space");
}

}  // namespace

core::Result<std::vector<std::vector<std::string>>> xlsx_sheet_parts(
    const std::vector<XlsxSheet>& sheets, std::size_t max_rows) {
  if (max_rows < 2) return core::Error::internal("xlsx: max_rows below 2");
  const std::size_t per_part = max_rows - 1;  // data rows under the header
  std::set<std::string> used;                 // lower case: Excel names are case-insensitive
  auto unique = [&used](const std::string& candidate) {
    std::string name = fit(candidate, "");
    for (int n = 2; used.count(lower(name)); ++n) name = fit(candidate, "~" + std::to_string(n));
    used.insert(lower(name));
    return name;
  };
  std::vector<std::vector<std::string>> out;
  for (const auto& s : sheets) {
    const std::string base = clean_name(s.name);
    const std::size_t parts =
        s.table_layout ? std::max<std::size_t>(1, (s.row_count + per_part - 1) / per_part) : 1;
    std::vector<std::string> names;
    names.push_back(unique(base));
    for (std::size_t p = 2; p <= parts; ++p) {
      names.push_back(unique(fit(base, "~" + std::to_string(p))));
    }
    out.push_back(std::move(names));
  }
  return out;
}

core::Status write_xlsx(const XlsxWorkbook& wb_spec, const std::string& path) {
  auto names = xlsx_sheet_parts(wb_spec.sheets, wb_spec.max_rows);
  if (!names) return names.error();
  for (std::size_t i = 0; i < wb_spec.sheets.size(); ++i) {
    const auto& s = wb_spec.sheets[i];
    if (!s.table_layout && s.row_count + 1 > wb_spec.max_rows) {
      return core::Error::internal("xlsx: free-form sheet " + s.name + " exceeds the row limit");
    }
  }
  std::map<std::string, std::size_t> sheet_index;
  for (std::size_t i = 0; i < wb_spec.sheets.size(); ++i) sheet_index[wb_spec.sheets[i].name] = i;
  for (const auto& c : wb_spec.charts) {
    if (!sheet_index.count(c.sheet)) {
      return core::Error::internal("xlsx: chart on unknown sheet " + c.sheet);
    }
  }

  const std::string tmp = path + ".tmp";
  TempFileGuard guard{tmp};  // declared before the workbook: removed after it is closed
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new_opt(tmp.c_str(), &options));
  if (!wb) {
    return core::Error::io("cannot create the workbook", path, "check that the folder exists");
  }
  lxw_format* bold = workbook_add_format(wb.get());
  format_set_bold(bold);
  std::map<std::string, lxw_format*> formats;
  auto format_for = [&](const std::string& num_format) -> lxw_format* {
    if (num_format.empty()) return nullptr;
    auto [it, inserted] = formats.emplace(num_format, nullptr);
    if (inserted) {
      it->second = workbook_add_format(wb.get());
      format_set_num_format(it->second, num_format.c_str());
    }
    return it->second;
  };

  const std::size_t per_part = wb_spec.max_rows - 1;
  std::vector<lxw_worksheet*> first_part(wb_spec.sheets.size(), nullptr);
  std::vector<XlsxCell> cells;
  for (std::size_t i = 0; i < wb_spec.sheets.size(); ++i) {
    const auto& s = wb_spec.sheets[i];
    const std::size_t columns = s.header.size();
    std::vector<lxw_format*> col_formats(columns, nullptr);
    for (std::size_t c = 0; c < columns && c < s.number_formats.size(); ++c) {
      col_formats[c] = format_for(s.number_formats[c]);
    }
    std::size_t row = 0;
    for (std::size_t part = 0; part < (*names)[i].size(); ++part) {
      lxw_worksheet* ws = workbook_add_worksheet(wb.get(), (*names)[i][part].c_str());
      if (ws == nullptr) {
        return core::Error::internal("xlsx: cannot add sheet " + (*names)[i][part]);
      }
      if (part == 0) first_part[i] = ws;
      for (std::size_t c = 0; c < columns; ++c) {
        const double width = c < s.widths.size() ? s.widths[c] : LXW_DEF_COL_WIDTH;
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                             nullptr);
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), s.header[c].c_str(),
                               s.table_layout ? bold : nullptr);
      }
      const std::size_t end = s.table_layout ? std::min(s.row_count, row + per_part) : s.row_count;
      const std::size_t part_rows = end - row;
      for (std::size_t r = 1; row < end; ++row, ++r) {
        cells.assign(columns, XlsxCell{});
        s.row(row, cells);
        for (std::size_t c = 0; c < columns; ++c) {
          const auto& cell = cells[c];
          const auto xr = static_cast<lxw_row_t>(r);
          const auto xc = static_cast<lxw_col_t>(c);
          lxw_error err = LXW_NO_ERROR;
          if (cell.kind == XlsxCell::Kind::kNumber) {
            err = worksheet_write_number(ws, xr, xc, cell.number, col_formats[c]);
          } else if (cell.kind == XlsxCell::Kind::kText) {
            err = worksheet_write_string(ws, xr, xc, cell.text.c_str(), nullptr);
          }
          if (err != LXW_NO_ERROR) return lxw_failure(err, path, "writing " + s.name);
        }
      }
      if (s.table_layout && columns > 0) {
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max<std::size_t>(part_rows, 1)),
                             static_cast<lxw_col_t>(columns - 1));
      }
    }
  }

  for (const auto& c : wb_spec.charts) {
    const std::size_t i = sheet_index.at(c.sheet);
    const std::string& data_sheet = (*names)[i].front();
    lxw_chart* chart = workbook_add_chart(wb.get(), LXW_CHART_LINE);
    chart_title_set_name(chart, c.title.c_str());
    chart_axis_set_name(chart->x_axis, c.x_axis.c_str());
    chart_axis_set_name(chart->y_axis, c.y_axis.c_str());
    const auto r0 = static_cast<lxw_row_t>(c.first_row + 1);
    const auto r1 = static_cast<lxw_row_t>(c.last_row + 1);
    const auto cat = static_cast<lxw_col_t>(c.category_column);
    for (std::size_t v : c.value_columns) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, data_sheet.c_str(), r0, cat, r1, cat);
      const auto col = static_cast<lxw_col_t>(v);
      chart_series_set_values(series, data_sheet.c_str(), r0, col, r1, col);
      chart_series_set_name_range(series, data_sheet.c_str(), 0, col);
    }
    const lxw_error err =
        worksheet_insert_chart(first_part[i], static_cast<lxw_row_t>(c.anchor_row),
                               static_cast<lxw_col_t>(c.anchor_column), chart);
    if (err != LXW_NO_ERROR) return lxw_failure(err, path, "inserting chart " + c.title);
  }

  const lxw_error err = workbook_close(wb.release());
  if (err != LXW_NO_ERROR) return lxw_failure(err, path, "writing the workbook");
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return core::Error::io("cannot move the workbook into place: " + ec.message(), path);
  guard.keep = true;
  return {};
}

}  // namespace urbanmine::io
