// SPDX-License-Identifier: Apache-2.0
// Country ranking: a hand-computed case, parts summing to totals, ties by code, missing
// criteria, bad weights, and the +/-20% sensitivity view.
#include "market/ranking.h"

#include <gtest/gtest.h>

namespace urbanmine::market {
namespace {

CountryCriteria country(std::string code, std::optional<double> f, std::optional<double> p,
                        std::optional<double> r, std::optional<double> g) {
  CountryCriteria c;
  c.code = std::move(code);
  c.raw = {f, p, r, g};
  return c;
}

TEST(MarketRanking, HandComputedThreeCountries) {
  // Raw: feedstock 0/50/100, policy 10/0/5, risk 1/1/1 (does not discriminate), growth 0.1/0.2/0.
  const std::vector<CountryCriteria> cs{country("AAA", 0.0, 10.0, 1.0, 0.1),
                                        country("BBB", 50.0, 0.0, 1.0, 0.2),
                                        country("CCC", 100.0, 5.0, 1.0, 0.0)};
  Weights w;
  w.values = {2.0, 1.0, 1.0, 0.0};  // scaled to 0.5, 0.25, 0.25, 0
  auto r = rank_countries(cs, w);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  // AAA: 0.5*0 + 0.25*1 + 0.25*0 + 0 = 0.25; BBB: 0.5*0.5 + 0 = 0.25; CCC: 0.5*1 + 0.25*0.5 = 0.625
  ASSERT_EQ(r->countries.size(), 3u);
  EXPECT_EQ(r->countries[0].code, "CCC");
  EXPECT_DOUBLE_EQ(r->countries[0].total, 0.625);
  // AAA and BBB tie at 0.25: broken by code.
  EXPECT_EQ(r->countries[1].code, "AAA");
  EXPECT_EQ(r->countries[2].code, "BBB");
  EXPECT_DOUBLE_EQ(r->countries[1].total, r->countries[2].total);
  EXPECT_DOUBLE_EQ(r->weights_used[Criterion::kFeedstock], 0.5);
  EXPECT_DOUBLE_EQ(*r->countries[0].normalised[static_cast<std::size_t>(Criterion::kPolicy)], 0.5);
  EXPECT_DOUBLE_EQ(*r->countries[0].normalised[static_cast<std::size_t>(Criterion::kRisk)], 0.0);
}

TEST(MarketRanking, PartsSumExactlyToTheTotal) {
  const std::vector<CountryCriteria> cs{country("KOR", 12.5, 3.0, 0.9, 0.17),
                                        country("DEU", -400.0, 19.0, 1.0, 0.08),
                                        country("CHN", -9000.0, 8.0, 0.4, 0.21)};
  Weights w;
  w.values = {0.37, 0.11, 0.29, 0.23};
  auto r = rank_countries(cs, w);
  for (const auto& c : r->countries) {
    double sum = 0.0;
    for (const auto& p : c.parts) sum += p.value_or(0.0);
    EXPECT_EQ(sum, c.total) << c.code;
  }
}

TEST(MarketRanking, MissingCriterionAddsNoPartAndIsListed) {
  const std::vector<CountryCriteria> cs{country("AAA", 1.0, std::nullopt, 1.0, 1.0),
                                        country("BBB", 0.0, 1.0, 0.0, 0.0)};
  auto r = rank_countries(cs, Weights{});
  const auto& a = r->countries[0].code == "AAA" ? r->countries[0] : r->countries[1];
  EXPECT_FALSE(a.parts[static_cast<std::size_t>(Criterion::kPolicy)].has_value());
  ASSERT_EQ(a.missing.size(), 1u);
  EXPECT_EQ(a.missing[0], "policy");
  EXPECT_DOUBLE_EQ(a.total, 0.75);
}

TEST(MarketRanking, BadWeightsAndDuplicatesAreInvalidInput) {
  Weights negative;
  negative.values = {0.5, -0.1, 0.3, 0.3};
  auto r = rank_countries({country("AAA", 1.0, 1.0, 1.0, 1.0)}, negative);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().location, "weights.policy");
  Weights zero;
  zero.values = {0.0, 0.0, 0.0, 0.0};
  EXPECT_FALSE(rank_countries({country("AAA", 1.0, 1.0, 1.0, 1.0)}, zero).has_value());
  EXPECT_FALSE(
      rank_countries({country("AAA", 1.0, 1.0, 1.0, 1.0), country("AAA", 2.0, 1.0, 1.0, 1.0)},
                     Weights{})
          .has_value());
}

TEST(MarketRanking, SensitivityShowsRanksUnderPlusMinusTwentyPercent) {
  // AAA leads on feedstock, BBB on policy; with equal weights on just these two they tie at
  // 0.5 (AAA first by code); +20 % on policy puts BBB first, -20 % keeps AAA first.
  const std::vector<CountryCriteria> cs{country("AAA", 1.0, 0.0, 0.0, 0.0),
                                        country("BBB", 0.0, 1.0, 0.0, 0.0)};
  Weights w;
  w.values = {0.5, 0.5, 0.0, 0.0};
  auto s = rank_sensitivity(cs, w);
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->size(), 2u);
  const auto& a = (*s)[0];
  EXPECT_EQ(a.code, "AAA");
  EXPECT_EQ(a.base_rank, 1);
  EXPECT_EQ(a.rank_plus[static_cast<std::size_t>(Criterion::kPolicy)], 2);
  EXPECT_EQ(a.rank_minus[static_cast<std::size_t>(Criterion::kPolicy)], 1);
  EXPECT_EQ(a.best_rank, 1);
  EXPECT_EQ(a.worst_rank, 2);
}

}  // namespace
}  // namespace urbanmine::market
