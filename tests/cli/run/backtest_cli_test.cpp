// SPDX-License-Identifier: Apache-2.0
// `urbanmine backtest` as a process: record tables out, bad rules and years exit 3.
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"

namespace {

using urbanmine::testing::run_cli;

TEST(BacktestCli, PrintsTheSummaryAsCsvAndRefusesBadRulesAndYears) {
  const auto ok = run_cli("--format csv backtest --freeze 2020 --rule hold --rule growth:0.3");
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("freeze_year,rule,metric,segment,cells,mape_fraction"),
            std::string::npos)
      << ok.output;
  EXPECT_NE(ok.output.find("2020,growth:0.3,battery_demand_kwh,all,"), std::string::npos)
      << ok.output;
  const auto bad_rule = run_cli("backtest --rule linear");
  EXPECT_EQ(bad_rule.exit_code, 3) << bad_rule.output;
  EXPECT_NE(bad_rule.output.find("--rule"), std::string::npos) << bad_rule.output;
  const auto bad_year = run_cli("backtest --freeze 2030");
  EXPECT_EQ(bad_year.exit_code, 3) << bad_year.output;
  EXPECT_NE(bad_year.output.find("--freeze"), std::string::npos) << bad_year.output;
}

}  // namespace
