// SPDX-License-Identifier: Apache-2.0
// Building blocks of report.html: HTML escaping, readable numbers (thousands separators), and
// inline SVG charts (lines or stacked areas over years, horizontal bars, a Sankey diagram), plus
// an HTML page shell with inline CSS. Everything is plain text with no script, font or URL from
// outside the file, so a report opens offline in any browser. The charts know nothing of the
// model: report/run_report chooses what to plot.
//
// Thread safety: all functions are reentrant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/messages.h"

namespace urbanmine::report {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

// `value` rounded to `decimals` places with thousands separators: 1234567.891, 1 ->
// "1,234,567.9". Non-finite values give "n/a".
std::string format_thousands(double value, int decimals);
// A number for people: thousands separators, no decimals from 100 up, otherwise three
// significant digits (0.0123 -> "0.0123", 12.345 -> "12.3", 123456 -> "123,456").
std::string format_readable(double value);

// One line (or stacked band) of a chart; values align with LineChart::x.
struct ChartSeries {
  std::string label;
  std::vector<double> values;
};

// A chart over ordered x labels (years). `stacked` draws stacked areas (values must be >= 0 to
// read well); otherwise lines. `y_label` carries the unit, e.g. "end of life, tonnes".
struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<std::string> x;
  std::vector<ChartSeries> series;
  bool stacked = false;
  // Optional x label to mark with a dashed vertical line (e.g. the Sankey year); empty = none.
  std::string marker_x;
};
std::string svg_line_chart(const LineChart& chart);

struct Bar {
  std::string label;
  double value = 0.0;
};
// Horizontal bars in the given order; negative values extend left of the zero line.
struct BarChart {
  std::string title;
  std::string value_label;  // with unit
  std::vector<Bar> bars;
  std::string positive_note;  // legend text for positive bars, e.g. "surplus"
  std::string negative_note;  // legend text for negative bars, e.g. "idle capacity"
  std::string colour;         // colour of every bar; empty = blue for positive, red for negative
  double width = 1100.0;      // drawing width; 620 suits half a page
};
std::string svg_bar_chart(const BarChart& chart);

struct SankeyNode {
  std::string id;
  std::string label;
  int column = 0;  // 0 = leftmost
};
struct SankeyLink {
  std::string source;  // node id
  std::string target;  // node id
  double value = 0.0;  // > 0
};
// A Sankey diagram: nodes stacked in columns, links as bands whose width is proportional to
// their value; each node is labelled with its throughput and `unit`. Links with a value <= 0 or
// naming an unknown node are left out.
std::string svg_sankey(const std::vector<SankeyNode>& nodes, const std::vector<SankeyLink>& links,
                       std::string_view unit);

// An HTML table; `numeric[c]` right-aligns column c (shorter vectors mean "not numeric"). Cells
// are escaped here.
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric);

// A complete HTML5 document with inline CSS around `body_html` (already escaped).
// Text the user or the data wrote (a scenario's name, a run label), HTML-escaped; in a document
// that is not English it is marked lang="en", so that a reader and a test tell it from the
// document's own words.
std::string written_html(Language lang, std::string_view text);
// The catalogue's `key` in `lang`, filled and HTML-escaped, with its placeholder `name` replaced
// by `text` as written (written_html).
std::string sentence_with_written(Language lang, std::string_view key, Fill values,
                                  std::string_view name, std::string_view text);

std::string html_page(std::string_view title, std::string_view body_html,
                      std::string_view lang = "en");

// The colour of series `index` (a colour-blind-safe palette that repeats after 10).
std::string_view chart_colour(std::size_t index);

}  // namespace urbanmine::report
