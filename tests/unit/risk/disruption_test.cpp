// SPDX-License-Identifier: Apache-2.0
// The supply disruption test: hand-computed cases, the named and top-k rules, bad inputs, and
// the shipped data through the CLI (with and without a run).
#include "risk/disruption.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine::risk {
namespace {

const std::vector<SupplierShare> kThree{{"A", "AAA", 0.6}, {"B", "BBB", 0.3}, {"C", "CCC", 0.05}};

TEST(Disruption, LargestSupplierOutWithoutAndWithRecycling) {
  auto r = compute_disruption(kThree, DropRule{}, 1000.0, 200.0);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->dropped, std::vector<std::string>{"A"});
  EXPECT_DOUBLE_EQ(r->dropped_share, 0.6);
  EXPECT_DOUBLE_EQ(r->coverage_without_recycling, 0.4);
  // (1 - 0.6) * (1000 - 200) + 200 = 520 of 1000.
  EXPECT_DOUBLE_EQ(r->coverage_with_recycling, 0.52);
  EXPECT_DOUBLE_EQ(r->gap_without_recycling_t, 600.0);
  EXPECT_DOUBLE_EQ(r->gap_closed_by_recycling_t, 120.0);
  EXPECT_DOUBLE_EQ(r->gap_with_recycling_t, 480.0);
  EXPECT_DOUBLE_EQ(r->recycled_to_close_gap_t, 680.0);
  // Closing the gap: the others' 320 t plus 680 t recycled meet the 1000 t demand.
  EXPECT_DOUBLE_EQ((1.0 - 0.6) * (1000.0 - 200.0) + r->recycled_to_close_gap_t, 1000.0);
}

TEST(Disruption, TopKAndNamedSuppliers) {
  DropRule top2;
  top2.top_k = 2;
  auto r = compute_disruption(kThree, top2, 100.0, 0.0);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->dropped, (std::vector<std::string>{"A", "B"}));
  EXPECT_NEAR(r->coverage_without_recycling, 0.1, 1e-12);
  DropRule named;
  named.named = {"CCC"};
  auto n = compute_disruption(kThree, named, 100.0, 0.0);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->dropped, std::vector<std::string>{"C"});
  EXPECT_DOUBLE_EQ(n->coverage_without_recycling, 0.95);
}

TEST(Disruption, RecyclingAboveDemandCoversAll) {
  auto r = compute_disruption(kThree, DropRule{}, 100.0, 150.0);
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->coverage_with_recycling, 1.0);
  EXPECT_DOUBLE_EQ(r->gap_with_recycling_t, 0.0);
}

TEST(Disruption, CappedSupplierLosesOnlyItsShareAboveTheCap) {
  DropRule rule;
  rule.top_k = 0;
  rule.caps = {{"AAA", 0.25, "quota"}};
  auto r = compute_disruption(kThree, rule, 1000.0, 0.0);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->dropped, std::vector<std::string>{"A (capped: quota)"});
  EXPECT_NEAR(r->dropped_share, 0.35, 1e-12);
  EXPECT_NEAR(r->gap_without_recycling_t, 350.0, 1e-9);
  rule.caps = {{"AAA", 0.7, "loose quota"}};  // above the share: not binding
  auto loose = compute_disruption(kThree, rule, 1000.0, 0.0);
  ASSERT_TRUE(loose.has_value());
  EXPECT_TRUE(loose->dropped.empty());
  EXPECT_DOUBLE_EQ(loose->coverage_without_recycling, 1.0);
}

TEST(Disruption, BadInputsAreInvalid) {
  DropRule unknown;
  unknown.named = {"Atlantis"};
  auto u = compute_disruption(kThree, unknown, 100.0, 0.0);
  ASSERT_FALSE(u.has_value());
  EXPECT_NE(u.error().hint.find("A, B, C"), std::string::npos) << u.error().to_string();
  EXPECT_FALSE(compute_disruption(kThree, DropRule{}, 0.0, 0.0).has_value());
  EXPECT_FALSE(compute_disruption(kThree, DropRule{}, 10.0, -1.0).has_value());
  EXPECT_FALSE(
      compute_disruption({{"A", "", 0.7}, {"B", "", 0.5}}, DropRule{}, 10.0, 0.0).has_value());
  EXPECT_FALSE(compute_disruption({{"A", "", 1.5}}, DropRule{}, 10.0, 0.0).has_value());
}

}  // namespace
}  // namespace urbanmine::risk

namespace urbanmine::testing {
namespace {

const std::string kData = " --data-dir " + source_path("data");

// USGS MCS2026 (2025e): Congo (Kinshasa) 230,000 t of a 310,000 t world total.
TEST(DisruptionCli, CobaltMineWithoutTheDrcLeavesAQuarterOfWorldSupply) {
  auto r = run_cli("--format csv risk disruption --element Co" + kData);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("WORLD,Co,mine,2025,2025,Congo (Kinshasa),0.7419354839,310000,0,"
                          "0.2580645161"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("# recycling_buys"), std::string::npos);
}

TEST(DisruptionCli, WithheldLithiumProducerIsNamed) {
  auto r = run_cli("--format csv risk disruption --element Li" + kData);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("United States (withheld by the publisher: W)"), std::string::npos)
      << r.output;
}

// USGS MCS 2026: DRC cobalt exports capped at 96,600 t/yr in 2026-2027, against 2025e world
// mine supply of 310,000 t (DRC 230,000 t): 133,400 t (43 %) cannot reach the market.
TEST(DisruptionCli, DrcCobaltExportQuota2026LeavesFiftySevenPercent) {
  auto r = run_cli("--format csv risk disruption --element Co --year 2026 --export-quotas" + kData);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("export quota 96600 t/yr, export_restrictions.csv:4"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(",0.4303225806,310000,0,0.5696774194"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("WORLD,Co,mine,2026,133400,0,133400,0,133400"), std::string::npos);
  // 2025 has no annual cap (a ban, then a quota for the rest of the year): nothing is capped.
  auto y2025 =
      run_cli("--format csv risk disruption --element Co --year 2025 --export-quotas" + kData);
  ASSERT_EQ(y2025.exit_code, 0) << y2025.output;
  EXPECT_EQ(y2025.output.find("capped"), std::string::npos) << y2025.output;
  auto with_run = run_cli("risk disruption " + source_path("examples/global.toml") +
                          " --export-quotas" + kData);
  EXPECT_EQ(with_run.exit_code, 3) << with_run.output;
}

TEST(DisruptionCli, BadFlagsExitWith3) {
  auto drop = run_cli("risk disruption --element Co --drop Atlantis" + kData);
  EXPECT_EQ(drop.exit_code, 3) << drop.output;
  EXPECT_NE(drop.output.find("Atlantis"), std::string::npos) << drop.output;
  auto top = run_cli("risk disruption --top 0" + kData);
  EXPECT_EQ(top.exit_code, 3);
  EXPECT_NE(top.output.find("--top"), std::string::npos);
  auto region = run_cli("risk disruption --region EU27" + kData);
  EXPECT_EQ(region.exit_code, 3);
}

TEST(DisruptionCli, RunRecyclingRaisesCoverageIn2035) {
  auto r = run_cli("--format csv risk disruption " + source_path("examples/global.toml") +
                   " --element Co --year 2035" + kData);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // One mine row for 2035 whose coverage with recycling exceeds the 0.258 without it.
  const auto pos = r.output.find("WORLD,Co,mine,2035,2025,Congo (Kinshasa),0.7419354839,");
  ASSERT_NE(pos, std::string::npos) << r.output;
  const std::string line = r.output.substr(pos, r.output.find('\n', pos) - pos);
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ',') {
      cells.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  ASSERT_GE(cells.size(), 11u);
  const double demand = std::stod(cells[7]);
  const double recycled = std::stod(cells[8]);
  const double with = std::stod(cells[10]);
  EXPECT_GT(demand, 0.0);
  EXPECT_GT(recycled, 0.0);
  EXPECT_NEAR(with, ((1.0 - 0.7419354839) * (demand - recycled) + recycled) / demand, 1e-6);
  EXPECT_GT(with, 0.2580645161);
}

}  // namespace
}  // namespace urbanmine::testing
