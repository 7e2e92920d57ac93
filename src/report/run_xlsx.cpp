// SPDX-License-Identifier: Apache-2.0
// RunResults as an Excel workbook description (cover, chart data, one sheet per table).
#include "report/run_xlsx.h"

#include <charconv>
#include <memory>
#include <optional>
#include <utility>

#include "report/findings.h"
#include "report/messages.h"
#include "results/registry.h"

namespace urbanmine::report {

using results::Cell;
using results::kDimElement;
using results::kDimYear;
using results::kTableEndOfLifeT;
using results::kTableRecoveredT;
using results::RecordTable;
using results::ResultTable;
namespace {

constexpr std::string_view kCoverSheet = "cover";
constexpr std::string_view kChartSheet = "charts";
constexpr double kDimWidth = 14.0;
constexpr double kValueWidth = 18.0;
constexpr double kTextWidth = 60.0;
constexpr std::size_t kChartHeightRows = 16;
constexpr std::string_view kMassFormat = "#,##0.000";
constexpr std::string_view kMoneyFormat = "#,##0";
constexpr std::string_view kFractionFormat = "0.00%";
constexpr std::string_view kYearFormat = "0";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Number format from a unit-suffixed column name.
std::string value_format(std::string_view column) {
  if (ends_with(column, "fraction") || ends_with(column, "share")) {
    return std::string(kFractionFormat);
  }
  if (ends_with(column, "usd") || ends_with(column, "_usd_per_t")) return std::string(kMoneyFormat);
  return std::string(kMassFormat);
}

io::XlsxCell text_cell(std::string text) {
  return {io::XlsxCell::Kind::kText, std::move(text), 0.0};
}
io::XlsxCell number_cell(double v) { return {io::XlsxCell::Kind::kNumber, {}, v}; }

// Year items become numbers (sortable, chartable); other items stay text.
io::XlsxCell item_cell(const std::string& item, bool is_year) {
  if (is_year) {
    int year = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), year);
    if (ec == std::errc() && end == item.data() + item.size()) return number_cell(year);
  }
  return text_cell(item);
}

// A column's header: the code in English, the catalogue's name in Korean (the code when the
// catalogue lacks it).
std::string header_of(Language lang, const std::string& column) {
  return lang == Language::kEnglish ? column : tr_or(lang, "column." + column, column);
}

io::XlsxSheet result_sheet(const ResultTable& t, Language lang) {
  io::XlsxSheet s;
  s.name = t.name;
  const auto& dims = t.values.dims();
  std::vector<bool> is_year;
  for (const auto& d : dims) {
    s.header.push_back(header_of(lang, d.name()));
    is_year.push_back(d.name() == kDimYear);
    s.number_formats.push_back(d.name() == kDimYear ? std::string(kYearFormat) : "");
    s.widths.push_back(kDimWidth);
  }
  s.header.push_back(header_of(lang, t.value_column));
  s.number_formats.push_back(value_format(t.value_column));
  s.widths.push_back(kValueWidth);
  // The rows of the CSV file: non-zero values in row-major order.
  auto offsets = std::make_shared<std::vector<std::size_t>>();
  const auto data = t.values.data();
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] != 0.0) offsets->push_back(i);
  }
  s.row_count = offsets->size();
  std::vector<std::size_t> strides(dims.size(), 1);
  for (std::size_t d = dims.size(); d-- > 1;) strides[d - 1] = strides[d] * dims[d].size();
  s.row = [&t, offsets, strides, is_year](std::size_t row, std::vector<io::XlsxCell>& cells) {
    const std::size_t flat = (*offsets)[row];
    const auto& ds = t.values.dims();
    for (std::size_t d = 0; d < ds.size(); ++d) {
      cells[d] = item_cell(ds[d].items()[(flat / strides[d]) % ds[d].size()], is_year[d]);
    }
    cells[ds.size()] = number_cell(t.values.data()[flat]);
  };
  return s;
}

io::XlsxSheet record_sheet(const RecordTable& t, Language lang) {
  io::XlsxSheet s;
  s.name = t.name;
  for (const auto& c : t.columns) {
    s.header.push_back(header_of(lang, c));
    s.number_formats.push_back(c == kDimYear ? std::string(kYearFormat) : value_format(c));
    s.widths.push_back(kDimWidth);
  }
  s.row_count = t.rows.size();
  s.row = [&t, lang](std::size_t row, std::vector<io::XlsxCell>& cells) {
    const auto& r = t.rows[row];
    for (std::size_t c = 0; c < r.size() && c < cells.size(); ++c) {
      if (r[c].kind == Cell::Kind::kText) {
        // A coded value or a checker's sentence in the reader's language; other text as written.
        auto shown = lang == Language::kEnglish || r[c].text.empty()
                         ? std::nullopt
                         : translate_text(lang, t.columns[c], r[c].text);
        cells[c] = shown ? text_cell(std::move(*shown)) : text_cell(r[c].text);
      } else if (r[c].kind == Cell::Kind::kNumber) {
        cells[c] = number_cell(r[c].number);
      }
    }
  };
  return s;
}

// World totals [element, year] of `table` (summed over every other dimension), or nullopt.
std::optional<core::DimArray> world_by_element(const RunResults& r, std::string_view table) {
  const ResultTable* t = r.find(table);
  if (t == nullptr) return std::nullopt;
  auto sum = t->values.sum_to({std::string(kDimElement), std::string(kDimYear)});
  if (!sum) return std::nullopt;
  return std::move(*sum);
}

struct ChartSeries {
  std::string title;
  std::string label;  // column suffix, e.g. "end of life t"
  core::DimArray values;
};

}  // namespace

io::XlsxWorkbook run_workbook(const RunResults& r, const XlsxOptions& options) {
  io::XlsxWorkbook wb;
  wb.max_rows = options.max_rows;
  const Language lang = options.language;
  const auto T = [lang](std::string_view key) { return tr(lang, key); };

  // Chart data: year rows, one column per element and series.
  auto chart_values = std::make_shared<std::vector<ChartSeries>>();
  if (auto eol = world_by_element(r, kTableEndOfLifeT)) {
    chart_values->push_back(
        {T("xlsx.chart.end_of_life.title"), T("xlsx.chart.end_of_life.label"), std::move(*eol)});
  }
  if (auto rec = world_by_element(r, kTableRecoveredT)) {
    chart_values->push_back(
        {T("xlsx.chart.recovered.title"), T("xlsx.chart.recovered.label"), std::move(*rec)});
  }

  // Table and record sheets (their names go on the cover).
  std::vector<io::XlsxSheet> body;
  for (const auto& t : r.tables) body.push_back(result_sheet(t, lang));
  for (const auto& t : r.records) body.push_back(record_sheet(t, lang));

  io::XlsxSheet charts;
  charts.name = std::string(kChartSheet);
  charts.header = {header_of(lang, "year")};
  charts.number_formats = {std::string(kYearFormat)};
  charts.widths = {kDimWidth};
  std::vector<std::string> years;
  // (series index, element index) of each value column.
  std::vector<std::pair<std::size_t, std::size_t>> columns;
  for (std::size_t k = 0; k < chart_values->size(); ++k) {
    const auto& dims = (*chart_values)[k].values.dims();
    if (years.empty()) years = dims[1].items();
    for (std::size_t e = 0; e < dims[0].size(); ++e) {
      charts.header.push_back(dims[0].items()[e] + " " + (*chart_values)[k].label);
      charts.number_formats.push_back(std::string(kMassFormat));
      charts.widths.push_back(kValueWidth);
      columns.emplace_back(k, e);
    }
  }
  charts.row_count = years.size();
  charts.row = [years, columns, chart_values](std::size_t row, std::vector<io::XlsxCell>& cells) {
    cells[0] = item_cell(years[row], true);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto& values = (*chart_values)[columns[c].first].values;
      const auto year_idx = values.dims()[1].index_of(years[row]);
      if (year_idx) cells[c + 1] = number_cell(values.at({columns[c].second, *year_idx}));
    }
  };

  // Cover.
  std::vector<std::vector<io::XlsxCell>> cover_rows;
  auto line = [&cover_rows](std::vector<std::string> texts) {
    std::vector<io::XlsxCell> row;
    row.reserve(texts.size());
    for (auto& t : texts) row.push_back(t.empty() ? io::XlsxCell{} : text_cell(std::move(t)));
    cover_rows.push_back(std::move(row));
  };
  const auto& m = r.meta;
  line({T("xlsx.cover.scenario"), m.scenario_name});
  line({T("xlsx.cover.scenario_file"), m.scenario_path});
  line({T("xlsx.cover.scenario_hash"), m.scenario_hash});
  line({T("xlsx.cover.code_version"), m.code_version});
  line({T("xlsx.cover.created"), options.created_utc});
  line({T("xlsx.cover.years"), std::to_string(m.first_year) + "-" + std::to_string(m.last_year)});
  line({T("xlsx.cover.seed"), std::to_string(m.seed)});
  line({T("xlsx.cover.zero_rows"), T("xlsx.cover.zero_rows_text")});
  line({});
  line({T("xlsx.cover.sheet"), T("xlsx.cover.table"), T("xlsx.cover.value_column"),
        T("xlsx.cover.rows"), T("xlsx.cover.description")});
  std::vector<io::XlsxSheet> all;
  all.push_back({});  // cover placeholder, named below
  all.back().name = std::string(kCoverSheet);
  all.back().table_layout = false;
  all.push_back(charts);
  for (auto& s : body) all.push_back(s);
  auto names = io::xlsx_sheet_parts(all, wb.max_rows);
  if (names) {
    auto joined = [](const std::vector<std::string>& parts) {
      std::string out;
      for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
      return out;
    };
    line({joined((*names)[1]), "charts", "mass_tonnes", std::to_string(years.size()),
          T("xlsx.chart.description")});
    constexpr std::size_t kFirstBodySheet = 2;  // after the cover and the chart sheet
    // A table's description in the reader's language when the catalogue has it, else as the
    // model wrote it.
    const auto described = [&](const std::string& key, const std::string& english) {
      return lang == Language::kEnglish ? english : tr_or(lang, key, english);
    };
    for (std::size_t k = 0; k < r.tables.size(); ++k) {
      const auto& t = r.tables[k];
      line({joined((*names)[kFirstBodySheet + k]), t.name, t.value_column,
            std::to_string(all[kFirstBodySheet + k].row_count),
            described("table." + t.name + ".description", t.description)});
    }
    for (std::size_t k = 0; k < r.records.size(); ++k) {
      const auto& t = r.records[k];
      const std::size_t i = kFirstBodySheet + r.tables.size() + k;
      const std::string title = described("records." + t.name + ".title", t.title);
      const std::string description =
          described("records." + t.name + ".description", t.description);
      line({joined((*names)[i]), t.name, "", std::to_string(t.rows.size()),
            title + (description.empty() ? "" : ": " + description)});
    }
  }
  line({});
  line({T("xlsx.cover.assumptions")});
  for (const auto& a : r.assumptions) {
    const auto translated = translate_text(lang, "assumption", a);
    line({"", translated && !has_english_words(*translated) ? *translated : a});
  }
  line({});
  line({T("xlsx.cover.findings")});
  // Korean findings are built again from the tables, with the same numbers (findings.h).
  for (const auto& f : lang == Language::kEnglish ? r.findings : findings_in(r, lang)) {
    line({lang == Language::kEnglish ? f.section
                                     : tr_or(lang, "finding.section." + f.section, f.section),
          f.text});
  }
  io::XlsxSheet& cover = all.front();
  cover.header = {"urbanmine run", "", "", "", ""};
  cover.widths = {kTextWidth / 2, kTextWidth / 2, kDimWidth, kDimWidth / 2, kTextWidth};
  cover.row_count = cover_rows.size();
  auto shared_cover =
      std::make_shared<std::vector<std::vector<io::XlsxCell>>>(std::move(cover_rows));
  cover.row = [shared_cover](std::size_t row, std::vector<io::XlsxCell>& cells) {
    const auto& src = (*shared_cover)[row];
    for (std::size_t c = 0; c < src.size() && c < cells.size(); ++c) cells[c] = src[c];
  };

  // Charts on the chart sheet, to the right of the data.
  std::size_t first_col = 1;
  std::size_t anchor_row = 1;
  for (const auto& s : *chart_values) {
    io::XlsxChart c;
    c.sheet = std::string(kChartSheet);
    c.title = s.title;
    c.x_axis = header_of(lang, "year");
    c.y_axis = T("xlsx.chart.y_axis");
    c.category_column = 0;
    const std::size_t n = s.values.dims()[0].size();
    for (std::size_t e = 0; e < n; ++e) c.value_columns.push_back(first_col + e);
    c.first_row = 0;
    c.last_row = years.empty() ? 0 : years.size() - 1;
    c.anchor_row = anchor_row;
    c.anchor_column = columns.size() + 2;
    if (!years.empty()) wb.charts.push_back(c);
    first_col += n;
    anchor_row += kChartHeightRows;
  }
  wb.sheets = std::move(all);
  return wb;
}

core::Status write_run_xlsx(const RunResults& results, const std::string& path,
                            const XlsxOptions& options) {
  return io::write_xlsx(run_workbook(results, options), path);
}

}  // namespace urbanmine::report
