// SPDX-License-Identifier: Apache-2.0
// The siting MILP against brute-force enumeration on small cases, its bookkeeping, and its
// input checks.
#include "plan/plan.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace urbanmine::plan {
namespace {

// Two origins, two sites, two sizes, `years` years; numbers chosen so that the choice is not
// obvious (the cheap site is far from the big origin).
PlanInput small_case(int years, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  PlanInput in;
  in.regions = {"AAA", "BBB"};
  for (int y = 0; y < years; ++y) in.years.push_back(2030 + y);
  in.feedstock_t.assign(2, std::vector<double>(years));
  in.revenue_usd_per_t.assign(2, std::vector<double>(years));
  for (int r = 0; r < 2; ++r) {
    for (int y = 0; y < years; ++y) {
      in.feedstock_t[r][y] = 2000.0 + 8000.0 * u(rng);
      in.revenue_usd_per_t[r][y] = 900.0 + 600.0 * u(rng);
    }
  }
  in.sites = {Site{"S1", "AAA", 1.0, 300.0 + 200.0 * u(rng), 60000.0, 0.4},
              Site{"S2", "BBB", 0.6 + 0.3 * u(rng), 200.0 + 200.0 * u(rng), 8000.0, 0.7}};
  in.modules = {Module{"small", 5000.0, 8.0e6, 20.0, 5}, Module{"large", 12000.0, 15.0e6, 35.0, 5}};
  in.distance_km = {{0.0, 3000.0 + 6000.0 * u(rng)}, {3000.0 + 6000.0 * u(rng), 0.0}};
  in.transport_usd_per_tkm = 0.02;
  in.transport_kg_co2_per_tkm = 0.0022;
  in.discount_rate = 0.08;
  in.lead_years = 1;
  in.relative_gap = 1e-6;
  return in;
}

TEST(PlanMilp, MatchesBruteForceOnSmallCasesForNpv) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    PlanInput in = small_case(3, seed);  // 2 sites x 2 sizes x 2 build years = 8 integers
    auto milp = solve_plan(in);
    ASSERT_TRUE(milp) << milp.error().to_string();
    auto brute = solve_plan_brute_force(in);
    ASSERT_TRUE(brute) << brute.error().to_string();
    EXPECT_NEAR(milp->objective, brute->objective,
                1e-6 * std::max(1.0, std::abs(brute->objective)));
    EXPECT_TRUE(milp->proven_optimal);
  }
}

TEST(PlanMilp, MatchesBruteForceOnSmallCasesForMinCostWithTwoBuildsPerYear) {
  for (unsigned seed = 11; seed <= 14; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    PlanInput in = small_case(seed <= 12 ? 3 : 2, seed);
    in.objective = Objective::kMinCost;
    in.max_builds_per_site_year = seed <= 12 ? 1 : 2;  // 2^8 or 3^4 combinations
    auto milp = solve_plan(in);
    ASSERT_TRUE(milp) << milp.error().to_string();
    auto brute = solve_plan_brute_force(in);
    ASSERT_TRUE(brute) << brute.error().to_string();
    EXPECT_NEAR(milp->objective, brute->objective,
                1e-6 * std::max(1.0, std::abs(brute->objective)));
    // Every servable tonne is processed: only the first year (before service) is left.
    double first_year = in.feedstock_t[0][0] + in.feedstock_t[1][0];
    EXPECT_NEAR(milp->unprocessed_t, first_year, 1e-6);
  }
}

TEST(PlanMilp, MatchesBruteForceUnderACo2Price) {
  PlanInput in = small_case(3, 21);
  in.co2_price_usd_per_t = 400.0;
  auto milp = solve_plan(in);
  ASSERT_TRUE(milp) << milp.error().to_string();
  auto brute = solve_plan_brute_force(in);
  ASSERT_TRUE(brute) << brute.error().to_string();
  EXPECT_NEAR(milp->objective, brute->objective, 1e-6 * std::max(1.0, std::abs(brute->objective)));
}

TEST(PlanMilp, FlowsNeverExceedCapacityOrFeedstock) {
  PlanInput in = small_case(4, 5);
  auto sol = solve_plan(in);
  ASSERT_TRUE(sol) << sol.error().to_string();
  for (const auto& sy : sol->site_years) {
    EXPECT_LE(sy.processed_t, sy.capacity_t + 1e-6);
    EXPECT_GE(sy.utilisation_fraction, 0.0);
    EXPECT_LE(sy.utilisation_fraction, 1.0 + 1e-9);
  }
  double fed = 0.0;
  for (const auto& row : in.feedstock_t) {
    for (double v : row) fed += v;
  }
  EXPECT_NEAR(sol->processed_t + sol->unprocessed_t, fed, 1e-6 * fed);
  EXPECT_NEAR(sol->npv_usd, sol->discounted_revenue_usd - sol->discounted_cost_usd, 1e-6);
}

TEST(PlanMilp, NpvOfOneModuleIsTheHandComputedValue) {
  // One origin, one site, one size, two years, lead 1: build in year 0, serve year 1.
  PlanInput in;
  in.regions = {"AAA"};
  in.years = {2030, 2031};
  in.feedstock_t = {{1000.0, 1000.0}};
  in.revenue_usd_per_t = {{2000.0, 2000.0}};
  in.sites = {Site{"S", "AAA", 1.0, 500.0, 10000.0, 0.5}};
  in.modules = {Module{"m", 1500.0, 1.0e6, 10.0, 1}};
  in.distance_km = {{100.0}};
  in.transport_usd_per_tkm = 0.1;
  in.transport_kg_co2_per_tkm = 0.01;
  in.discount_rate = 0.1;
  auto sol = solve_plan(in);
  ASSERT_TRUE(sol) << sol.error().to_string();
  ASSERT_EQ(sol->builds.size(), 1u);
  EXPECT_EQ(sol->builds[0].first_service_year, 2031);
  // Annuity of 1e6 over 1 year at 10 % is 1.1e6; labour 10 x 1e4; margin per t 2000-500-10.
  const double df = 1.0 / 1.1;
  const double expected = df * (1000.0 * (2000.0 - 500.0 - 10.0) - 1.1e6 - 1.0e5);
  EXPECT_NEAR(sol->npv_usd, expected, 1e-6);
  EXPECT_NEAR(sol->co2_t, 1000.0 * (0.5 + 100.0 * 0.01 / 1000.0), 1e-9);
  EXPECT_NEAR(sol->unprocessed_t, 1000.0, 1e-9);  // year 0, before service
}

TEST(PlanMilp, LegalBlockKeepsFeedstockAway) {
  PlanInput in = small_case(3, 3);
  in.allowed.assign(2, std::vector<std::vector<char>>(2, std::vector<char>(3, 1)));
  for (int t = 0; t < 3; ++t) in.allowed[0][1][t] = 0;  // AAA may not ship to S2
  auto sol = solve_plan(in);
  ASSERT_TRUE(sol) << sol.error().to_string();
  for (const auto& f : sol->flows) EXPECT_FALSE(f.region == "AAA" && f.site == "S2");
}

TEST(PlanMilp, ParetoFrontTradesCostForCo2) {
  PlanInput in = small_case(3, 7);
  in.objective = Objective::kMinCost;
  in.max_builds_per_site_year = 2;
  auto front = pareto_front(in, 4);
  ASSERT_TRUE(front) << front.error().to_string();
  ASSERT_EQ(front->size(), 4u);
  for (std::size_t i = 1; i < front->size(); ++i) {
    EXPECT_LE((*front)[i].solution.co2_t, (*front)[i - 1].solution.co2_t + 1e-6);
    EXPECT_GE((*front)[i].solution.discounted_cost_usd,
              (*front)[i - 1].solution.discounted_cost_usd - 1e-3);
  }
}

TEST(PlanMilp, RejectsBadInputNamingTheField) {
  PlanInput in = small_case(2, 1);
  in.discount_rate = 1.0;
  in.modules[0].capex_usd = -1.0;
  auto sol = solve_plan(in);
  ASSERT_FALSE(sol);
  EXPECT_EQ(sol.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(sol.error().message.find("discount_rate"), std::string::npos);
  EXPECT_NE(sol.error().message.find("capex_usd"), std::string::npos);
}

TEST(PlanMilp, AnnuityFactorIsTheCapitalRecoveryFactor) {
  EXPECT_NEAR(annuity_factor(0.1, 10), 0.1 * std::pow(1.1, 10) / (std::pow(1.1, 10) - 1.0), 1e-15);
  EXPECT_DOUBLE_EQ(annuity_factor(0.0, 4), 0.25);
}

}  // namespace
}  // namespace urbanmine::plan
