// SPDX-License-Identifier: Apache-2.0
// studies/backtest.h: rules projected from a freeze year against the data.
#include "engine/backtest.h"

#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine::engine {
namespace {

std::string text(const Cell& c) { return c.text; }
double number(const Cell& c) { return c.number; }

std::vector<RecordTable> backtest(BacktestOptions o) {
  o.data_dir = testing::source_path("data");
  auto tables = backtest_tables(testing::source_path("examples/global.toml"), o);
  EXPECT_TRUE(tables.has_value()) << tables.error().to_string();
  return tables ? *tables : std::vector<RecordTable>{};
}

// Row of the summary for (freeze, rule, metric, segment).
const std::vector<Cell>* summary_row(const RecordTable& t, int freeze, const std::string& rule,
                                     const std::string& metric, const std::string& segment) {
  for (const auto& row : t.rows) {
    if (number(row[0]) == freeze && text(row[1]) == rule && text(row[2]) == metric &&
        text(row[3]) == segment) {
      return &row;
    }
  }
  return nullptr;
}

TEST(Backtest, RulesProjectFromTheFreezeYearAndTheSummaryAddsUpTheDetail) {
  BacktestOptions o;
  o.freeze_years = {2019};
  o.rules = {"hold", "growth:0.1", "trend:3"};
  o.detail = true;
  const auto tables = backtest(o);
  ASSERT_EQ(tables.size(), 2U);
  const RecordTable& summary = tables[0];
  const RecordTable& detail = tables[1];
  EXPECT_EQ(summary.name, "backtest_summary");
  EXPECT_EQ(detail.name, "backtest");
  // Detail: (rule, metric, region, segment, year) -> (actual, projected).
  std::map<std::tuple<std::string, std::string, std::string, std::string, int>,
           std::pair<double, double>>
      cell;
  for (const auto& row : detail.rows) {
    cell[{text(row[1]), text(row[2]), text(row[3]), text(row[4]),
          static_cast<int>(number(row[5]))}] = {number(row[6]), number(row[7])};
  }
  // Hold keeps 2019's sales, growth:0.1 compounds from it; the actual is the same for every rule.
  const auto hold = cell.at({"hold", "sales_vehicles", "CHN", "car_bev", 2022});
  const auto grow = cell.at({"growth:0.1", "sales_vehicles", "CHN", "car_bev", 2022});
  const auto hold_2020 = cell.at({"hold", "sales_vehicles", "CHN", "car_bev", 2020});
  EXPECT_DOUBLE_EQ(hold.second, hold_2020.second);
  EXPECT_NEAR(grow.second, hold.second * 1.1 * 1.1 * 1.1, 1e-6 * grow.second);
  EXPECT_DOUBLE_EQ(grow.first, hold.first);
  EXPECT_EQ(cell.count({"hold", "sales_vehicles", "CHN", "car_bev", 2019}), 0U);
  EXPECT_EQ(cell.count({"hold", "sales_vehicles", "CHN", "car_bev", 2024}), 1U);
  // EV sales grew several-fold after 2019: holding them underestimates, by more than half.
  const auto* h = summary_row(summary, 2019, "hold", "sales_vehicles", "all");
  ASSERT_NE(h, nullptr);
  EXPECT_LT(number((*h)[7]), -0.5);
  EXPECT_EQ(text((*h)[8]), "yes");
  // The summary's WAPE and bias are the detail's sums, per rule and metric.
  for (const char* rule : {"hold", "growth:0.1", "trend:3"}) {
    for (const char* metric : {"sales_vehicles", "battery_demand_kwh"}) {
      double abs = 0.0, sgn = 0.0, act = 0.0;
      std::size_t n = 0;
      for (const auto& [key, v] : cell) {
        if (std::get<0>(key) != rule || std::get<1>(key) != metric) continue;
        abs += std::fabs(v.second - v.first);
        sgn += v.second - v.first;
        act += v.first;
        ++n;
      }
      const auto* row = summary_row(summary, 2019, rule, metric, "all");
      ASSERT_NE(row, nullptr) << rule << " " << metric;
      EXPECT_EQ(number((*row)[4]), static_cast<double>(n));
      EXPECT_NEAR(number((*row)[6]), abs / act, 1e-9) << rule << " " << metric;
      EXPECT_NEAR(number((*row)[7]), sgn / act, 1e-9) << rule << " " << metric;
    }
  }
  // Battery demand moves with sales: holding sales holds demand below what actual sales give.
  const auto* hd = summary_row(summary, 2019, "hold", "battery_demand_kwh", "all");
  ASSERT_NE(hd, nullptr);
  EXPECT_LT(number((*hd)[7]), -0.3);
}

TEST(Backtest, TheScenario2030RuleIsMarkedAsNotOutOfSample) {
  BacktestOptions o;
  o.freeze_years = {2021};
  o.rules = {"scenario2030"};
  const auto tables = backtest(o);
  ASSERT_EQ(tables.size(), 1U);
  const auto* row = summary_row(tables[0], 2021, "scenario2030", "sales_vehicles", "car_bev");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(text((*row)[8]), "no");
}

TEST(Backtest, BadRulesAndFreezeYearsAreInvalidInput) {
  const auto expect_invalid = [](std::vector<std::string> rules, std::vector<int> freeze,
                                 const std::string& where) {
    BacktestOptions o;
    o.data_dir = testing::source_path("data");
    o.rules = std::move(rules);
    o.freeze_years = std::move(freeze);
    auto r = backtest_tables(testing::source_path("examples/global.toml"), o);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().to_string().find(where), std::string::npos) << r.error().to_string();
  };
  expect_invalid({"flat"}, {2019}, "--rule");
  expect_invalid({"growth:abc"}, {2019}, "--rule");
  expect_invalid({"trend:0"}, {2019}, "--rule");
  expect_invalid({"hold"}, {2024}, "--freeze");
  expect_invalid({"trend:3"}, {2011}, "--freeze");
}

}  // namespace
}  // namespace urbanmine::engine
