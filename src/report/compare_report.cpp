// SPDX-License-Identifier: Apache-2.0
// A comparison of runs rendered (see compare_report.h).
#include "report/compare_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "io/files.h"
#include "io/run_writers.h"

#include "report/html.h"
#include "report/messages.h"
#include "report/records_text.h"
#include "results/registry.h"

namespace urbanmine::report {

using results::Cell;
using results::Comparison;
using results::HeadlineFigure;

namespace {

std::string unit_short(const std::string& value_column) {
  if (value_column == "mass_tonnes") return "t";
  if (value_column == "capacity_kwh") return "kWh";
  return value_column;
}

std::string signed_readable(double v, Language lang = Language::kEnglish) {
  if (!std::isfinite(v)) return tr(lang, "report.na");
  if (v == 0.0) return "0";
  return (v > 0 ? "+" : "-") + format_readable(std::abs(v));
}

std::string percent_text(double fraction, Language lang = Language::kEnglish) {
  if (!std::isfinite(fraction)) return tr(lang, "report.na");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f %%", fraction * 100.0);
  return buf;
}

// The figure the answer states: recovered metal of the first element, else the first one.
const HeadlineFigure* answer_figure(const Comparison& c) {
  if (c.headline.empty()) return nullptr;
  for (const auto& h : c.headline) {
    if (h.table == results::kTableRecoveredT && h.element == c.elements.front()) return &h;
  }
  return &c.headline.front();
}

std::string cell_text(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kText:
      return cell.text;
    case Cell::Kind::kNumber:
      return io::format_number(cell.number);
    case Cell::Kind::kEmpty:
      break;
  }
  return "";
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  // Width in code points (labels are UTF-8).
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  if (n >= width) return s;
  const std::string fill(width - n, ' ');
  return right ? fill + s : s + fill;
}

// A headline figure's title in the reader's language (English: the comparison's own).
std::string headline_title(const HeadlineFigure& h, Language lang) {
  return lang == Language::kEnglish ? h.title : tr_or(lang, "compare.headline." + h.table, h.title);
}

// "Lithium" in English as the comparison names it, "리튬 (Li)" in Korean.
std::string element_label(const std::string& e, Language lang) {
  if (lang == Language::kEnglish) return results::element_name(e);
  const std::string name = tr_or(lang, "element." + e, e);
  return name == e ? e : name + " (" + e + ")";
}

// How a page names run r: its label in English; in Korean "실행 2", the label (the user's words,
// often an English scenario name) being listed once, as written, under Scenarios.
std::string run_name(const Comparison& c, std::size_t r, Language lang) {
  return lang == Language::kEnglish ? c.runs[r].label
                                    : tr(lang, "compare.run_n", {{"n", std::to_string(r + 1)}});
}

std::string place_label(const std::string& region, Language lang) {
  return lang == Language::kEnglish ? region : tr_or(lang, "place." + region, region);
}

// The headline figures of element `e`: title, each run's value, then each compared run's
// delta and delta in % (the text and HTML tables).
std::vector<std::vector<std::string>> headline_rows(const Comparison& c, const std::string& e,
                                                    Language lang = Language::kEnglish) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : c.headline) {
    if (h.element != e) continue;
    std::vector<std::string> row{headline_title(h, lang)};
    for (double v : h.values) row.push_back(format_readable(v));
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      row.push_back(signed_readable(h.delta(r), lang));
      row.push_back(percent_text(h.delta_fraction(r), lang));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::string compare_answer(const Comparison& c, Language lang) {
  const HeadlineFigure* h = answer_figure(c);
  if (h == nullptr) return tr(lang, "compare.no_headline");
  const std::string unit = unit_short(h->unit);
  std::string deltas;
  for (std::size_t r = 1; r < c.runs.size(); ++r) {
    if (r > 1) deltas += "; ";
    deltas += tr(lang, "compare.answer.delta",
                 {{"run", run_name(c, r, lang)},
                  {"value", format_readable(h->values[r])},
                  {"unit", unit},
                  {"reference", run_name(c, 0, lang)},
                  {"reference_value", format_readable(h->values[0])},
                  {"delta", signed_readable(h->delta(r), lang)},
                  {"percent", percent_text(h->delta_fraction(r), lang)}});
  }
  return tr(lang, "compare.answer",
            {{"figure", headline_title(*h, lang)},
             {"element", element_label(h->element, lang)},
             {"region", place_label(c.region, lang)},
             {"year", std::to_string(c.year)},
             {"deltas", deltas}});
}

std::string compare_text(const Comparison& c) {
  std::string out = compare_answer(c) + "\n\nRuns (the first is the reference):\n";
  for (const auto& run : c.runs) {
    out += "  " + run.label + "  (" + run.source + ")";
    if (!run.description.empty()) out += "\n      " + run.description;
    out += "\n";
  }
  for (const auto& e : c.elements) {
    out += "\n" + results::element_name(e) + " (" + e + ") in " + c.region + ", " +
           std::to_string(c.year) + ", tonnes\n";
    std::vector<std::string> header{""};
    for (const auto& run : c.runs) header.push_back(run.label);
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      header.push_back("delta " + c.runs[r].label);
      header.push_back("%");
    }
    const auto rows = headline_rows(c, e);
    std::vector<std::size_t> width(header.size(), 0);
    for (std::size_t i = 0; i < header.size(); ++i) width[i] = header[i].size();
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
      std::string l = " ";
      for (std::size_t i = 0; i < cells.size(); ++i) l += " " + pad(cells[i], width[i], i > 0);
      return l + "\n";
    };
    out += line(header);
    for (const auto& row : rows) out += line(row);
  }
  out += "\n" + std::to_string(c.tables_compared.size()) + " tables compared, " +
         std::to_string(c.differences.rows.size()) +
         " cells differ (by region incl. aggregates, element and year; --out DIR writes them to "
         "compare.csv).\n";
  if (!c.tables_not_compared.empty()) {
    out += "Not in every run, so not compared: ";
    for (std::size_t i = 0; i < c.tables_not_compared.size(); ++i) {
      out += (i == 0 ? "" : ", ") + c.tables_not_compared[i];
    }
    out += ".\n";
  }
  return out;
}

std::string compare_json(const Comparison& c, Language lang) {
  io::JsonWriter w;
  w.begin_object();
  w.key("format").value("urbanmine-compare/1");
  w.key("answer").value(compare_answer(c, lang));
  w.key("region").value(c.region);
  w.key("year").value(c.year);
  w.key("elements").begin_array();
  for (const auto& e : c.elements) w.value(e);
  w.end_array();
  w.key("runs").begin_array();
  for (const auto& run : c.runs) {
    w.begin_object();
    w.key("label").value(run.label);
    w.key("source").value(run.source);
    w.key("description").value(run.description);
    w.end_object();
  }
  w.end_array();
  w.key("headline").begin_array();
  for (const auto& h : c.headline) {
    w.begin_object();
    w.key("table").value(h.table);
    w.key("title").value(h.title);
    w.key("element").value(h.element);
    w.key("unit").value(h.unit);
    w.key("values").begin_array();
    for (double v : h.values) w.value(v);
    w.end_array();
    w.key("deltas").begin_array();
    for (std::size_t r = 0; r < h.values.size(); ++r) w.value(h.delta(r));
    w.end_array();
    w.key("delta_fractions").begin_array();
    for (std::size_t r = 0; r < h.values.size(); ++r) w.value(h.delta_fraction(r));
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("series").begin_array();
  for (const auto& s : c.series) {
    w.begin_object();
    w.key("table").value(s.table);
    w.key("element").value(s.element);
    w.key("unit").value(s.unit);
    w.key("years").begin_array();
    for (int y : s.years) w.value(y);
    w.end_array();
    w.key("values").begin_array();
    for (const auto& line : s.values) {
      w.begin_array();
      for (double v : line) w.value(v);
      w.end_array();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("tables_compared").begin_array();
  for (const auto& t : c.tables_compared) w.value(t);
  w.end_array();
  w.key("tables_not_compared").begin_array();
  for (const auto& t : c.tables_not_compared) w.value(t);
  w.end_array();
  w.key("differences_count").value(static_cast<long long>(c.differences.rows.size()));
  w.end_object();
  return w.str();
}

std::string compare_csv(const Comparison& c) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(c.differences.rows.size());
  for (const auto& row : c.differences.rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const auto& cell : row) cells.push_back(cell_text(cell));
    rows.push_back(std::move(cells));
  }
  return io::records_csv(c.differences.columns, rows);
}

std::string compare_html(const Comparison& c, const std::string& csv_name, Language lang) {
  const auto T = [lang](std::string_view key, const Fill& values = {}) {
    return tr(lang, key, values);
  };
  // Run labels, sources and descriptions are the user's words: marked as written in Korean.
  const auto written = [lang](const std::string& text) { return written_html(lang, text); };
  std::string labels;
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    labels += (r == 0 ? "" : " vs ") + c.runs[r].label;
  }
  const std::string title = T("compare.title", {{"runs", labels}});
  const std::string region = place_label(c.region, lang);
  const std::string year = std::to_string(c.year);
  std::string body = "<header class=\"top\"><h1>" +
                     sentence_with_written(lang, "compare.title", {}, "runs", labels) + "</h1>\n";
  body += "<p class=\"meta\">" +
          html_escape(T("compare.meta", {{"region", region}, {"year", year}})) + " \xc2\xb7 " +
          html_escape(T("compare.reference")) + " " +
          (lang == Language::kEnglish ? html_escape(c.runs[0].label)
                                      : html_escape(run_name(c, 0, lang))) +
          "</p></header>\n";
  body += "<div class=\"howto\"><p><strong>" + html_escape(compare_answer(c, lang)) +
          "</strong></p></div>\n";

  // Headline deltas, one table per element.
  body += "<h2 id=\"headline\">" +
          html_escape(T("compare.headline", {{"region", region}, {"year", year}})) + "</h2>\n";
  for (const auto& e : c.elements) {
    body += "<h3>" +
            html_escape(T("compare.element_tonnes", {{"element", element_label(e, lang)}})) +
            "</h3>\n";
    std::vector<std::string> header{T("compare.figure")};
    for (std::size_t r = 0; r < c.runs.size(); ++r) header.push_back(run_name(c, r, lang));
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      header.push_back("\xce\x94 " + run_name(c, r, lang));
      header.push_back("\xce\x94 %");
    }
    const auto rows = headline_rows(c, e, lang);
    std::vector<bool> numeric(header.size(), true);
    numeric[0] = false;
    body += "<div class=\"tablewrap\">" + html_table(header, rows, numeric) + "</div>\n";
  }

  // The scenarios.
  body += "<h2 id=\"runs\">" + html_escape(T("compare.scenarios")) + "</h2>\n<ul>\n";
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    const auto& run = c.runs[r];
    body += "<li><strong>" +
            (lang == Language::kEnglish
                 ? html_escape(run.label)
                 : html_escape(run_name(c, r, lang)) + "</strong>: <strong>" + written(run.label)) +
            "</strong>" + (r == 0 ? " (" + html_escape(T("compare.reference_short")) + ")" : "") +
            " \xe2\x80\x94 " + written(run.source);
    if (!run.description.empty()) body += "<br>" + written(run.description);
    body += "</li>\n";
  }
  body += "</ul>\n";

  // Charts, runs overlaid: every headline table of the first element, recovered metal of the
  // others.
  body += "<h2 id=\"charts\">" + html_escape(T("compare.charts", {{"region", region}})) + "</h2>\n";
  body += "<div class=\"grid2\">\n";
  for (const auto& s : c.series) {
    const bool first_element = s.element == c.elements.front();
    if (!first_element && s.table != results::kTableRecoveredT) continue;
    LineChart chart;
    const std::string series_title =
        lang == Language::kEnglish ? s.title : tr_or(lang, "compare.headline." + s.table, s.title);
    chart.title = series_title + ", " + element_label(s.element, lang);
    chart.x_label = T("report.axis.year");
    chart.y_label = T("compare.tonnes");
    for (int y : s.years) chart.x.push_back(std::to_string(y));
    for (std::size_t r = 0; r < s.values.size(); ++r) {
      chart.series.push_back({run_name(c, r, lang), s.values[r]});
    }
    chart.marker_x = std::to_string(c.year);
    body += "<figure><figcaption>" +
            html_escape(T("compare.chart_caption", {{"title", chart.title}, {"region", region}})) +
            "</figcaption>" + svg_line_chart(chart) + "</figure>\n";
  }
  body += "</div>\n";

  // The largest differences in the focus region and year, by unit (tonnes first).
  body += "<h2 id=\"differences\">" +
          html_escape(T("compare.differences", {{"region", region}, {"year", year}})) + "</h2>\n";
  const auto& cols = c.differences.columns;
  const auto col = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(cols.begin(), cols.end(), name) - cols.begin());
  };
  const std::size_t c_unit = col("unit");
  const std::size_t c_region = col("region");
  const std::size_t c_year = col("year");
  const std::size_t c_delta = col("delta");
  const std::size_t c_fraction = col("delta_fraction");
  std::vector<std::string> units;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < c.differences.rows.size(); ++i) {
    const auto& row = c.differences.rows[i];
    if (row[c_region].text != c.region) continue;
    if (row[c_year].kind != Cell::Kind::kNumber || row[c_year].number != c.year) continue;
    if (row[c_delta].kind != Cell::Kind::kNumber) continue;
    order.push_back(i);
    if (std::find(units.begin(), units.end(), row[c_unit].text) == units.end()) {
      units.push_back(row[c_unit].text);
    }
  }
  std::stable_sort(units.begin(), units.end(), [](const std::string& a, const std::string& b) {
    return (a == "mass_tonnes") > (b == "mass_tonnes");
  });
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(c.differences.rows[a][c_delta].number) >
           std::abs(c.differences.rows[b][c_delta].number);
  });
  if (order.empty()) {
    body += "<p>" + html_escape(T("compare.no_difference", {{"region", region}, {"year", year}})) +
            "</p>\n";
  } else {
    body += "<p>" + html_escape(T("compare.cells_differ", {{"n", std::to_string(order.size())}}));
    if (!csv_name.empty()) {
      body += " " +
              html_escape(T("compare.every_difference",
                            {{"n", std::to_string(c.differences.rows.size())}})) +
              " <a href=\"" + html_escape(csv_name) + "\">" + html_escape(csv_name) + "</a>.";
    }
    body += "</p>\n";
    const std::vector<std::string> header{T("compare.col.table"),
                                          T("report.col.element"),
                                          T("compare.col.run"),
                                          T("compare.col.reference"),
                                          T("compare.col.value"),
                                          "\xce\x94",
                                          "\xce\x94 %"};
    const std::vector<bool> numeric{false, false, false, true, true, true, true};
    for (const auto& unit : units) {
      std::vector<std::vector<std::string>> rows;
      for (const std::size_t i : order) {
        const auto& row = c.differences.rows[i];
        if (row[c_unit].text != unit) continue;
        if (rows.size() == (unit == "mass_tonnes" ? 20u : 6u)) break;
        const auto num = [&](std::string_view name) {
          const auto& cell = row[col(name)];
          return cell.kind == Cell::Kind::kNumber ? format_readable(cell.number) : "";
        };
        std::string run_label = row[col("run")].text;
        for (std::size_t r = 0; r < c.runs.size(); ++r) {
          if (c.runs[r].label == run_label) run_label = run_name(c, r, lang);
        }
        rows.push_back({row[col("table")].text, row[col("element")].text, run_label,
                        num("reference_value"), num("value"),
                        signed_readable(row[c_delta].number, lang),
                        row[c_fraction].kind == Cell::Kind::kNumber
                            ? percent_text(row[c_fraction].number, lang)
                            : T("report.na")});
      }
      body += "<h3>" + html_escape(unit) + "</h3>\n<div class=\"tablewrap\">" +
              html_table(header, rows, numeric) + "</div>\n";
    }
  }
  if (!c.tables_not_compared.empty()) {
    std::string list;
    for (const auto& t : c.tables_not_compared) list += (list.empty() ? "" : ", ") + t;
    body += "<p class=\"meta\">" + html_escape(T("compare.not_compared", {{"tables", list}})) +
            "</p>\n";
  }
  return html_page(title, body, language_code(lang));
}

core::Result<std::vector<std::string>> write_compare_outputs(const Comparison& c,
                                                             const std::string& out_dir,
                                                             Language lang) {
  io::DirOwnership owned;
  owned.legacy_names = {std::string(kCompareCsvFile), std::string(kCompareHtmlFile),
                        std::string(kCompareJsonFile)};
  return io::write_folder(
      out_dir,
      {{std::string(kCompareCsvFile), compare_csv(c)},
       {std::string(kCompareHtmlFile), compare_html(c, std::string(kCompareCsvFile), lang)},
       {std::string(kCompareJsonFile), compare_json(c)}},
      owned);
}

}  // namespace urbanmine::report
