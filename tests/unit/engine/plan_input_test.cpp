// SPDX-License-Identifier: Apache-2.0
// The siting MILP's feedstock comes from the run: with trade, only what no existing capacity can
// legally take (feedstock_stranded_t), not everything beyond home capacity.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "engine/plan.h"
#include "engine/run.h"
#include "io/plan_data.h"
#include "io/risk_data.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

TEST(PlanInput, FeedstockIsWhatTradeLeavesStranded) {
  RunOptions options;
  options.data_dir = testing::source_path("data");
  auto run = run_scenario_file("", options);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  auto codes = io::load_country_codes(testing::source_path("data/country_codes.csv"));
  ASSERT_TRUE(codes.has_value());
  std::vector<std::string> iso3;
  for (const auto& c : codes->all()) iso3.push_back(c.iso3);
  auto data = io::load_plan_data(testing::source_path("data"), iso3);
  ASSERT_TRUE(data.has_value()) << data.error().to_string();
  PlanRequest request;
  request.data_dir = testing::source_path("data");
  request.first_year = 2030;
  request.last_year = 2045;
  std::vector<std::string> assumptions;
  auto in = build_plan_input(*run, *data, request, &assumptions);
  ASSERT_TRUE(in.has_value()) << in.error().to_string();
  const auto r = static_cast<std::size_t>(std::find(in->regions.begin(), in->regions.end(), "USA") -
                                          in->regions.begin());
  ASSERT_LT(r, in->regions.size());
  const std::size_t t = 2035 - 2030;
  auto at = [&](const char* table) {
    const auto v = run->find(table)->values.get({{"region", "USA"}, {"year", "2035"}});
    return v ? *v : -1.0;
  };
  // The US ships its 2035 surplus to Europe's and China's spare capacity: nothing is left for a
  // new plant.
  ASSERT_GT(at("feedstock_surplus_t"), 1e5);
  EXPECT_DOUBLE_EQ(in->feedstock_t[r][t], at("feedstock_stranded_t"));
  EXPECT_LT(in->feedstock_t[r][t], at("feedstock_surplus_t"));
  EXPECT_TRUE(std::any_of(assumptions.begin(), assumptions.end(), [](const std::string& a) {
    return a.find("feedstock_stranded_t") != std::string::npos;
  }));
}

}  // namespace
}  // namespace urbanmine::engine
