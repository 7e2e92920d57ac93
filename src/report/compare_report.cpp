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

std::string signed_readable(double v) {
  if (!std::isfinite(v)) return "n/a";
  if (v == 0.0) return "0";
  return (v > 0 ? "+" : "-") + format_readable(std::abs(v));
}

std::string percent_text(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
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

// The headline figures of element `e`: title, each run's value, then each compared run's
// delta and delta in % (the text and HTML tables).
std::vector<std::vector<std::string>> headline_rows(const Comparison& c, const std::string& e) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : c.headline) {
    if (h.element != e) continue;
    std::vector<std::string> row{h.title};
    for (double v : h.values) row.push_back(format_readable(v));
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      row.push_back(signed_readable(h.delta(r)));
      row.push_back(percent_text(h.delta_fraction(r)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::string compare_answer(const Comparison& c) {
  const HeadlineFigure* h = answer_figure(c);
  if (h == nullptr) return "The runs share none of the headline tables.";
  const std::string unit = unit_short(h->unit);
  std::string out = h->title + ", " + results::element_name(h->element) + ", " + c.region + ", " +
                    std::to_string(c.year) + ": ";
  for (std::size_t r = 1; r < c.runs.size(); ++r) {
    if (r > 1) out += "; ";
    out += c.runs[r].label + " " + format_readable(h->values[r]) + " " + unit + " against " +
           c.runs[0].label + " " + format_readable(h->values[0]) + " " + unit + ", " +
           signed_readable(h->delta(r)) + " " + unit + " (" + percent_text(h->delta_fraction(r)) +
           ")";
  }
  return out + ".";
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

std::string compare_json(const Comparison& c) {
  io::JsonWriter w;
  w.begin_object();
  w.key("format").value("urbanmine-compare/1");
  w.key("answer").value(compare_answer(c));
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

std::string compare_html(const Comparison& c, const std::string& csv_name) {
  std::string title = "Comparison: ";
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    title += (r == 0 ? "" : " vs ") + c.runs[r].label;
  }
  std::string body = "<header class=\"top\"><h1>" + html_escape(title) + "</h1>\n";
  body += "<p class=\"meta\">Focus: " + html_escape(c.region) + ", " + std::to_string(c.year) +
          " \xc2\xb7 reference run: " + html_escape(c.runs[0].label) + "</p></header>\n";
  body +=
      "<div class=\"howto\"><p><strong>" + html_escape(compare_answer(c)) + "</strong></p></div>\n";

  // Headline deltas, one table per element.
  body += "<h2 id=\"headline\">Headline differences in " + html_escape(c.region) + ", " +
          std::to_string(c.year) + "</h2>\n";
  for (const auto& e : c.elements) {
    body += "<h3>" + html_escape(results::element_name(e)) + " (tonnes)</h3>\n";
    std::vector<std::string> header{"Figure"};
    for (const auto& run : c.runs) header.push_back(run.label);
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      header.push_back("\xce\x94 " + c.runs[r].label);
      header.push_back("\xce\x94 %");
    }
    const auto rows = headline_rows(c, e);
    std::vector<bool> numeric(header.size(), true);
    numeric[0] = false;
    body += "<div class=\"tablewrap\">" + html_table(header, rows, numeric) + "</div>\n";
  }

  // The scenarios.
  body += "<h2 id=\"runs\">Scenarios</h2>\n<ul>\n";
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    const auto& run = c.runs[r];
    body += "<li><strong>" + html_escape(run.label) + "</strong>" + (r == 0 ? " (reference)" : "") +
            " \xe2\x80\x94 " + html_escape(run.source);
    if (!run.description.empty()) body += "<br>" + html_escape(run.description);
    body += "</li>\n";
  }
  body += "</ul>\n";

  // Charts, runs overlaid: every headline table of the first element, recovered metal of the
  // others.
  body += "<h2 id=\"charts\">Over the years in " + html_escape(c.region) + "</h2>\n";
  body += "<div class=\"grid2\">\n";
  for (const auto& s : c.series) {
    const bool first_element = s.element == c.elements.front();
    if (!first_element && s.table != results::kTableRecoveredT) continue;
    LineChart chart;
    chart.title = s.title + ", " + results::element_name(s.element);
    chart.x_label = "year";
    chart.y_label = "tonnes";
    for (int y : s.years) chart.x.push_back(std::to_string(y));
    for (std::size_t r = 0; r < s.values.size(); ++r) {
      chart.series.push_back({c.runs[r].label, s.values[r]});
    }
    chart.marker_x = std::to_string(c.year);
    body += "<figure><figcaption>" + html_escape(chart.title) + " in " + html_escape(c.region) +
            ", tonnes</figcaption>" + svg_line_chart(chart) + "</figure>\n";
  }
  body += "</div>\n";

  // The largest differences in the focus region and year, by unit (tonnes first).
  body += "<h2 id=\"differences\">Largest differences in " + html_escape(c.region) + ", " +
          std::to_string(c.year) + "</h2>\n";
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
    body += "<p>No table differs in " + html_escape(c.region) + " in " + std::to_string(c.year) +
            ".</p>\n";
  } else {
    body += "<p>" + std::to_string(order.size()) +
            " cells of this region and year differ; the largest by absolute delta, for each "
            "unit.";
    if (!csv_name.empty()) {
      body += " Every difference (" + std::to_string(c.differences.rows.size()) +
              " cells, every region, element and year): <a href=\"" + html_escape(csv_name) +
              "\">" + html_escape(csv_name) + "</a>.";
    }
    body += "</p>\n";
    const std::vector<std::string> header{"table", "element",  "run",       "reference",
                                          "value", "\xce\x94", "\xce\x94 %"};
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
        rows.push_back({row[col("table")].text, row[col("element")].text, row[col("run")].text,
                        num("reference_value"), num("value"), signed_readable(row[c_delta].number),
                        row[c_fraction].kind == Cell::Kind::kNumber
                            ? percent_text(row[c_fraction].number)
                            : "n/a"});
      }
      body += "<h3>" + html_escape(unit) + "</h3>\n<div class=\"tablewrap\">" +
              html_table(header, rows, numeric) + "</div>\n";
    }
  }
  if (!c.tables_not_compared.empty()) {
    std::string list;
    for (const auto& t : c.tables_not_compared) list += (list.empty() ? "" : ", ") + t;
    body += "<p class=\"meta\">Not in every run, so not compared: " + html_escape(list) + ".</p>\n";
  }
  return html_page(title, body);
}

core::Result<std::vector<std::string>> write_compare_outputs(const Comparison& c,
                                                             const std::string& out_dir) {
  io::DirOwnership owned;
  owned.legacy_names = {std::string(kCompareCsvFile), std::string(kCompareHtmlFile),
                        std::string(kCompareJsonFile)};
  return io::write_folder(
      out_dir,
      {{std::string(kCompareCsvFile), compare_csv(c)},
       {std::string(kCompareHtmlFile), compare_html(c, std::string(kCompareCsvFile))},
       {std::string(kCompareJsonFile), compare_json(c)}},
      owned);
}

}  // namespace urbanmine::report
