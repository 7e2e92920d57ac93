// SPDX-License-Identifier: Apache-2.0
// Property tests of the cohort stock model with random inflows, stocks and lifetimes (all five
// families, cohort-varying or not, age offsets 0, 0.5 and random): survival within [0, 1] and
// non-increasing with age; inflow-driven mass balance to 1e-9 and no negative flows; in
// stock-driven mode the stock equals the prescribed stock; batch results equal single-series
// results bit for bit, serial or parallel. Seeded loops: each trial prints its seed; rerun one
// with URBANMINE_PROPERTY_SEED=<seed> (and URBANMINE_PROPERTY_TRIALS to change the count).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/tolerance.h"
#include "mfa/batch.h"
#include "mfa/dsm.h"

namespace urbanmine::mfa {
namespace {

constexpr std::uint64_t kDefaultFirstSeed = 20261126;
constexpr int kDefaultTrials = 200;

struct SeedPlan {
  std::uint64_t first = kDefaultFirstSeed;
  int trials = kDefaultTrials;
};

SeedPlan seed_plan() {
  SeedPlan plan;
  if (const char* s = std::getenv("URBANMINE_PROPERTY_SEED")) {
    plan.first = std::strtoull(s, nullptr, 10);
    plan.trials = 1;
  }
  if (const char* n = std::getenv("URBANMINE_PROPERTY_TRIALS")) plan.trials = std::atoi(n);
  return plan;
}

// Runs `body(rng, seed)` once per seed, printing the seed so that a failure can be replayed.
template <class Body>
void for_each_seed(const char* property, const Body& body) {
  const SeedPlan plan = seed_plan();
  for (int i = 0; i < plan.trials; ++i) {
    const std::uint64_t seed = plan.first + static_cast<std::uint64_t>(i);
    std::mt19937_64 rng(seed);
    SCOPED_TRACE(std::string(property) + " seed " + std::to_string(seed) +
                 " (replay: URBANMINE_PROPERTY_SEED=" + std::to_string(seed) + ")");
    body(rng, seed);
    if (::testing::Test::HasFailure()) {
      std::cout << property << ": failed with seed " << seed << "\n";
      return;
    }
  }
  std::cout << property << ": " << plan.trials << " trials from seed " << plan.first << " passed\n";
}

double uniform(std::mt19937_64& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}

std::size_t pick(std::mt19937_64& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

// One cohort's random parameters. With `holdable`, the first-year survival S[m][m] is > 0 (so a
// prescribed stock can always be held): no Normal/FoldedNormal mean 0, Fixed mean > offset.
LifetimeParams random_params(std::mt19937_64& rng, LifetimeType type, double age_offset,
                             bool holdable) {
  LifetimeParams p;
  p.type = type;
  switch (type) {
    case LifetimeType::kFixed:
      // Fractional means, sometimes below one year.
      p.mean = uniform(rng, holdable ? age_offset + 0.25 : 0.0, 25.0);
      if (!holdable && pick(rng, 10) == 0) p.mean = 0.0;
      break;
    case LifetimeType::kNormal:
    case LifetimeType::kFoldedNormal:
      p.mean = uniform(rng, 0.5, 25.0);
      p.std = uniform(rng, 0.3, 10.0);
      if (!holdable && pick(rng, 10) == 0) p.mean = 0.0;
      break;
    case LifetimeType::kLogNormal:
      p.mean = uniform(rng, 1.0, 25.0);
      p.std = uniform(rng, 0.5, 15.0);
      p.lognormal = pick(rng, 2) == 0 ? LogNormalParameterisation::kOdym
                                      : LogNormalParameterisation::kMoments;
      break;
    case LifetimeType::kWeibull:
      p.shape = uniform(rng, 0.5, 6.0);
      p.scale = uniform(rng, 1.0, 25.0);
      break;
    case LifetimeType::kLogistic:
      p.mean = uniform(rng, 1.0, 25.0);
      p.std = uniform(rng, 0.5, 10.0);
      break;
  }
  return p;
}

struct RandomProfile {
  std::vector<LifetimeParams> cohorts;
  double age_offset = 0.0;
};

RandomProfile random_profile(std::mt19937_64& rng, std::size_t years, bool holdable) {
  RandomProfile profile;
  const double offsets[] = {0.0, 0.5, uniform(rng, 0.0, 1.0)};
  profile.age_offset = offsets[pick(rng, 3)];
  const auto type = static_cast<LifetimeType>(pick(rng, 5));
  const bool cohort_varying = pick(rng, 2) == 0;
  const LifetimeParams shared = random_params(rng, type, profile.age_offset, holdable);
  for (std::size_t c = 0; c < years; ++c) {
    profile.cohorts.push_back(
        cohort_varying ? random_params(rng, type, profile.age_offset, holdable) : shared);
  }
  return profile;
}

// Non-negative series with zero years, jumps and a random shape.
std::vector<double> random_series(std::mt19937_64& rng, std::size_t years) {
  std::vector<double> v(years);
  const double level = std::pow(10.0, uniform(rng, -2.0, 6.0));
  double x = uniform(rng, 0.0, 1.0) * level;
  for (auto& value : v) {
    x = std::max(0.0, x + uniform(rng, -0.4, 0.5) * level);
    value = pick(rng, 8) == 0 ? 0.0 : x;
  }
  return v;
}

std::size_t random_years(std::mt19937_64& rng) { return 1 + pick(rng, 90); }

TEST(DsmProperty, SurvivalIsWithinZeroAndOneAndNeverIncreasesWithAge) {
  for_each_seed("survival", [](std::mt19937_64& rng, std::uint64_t) {
    const std::size_t years = random_years(rng);
    const auto profile = random_profile(rng, years, false);
    const auto sm = make_survival_matrix(profile.cohorts, profile.age_offset);
    for (std::size_t c = 0; c < years; ++c) {
      for (std::size_t t = 0; t < years; ++t) {
        const double s = sm(t, c);
        if (t < c) {
          ASSERT_EQ(s, 0.0) << "above the diagonal at " << t << "," << c;
          continue;
        }
        ASSERT_GE(s, 0.0) << t << "," << c;
        ASSERT_LE(s, 1.0) << t << "," << c;
        if (t > c) {
          ASSERT_LE(s, sm(t - 1, c)) << "survival increases at " << t << "," << c;
        }
      }
    }
  });
}

TEST(DsmProperty, InflowDrivenBalancesMassAndHasNoNegativeFlows) {
  for_each_seed("inflow-driven", [](std::mt19937_64& rng, std::uint64_t) {
    const std::size_t years = random_years(rng);
    const auto profile = random_profile(rng, years, false);
    const auto inflow = random_series(rng, years);
    const auto sm = make_survival_matrix(profile.cohorts, profile.age_offset);
    const auto r = solve_inflow_driven(sm, inflow);
    double scale = 0.0;
    for (std::size_t t = 0; t < years; ++t) {
      scale = std::max({scale, r.stock[t], r.inflow[t], r.outflow[t]});
    }
    for (std::size_t t = 0; t < years; ++t) {
      const double change = t == 0 ? r.stock[0] : r.stock[t] - r.stock[t - 1];
      ASSERT_LE(std::fabs(r.inflow[t] - r.outflow[t] - change), 1e-9 * std::max(scale, 1.0))
          << "year " << t;
      ASSERT_GE(r.outflow[t], 0.0) << "year " << t;
      ASSERT_GE(r.stock[t], 0.0) << "year " << t;
      for (std::size_t c = 0; c <= t; ++c) {
        ASSERT_GE(r.outflow_by_cohort[t * years + c], 0.0) << t << "," << c;
        ASSERT_GE(r.stock_by_cohort[t * years + c], 0.0) << t << "," << c;
      }
    }
    EXPECT_TRUE(check_mass_balance(r).ok);
  });
}

TEST(DsmProperty, StockDrivenHoldsThePrescribedStockWithAndWithoutCorrection) {
  for_each_seed("stock-driven", [](std::mt19937_64& rng, std::uint64_t) {
    const std::size_t years = random_years(rng);
    const auto profile = random_profile(rng, years, true);
    // Random stocks often fall faster than the stock can retire: negative inflows, and with
    // the correction, early retirement.
    const auto stock = random_series(rng, years);
    const auto sm = make_survival_matrix(profile.cohorts, profile.age_offset);
    double scale = 1.0;
    for (double v : stock) scale = std::max(scale, v);
    for (bool correct : {false, true}) {
      SCOPED_TRACE(correct ? "with correction" : "without correction");
      const auto r = solve_stock_driven(sm, stock, correct);
      for (std::size_t t = 0; t < years; ++t) {
        ASSERT_LE(std::fabs(r.stock[t] - stock[t]), 1e-9 * scale) << "year " << t;
        if (correct) {
          ASSERT_GE(r.inflow[t], 0.0) << "year " << t;
        }
      }
      EXPECT_TRUE(r.stock_shortfall_years.empty());
      const auto mb = check_mass_balance(r);
      EXPECT_TRUE(mb.ok) << "residual " << mb.max_abs_residual << " scale " << mb.scale;
    }
  });
}

// A batch of random series over a few shared random profiles, solved by the batch API (serial
// and forced parallel) and one by one; every number must be identical.
TEST(DsmProperty, BatchEqualsSingleSeriesExactlySerialAndParallel) {
  for_each_seed("batch", [](std::mt19937_64& rng, std::uint64_t) {
    const std::size_t years = random_years(rng);
    const bool stock_driven = pick(rng, 2) == 0;
    const bool correct = pick(rng, 2) == 0;
    LifetimeTable table(years);
    std::vector<RandomProfile> profiles;
    std::vector<LifetimeId> ids;
    const std::size_t profile_count = 1 + pick(rng, 4);
    for (std::size_t i = 0; i < profile_count; ++i) {
      profiles.push_back(random_profile(rng, years, stock_driven));
      auto id = table.add(profiles.back().cohorts, profiles.back().age_offset);
      ASSERT_TRUE(id.has_value()) << id.error().to_string();
      ids.push_back(*id);
    }
    const std::size_t n = 1 + pick(rng, 40);
    std::vector<std::vector<double>> values;
    std::vector<std::size_t> which;
    for (std::size_t k = 0; k < n; ++k) {
      values.push_back(random_series(rng, years));
      which.push_back(pick(rng, profile_count));
    }
    BatchOptions options;
    options.stock_by_cohort = true;
    options.outflow_by_cohort = true;
    options.negative_inflow_correction = correct;
    for (bool parallel : {false, true}) {
      SCOPED_TRACE(parallel ? "parallel" : "serial");
      options.parallel = parallel;
      options.min_parallel_cells = parallel ? 0 : options.min_parallel_cells;
      core::Result<BatchResult> batch = BatchResult{};
      if (stock_driven) {
        std::vector<StockSeries> series;
        for (std::size_t k = 0; k < n; ++k) series.push_back({ids[which[k]], values[k]});
        batch = solve_stock_driven_batch(table, series, options);
      } else {
        std::vector<InflowSeries> series;
        for (std::size_t k = 0; k < n; ++k) series.push_back({ids[which[k]], values[k]});
        batch = solve_inflow_driven_batch(table, series, options);
      }
      ASSERT_TRUE(batch.has_value()) << batch.error().to_string();
      for (std::size_t k = 0; k < n; ++k) {
        const auto& profile = profiles[which[k]];
        const auto sm = make_survival_matrix(profile.cohorts, profile.age_offset);
        const auto single = stock_driven ? solve_stock_driven(sm, values[k], correct)
                                         : solve_inflow_driven(sm, values[k]);
        auto same = [&](std::span<const double> got, const std::vector<double>& want,
                        const char* what) {
          ASSERT_EQ(got.size(), want.size()) << what;
          for (std::size_t i = 0; i < want.size(); ++i) {
            // Bitwise: EXPECT_EQ on doubles is exact.
            ASSERT_EQ(got[i], want[i]) << what << " series " << k << " index " << i;
          }
        };
        same(batch->stock(k), single.stock, "stock");
        same(batch->outflow(k), single.outflow, "outflow");
        same(batch->inflow(k), single.inflow, "inflow");
        same(batch->stock_by_cohort(k), single.stock_by_cohort, "stock_by_cohort");
        same(batch->outflow_by_cohort(k), single.outflow_by_cohort, "outflow_by_cohort");
        if (stock_driven) {
          for (std::size_t t = 0; t < years; ++t) {
            const bool flagged = batch->corrected_values[k * years + t] != 0;
            const bool listed =
                std::find(single.negative_inflow_years.begin(), single.negative_inflow_years.end(),
                          t) != single.negative_inflow_years.end();
            ASSERT_EQ(flagged, listed) << "series " << k << " year " << t;
          }
        }
      }
    }
  });
}

}  // namespace
}  // namespace urbanmine::mfa
