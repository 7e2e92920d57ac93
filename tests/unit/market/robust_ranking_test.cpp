// SPDX-License-Identifier: Apache-2.0
// Robust ranking blocks: ratio-to-best keeps a narrow band narrow, ties below the resolution,
// constant criteria are detected, Dirichlet rank ranges are reproducible and bracket the
// equal-weight rank; the site-economics criteria move exactly as their formula says when one
// country's electricity price changes, and none is constant across the shipped countries.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "engine/plan.h"
#include "io/files.h"
#include "io/plan_data.h"
#include "io/risk_data.h"
#include "market/robust.h"

#include "test_support.h"

namespace urbanmine::market {
namespace {

using testing::source_path;
using testing::TempDir;

TEST(RobustRanking, RatioToBestDoesNotStretchANarrowBand) {
  // The growth artefact of issue 14: 1.63-1.69 %/yr for every country. Min-max would give
  // 0 and 1; ratio to best gives 0.964 and 1.
  CriterionColumn growth{"growth_fraction_per_year", true, 0.001, {0.0163, 0.0169, 0.0166}};
  auto r = ratio_to_best(growth);
  ASSERT_TRUE(r);
  EXPECT_NEAR(*(*r)[0], 0.0163 / 0.0169, 1e-12);
  EXPECT_DOUBLE_EQ(*(*r)[1], 1.0);
  CriterionColumn cost{"processing_usd_per_t", false, 1.0, {200.0, 400.0, std::nullopt}};
  auto c = ratio_to_best(cost);
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(*(*c)[0], 1.0);
  EXPECT_DOUBLE_EQ(*(*c)[1], 0.5);
  EXPECT_FALSE((*c)[2].has_value());
}

TEST(RobustRanking, TotalsWithinTheResolutionShareARank) {
  const std::vector<std::string> codes{"AAA", "BBB", "CCC"};
  std::vector<CriterionColumn> cols{{"x", true, 0.0, {1.0, 0.995, 0.5}}};
  auto r = robust_rank(codes, cols, {1.0}, 0.01);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)[0].rank, 1);
  EXPECT_EQ((*r)[1].rank, 1);  // 0.995 is within 0.01 of 1.0
  EXPECT_EQ((*r)[2].rank, 3);  // competition ranking: the next rank skips
  auto strict = robust_rank(codes, cols, {1.0}, 0.0);
  ASSERT_TRUE(strict);
  EXPECT_EQ((*strict)[1].rank, 2);
}

TEST(RobustRanking, ConstantCriteriaAreNamed) {
  std::vector<CriterionColumn> cols{{"policy_count", true, 0.0, {30.0, 30.0, 30.0}},
                                    {"growth", true, 0.001, {0.0163, 0.0169, 0.0166}},
                                    {"value_usd", true, 1.0, {10.0, 2000.0, 5.0}}};
  // Growth spreads over 0.06 percentage points, below its 0.1-point resolution: constant too.
  const auto constant = constant_criteria(cols);
  ASSERT_EQ(constant.size(), 2u);
  EXPECT_EQ(constant[0], "policy_count");
  EXPECT_EQ(constant[1], "growth");
}

TEST(RobustRanking, DirichletRangesAreReproducibleAndBracketTheEqualWeightRank) {
  const std::vector<std::string> codes{"AAA", "BBB", "CCC", "DDD"};
  std::vector<CriterionColumn> cols{{"a", true, 0.0, {1.0, 0.2, 0.6, 0.1}},
                                    {"b", true, 0.0, {0.9, 1.0, 0.3, 0.05}},
                                    {"c", false, 0.0, {300.0, 100.0, 150.0, 900.0}}};
  auto r1 = dirichlet_rank_ranges(codes, cols, 500, 7, 0.0);
  auto r2 = dirichlet_rank_ranges(codes, cols, 500, 7, 0.0);
  ASSERT_TRUE(r1);
  ASSERT_TRUE(r2);
  auto equal = robust_rank(codes, cols, {1.0, 1.0, 1.0}, 0.0);
  ASSERT_TRUE(equal);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ((*r1)[i].best, (*r2)[i].best);
    EXPECT_EQ((*r1)[i].p95, (*r2)[i].p95);
    EXPECT_LE((*r1)[i].best, (*r1)[i].p5);
    EXPECT_LE((*r1)[i].p5, (*r1)[i].p95);
    EXPECT_LE((*r1)[i].p95, (*r1)[i].worst);
    for (const auto& e : *equal) {
      if (e.code == codes[i]) {
        EXPECT_LE((*r1)[i].best, e.rank);
        EXPECT_GE((*r1)[i].worst, e.rank);
      }
    }
  }
  // DDD is last on every criterion: last under every weight.
  EXPECT_EQ((*r1)[3].best, 4);
  EXPECT_EQ((*r1)[3].worst, 4);
}

std::vector<std::string> known_iso3() {
  auto codes = io::load_country_codes(source_path("data/country_codes.csv"));
  EXPECT_TRUE(codes.has_value());
  std::vector<std::string> out;
  for (const auto& c : codes->all()) out.push_back(c.iso3);
  return out;
}

TEST(SiteEconomics, ElectricityPriceMovesOnlyThatCountrysPartsByTheFormula) {
  namespace fs = std::filesystem;
  TempDir dir;
  const fs::path copy = dir.path("data");
  fs::create_directories(copy);
  for (const auto& e : fs::directory_iterator(source_path("data"))) {
    if (e.is_regular_file()) fs::copy_file(e.path(), copy / e.path().filename());
  }
  // KOR: 153.7 KRW/kWh -> 203.7 KRW/kWh.
  auto text = io::read_text_file((copy / "plan_sites.csv").string());
  ASSERT_TRUE(text);
  const auto pos = text->find(",153.7,KRW/kWh,");
  ASSERT_NE(pos, std::string::npos);
  text->replace(pos, 15, ",203.7,KRW/kWh,");
  std::ofstream(copy / "plan_sites.csv", std::ios::trunc) << *text;
  auto base = io::load_plan_data(source_path("data"), known_iso3());
  auto changed = io::load_plan_data(copy.string(), known_iso3());
  ASSERT_TRUE(base) << base.error().to_string();
  ASSERT_TRUE(changed) << changed.error().to_string();
  auto a = engine::site_economics(*base, "medium", base->discount_rate);
  auto b = engine::site_economics(*changed, "medium", changed->discount_rate);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  const double usd_per_krw = 0.000733;                     // plan_parameters.csv
  const double kwh_per_t = 34.72;                          // plan_parameters.csv
  const double expected = 50.0 * usd_per_krw * kwh_per_t;  // USD per t of battery
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto& x = (*a)[i];
    const auto& y = (*b)[i];
    const double delta = x.site == "KOR" ? expected : 0.0;
    EXPECT_NEAR(y.electricity_usd_per_t - x.electricity_usd_per_t, delta, 1e-9) << x.site;
    EXPECT_NEAR(y.processing_usd_per_t - x.processing_usd_per_t, delta, 1e-9) << x.site;
    EXPECT_DOUBLE_EQ(y.capital_usd_per_t, x.capital_usd_per_t) << x.site;
    EXPECT_DOUBLE_EQ(y.labour_usd_per_t, x.labour_usd_per_t) << x.site;
    EXPECT_DOUBLE_EQ(y.grid_kg_co2_per_kwh, x.grid_kg_co2_per_kwh) << x.site;
  }
}

TEST(SiteEconomics, NoCriterionIsConstantAcrossTheShippedCountries) {
  auto data = io::load_plan_data(source_path("data"), known_iso3());
  ASSERT_TRUE(data) << data.error().to_string();
  auto econ = engine::site_economics(*data, "medium", data->discount_rate);
  ASSERT_TRUE(econ);
  CriterionColumn cost{"processing_usd_per_t", false, 1.0, {}};
  CriterionColumn grid{"grid_kg_co2_per_kwh", false, 0.001, {}};
  for (const auto& e : *econ) {
    cost.values.push_back(e.processing_usd_per_t);
    grid.values.push_back(e.grid_kg_co2_per_kwh);
  }
  EXPECT_TRUE(constant_criteria({cost, grid}).empty());
}

}  // namespace
}  // namespace urbanmine::market
