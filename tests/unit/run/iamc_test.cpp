// SPDX-License-Identifier: Apache-2.0
// Runs as one IAMC-format table (report/iamc.h): the layout pyam reads, unique keys, and values
// equal to the run's own tables summed by hand (a model region, an aggregate, a segment).
#include "report/iamc.h"

#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "io/csv.h"

#include "results/registry.h"
#include "test_support.h"

namespace urbanmine::engine {
namespace {

RunResults run_example(const std::string& name) {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto r = run_scenario_file(testing::source_path("examples/" + name + ".toml"), o);
  EXPECT_TRUE(r.has_value()) << name << ": " << (r ? "" : r.error().to_string());
  if (!r) return RunResults{};
  return std::move(*r);
}

double cell(const RunResults& r, std::string_view table,
            const std::vector<std::pair<std::string, std::string>>& fixed) {
  core::DimArray a = r.find(table)->values;
  for (const auto& [dim, item] : fixed) a = *a.slice(dim, item);
  return a.total();
}

TEST(Iamc, TwoScenariosInOneTableThatPyamReads) {
  const RunResults base = run_example("global");
  const RunResults eu = run_example("eu_circular");
  auto csv = report::iamc_csv({&base, &eu});
  ASSERT_TRUE(csv.has_value()) << csv.error().to_string();
  auto parsed = io::CsvTable::parse(*csv, "iamc.csv");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  const auto& header = parsed->header();
  ASSERT_GE(header.size(), 6u);
  EXPECT_EQ(std::vector<std::string>(header.begin(), header.begin() + 5),
            (std::vector<std::string>{"Model", "Scenario", "Region", "Variable", "Unit"}));
  EXPECT_EQ(header[5], "2010");
  EXPECT_EQ(header.back(), "2050");
  std::set<std::string> keys;
  std::map<std::string, std::size_t> by_key;
  std::set<std::string> scenarios;
  for (std::size_t i = 0; i < parsed->size(); ++i) {
    const auto row = parsed->row(i);
    const std::string key = *row.text("Scenario") + "/" + *row.text("Region") + "/" +
                            *row.text("Variable") + "/" + *row.text("Unit");
    EXPECT_TRUE(keys.insert(key).second) << "duplicate " << key;
    by_key[key] = i;
    scenarios.insert(*row.text("Scenario"));
    EXPECT_EQ(row.text("Model")->rfind("urbanmine ", 0), 0u);
  }
  EXPECT_EQ(scenarios, (std::set<std::string>{"global baseline", "EU circular"}));
  auto value = [&](const std::string& key, const char* year) {
    const auto it = by_key.find(key);
    EXPECT_NE(it, by_key.end()) << key;
    return it == by_key.end() ? -1.0 : *parsed->row(it->second).number(year);
  };
  // A model region and element.
  const double chn = cell(base, results::kTableMaterialDemandT,
                          {{"region", "CHN"}, {"element", "Li"}, {"year", "2030"}});
  EXPECT_NEAR(value("global baseline/CHN/Material Demand|Batteries|Lithium/t", "2030"), chn,
              1e-9 * chn);
  // An aggregate, summed over routes.
  double eu27 = 0.0;
  for (const char* r : {"CZE", "DEU", "FRA", "HUN", "POL", "SWE", "EU27_OTHER"}) {
    eu27 +=
        cell(eu, results::kTableRecoveredT, {{"region", r}, {"element", "Li"}, {"year", "2040"}});
  }
  EXPECT_NEAR(value("EU circular/EU27/Recycling|Recovered Metal|Lithium/t", "2040"), eu27,
              1e-9 * eu27);
  // The world total of vehicle sales, and one segment.
  const double world = cell(base, results::kTableSalesVehicles, {{"year", "2024"}});
  EXPECT_NEAR(value("global baseline/WORLD/Sales|Electric Vehicles/vehicles", "2024"), world,
              1e-9 * world);
  const double kor_bus = cell(base, results::kTableSalesVehicles,
                              {{"region", "KOR"}, {"segment", "bus"}, {"year", "2024"}});
  EXPECT_NEAR(value("global baseline/KOR/Sales|Electric Vehicles|bus/vehicles", "2024"), kor_bus,
              1e-9 * kor_bus + 1e-9);
  // Revenue carries its price year; fractions are left out.
  EXPECT_GT(value("global baseline/WORLD/Recycling|Revenue/US$2019", "2040"), 0.0);
  for (const auto& k : keys) {
    EXPECT_EQ(k.find("secondary_supply_share"), std::string::npos) << k;
    EXPECT_EQ(k.find("feedstock_shipments"), std::string::npos) << k;  // bilateral: left out
  }
}

}  // namespace
}  // namespace urbanmine::engine
