// SPDX-License-Identifier: Apache-2.0
// Properties of the country ranking over seeded random instances (the seed is printed on
// failure): raising one weight never lowers the rank of the country that leads on that
// criterion; each score's parts sum to its total; the ranking does not depend on input order.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "market/ranking.h"

namespace urbanmine::market {
namespace {

constexpr unsigned kSeed = 20261126;
constexpr int kInstances = 300;

std::vector<CountryCriteria> random_instance(std::mt19937& rng) {
  std::uniform_int_distribution<int> n_dist(2, 12);
  std::uniform_real_distribution<double> value(-100.0, 100.0);
  std::uniform_int_distribution<int> small(0, 4);  // small integers make ties likely
  std::bernoulli_distribution missing(0.1);
  std::bernoulli_distribution integer(0.3);
  const int n = n_dist(rng);
  std::vector<CountryCriteria> out;
  for (int i = 0; i < n; ++i) {
    CountryCriteria c;
    c.code = std::string(1, static_cast<char>('A' + i)) + "XX";
    for (auto& raw : c.raw) {
      if (missing(rng)) continue;
      raw = integer(rng) ? static_cast<double>(small(rng)) : value(rng);
    }
    out.push_back(std::move(c));
  }
  return out;
}

Weights random_weights(std::mt19937& rng) {
  std::uniform_real_distribution<double> w(0.0, 1.0);
  Weights out;
  for (auto& v : out.values) v = w(rng);
  out.values[0] += 0.01;  // at least one positive
  return out;
}

int rank_of(const Ranking& r, const std::string& code) {
  for (const auto& c : r.countries) {
    if (c.code == code) return c.rank;
  }
  return -1;
}

// The leader on criterion k: the highest raw value, ties by code (as the ranking breaks them).
std::optional<std::string> leader(const std::vector<CountryCriteria>& cs, std::size_t k) {
  std::optional<std::string> best;
  double best_value = 0.0;
  for (const auto& c : cs) {
    if (!c.raw[k]) continue;
    if (!best || *c.raw[k] > best_value || (*c.raw[k] == best_value && c.code < *best)) {
      best = c.code;
      best_value = *c.raw[k];
    }
  }
  return best;
}

TEST(MarketRankingProperty, RaisingAWeightNeverLowersTheRankOfThatCriterionsLeader) {
  std::mt19937 rng(kSeed);
  for (int i = 0; i < kInstances; ++i) {
    const auto cs = random_instance(rng);
    const Weights w = random_weights(rng);
    auto base = rank_countries(cs, w);
    ASSERT_TRUE(base.has_value());
    for (std::size_t k = 0; k < kCriterionCount; ++k) {
      const auto lead = leader(cs, k);
      if (!lead) continue;
      for (const double factor : {1.2, 2.0, 10.0}) {
        Weights raised = w;
        raised.values[k] = raised.values[k] * factor + 0.05;
        auto after = rank_countries(cs, raised);
        ASSERT_TRUE(after.has_value());
        EXPECT_LE(rank_of(*after, *lead), rank_of(*base, *lead))
            << "seed " << kSeed << " instance " << i << " criterion " << k << " factor " << factor;
      }
    }
  }
}

TEST(MarketRankingProperty, PartsSumToTotalAndOrderDoesNotMatter) {
  std::mt19937 rng(kSeed + 1);
  for (int i = 0; i < kInstances; ++i) {
    auto cs = random_instance(rng);
    const Weights w = random_weights(rng);
    auto a = rank_countries(cs, w);
    ASSERT_TRUE(a.has_value());
    for (const auto& c : a->countries) {
      double sum = 0.0;
      for (const auto& p : c.parts) sum += p.value_or(0.0);
      EXPECT_EQ(sum, c.total) << "seed " << kSeed + 1 << " instance " << i;
    }
    std::shuffle(cs.begin(), cs.end(), rng);
    auto b = rank_countries(cs, w);
    ASSERT_EQ(a->countries.size(), b->countries.size());
    for (std::size_t j = 0; j < a->countries.size(); ++j) {
      EXPECT_EQ(a->countries[j].code, b->countries[j].code)
          << "seed " << kSeed + 1 << " instance " << i;
    }
  }
}

}  // namespace
}  // namespace urbanmine::market
