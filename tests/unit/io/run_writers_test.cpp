// SPDX-License-Identifier: Apache-2.0
// Output format primitives: number formatting, CSV quoting and long form, the JSON writer, HTML
// escaping, readable numbers and the SVG charts.
#include "io/run_writers.h"

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/html.h"

namespace urbanmine::io {
namespace {

using namespace urbanmine::report;  // HTML and SVG building blocks (report/html.h)

TEST(RunWriters, FormatsNumbersWithTwelveSignificantDigits) {
  EXPECT_EQ(format_number(2040.0), "2040");
  EXPECT_EQ(format_number(0.125), "0.125");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(1.0 / 3.0), "0.333333333333");
  EXPECT_EQ(format_number(1.5e-13), "1.5e-13");
  EXPECT_EQ(format_number(123456789012345.0), "1.23456789012e+14");
}

// format_number uses std::to_chars for speed; its text must stay that of printf's "%.12g" (the
// documented format, and the bytes of every earlier output).
TEST(RunWriters, FormatsNumbersExactlyAsPrintfDoes) {
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  std::uniform_int_distribution<int> exponent(-320, 300);
  for (int i = 0; i < 20000; ++i) {
    const double v = i % 3 == 0 ? std::ldexp(mantissa(rng), exponent(rng) / 4)
                                : mantissa(rng) * std::pow(10.0, exponent(rng) / 10);
    char expected[64];
    std::snprintf(expected, sizeof(expected), "%.12g", v);
    ASSERT_EQ(format_number(v), v == 0.0 ? std::string("0") : std::string(expected)) << v;
  }
  EXPECT_EQ(format_number(std::nan("")), "");
}

TEST(RunWriters, QuotesCsvFieldsOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("CHN"), "CHN");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(RunWriters, LongFormCsvHasOneColumnPerDimensionAndSkipsZeroRows) {
  auto a = core::DimArray::zeros(
      {core::Dimension("region", {"CHN", "USA"}), core::Dimension::years("year", 2030, 2031)});
  ASSERT_TRUE(a.has_value());
  a->at({0, 0}) = 1.5;
  a->at({1, 1}) = 2.0;
  EXPECT_EQ(long_form_csv(*a, "mass_tonnes", true),
            "region,year,mass_tonnes\nCHN,2030,1.5\nUSA,2031,2\n");
  EXPECT_EQ(long_form_csv(*a, "mass_tonnes", false),
            "region,year,mass_tonnes\nCHN,2030,1.5\nCHN,2031,0\nUSA,2030,0\nUSA,2031,2\n");
}

TEST(RunWriters, RecordsCsvQuotesCells) {
  EXPECT_EQ(records_csv({"rule", "value"}, {{"a, b", "1"}, {"", "2"}}),
            "rule,value\n\"a, b\",1\n,2\n");
}

TEST(RunWriters, JsonWriterKeepsKeyOrderAndParses) {
  JsonWriter w;
  w.begin_object();
  w.key("z").value(1);
  w.key("a").begin_array().value(0.5).value("x\"y\n").null().value(true).end_array();
  w.key("empty").begin_object().end_object();
  w.key("nan").value(std::nan(""));
  w.end_object();
  const std::string text = w.str();
  const auto parsed = nlohmann::ordered_json::parse(text);
  ASSERT_EQ(parsed.size(), 4U);
  EXPECT_EQ(parsed.begin().key(), "z");
  EXPECT_EQ(parsed["a"][1], "x\"y\n");
  EXPECT_TRUE(parsed["a"][2].is_null());
  EXPECT_TRUE(parsed["nan"].is_null());
  EXPECT_TRUE(parsed["empty"].empty());
}

TEST(ReportHtml, EscapesMarkup) {
  EXPECT_EQ(html_escape("<b>\"A&B\"</b> it's"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; it&#39;s");
}

TEST(ReportHtml, WritesThousandsSeparators) {
  EXPECT_EQ(format_thousands(1234567.891, 1), "1,234,567.9");
  EXPECT_EQ(format_thousands(-1234.0, 0), "-1,234");
  EXPECT_EQ(format_thousands(999.0, 0), "999");
  EXPECT_EQ(format_thousands(-0.01, 0), "0");
  EXPECT_EQ(format_readable(123456.7), "123,457");
  EXPECT_EQ(format_readable(12.345), "12.3");
  EXPECT_EQ(format_readable(0.012345), "0.0123");
  EXPECT_EQ(format_readable(0.0), "0");
}

TEST(ReportHtml, LineChartHasOneShapePerSeriesAndEscapedLabels) {
  LineChart chart;
  chart.title = "t";
  chart.x = {"2030", "2031", "2032"};
  chart.y_label = "tonnes";
  chart.series = {{"A<1>", {1, 2, 3}}, {"B", {3, 2, 1}}};
  chart.stacked = true;
  const std::string svg = svg_line_chart(chart);
  std::size_t polygons = 0;
  for (auto pos = svg.find("<polygon"); pos != std::string::npos;
       pos = svg.find("<polygon", pos + 1)) {
    ++polygons;
  }
  EXPECT_EQ(polygons, 2U);
  EXPECT_NE(svg.find("A&lt;1&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("A<1>"), std::string::npos);
  // The stacked top reaches 4 at every year, so the axis goes to at least 4.
  EXPECT_NE(svg.find(">4<"), std::string::npos);
}

TEST(ReportHtml, SankeySkipsLinksToUnknownNodesAndLabelsThroughput) {
  const std::vector<SankeyNode> nodes = {{"a", "Source", 0}, {"b", "Sink", 1}};
  const std::vector<SankeyLink> links = {{"a", "b", 1500.0}, {"a", "nowhere", 7.0}};
  const std::string svg = svg_sankey(nodes, links, "t");
  EXPECT_NE(svg.find("1,500 t"), std::string::npos);
  EXPECT_EQ(svg.find("nowhere"), std::string::npos);
  std::size_t paths = 0;
  for (auto pos = svg.find("<path"); pos != std::string::npos; pos = svg.find("<path", pos + 1)) {
    ++paths;
  }
  EXPECT_EQ(paths, 1U);
}

TEST(ReportHtml, PageIsSelfContained) {
  const std::string page = html_page("T & co", "<p>x</p>");
  EXPECT_NE(page.find("<title>T &amp; co</title>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::io
