// SPDX-License-Identifier: Apache-2.0
// chain::plant_run_tables: the per-region, per-year tables a run adds from the plant model agree
// with single balances, and every material balances.
#include <gtest/gtest.h>

#include "engine/run_results.h"

#include "chain/plant_step.h"
#include "unit/plant/plant_test_support.h"

namespace urbanmine {
namespace {

using plant::Material;

plant::MaterialTonnes case_a_elements(double scale) {
  plant::MaterialTonnes t{};
  t[plant::index(Material::kLi)] = 23.2 * scale;
  t[plant::index(Material::kNi)] = 117.72 * scale;
  t[plant::index(Material::kCo)] = 39.4 * scale;
  t[plant::index(Material::kMn)] = 36.73 * scale;
  t[plant::index(Material::kCu)] = 161.0 * scale;
  return t;
}

TEST(PlantRunTables, RegionYearTablesMatchSingleBalances) {
  const auto& d = testing::plant_defaults();
  std::vector<chain::RecyclingInput> inputs = {
      {"KOR", 2030, plant::Route::kHydrometallurgy, case_a_elements(1.0), {}, {}, {}},
      {"KOR", 2031, plant::Route::kHydrometallurgy, case_a_elements(2.0), {}, {}, {}},
      {"DEU", 2030, plant::Route::kPyrometallurgy, case_a_elements(0.5), {}, {}, {}},
      {"DEU", 2030, plant::Route::kHydrometallurgy, case_a_elements(0.5), {}, {}, {}},
  };
  // Packs by chemistry add to the element feed of a region-year.
  inputs.push_back({"DEU", 2031, plant::Route::kHydrometallurgy, {}, {{"NMC811", 1.0e6}}, {}, {}});
  auto out = chain::plant_run_tables(inputs, d);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  ASSERT_EQ(out->tables.size(), 4u);
  EXPECT_EQ(out->tables[0].name, engine::kTableRecyclingProductsT);
  for (const auto& check : out->balance) EXPECT_TRUE(check.ok) << check.region << check.element;

  plant::RouteParams hydro;
  auto single =
      plant::balance(plant::Feed{{*plant::element_feed(case_a_elements(2.0), "x")}}, hydro, d);
  ASSERT_TRUE(single.has_value());
  double ni_sulfate = 0.0;
  for (const auto& p : single->products) {
    if (p.product == "nickel_sulfate_hexahydrate") ni_sulfate = *p.product_t;
  }
  auto got = out->tables[0].values.get(
      {{"region", "KOR"}, {"product", "nickel_sulfate_hexahydrate"}, {"year", "2031"}});
  ASSERT_TRUE(got.has_value());
  EXPECT_NEAR(*got, ni_sulfate, 1e-9);
  auto revenue = out->tables[1].values.get({{"region", "KOR"}, {"year", "2031"}});
  ASSERT_TRUE(revenue.has_value());
  EXPECT_NEAR(*revenue, single->economics.revenue_by_year.at(0).amount, 1e-6);

  // DEU 2030: pyro and hydro halves add up; pyro recovers no Li, so Li2CO3 comes from hydro only.
  auto li = out->tables[0].values.get(
      {{"region", "DEU"}, {"product", "lithium_carbonate"}, {"year", "2030"}});
  ASSERT_TRUE(li.has_value());
  double li_half = 0.0;
  auto half =
      plant::balance(plant::Feed{{*plant::element_feed(case_a_elements(0.5), "x")}}, hydro, d);
  for (const auto& p : half->products) {
    if (p.product == "lithium_carbonate") li_half = *p.product_t;
  }
  EXPECT_NEAR(*li, li_half, 1e-9);
  EXPECT_FALSE(out->assumptions.empty());
  auto packs = plant::balance(plant::Feed{{*plant::pack_feed(d, "NMC811", 1.0e6)}}, hydro, d);
  ASSERT_TRUE(packs.has_value());
  auto avoided = out->tables[2].values.get({{"region", "DEU"}, {"year", "2031"}});
  ASSERT_TRUE(avoided.has_value());
  EXPECT_NEAR(*avoided, packs->co2.avoided_t, 1e-9 * packs->co2.avoided_t);
}

}  // namespace
}  // namespace urbanmine
