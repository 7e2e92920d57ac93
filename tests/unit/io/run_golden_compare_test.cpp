// SPDX-License-Identifier: Apache-2.0
// The golden comparison used by tests/golden: applied to the summary of the synthetic fixture,
// it accepts the same document and changes within tolerance, and names every change beyond it.
#include <gtest/gtest.h>

#include "golden_compare.h"
#include "report/run_outputs.h"
#include "run_fixture.h"

namespace urbanmine::testing {
namespace {

nlohmann::json fixture_summary() {
  return nlohmann::json::parse(report::summary_json(make_fixture_results(), {}));
}

GoldenTolerance tolerance() {
  return GoldenTolerance::from_json(nlohmann::json::parse(
      R"({"relative": 1e-9, "absolute": 1e-6, "ignore": ["$.metadata.elapsed_seconds"]})"));
}

TEST(RunGoldenCompare, AcceptsTheSameSummary) {
  EXPECT_TRUE(golden_diff(fixture_summary(), fixture_summary(), tolerance()).empty());
}

TEST(RunGoldenCompare, AcceptsChangesWithinToleranceAndIgnoredPaths) {
  auto actual = fixture_summary();
  auto& li = actual["key_figures"]["world_end_of_life_mass_tonnes"]["2040"]["Li"];
  li = li.get<double>() * (1.0 + 1e-12);
  actual["metadata"]["elapsed_seconds"] = 99.0;
  EXPECT_TRUE(golden_diff(fixture_summary(), actual, tolerance()).empty());
}

TEST(RunGoldenCompare, NamesEveryDifferenceBeyondTolerance) {
  auto actual = fixture_summary();
  auto& li = actual["key_figures"]["world_end_of_life_mass_tonnes"]["2040"]["Li"];
  li = li.get<double>() * 1.001;
  actual["findings"].erase(0);
  actual["mass_balance"]["status"] = "failed";
  const auto diff = golden_diff(fixture_summary(), actual, tolerance());
  // The number, the array length, and the section and text of the finding that moved up.
  ASSERT_EQ(diff.size(), 5U);
  const auto has = [&](const std::string& prefix) {
    return std::any_of(diff.begin(), diff.end(),
                       [&](const std::string& d) { return d.rfind(prefix, 0) == 0; });
  };
  EXPECT_TRUE(has("$.key_figures.world_end_of_life_mass_tonnes.2040.Li: expected"));
  EXPECT_TRUE(has("$.mass_balance.status: expected \"ok\", got \"failed\""));
  EXPECT_TRUE(has("$.findings: expected 2 items, got 1"));
  EXPECT_TRUE(has("$.findings[0].section: expected"));
  EXPECT_TRUE(has("$.findings[0].text: expected"));
}

}  // namespace
}  // namespace urbanmine::testing
