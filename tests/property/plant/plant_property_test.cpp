// SPDX-License-Identifier: Apache-2.0
// Seeded random feeds and route settings: no output exceeds its input per material, no negative
// flow, mass balance per material within 1e-9 relative, and the balance is linear in the feed.
// Each failure prints its seed.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/tolerance.h"
#include "plant/plant.h"

#include "unit/plant/plant_test_support.h"

namespace urbanmine {
namespace {

using testing::plant_defaults;

constexpr int kCases = 400;
constexpr unsigned kBaseSeed = 20261126;

plant::Feed random_feed(std::mt19937_64& rng) {
  const auto& d = plant_defaults();
  std::uniform_real_distribution<double> mass(0.0, 5000.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> kind(0, 3);
  std::uniform_int_distribution<std::size_t> pick(0, d.chemistries.size() - 1);
  plant::Feed feed;
  const int n = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < n; ++k) {
    const auto& chem = d.chemistries[pick(rng)];
    switch (kind(rng)) {
      case 0:
        if (chem.cell_free_fraction) {
          feed.components.push_back(*plant::cell_feed(d, chem.code, mass(rng)));
          break;
        }
        [[fallthrough]];
      case 1:
        if (chem.pack_t_per_kwh) {
          feed.components.push_back(*plant::pack_feed(d, chem.code, mass(rng) * 1000.0));
          break;
        }
        [[fallthrough]];
      case 2: {
        plant::MaterialTonnes f{};
        double left = 1.0;
        for (auto& v : f) {
          v = left * unit(rng) * 0.3;
          left -= v;
        }
        feed.components.push_back(*plant::black_mass_feed(mass(rng), f, "bm"));
        break;
      }
      default: {
        plant::MaterialTonnes t{};
        for (auto& v : t) v = unit(rng) < 0.5 ? mass(rng) / 10.0 : 0.0;
        feed.components.push_back(*plant::element_feed(t, "elements"));
      }
    }
  }
  return feed;
}

plant::RouteParams random_route(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  plant::RouteParams p;
  p.route = plant::kAllRoutes[rng() % plant::kRouteCount];
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    if (unit(rng) < 0.3) p.recovery[i] = unit(rng);
    if (unit(rng) < 0.3) p.pretreatment_yield[i] = unit(rng);
  }
  if (unit(rng) < 0.3) p.cathode_recovery = unit(rng);
  return p;
}

TEST(PlantProperty, OutputNeverExceedsFeedNoNegativeFlowAndMassBalances) {
  for (int k = 0; k < kCases; ++k) {
    const unsigned seed = kBaseSeed + static_cast<unsigned>(k);
    std::mt19937_64 rng(seed);
    const plant::Feed feed = random_feed(rng);
    const plant::RouteParams params = random_route(rng);
    auto b = plant::balance(feed, params, plant_defaults());
    ASSERT_TRUE(b.has_value()) << "seed " << seed << ": " << b.error().to_string();
    for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
      const auto& f = b->materials[i];
      const std::string where = "seed " + std::to_string(seed) + " material " +
                                std::string(plant::material_code(plant::material_at(i)));
      for (double v : {f.feed_t, f.pretreatment_loss_t, f.to_route_t, f.recovered_t,
                       f.in_cathode_powder_t, f.residue_t}) {
        EXPECT_GE(v, 0.0) << where;
      }
      EXPECT_LE(f.recovered_t + f.in_cathode_powder_t,
                f.feed_t * (1.0 + core::kMassBalanceTolerance.rel))
          << where;
      const double out =
          f.pretreatment_loss_t + f.recovered_t + f.in_cathode_powder_t + f.residue_t;
      EXPECT_TRUE(core::approx_equal(out, f.feed_t, core::kMassBalanceTolerance))
          << where << ": in " << f.feed_t << " out " << out;
    }
    for (const auto& p : b->products) {
      EXPECT_GE(p.contained_t, 0.0) << "seed " << seed;
      if (p.product_t) {
        EXPECT_GE(*p.product_t, p.contained_t * (1.0 - 1e-12)) << "seed " << seed;
      }
    }
    for (const auto& in : b->inputs) EXPECT_GE(in.amount, 0.0) << "seed " << seed;
  }
}

TEST(PlantProperty, BalanceIsLinearInTheFeed) {
  constexpr double kScale = 3.7;
  for (int k = 0; k < kCases / 4; ++k) {
    const unsigned seed = kBaseSeed + 100000u + static_cast<unsigned>(k);
    std::mt19937_64 rng(seed);
    const plant::Feed feed = random_feed(rng);
    const plant::RouteParams params = random_route(rng);
    plant::Feed scaled = feed;
    for (auto& c : scaled.components) {
      c.mass_t *= kScale;
      for (auto& v : c.free_t) v *= kScale;
      for (auto& v : c.cathode_t) v *= kScale;
    }
    auto a = plant::balance(feed, params, plant_defaults());
    auto b = plant::balance(scaled, params, plant_defaults());
    ASSERT_TRUE(a.has_value() && b.has_value()) << "seed " << seed;
    for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
      EXPECT_TRUE(core::approx_equal(b->materials[i].recovered_t,
                                     kScale * a->materials[i].recovered_t,
                                     core::kMassBalanceTolerance))
          << "seed " << seed;
    }
    EXPECT_TRUE(core::approx_equal(b->co2.avoided_t, kScale * a->co2.avoided_t,
                                   core::kMassBalanceTolerance))
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace urbanmine
