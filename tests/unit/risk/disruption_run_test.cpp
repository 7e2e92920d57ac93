// SPDX-License-Identifier: Apache-2.0
// The disruption record tables on the baseline run: present for every battery element and both
// stages where shares exist, 2035 included, recycling never lowers coverage, and the
// recycling_buys table adds up.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "engine/cooperation.h"
#include "engine/run.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

std::size_t col(const RecordTable& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(DisruptionRecords, BaselineRunGetsBothTablesWith2035) {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto run = run_scenario_file(testing::source_path("examples/global.toml"), o);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  CooperationOptions co;
  co.data_dir = o.data_dir;
  auto data = load_cooperation_data(co);
  ASSERT_TRUE(data.has_value()) << data.error().to_string();
  ASSERT_TRUE(add_disruption_records(*run, *data).has_value());
  ASSERT_TRUE(add_disruption_records(*run, *data).has_value());  // replaces, never duplicates
  const RecordTable* dis = run->find_records(kRecordsSupplyDisruption);
  const RecordTable* buys = run->find_records(kRecordsRecyclingBuys);
  ASSERT_NE(dis, nullptr);
  ASSERT_NE(buys, nullptr);
  ASSERT_EQ(dis->rows.size(), buys->rows.size());
  std::set<std::string> seen_2035;
  for (std::size_t i = 0; i < dis->rows.size(); ++i) {
    const auto& r = dis->rows[i];
    const auto& b = buys->rows[i];
    const double without = r[col(*dis, "coverage_without_recycling_fraction")].number;
    const double with = r[col(*dis, "coverage_with_recycling_fraction")].number;
    EXPECT_GE(with, without - 1e-12);
    EXPECT_NEAR(b[col(*buys, "gap_without_recycling_tonnes")].number,
                b[col(*buys, "gap_closed_by_recycling_tonnes")].number +
                    b[col(*buys, "gap_with_recycling_tonnes")].number,
                1e-6);
    if (r[col(*dis, "year")].number == 2035.0) {
      seen_2035.insert(r[col(*dis, "element")].text + "/" + r[col(*dis, "stage")].text);
    }
  }
  // Refining shares exist for Li, Co and graphite (IEA); nickel's are blank in the source. Copper
  // has USGS mine production (refinery production is not yet loaded as a stage).
  EXPECT_EQ(seen_2035,
            (std::set<std::string>{"Co/mine", "Co/refining", "Cu/mine", "Li/mine", "Li/refining",
                                   "Mn/mine", "Ni/mine", "graphite/mine", "graphite/refining"}));
  const auto n = std::count_if(run->records.begin(), run->records.end(),
                               [](const auto& t) { return t.name == kRecordsSupplyDisruption; });
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace urbanmine::engine
