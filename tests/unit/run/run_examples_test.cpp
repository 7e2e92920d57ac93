// SPDX-License-Identifier: Apache-2.0
// The shipped example scenarios run and move the results the way their description
// says compared with the baseline (examples/*.toml).
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"

#include "model/run_model.h"
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

// World total of a [region, element, year] (or longer) table for one element and year.
double world(const RunResults& r, std::string_view table, const std::string& element, int year) {
  auto by_year = r.find(table)->values.slice("year", std::to_string(year));
  auto by_element = by_year->slice("element", element);
  return by_element->total();
}

double world_kwh(const RunResults& r, std::string_view table, int year) {
  return r.find(table)->values.slice("year", std::to_string(year))->total();
}

class Examples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { baseline_ = new RunResults(run_example("global")); }
  static void TearDownTestSuite() { delete baseline_; }
  static RunResults* baseline_;
};
RunResults* Examples::baseline_ = nullptr;

TEST_F(Examples, FastLfpCutsNickelAndCobaltDemandButNotLithiumMuch) {
  const RunResults lfp = run_example("fast_lfp");
  for (const char* el : {"Ni", "Co"}) {
    EXPECT_LT(world(lfp, kTableMaterialDemandT, el, 2040),
              0.6 * world(*baseline_, kTableMaterialDemandT, el, 2040))
        << el;
  }
  EXPECT_NEAR(world(lfp, kTableMaterialDemandT, "Li", 2040) /
                  world(*baseline_, kTableMaterialDemandT, "Li", 2040),
              1.0, 0.15);
  // History is untouched.
  EXPECT_DOUBLE_EQ(world_kwh(lfp, kTableBatteryInflowKwh, 2023),
                   world_kwh(*baseline_, kTableBatteryInflowKwh, 2023));
}

TEST_F(Examples, EuCircularSendsFewerPacksToSecondLifeAndLeaksOutsideEurope) {
  const RunResults eu = run_example("eu_circular");
  EXPECT_NEAR(world_kwh(eu, kTableSecondLifeInflowKwh, 2040) /
                  world_kwh(*baseline_, kTableSecondLifeInflowKwh, 2040),
              0.3 / 0.5, 1e-9);
  auto lost = eu.find(kTableLostOrExportedT)->values.slice("year", "2040");
  EXPECT_EQ(lost->slice("region", "DEU")->total(), 0.0);
  EXPECT_GT(lost->slice("region", "USA")->total(), 0.0);
  EXPECT_EQ(world(*baseline_, kTableLostOrExportedT, "Li", 2040), 0.0);
}

TEST_F(Examples, LongLifeDelaysEndOfLife) {
  const RunResults longer = run_example("long_life");
  EXPECT_LT(world(longer, kTableEndOfLifeT, "Li", 2040),
            0.7 * world(*baseline_, kTableEndOfLifeT, "Li", 2040));
  EXPECT_GT(world_kwh(longer, kTableInUseStockKwh, 2040),
            world_kwh(*baseline_, kTableInUseStockKwh, 2040));
}

}  // namespace
}  // namespace urbanmine::engine
