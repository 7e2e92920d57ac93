// SPDX-License-Identifier: Apache-2.0
// The shipped baseline run recycles through the plant model: it adds the products, revenue and
// CO2e tables per region and year, one balance check per region, year, route and material, and
// its recovered metal is the plant model's (Li2CO3 and NiSO4·6H2O follow from it).
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "engine/run_results.h"

#include "test_support.h"
#include "unit/plant/plant_test_support.h"

namespace urbanmine::engine {
namespace {

const RunResults& baseline() {
  static const RunResults results = [] {
    RunOptions o;
    o.data_dir = testing::source_path("data");
    auto r = run_scenario_file(testing::source_path("examples/global.toml"), o);
    if (!r) {
      ADD_FAILURE() << r.error().to_string();
      return RunResults{};
    }
    return std::move(*r);
  }();
  return results;
}

TEST(PlantInRun, BaselineAddsPlantTablesAndBalances) {
  const RunResults& res = baseline();
  for (auto name : {kTableRecyclingProductsT, kTableRecyclingRevenueUsd,
                    kTableRecyclingCo2eAvoidedT, kTableRecyclingCo2eEmittedT}) {
    EXPECT_NE(res.find(name), nullptr) << name;
  }
  int checks = 0;
  for (const auto& b : res.balance) {
    if (b.process != "recycling_plant") continue;
    EXPECT_TRUE(b.ok) << b.region << " " << b.year << " " << b.element;
    ++checks;
  }
  EXPECT_GT(checks, 0);
}

TEST(PlantInRun, ProductsFollowFromTheRecoveredMetal) {
  const RunResults& res = baseline();
  const ResultTable* products = res.find(kTableRecyclingProductsT);
  const ResultTable* recovered = res.find(kTableRecoveredT);
  ASSERT_NE(products, nullptr);
  ASSERT_NE(recovered, nullptr);
  const auto& w = testing::plant_defaults().atomic_weights;
  const double li2co3_per_li = (2 * w.at("Li") + w.at("C") + 3 * w.at("O")) / (2 * w.at("Li"));
  const double nisulfate_per_ni =
      (w.at("Ni") + w.at("S") + 10 * w.at("O") + 12 * w.at("H")) / w.at("Ni");
  int compared = 0;
  for (const auto& region : products->values.dims()[0].items()) {
    for (const auto& year : products->values.dims()[2].items()) {
      auto by_route = [&](const std::string& element) {
        double t = 0.0;
        for (const auto& route : {"pyrometallurgy", "hydrometallurgy", "direct"}) {
          auto v = recovered->values.get(
              {{"region", region}, {"element", element}, {"route", route}, {"year", year}});
          if (v) t += *v;
        }
        return t;
      };
      auto li = products->values.get(
          {{"region", region}, {"product", "lithium_carbonate"}, {"year", year}});
      auto ni = products->values.get(
          {{"region", region}, {"product", "nickel_sulfate_hexahydrate"}, {"year", year}});
      if (!li || !ni || *li <= 0.0) continue;
      // Baseline routes are all hydrometallurgy (recycling_capacity_assumptions.csv).
      EXPECT_NEAR(*li, by_route("Li") * li2co3_per_li, 1e-9 * *li) << region << " " << year;
      EXPECT_NEAR(*ni, by_route("Ni") * nisulfate_per_ni, 1e-9 * *ni) << region << " " << year;
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
  const ResultTable* revenue = res.find(kTableRecyclingRevenueUsd);
  ASSERT_NE(revenue, nullptr);
  EXPECT_GT(revenue->values.total(), 0.0);
  EXPECT_NE(revenue->description.find("2019"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::engine
