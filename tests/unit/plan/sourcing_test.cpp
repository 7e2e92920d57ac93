// SPDX-License-Identifier: Apache-2.0
// The recycled-content sourcing LP: hand-computed mixes, shared supply between makers, and an
// unmeetable target reported with its shortfall.
#include "plan/sourcing.h"

#include <gtest/gtest.h>

namespace urbanmine::plan {
namespace {

// Two suppliers (near, far), two makers, one element (Co), one year, 20 % required.
SourcingInput two_by_two(double near_supply_t, double far_supply_t) {
  SourcingInput in;
  in.suppliers = {"NEAR", "FAR"};
  in.makers = {"M1", "M2"};
  in.elements = {"Co"};
  in.years = {2031};
  in.supply_t = {{{near_supply_t}}, {{far_supply_t}}};
  in.demand_t = {{{100.0}}, {{50.0}}};
  in.target_fraction = {{0.2}};
  in.cost_usd_per_t = {{10.0, 10.0}, {200.0, 200.0}};
  in.co2_t_per_t = {{{1.0}, {1.0}}, {{0.1}, {0.1}}};
  return in;
}

TEST(Sourcing, CheapestSupplierFirstThenTheNext) {
  // Required 20 + 10 = 30 t; NEAR has 25 t at 10 USD/t, FAR the remaining 5 t at 200 USD/t.
  auto sol = solve_sourcing(two_by_two(25.0, 100.0));
  ASSERT_TRUE(sol) << sol.error().to_string();
  EXPECT_TRUE(sol->all_met);
  EXPECT_NEAR(sol->total_cost_usd, 25.0 * 10.0 + 5.0 * 200.0, 1e-6);
  EXPECT_NEAR(sol->total_shortfall_t, 0.0, 1e-9);
}

TEST(Sourcing, LowestCo2PrefersTheCleanSupplier) {
  SourcingInput in = two_by_two(25.0, 100.0);
  in.objective = SourcingObjective::kMinCo2;
  auto sol = solve_sourcing(in);
  ASSERT_TRUE(sol) << sol.error().to_string();
  EXPECT_NEAR(sol->total_co2_t, 30.0 * 0.1, 1e-9);
}

TEST(Sourcing, SharedSupplyShortfallIsReportedNotAnError) {
  // 12 t for 30 t required: 18 t short across the two makers, and each requirement says so.
  auto sol = solve_sourcing(two_by_two(8.0, 4.0));
  ASSERT_TRUE(sol) << sol.error().to_string();
  EXPECT_FALSE(sol->all_met);
  EXPECT_NEAR(sol->total_shortfall_t, 18.0, 1e-9);
  double supplied = 0.0, shortfall = 0.0;
  for (const auto& q : sol->requirements) {
    supplied += q.supplied_t;
    shortfall += q.shortfall_t;
    EXPECT_NEAR(q.supplied_t + q.shortfall_t, q.required_t, 1e-9);
  }
  EXPECT_NEAR(supplied, 12.0, 1e-9);
  EXPECT_NEAR(shortfall, 18.0, 1e-9);
}

TEST(Sourcing, NoTargetMeansNoRequirement) {
  SourcingInput in = two_by_two(25.0, 100.0);
  in.target_fraction = {{std::nullopt}};
  auto sol = solve_sourcing(in);
  ASSERT_TRUE(sol) << sol.error().to_string();
  EXPECT_TRUE(sol->requirements.empty());
  EXPECT_TRUE(sol->flows.empty());
}

TEST(Sourcing, RejectsAFractionAboveOne) {
  SourcingInput in = two_by_two(25.0, 100.0);
  in.target_fraction = {{1.5}};
  auto sol = solve_sourcing(in);
  ASSERT_FALSE(sol);
  EXPECT_EQ(sol.error().code, core::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace urbanmine::plan
