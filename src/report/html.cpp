// SPDX-License-Identifier: Apache-2.0
// Inline SVG charts and HTML helpers for report.html.
#include "report/html.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace urbanmine::report {
namespace {

// Chart geometry in SVG user units (pixels at 100% zoom).
constexpr double kChartWidth = 620.0;
constexpr double kChartHeight = 300.0;
constexpr double kMarginLeft = 78.0;
constexpr double kMarginRight = 150.0;  // legend column
constexpr double kMarginTop = 14.0;
constexpr double kMarginBottom = 46.0;
constexpr int kTargetTicks = 5;
constexpr std::size_t kMaxXTicks = 8;
constexpr double kBarRowHeight = 22.0;
constexpr double kBarLabelWidth = 150.0;
constexpr double kBarValueWidth = 110.0;
// Approximate width of one legend character at 12 px, to place legend items side by side.
constexpr double kLegendCharWidth = 7.0;
constexpr double kSankeyWidth = 1100.0;
constexpr double kSankeyHeight = 440.0;
constexpr double kSankeyNodeWidth = 14.0;
constexpr double kSankeyNodeGap = 18.0;
constexpr double kSankeyLabelRoom = 190.0;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

// A "nice" step (1, 2 or 5 times a power of ten) giving about `target` ticks over [0, span].
double nice_step(double span, int target) {
  if (!(span > 0.0)) return 1.0;
  const double raw = span / target;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / power;
  double nice = 10.0;
  if (fraction <= 1.0) {
    nice = 1.0;
  } else if (fraction <= 2.0) {
    nice = 2.0;
  } else if (fraction <= 5.0) {
    nice = 5.0;
  }
  return nice * power;
}

std::string axis_number(double v, double step) {
  if (step >= 1.0 || v == 0.0) return format_thousands(v, 0);
  const int decimals = std::min(6, static_cast<int>(std::ceil(-std::log10(step))));
  return format_thousands(v, decimals);
}

std::string text_el(double x, double y, std::string_view anchor, std::string_view text,
                    std::string_view extra = "") {
  return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + std::string(anchor) +
         "\"" + (extra.empty() ? "" : " " + std::string(extra)) + ">" + html_escape(text) +
         "</text>";
}

}  // namespace

std::string_view chart_colour(std::size_t index) {
  // Tableau 10, readable for most colour-vision deficiencies when paired with the legend order.
  static constexpr std::array<std::string_view, 10> kPalette = {
      "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return kPalette[index % kPalette.size()];
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_thousands(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, std::fabs(value));
  std::string digits(buf);
  const auto dot = digits.find('.');
  std::string int_part = digits.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : digits.substr(dot);
  std::string grouped;
  for (std::size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) grouped += ',';
    grouped += int_part[i];
  }
  const bool is_zero =
      std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0' || c == '.'; });
  return (value < 0.0 && !is_zero ? "-" : "") + grouped + frac;
}

std::string format_readable(double value) {
  if (!std::isfinite(value)) return "n/a";
  const double magnitude = std::fabs(value);
  if (magnitude >= 100.0 || magnitude == 0.0 || value == std::round(value)) {
    return format_thousands(value, 0);
  }
  const int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(magnitude))));
  std::string text = format_thousands(value, decimals);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string svg_line_chart(const LineChart& chart) {
  const double plot_w = kChartWidth - kMarginLeft - kMarginRight;
  const double plot_h = kChartHeight - kMarginTop - kMarginBottom;
  const std::size_t n = chart.x.size();
  // Cumulative values when stacked.
  std::vector<std::vector<double>> tops(chart.series.size(), std::vector<double>(n, 0.0));
  double y_max = 0.0;
  double y_min = 0.0;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    for (std::size_t i = 0; i < n; ++i) {
      const double v = i < chart.series[s].values.size() ? chart.series[s].values[i] : 0.0;
      const double base = (chart.stacked && s > 0) ? tops[s - 1][i] : 0.0;
      tops[s][i] = base + (std::isfinite(v) ? v : 0.0);
      y_max = std::max(y_max, tops[s][i]);
      y_min = std::min(y_min, tops[s][i]);
    }
  }
  const double step = nice_step(y_max - y_min, kTargetTicks);
  y_max = y_max > 0.0 ? std::ceil(y_max / step) * step : step;
  y_min = std::floor(y_min / step) * step;
  const auto sx = [&](std::size_t i) {
    return kMarginLeft +
           (n > 1 ? plot_w * static_cast<double>(i) / static_cast<double>(n - 1) : plot_w / 2.0);
  };
  const auto sy = [&](double v) {
    return kMarginTop + plot_h * (1.0 - (v - y_min) / (y_max - y_min));
  };

  std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    fmt(kChartWidth) + " " + fmt(kChartHeight) + "\" role=\"img\" aria-label=\"" +
                    html_escape(chart.title) + "\">";
  // Grid and y ticks.
  for (double v = y_min; v <= y_max + step * 0.5; v += step) {
    const double y = sy(v);
    svg += "<line x1=\"" + fmt(kMarginLeft) + "\" x2=\"" + fmt(kMarginLeft + plot_w) + "\" y1=\"" +
           fmt(y) + "\" y2=\"" + fmt(y) + "\" class=\"grid\"/>";
    svg += text_el(kMarginLeft - 6, y + 4, "end", axis_number(v, step), "class=\"tick\"");
  }
  // X ticks: at most about eight labels, on multiples of 1, 2, 5, 10 or 20 when x are years.
  std::size_t x_every = 1;
  for (std::size_t candidate : {1, 2, 5, 10, 20, 50}) {
    x_every = candidate;
    if (n / candidate <= kMaxXTicks) break;
  }
  for (std::size_t i = 0; i < n; ++i) {
    char* end = nullptr;
    const long x_value = std::strtol(chart.x[i].c_str(), &end, 10);
    const bool numeric = end != chart.x[i].c_str() && *end == '\0';
    const bool on_step = numeric ? x_value % static_cast<long>(x_every) == 0 : i % x_every == 0;
    if (!on_step) continue;
    svg += text_el(sx(i), kMarginTop + plot_h + 16, "middle", chart.x[i], "class=\"tick\"");
  }
  svg += "<line x1=\"" + fmt(kMarginLeft) + "\" x2=\"" + fmt(kMarginLeft + plot_w) + "\" y1=\"" +
         fmt(sy(0.0)) + "\" y2=\"" + fmt(sy(0.0)) + "\" class=\"axis\"/>";
  // Series, drawn so that the first series is at the bottom of a stack.
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const std::string colour(chart_colour(s));
    std::string points;
    for (std::size_t i = 0; i < n; ++i) points += fmt(sx(i)) + "," + fmt(sy(tops[s][i])) + " ";
    if (chart.stacked) {
      std::string lower;
      for (std::size_t i = n; i-- > 0;) {
        lower += fmt(sx(i)) + "," + fmt(sy(s > 0 ? tops[s - 1][i] : 0.0)) + " ";
      }
      svg += "<polygon points=\"" + points + lower + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.85\" stroke=\"" + colour + "\" stroke-width=\"0.5\"><title>" +
             html_escape(chart.series[s].label) + "</title></polygon>";
    } else {
      svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour +
             "\" stroke-width=\"2\"><title>" + html_escape(chart.series[s].label) +
             "</title></polyline>";
    }
  }
  if (!chart.marker_x.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (chart.x[i] != chart.marker_x) continue;
      svg += "<line x1=\"" + fmt(sx(i)) + "\" x2=\"" + fmt(sx(i)) + "\" y1=\"" + fmt(kMarginTop) +
             "\" y2=\"" + fmt(kMarginTop + plot_h) + "\" class=\"marker\"/>";
    }
  }
  // Axis labels.
  svg += text_el(kMarginLeft + plot_w / 2, kChartHeight - 8, "middle", chart.x_label,
                 "class=\"label\"");
  svg += "<text class=\"label\" text-anchor=\"middle\" transform=\"translate(14," +
         fmt(kMarginTop + plot_h / 2) + ") rotate(-90)\">" + html_escape(chart.y_label) + "</text>";
  // Legend, top series first so that it reads in the stack's order.
  const double legend_x = kMarginLeft + plot_w + 14;
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const std::size_t s = chart.stacked ? chart.series.size() - 1 - k : k;
    const double y = kMarginTop + 8 + 18.0 * static_cast<double>(k);
    svg += "<rect x=\"" + fmt(legend_x) + "\" y=\"" + fmt(y - 9) +
           "\" width=\"12\" height=\"12\" fill=\"" + std::string(chart_colour(s)) + "\"/>";
    svg += text_el(legend_x + 18, y + 1, "start", chart.series[s].label, "class=\"legend\"");
  }
  svg += "</svg>";
  return svg;
}

std::string svg_bar_chart(const BarChart& chart) {
  double max_pos = 0.0;
  double max_neg = 0.0;
  for (const auto& bar : chart.bars) {
    max_pos = std::max(max_pos, bar.value);
    max_neg = std::max(max_neg, -bar.value);
  }
  const double span = max_pos + max_neg > 0.0 ? max_pos + max_neg : 1.0;
  const double plot_w = chart.width - kBarLabelWidth - kBarValueWidth;
  const double zero_x = kBarLabelWidth + plot_w * max_neg / span;
  const double legend_h = chart.positive_note.empty() && chart.negative_note.empty() ? 0.0 : 26.0;
  const double height =
      kMarginTop + kBarRowHeight * static_cast<double>(chart.bars.size()) + 30 + legend_h;
  std::string svg = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    fmt(chart.width) + " " + fmt(height) + "\" role=\"img\" aria-label=\"" +
                    html_escape(chart.title) + "\">";
  constexpr std::string_view kPositive = "#4e79a7";
  constexpr std::string_view kNegative = "#e15759";
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const double y = kMarginTop + kBarRowHeight * static_cast<double>(i);
    const double w = plot_w * std::fabs(bar.value) / span;
    const double x = bar.value >= 0.0 ? zero_x : zero_x - w;
    svg += text_el(kBarLabelWidth - 8, y + 15, "end", bar.label, "class=\"tick\"");
    svg += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y + 3) + "\" width=\"" + fmt(std::max(w, 1.0)) +
           "\" height=\"" + fmt(kBarRowHeight - 6) + "\" fill=\"" +
           (chart.colour.empty() ? std::string(bar.value >= 0.0 ? kPositive : kNegative)
                                 : chart.colour) +
           "\"/>";
    const double label_x = bar.value >= 0.0 ? zero_x + w + 6 : zero_x + 6;
    svg += text_el(label_x, y + 15, "start", format_readable(bar.value), "class=\"tick\"");
  }
  const double axis_bottom = kMarginTop + kBarRowHeight * static_cast<double>(chart.bars.size());
  svg += "<line x1=\"" + fmt(zero_x) + "\" x2=\"" + fmt(zero_x) + "\" y1=\"" + fmt(kMarginTop) +
         "\" y2=\"" + fmt(axis_bottom) + "\" class=\"axis\"/>";
  svg += text_el(kBarLabelWidth + plot_w / 2, axis_bottom + 20, "middle", chart.value_label,
                 "class=\"label\"");
  double legend_x = kBarLabelWidth;
  const double legend_y = axis_bottom + 38;
  if (!chart.positive_note.empty()) {
    svg += "<rect x=\"" + fmt(legend_x) + "\" y=\"" + fmt(legend_y - 10) +
           "\" width=\"12\" height=\"12\" fill=\"" + std::string(kPositive) + "\"/>";
    svg += text_el(legend_x + 18, legend_y, "start", chart.positive_note, "class=\"legend\"");
    legend_x += 48.0 + kLegendCharWidth * static_cast<double>(chart.positive_note.size());
  }
  if (!chart.negative_note.empty()) {
    svg += "<rect x=\"" + fmt(legend_x) + "\" y=\"" + fmt(legend_y - 10) +
           "\" width=\"12\" height=\"12\" fill=\"" + std::string(kNegative) + "\"/>";
    svg += text_el(legend_x + 18, legend_y, "start", chart.negative_note, "class=\"legend\"");
  }
  svg += "</svg>";
  return svg;
}

std::string svg_sankey(const std::vector<SankeyNode>& nodes, const std::vector<SankeyLink>& links,
                       std::string_view unit) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < nodes.size(); ++i) index[nodes[i].id] = i;
  std::vector<const SankeyLink*> used;
  for (const auto& link : links) {
    if (link.value > 0.0 && index.count(link.source) && index.count(link.target)) {
      used.push_back(&link);
    }
  }
  std::vector<double> in(nodes.size(), 0.0);
  std::vector<double> out(nodes.size(), 0.0);
  for (const auto* link : used) {
    out[index[link->source]] += link->value;
    in[index[link->target]] += link->value;
  }
  int columns = 0;
  for (const auto& node : nodes) columns = std::max(columns, node.column + 1);
  std::vector<double> size(nodes.size(), 0.0);
  std::vector<double> column_total(static_cast<std::size_t>(columns), 0.0);
  std::vector<int> column_count(static_cast<std::size_t>(columns), 0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    size[i] = std::max(in[i], out[i]);
    if (size[i] <= 0.0) continue;
    column_total[static_cast<std::size_t>(nodes[i].column)] += size[i];
    column_count[static_cast<std::size_t>(nodes[i].column)] += 1;
  }
  const double top = 10.0;
  const double usable = kSankeyHeight - 2 * top;
  double scale = 0.0;
  for (int c = 0; c < columns; ++c) {
    const auto cu = static_cast<std::size_t>(c);
    if (column_total[cu] <= 0.0) continue;
    const double s =
        (usable - kSankeyNodeGap * std::max(0, column_count[cu] - 1)) / column_total[cu];
    scale = scale == 0.0 ? s : std::min(scale, s);
  }
  // Nodes are drawn at least 2 px tall so that small flows stay visible.
  constexpr double kMinNode = 2.0;
  const double plot_w = kSankeyWidth - kSankeyLabelRoom - kSankeyNodeWidth;
  std::vector<double> node_x(nodes.size(), 0.0);
  std::vector<double> node_y(nodes.size(), 0.0);
  std::vector<double> node_h(nodes.size(), 0.0);
  std::vector<double> next_y(static_cast<std::size_t>(columns), top);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (size[i] <= 0.0) continue;
    const auto c = static_cast<std::size_t>(nodes[i].column);
    node_x[i] = columns > 1 ? plot_w * static_cast<double>(c) / (columns - 1) : 0.0;
    node_h[i] = std::max(kMinNode, size[i] * scale);
    node_y[i] = next_y[c];
    next_y[c] += node_h[i] + kSankeyNodeGap;
  }
  std::string svg = "<svg class=\"sankey\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    fmt(kSankeyWidth) + " " + fmt(kSankeyHeight) +
                    "\" role=\"img\" aria-label=\"Sankey\">";
  // Band positions: at each node, outgoing bands are stacked in the order of their targets'
  // heights and incoming bands in the order of their sources', so that bands do not cross.
  std::vector<double> width(used.size(), 0.0);
  std::vector<double> y_start(used.size(), 0.0);
  std::vector<double> y_end(used.size(), 0.0);
  std::vector<std::size_t> order(used.size());
  for (std::size_t k = 0; k < used.size(); ++k) {
    order[k] = k;
    width[k] = std::max(1.0, used[k]->value * scale);
  }
  std::vector<double> offset(nodes.size(), 0.0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return node_y[index[used[a]->target]] < node_y[index[used[b]->target]];
  });
  for (std::size_t k : order) {
    const std::size_t s = index[used[k]->source];
    y_start[k] = node_y[s] + offset[s];
    offset[s] += width[k];
  }
  std::fill(offset.begin(), offset.end(), 0.0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return node_y[index[used[a]->source]] < node_y[index[used[b]->source]];
  });
  for (std::size_t k : order) {
    const std::size_t t = index[used[k]->target];
    y_end[k] = node_y[t] + offset[t];
    offset[t] += width[k];
  }
  for (std::size_t k = 0; k < used.size(); ++k) {
    const auto* link = used[k];
    const std::size_t s = index[link->source];
    const std::size_t t = index[link->target];
    const double w = width[k];
    const double x0 = node_x[s] + kSankeyNodeWidth;
    const double x1 = node_x[t];
    const double y0 = y_start[k];
    const double y1 = y_end[k];
    const double xm = (x0 + x1) / 2;
    const std::string d = "M" + fmt(x0) + "," + fmt(y0) + " C" + fmt(xm) + "," + fmt(y0) + " " +
                          fmt(xm) + "," + fmt(y1) + " " + fmt(x1) + "," + fmt(y1) + " L" + fmt(x1) +
                          "," + fmt(y1 + w) + " C" + fmt(xm) + "," + fmt(y1 + w) + " " + fmt(xm) +
                          "," + fmt(y0 + w) + " " + fmt(x0) + "," + fmt(y0 + w) + " Z";
    svg += "<path d=\"" + d + "\" fill=\"" + std::string(chart_colour(t)) +
           "\" fill-opacity=\"0.45\"><title>" + html_escape(nodes[s].label) + " \xe2\x86\x92 " +
           html_escape(nodes[t].label) + ": " + html_escape(format_readable(link->value)) + " " +
           html_escape(unit) + "</title></path>";
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (size[i] <= 0.0) continue;
    svg += "<rect x=\"" + fmt(node_x[i]) + "\" y=\"" + fmt(node_y[i]) + "\" width=\"" +
           fmt(kSankeyNodeWidth) + "\" height=\"" + fmt(node_h[i]) + "\" fill=\"" +
           std::string(chart_colour(i)) + "\"/>";
    const double lx = node_x[i] + kSankeyNodeWidth + 6;
    const double ly = node_y[i] + node_h[i] / 2;
    const std::string anchor = "start";
    svg += text_el(lx, ly - 2, anchor, nodes[i].label, "class=\"node\"");
    svg += text_el(lx, ly + 12, anchor, format_readable(size[i]) + " " + std::string(unit),
                   "class=\"tick\"");
  }
  svg += "</svg>";
  return svg;
}

std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric) {
  const auto is_num = [&](std::size_t c) { return c < numeric.size() && numeric[c]; };
  // Wide tables (the policy checks have 19 columns) scroll inside their box, not the page.
  std::string html = "<div class=\"tablewrap\"><table><thead><tr>";
  for (std::size_t c = 0; c < header.size(); ++c) {
    html += is_num(c) ? "<th class=\"num\">" : "<th>";
    html += html_escape(header[c]) + "</th>";
  }
  html += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    html += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      html += is_num(c) ? "<td class=\"num\">" : "<td>";
      html += html_escape(row[c]) + "</td>";
    }
    html += "</tr>";
  }
  html += "</tbody></table></div>";
  return html;
}

std::string written_html(Language lang, std::string_view text) {
  return lang == Language::kEnglish ? html_escape(text)
                                    : "<span lang=\"en\">" + html_escape(text) + "</span>";
}

std::string sentence_with_written(Language lang, std::string_view key, Fill values,
                                  std::string_view name, std::string_view text) {
  values.emplace_back(name, "\x01");
  const std::string sentence = tr(lang, key, values);
  const auto at = sentence.find('\x01');
  if (at == std::string::npos) return html_escape(sentence);
  return html_escape(sentence.substr(0, at)) + written_html(lang, text) +
         html_escape(sentence.substr(at + 1));
}

std::string html_page(std::string_view title, std::string_view body_html, std::string_view lang) {
  static constexpr std::string_view kCss = R"css(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, "NanumGothic",
  sans-serif; margin: 0;
  background: #f6f7f9; color: #1d2330; line-height: 1.5; font-size: 15px; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
header.top { border-bottom: 3px solid #4e79a7; margin-bottom: 20px; padding-bottom: 10px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 34px 0 8px; padding-top: 6px; border-top: 1px solid #dde1e7; }
h3 { font-size: 15px; margin: 14px 0 4px; }
p.meta { color: #5a6372; font-size: 13px; margin: 0; }
p.description { margin: 6px 0 0; max-width: 60em; }
.howto { background: #eef3f9; border-left: 4px solid #4e79a7; padding: 10px 16px;
  margin: 12px 0 18px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 16px 0; }
.card { border: 1px solid #dde1e7; border-radius: 6px; padding: 10px 14px; }
.card .v { font-size: 22px; font-weight: bold; }
.card .k { font-size: 12px; color: #5a6372; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 24px; }
figure { margin: 0 0 12px; }
figcaption { font-size: 13px; color: #5a6372; }
svg.chart { width: 100%; height: auto; }
svg.sankey, svg.bars { width: 100%; height: auto; }
svg text { font-family: inherit; fill: #1d2330; }
svg .tick { font-size: 11px; fill: #3c4452; }
svg .label { font-size: 12px; fill: #3c4452; }
svg .legend { font-size: 12px; }
svg .node { font-size: 13px; font-weight: bold; }
svg.sankey text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .grid { stroke: #e3e6eb; stroke-width: 1; }
svg .axis { stroke: #5a6372; stroke-width: 1; }
svg .marker { stroke: #5a6372; stroke-width: 1; stroke-dasharray: 4 3; }
.tablewrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border-bottom: 1px solid #e3e6eb; padding: 4px 10px; text-align: left;
  vertical-align: top; }
th { background: #f0f2f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.findings li { margin-bottom: 6px; }
.ok { color: #2e7d32; font-weight: bold; }
.fail { color: #c62828; font-weight: bold; }
.small { font-size: 12px; color: #5a6372; }
.grid3 { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 8px 18px; }
p.lead { font-size: 17px; background: #eef3f9; border-left: 4px solid #4e79a7;
  padding: 10px 16px; }
nav.toc { border: 1px solid #dde1e7; border-radius: 6px; padding: 8px 16px; margin: 12px 0;
  font-size: 13px; }
nav.toc ol { columns: 2; margin: 4px 0; padding-left: 20px; }
.tablewrap table { width: max-content; min-width: 50%; }
.tablewrap td { max-width: 30em; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc ol { columns: 2; }
  h2 { break-after: avoid; }
  h2#findings, h2#key-figures, h2#sankey, h2#assumptions { break-before: page; }
  figure, table, .cards, .card, p.lead { break-inside: avoid; }
  .tablewrap { overflow: visible; }
  .tablewrap table { width: auto; font-size: 8.5pt; }
  .grid2, .grid3 { display: block; }
  a { color: inherit; text-decoration: none; }
}
)css";
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang) +
                     "\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + html_escape(title) + "</title>\n<style>" + std::string(kCss) +
          "</style>\n</head>\n<body>\n<main>\n";
  html += body_html;
  html += "\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace urbanmine::report
