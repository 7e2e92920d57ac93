// SPDX-License-Identifier: Apache-2.0
// Plant mass balance: validation case A (EverBatt, 1,000 t of NMC622 cells) per route from
// data/validation_case.csv, stoichiometric products, economics, EU targets and input errors.
#include <cmath>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "io/csv.h"
#include "plant/formula.h"
#include "plant/plant.h"

#include "unit/plant/plant_test_support.h"

namespace urbanmine {
namespace {

using plant::Material;
using plant::Route;
using testing::plant_defaults;

constexpr double kCaseATolerance_t = 0.01;  // validation_case.csv figures are rounded to 0.01 t

plant::PlantBalance run(const plant::Feed& feed, const plant::RouteParams& params) {
  auto b = plant::balance(feed, params, plant_defaults());
  EXPECT_TRUE(b.has_value()) << (b ? "" : b.error().to_string());
  return b ? *b : plant::PlantBalance{};
}

plant::Feed nmc622_cells(double mass_t) {
  auto c = plant::cell_feed(plant_defaults(), "NMC622", mass_t);
  EXPECT_TRUE(c.has_value());
  return plant::Feed{{*c}};
}

TEST(PlantValidationCaseA, ElementContentsAndRecoveredTonnesMatchEveryRoute) {
  auto table = io::CsvTable::read_file(testing::source_path("data/validation_case.csv"));
  ASSERT_TRUE(table.has_value()) << table.error().to_string();
  const plant::Feed feed = nmc622_cells(1000.0);
  std::map<std::string, plant::PlantBalance> by_route;
  for (Route r : plant::kAllRoutes) {
    plant::RouteParams p;
    p.route = r;
    by_route[std::string(plant::route_code(r))] = run(feed, p);
  }
  int inputs = 0;
  int outputs = 0;
  for (std::size_t i = 0; i < table->size(); ++i) {
    auto row = table->row(i);
    if (*row.text("case") != "A_everbatt_massbalance") continue;
    const std::string role = *row.text("role");
    const std::string element = *row.text("element_or_region");
    const double expected = *row.number("value");
    const std::string quantity = *row.text("quantity");
    if (role == "input") {
      auto m = plant::parse_material(element);
      ASSERT_TRUE(m.has_value()) << element;
      EXPECT_NEAR(by_route["hydrometallurgy"].materials[plant::index(*m)].feed_t, expected,
                  kCaseATolerance_t)
          << "content of " << element << " (line " << row.line() << ")";
      ++inputs;
      continue;
    }
    ASSERT_EQ(role, "expected_output");
    const std::string prefix = "recovered via ";
    ASSERT_EQ(quantity.rfind(prefix, 0), 0u) << quantity;
    const plant::PlantBalance& b = by_route.at(quantity.substr(prefix.size()));
    if (auto m = plant::parse_material(element)) {
      EXPECT_NEAR(b.materials[plant::index(*m)].recovered_t, expected, kCaseATolerance_t)
          << quantity << " " << element << " (line " << row.line() << ")";
    } else {
      ASSERT_EQ(element, "NMC622 cathode powder");
      const plant::ProductLine* powder = nullptr;
      for (const auto& p : b.products) {
        if (p.product == "cathode_powder:NMC622") powder = &p;
      }
      ASSERT_NE(powder, nullptr);
      ASSERT_TRUE(powder->product_t.has_value());
      EXPECT_NEAR(*powder->product_t, expected, kCaseATolerance_t);
    }
    ++outputs;
  }
  EXPECT_EQ(inputs, 7);
  EXPECT_EQ(outputs, 22);
}

TEST(PlantFormula, ParsesHydratesFractionsAndDecimals) {
  auto hydrate = plant::parse_formula("NiSO4·6H2O", "test");
  ASSERT_TRUE(hydrate.has_value());
  EXPECT_DOUBLE_EQ(hydrate->at("Ni"), 1.0);
  EXPECT_DOUBLE_EQ(hydrate->at("S"), 1.0);
  EXPECT_DOUBLE_EQ(hydrate->at("O"), 10.0);
  EXPECT_DOUBLE_EQ(hydrate->at("H"), 12.0);
  auto nmc = plant::parse_formula("LiNi1/3Mn1/3Co1/3O2", "test");
  ASSERT_TRUE(nmc.has_value());
  EXPECT_DOUBLE_EQ(nmc->at("Mn"), 1.0 / 3.0);
  auto nca = plant::parse_formula("LiNi0.8Co0.15Al0.05O2", "test");
  ASSERT_TRUE(nca.has_value());
  EXPECT_DOUBLE_EQ(nca->at("Al"), 0.05);
  EXPECT_FALSE(plant::parse_formula("liCoO2", "test").has_value());
  EXPECT_FALSE(plant::parse_formula("", "test").has_value());
  EXPECT_FALSE(plant::molar_mass({{"Xx", 1.0}}, plant_defaults().atomic_weights, "t").has_value());
}

TEST(PlantProducts, CompoundsFollowStoichiometryFromAtomicWeights) {
  const auto& w = plant_defaults().atomic_weights;
  const plant::PlantBalance b = run(nmc622_cells(1000.0), plant::RouteParams{});
  std::map<std::string, double> expected_ratio = {
      {"lithium_carbonate", (2 * w.at("Li") + w.at("C") + 3 * w.at("O")) / (2 * w.at("Li"))},
      {"nickel_sulfate_hexahydrate",
       (w.at("Ni") + w.at("S") + 10 * w.at("O") + 12 * w.at("H")) / w.at("Ni")},
      {"cobalt_sulfate_heptahydrate",
       (w.at("Co") + w.at("S") + 11 * w.at("O") + 14 * w.at("H")) / w.at("Co")},
      {"manganese_sulfate_monohydrate",
       (w.at("Mn") + w.at("S") + 5 * w.at("O") + 2 * w.at("H")) / w.at("Mn")}};
  int found = 0;
  for (const auto& p : b.products) {
    auto it = expected_ratio.find(p.product);
    if (it == expected_ratio.end()) continue;
    ASSERT_TRUE(p.product_t.has_value());
    EXPECT_NEAR(*p.product_t / p.contained_t, it->second, 1e-12) << p.product;
    ++found;
  }
  EXPECT_EQ(found, 4);
}

TEST(PlantDirectRoute, KeepsCathodeMetalsInPowderAndBalancesMass) {
  plant::RouteParams p;
  p.route = Route::kDirect;
  const plant::PlantBalance b = run(nmc622_cells(1000.0), p);
  for (Material m : {Material::kLi, Material::kNi, Material::kCo, Material::kMn}) {
    EXPECT_EQ(b.materials[plant::index(m)].recovered_t, 0.0);
    EXPECT_NEAR(b.materials[plant::index(m)].in_cathode_powder_t,
                0.9 * b.materials[plant::index(m)].feed_t, 1e-9);
  }
  EXPECT_LE(b.max_balance_residual_t(), 1e-9);
}

TEST(PlantEconomics, RevenueUsesOnePriceYearAndMarginNeedsOperatingCost) {
  const plant::PlantBalance b = run(nmc622_cells(1000.0), plant::RouteParams{});
  ASSERT_EQ(b.economics.revenue_by_year.size(), 1u);
  EXPECT_EQ(b.economics.revenue_by_year[0].price_year, 2019);
  // Co: 38.61 t of contained Co at 55,000 USD/t (EverBatt 2019 Table 14).
  for (const auto& p : b.products) {
    if (p.product == "cobalt_sulfate_heptahydrate") {
      ASSERT_TRUE(p.revenue.has_value());
      EXPECT_NEAR(p.revenue->amount, p.contained_t * 55000.0, 1e-6);
    }
  }
  EXPECT_FALSE(b.economics.margin.has_value());
  EXPECT_NE(b.economics.margin_note.find("operating cost"), std::string::npos);

  plant::RouteParams with_opex;
  with_opex.opex_per_t_feed = plant::Price{core::Money{1000.0, "USD", 2019}, "test"};
  const plant::PlantBalance m = run(nmc622_cells(1000.0), with_opex);
  ASSERT_TRUE(m.economics.margin.has_value());
  const double revenue = m.economics.revenue_by_year[0].amount;
  EXPECT_NEAR(m.economics.margin->amount, revenue - 0.0 - 1000.0 * 1000.0, 1e-6);
  ASSERT_TRUE(m.economics.margin_usd_per_kwh.has_value());
  ASSERT_TRUE(m.feed_kwh.has_value());
  EXPECT_NEAR(*m.feed_kwh, 1000.0 * 0.168 / 0.772 * 1000.0, 1e-6);
  EXPECT_NEAR(*m.economics.margin_usd_per_kwh, m.economics.margin->amount / *m.feed_kwh, 1e-9);
}

TEST(PlantEconomics, PricesOfDifferentYearsAreNeverAdded) {
  plant::RouteParams p;
  p.prices["Ni"] = plant::Price{core::Money{16814.0, "USD", 2024}, "user"};
  p.opex_per_t_feed = plant::Price{core::Money{1000.0, "USD", 2019}, "test"};
  const plant::PlantBalance b = run(nmc622_cells(1000.0), p);
  EXPECT_EQ(b.economics.revenue_by_year.size(), 2u);
  EXPECT_FALSE(b.economics.margin.has_value());
  EXPECT_NE(b.economics.margin_note.find("more than one price year"), std::string::npos);
}

TEST(PlantEconomics, PriceYear2020UsesEverBatt2023RowsOnly) {
  plant::RouteParams p;
  p.price_year = 2020;
  const plant::PlantBalance b = run(nmc622_cells(1000.0), p);
  ASSERT_EQ(b.economics.revenue_by_year.size(), 1u);
  EXPECT_EQ(b.economics.revenue_by_year[0].price_year, 2020);
  for (const auto& line : b.products) {
    if (line.product == "cobalt_sulfate_heptahydrate") {
      ASSERT_TRUE(line.revenue.has_value());
      EXPECT_NEAR(line.revenue->amount, line.contained_t * 50354.0, 1e-6);  // EverBatt 2023
    }
    if (line.product == "graphite") {
      EXPECT_FALSE(line.revenue.has_value());  // no 2020 row
    }
  }
  // The battery fee is a 2019 amount: no margin across price years.
  EXPECT_FALSE(b.economics.margin.has_value());
}

TEST(PlantTargets, HydrometallurgyMeets2027ButMissesCopper2031) {
  const plant::PlantBalance b = run(nmc622_cells(1000.0), plant::RouteParams{});
  bool checked = false;
  for (const auto& t : b.targets) {
    if (t.material == Material::kCu && t.year == 2031) {
      EXPECT_FALSE(t.pass);
      EXPECT_NEAR(t.gap, 0.90 - 0.95, 1e-12);
      checked = true;
    }
    if (t.year == 2027) {
      EXPECT_TRUE(t.pass) << plant::material_code(t.material);
    }
  }
  EXPECT_TRUE(checked);
  plant::RouteParams pyro;
  pyro.route = Route::kPyrometallurgy;
  for (const auto& t : run(nmc622_cells(1000.0), pyro).targets) {
    if (t.material == Material::kLi) {
      EXPECT_FALSE(t.pass);
      EXPECT_NEAR(t.gap, -t.target_fraction, 1e-12);
    }
  }
}

TEST(PlantFeeds, PacksUseMaterialIntensityPerKwh) {
  auto c = plant::pack_feed(plant_defaults(), "NMC622", 1.0e6);
  ASSERT_TRUE(c.has_value());
  // material_intensity.csv: NMC622 Ni 0.5463 kg/kWh, steel 0.9543 + stainless 0.3492 kg/kWh.
  EXPECT_NEAR(c->cathode_t[plant::index(Material::kNi)], 546.3, 1e-9);
  EXPECT_NEAR(c->free_t[plant::index(Material::kSteel)], 954.3 + 349.2, 1e-9);
  const plant::PlantBalance b = run(plant::Feed{{*c}}, plant::RouteParams{});
  EXPECT_TRUE(b.process_basis_assumed);
  EXPECT_NEAR(b.materials[plant::index(Material::kSteel)].recovered_t, 0.9 * 1303.5, 1e-9);
}

TEST(PlantErrors, BadInputsNameTheField) {
  plant::RouteParams p;
  p.recovery[plant::index(Material::kLi)] = 1.2;
  auto b = plant::balance(nmc622_cells(10.0), p, plant_defaults());
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(b.error().location, "route.recovery.Li");
  EXPECT_EQ(b.error().message, "1.2 is above 1");

  auto unknown = plant::cell_feed(plant_defaults(), "NMC999", 10.0);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().location, "chemistry");

  auto negative = plant::cell_feed(plant_defaults(), "NMC622", -1.0);
  ASSERT_FALSE(negative.has_value());
  EXPECT_EQ(negative.error().location, "mass_tonnes");

  plant::MaterialTonnes too_much{};
  too_much[plant::index(Material::kNi)] = 0.7;
  too_much[plant::index(Material::kCo)] = 0.7;
  EXPECT_FALSE(plant::black_mass_feed(10.0, too_much, "bm").has_value());
}

}  // namespace
}  // namespace urbanmine
