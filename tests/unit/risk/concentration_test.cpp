// SPDX-License-Identifier: Apache-2.0
// HHI and governance-weighted HHI: the cobalt 2022 reference values from the shipped USGS data
// (4,763 named-share; 4,789 residual-as-producer), hand-computed cases and missing data.
#include "risk/concentration.h"

#include <gtest/gtest.h>

#include "io/risk_data.h"

namespace urbanmine::risk {
namespace {

std::string data_dir() { return std::string(URBANMINE_SOURCE_DIR) + "/data"; }

io::SupplyData shipped_supply() {
  auto codes = io::load_country_codes(data_dir() + "/country_codes.csv");
  EXPECT_TRUE(codes.has_value()) << (codes ? "" : codes.error().to_string());
  auto supply = io::load_supply_data(data_dir(), *codes);
  EXPECT_TRUE(supply.has_value()) << (supply ? "" : supply.error().to_string());
  return *supply;
}

// USGS MCS2024 data release (mcs2024-cobal_world.csv), 2022: 12 named producers sum to
// 190,340 t of a rounded world total of 197,000 t (Other countries 6,600 t).
TEST(Hhi, CobaltMine2022FromShippedUsgsDataIs5415WithNamedShares) {
  const auto supply = shipped_supply();
  auto snap = supply.snapshot("Co", SupplyStage::kMine, 2022);
  ASSERT_TRUE(snap.has_value());
  EXPECT_EQ(snap->producers.size(), 12u);
  ASSERT_TRUE(snap->world_total.has_value());
  EXPECT_DOUBLE_EQ(*snap->world_total, 197000.0);
  auto hhi = compute_hhi(*snap, HhiConvention::kNamedShare);
  ASSERT_TRUE(hhi.has_value());
  EXPECT_NEAR(hhi->hhi, 5414.8, 0.1);
  EXPECT_DOUBLE_EQ(hhi->named_total, 190340.0);
  EXPECT_DOUBLE_EQ(hhi->residual, 6660.0);
  EXPECT_EQ(hhi->contributions.front().iso3, "COD");
  EXPECT_TRUE(hhi->missing_producers.empty());
  EXPECT_NE(hhi->convention_text.find("named-share"), std::string::npos);
}

TEST(Hhi, CobaltMine2022WithResidualAsOneProducerIs5426) {
  const auto supply = shipped_supply();
  auto snap = supply.snapshot("Co", SupplyStage::kMine, 2022);
  ASSERT_TRUE(snap.has_value());
  auto hhi = compute_hhi(*snap, HhiConvention::kResidualAsProducer);
  ASSERT_TRUE(hhi.has_value());
  EXPECT_NEAR(hhi->hhi, 5426.3, 0.1);
  // The residual term is (100 * 6660 / 197000)^2.
  auto named = compute_hhi(*snap, HhiConvention::kNamedShare);
  const double r = 100.0 * 6660.0 / 197000.0;
  EXPECT_NEAR(hhi->hhi - named->hhi, r * r, 1e-9);
}

TEST(Hhi, HandComputedTwoProducers) {
  SupplySnapshot s;
  s.element = "Co";
  s.year = 2030;
  s.unit = "t";
  s.producers = {{"A", "AAA", 50.0, "x"}, {"B", "BBB", 30.0, "x"}};
  s.world_total = 100.0;
  auto named = compute_hhi(s, HhiConvention::kNamedShare);
  ASSERT_TRUE(named.has_value());
  EXPECT_DOUBLE_EQ(named->hhi, 2500.0 + 900.0);
  auto residual = compute_hhi(s, HhiConvention::kResidualAsProducer);
  EXPECT_DOUBLE_EQ(residual->hhi, 2500.0 + 900.0 + 400.0);
  EXPECT_DOUBLE_EQ(residual->residual_share_fraction, 0.2);
}

TEST(Hhi, WorldTotalBelowNamedSumUsesTheNamedSum) {
  SupplySnapshot s;
  s.producers = {{"A", "AAA", 60.0, ""}, {"B", "BBB", 60.0, ""}};
  s.world_total = 100.0;  // rounded below the sum, as for lithium 2023
  auto h = compute_hhi(s, HhiConvention::kResidualAsProducer);
  ASSERT_TRUE(h.has_value());
  EXPECT_DOUBLE_EQ(h->denominator, 120.0);
  EXPECT_DOUBLE_EQ(h->hhi, 5000.0);
  EXPECT_NE(h->denominator_basis.find("sum of named"), std::string::npos);
}

TEST(Hhi, BlankProducerIsReportedMissingNotCounted) {
  SupplySnapshot s;
  s.producers = {{"A", "AAA", 50.0, ""}, {"B", "BBB", std::nullopt, ""}};
  s.world_total = 100.0;
  auto h = compute_hhi(s, HhiConvention::kNamedShare);
  ASSERT_TRUE(h.has_value());
  EXPECT_DOUBLE_EQ(h->hhi, 2500.0);
  ASSERT_EQ(h->missing_producers.size(), 1u);
  EXPECT_EQ(h->missing_producers[0], "B");
}

TEST(Hhi, NoFiguresIsNotFoundAndNegativeIsInvalid) {
  SupplySnapshot s;
  s.producers = {{"A", "AAA", std::nullopt, ""}};
  auto h = compute_hhi(s, HhiConvention::kNamedShare);
  ASSERT_FALSE(h.has_value());
  EXPECT_EQ(h.error().code, core::ErrorCode::kNotFound);
  s.producers = {{"A", "AAA", -1.0, ""}};
  auto n = compute_hhi(s, HhiConvention::kNamedShare);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code, core::ErrorCode::kInvalidInput);
}

// Every HHI of the shipped mine data counts every producer USGS lists, except where USGS
// withholds the figure (W): then the withheld country is named.
TEST(Hhi, ShippedMineDataHasNoMissingProducerExceptWithheldUsLithium) {
  const auto supply = shipped_supply();
  for (const std::string element : {"Li", "Ni", "Co", "Mn", "graphite"}) {
    const auto years = supply.years(element, SupplyStage::kMine);
    ASSERT_EQ(years, (std::vector<int>{2022, 2023, 2024, 2025})) << element;
    for (const int year : years) {
      auto snap = supply.snapshot(element, SupplyStage::kMine, year);
      ASSERT_TRUE(snap.has_value());
      ASSERT_TRUE(snap->world_total.has_value()) << element << " " << year;
      auto h = compute_hhi(*snap, HhiConvention::kNamedShare);
      ASSERT_TRUE(h.has_value());
      if (element == "Li") {
        ASSERT_EQ(h->missing_producers.size(), 1u) << year;
        EXPECT_EQ(h->missing_producers[0], "United States (withheld by the publisher: W)");
      } else {
        EXPECT_TRUE(h->missing_producers.empty()) << element << " " << year;
      }
    }
  }
}

TEST(GovernanceWeightedHhi, HandComputed) {
  SupplySnapshot s;
  s.producers = {{"A", "AAA", 50.0, ""}, {"B", "BBB", 30.0, ""}};
  s.world_total = 100.0;
  auto h = compute_hhi(s, HhiConvention::kNamedShare);
  std::map<std::string, GovernanceScore> wgi{{"AAA", {8.0, "w"}}, {"BBB", {2.0, "w"}}};
  const auto w = governance_weighted_hhi(*h, wgi);
  ASSERT_TRUE(w.value.has_value());
  EXPECT_DOUBLE_EQ(*w.value, 0.25 * 8.0 + 0.09 * 2.0);
}

TEST(GovernanceWeightedHhi, MissingScoreMakesItMissingWithTheCountryNamed) {
  SupplySnapshot s;
  s.producers = {{"A", "AAA", 50.0, ""}, {"New Caledonia", "NCL", 30.0, ""}};
  s.world_total = 100.0;
  auto h = compute_hhi(s, HhiConvention::kNamedShare);
  std::map<std::string, GovernanceScore> wgi{{"AAA", {8.0, "w"}}, {"NCL", {std::nullopt, "w"}}};
  const auto w = governance_weighted_hhi(*h, wgi);
  EXPECT_FALSE(w.value.has_value());
  ASSERT_EQ(w.missing.size(), 1u);
  EXPECT_NE(w.missing[0].find("New Caledonia"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::risk
