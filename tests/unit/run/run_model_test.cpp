// SPDX-License-Identifier: Apache-2.0
// Scenario resolution (defaults, paths, scopes) and
// the SHA-256 used for the run hash, each against hand-computed values (the vehicle-pack rule and
// the recycling step are tested in tests/unit/fleet and tests/unit/chain).
#include "model/run_model.h"

#include <cmath>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"
#include "io/sha256.h"

#include "model/scenario.h"
#include "test_support.h"

namespace urbanmine::engine {

using model::ModelInputs;
using model::resolve_scenario;
namespace {

// Scenario resolution on the shipped data.
class Resolve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    core::Diagnostics diags;
    data_ = new io::RunData(io::load_run_data(testing::source_path("data"), diags));
    ASSERT_FALSE(diags.has_errors()) << diags.to_error().to_string();
  }
  static void TearDownTestSuite() { delete data_; }

  ModelInputs resolve(const std::string& toml) {
    core::Diagnostics diags;
    io::ScenarioSpec spec = io::parse_scenario_toml(toml, "t.toml", diags);
    ModelInputs in = resolve_scenario(spec, *data_, diags);
    EXPECT_FALSE(diags.has_errors()) << diags.to_error().to_string();
    return in;
  }
  static std::size_t index(const std::vector<std::string>& v, const std::string& x) {
    return static_cast<std::size_t>(std::find(v.begin(), v.end(), x) - v.begin());
  }
  static io::RunData* data_;
};
io::RunData* Resolve::data_ = nullptr;

TEST_F(Resolve, ChemistryTargetIsReachedLinearlyFromTheLastDataYear) {
  const ModelInputs in = resolve(
      "[[chemistry_share]]\nregion = \"all\"\nyear = 2034\nshares = { LFP = 0.8, NMC811 = 0.2 "
      "}\n");
  const std::size_t lfp = index(in.chemistries, "LFP");
  const std::size_t chn = index(in.regions, "CHN");
  for (const char* segment : {"car_bev", "bus"}) {
    const std::size_t s = index(in.segments, segment);
    const auto at = [&](int year) { return in.chemistry_share[chn][s][year - in.first_year][lfp]; };
    EXPECT_NEAR(at(2034), 0.8, 1e-12) << segment;
    EXPECT_NEAR(at(2050), 0.8, 1e-12) << segment;
    EXPECT_NEAR(at(2029), 0.5 * (at(2024) + 0.8), 1e-12) << segment;
  }
  for (std::size_t r = 0; r < in.regions.size(); ++r) {
    for (const auto& segment : in.chemistry_share[r]) {
      for (const auto& year : segment) {
        double sum = 0.0;
        for (double s : year) sum += s;
        EXPECT_NEAR(sum, 1.0, 1e-12);
      }
    }
  }
}

// IEA GEVO 2025 (data/chemistry_segment_share.csv): 95 % of Chinese buses, trucks and vans are
// LFP; 70 % of buses and trucks elsewhere are high-nickel. Cars keep the light-duty mix, and
// inside each group the light-duty ratios hold.
TEST_F(Resolve, SegmentRulesGiveChineseBusesLfpAndOtherTrucksHighNickel) {
  const ModelInputs in = resolve("");
  const std::size_t lfp = index(in.chemistries, "LFP");
  const std::size_t n811 = index(in.chemistries, "NMC811");
  const std::size_t n622 = index(in.chemistries, "NMC622");
  const std::size_t chn = index(in.regions, "CHN");
  const std::size_t usa = index(in.regions, "USA");
  const std::size_t kor = index(in.regions, "KOR");
  const auto share = [&](std::size_t r, const char* seg, int year, std::size_t k) {
    return in.chemistry_share[r][index(in.segments, seg)][year - in.first_year][k];
  };
  for (int year : {2016, 2024, 2040}) {
    for (const char* seg : {"bus", "truck", "van"}) {
      EXPECT_NEAR(share(chn, seg, year, lfp), 0.95, 1e-12) << seg << " " << year;
    }
    EXPECT_LT(share(chn, "car_bev", year, lfp), 0.9) << year;
    for (std::size_t r : {usa, kor}) {
      for (const char* seg : {"bus", "truck"}) {
        double high_nickel = 0.0;
        for (const char* c : {"NMC622", "NMC721", "NMC811", "NCA", "NMCA89:4:4:3"}) {
          high_nickel += share(r, seg, year, index(in.chemistries, c));
        }
        EXPECT_NEAR(high_nickel, 0.7, 1e-12) << in.regions[r] << " " << seg << " " << year;
        // Inside the group the light-duty ratio holds.
        if (share(r, "car_bev", year, n622) > 0.0) {
          EXPECT_NEAR(share(r, seg, year, n811) / share(r, seg, year, n622),
                      share(r, "car_bev", year, n811) / share(r, "car_bev", year, n622), 1e-9);
        }
      }
      // Vans outside China keep the light-duty mix (no IEA statement for them).
      EXPECT_NEAR(share(r, "van", year, lfp), share(r, "car_bev", year, lfp), 1e-12);
    }
  }
}

// IEA STEPS pack path (data/battery_demand_steps.csv): in 2030 the new-vehicle battery demand of
// each IEA region and mode (sales x pack size, no replacements) equals IEA's figure; sizes move
// linearly from the 2024 data and hold after. projection = "hold" keeps the 2024 sizes.
TEST_F(Resolve, PackSizesMeetIeaStepsBatteryDemandIn2030) {
  const ModelInputs in = resolve("");
  const ModelInputs hold = resolve("[pack_size_path]\nprojection = \"hold\"\n");
  const auto t = [&](int year) { return static_cast<std::size_t>(year - in.first_year); };
  const auto gwh = [&](const std::vector<std::string>& regions,
                       const std::vector<std::string>& segments, int year) {
    double kwh = 0.0;
    for (const auto& r : regions) {
      for (const auto& s : segments) {
        const std::size_t ri = index(in.regions, r), si = index(in.segments, s);
        kwh += in.sales_vehicles[ri][si][t(year)] * in.pack_kwh[ri][si][t(year)];
      }
    }
    return kwh / 1e6;
  };
  EXPECT_NEAR(gwh({"CHN"}, {"car_bev", "car_phev"}, 2030), 1200.0, 1e-6);
  EXPECT_NEAR(gwh({"USA"}, {"truck"}, 2030), 19.0, 1e-6);
  EXPECT_NEAR(gwh({"CZE", "DEU", "FRA", "HUN", "POL", "SWE", "EU27_OTHER", "GBR", "EUROPE_OTHER"},
                  {"bus"}, 2030),
              14.0, 1e-6);
  EXPECT_NEAR(gwh({"AUS", "CAN", "JPN", "KOR", "ROW"}, {"two_three_wheeler"}, 2030), 27.0, 1e-6);
  const std::size_t chn = index(in.regions, "CHN"), bus = index(in.segments, "bus");
  const auto& p = in.pack_kwh[chn][bus];
  EXPECT_DOUBLE_EQ(p[t(2024)], hold.pack_kwh[chn][bus][t(2024)]);
  EXPECT_NEAR(p[t(2027)], 0.5 * (p[t(2024)] + p[t(2030)]), 1e-9);
  EXPECT_DOUBLE_EQ(p[t(2045)], p[t(2030)]);
  EXPECT_DOUBLE_EQ(hold.pack_kwh[chn][bus][t(2045)], hold.pack_kwh[chn][bus][t(2024)]);
  EXPECT_GT(p[t(2030)], 1.5 * p[t(2024)]);  // IEA's Chinese buses carry bigger packs
  // A scenario point overrides the path.
  const ModelInputs point = resolve(
      "[[pack_size]]\nregion = \"CHN\"\nsegment = \"bus\"\nyear = 2030\nkwh_per_vehicle = "
      "250\n");
  EXPECT_DOUBLE_EQ(point.pack_kwh[chn][bus][t(2030)], 250.0);
}

TEST_F(Resolve, ScenarioChemistryPointForOneSegmentLeavesTheOthers) {
  const ModelInputs base = resolve("");
  const ModelInputs in = resolve(
      "[[chemistry_share]]\nregion = \"CHN\"\nsegment = \"bus\"\nyear = 2030\n"
      "shares = { LFP = 0.5, NMC811 = 0.5 }\n");
  const std::size_t lfp = index(in.chemistries, "LFP");
  const std::size_t chn = index(in.regions, "CHN");
  const std::size_t bus = index(in.segments, "bus");
  const std::size_t truck = index(in.segments, "truck");
  const std::size_t t2040 = static_cast<std::size_t>(2040 - in.first_year);
  EXPECT_NEAR(in.chemistry_share[chn][bus][t2040][lfp], 0.5, 1e-12);
  EXPECT_EQ(in.chemistry_share[chn][truck], base.chemistry_share[chn][truck]);
  EXPECT_EQ(in.chemistry_share[index(in.regions, "USA")],
            base.chemistry_share[index(in.regions, "USA")]);
}

TEST_F(Resolve, SalesTargetIsInterpolatedFromTheLastHistoryYearThenGrowthApplies) {
  const ModelInputs in = resolve(
      "[[sales.target]]\nregion = \"KOR\"\nsegment = \"car_bev\"\nyear = 2033\nsales_vehicles = "
      "220000\n[[sales.growth]]\nregion = \"KOR\"\nfrom_year = 2034\nto_year = 2050\n"
      "growth_rate_per_year = 0.02\n");
  const std::size_t kor = index(in.regions, "KOR");
  const auto& s = in.sales_vehicles[kor][index(in.segments, "car_bev")];
  const auto at = [&](int year) { return s[static_cast<std::size_t>(year - in.first_year)]; };
  EXPECT_DOUBLE_EQ(at(2023), 120000.0);  // IEA 2023 Korea BEV cars
  EXPECT_DOUBLE_EQ(at(2024), 120000.0);  // IEA 2024, the last history year
  EXPECT_NEAR(at(2028), 120000.0 + 100000.0 * 4.0 / 9.0, 1e-6);
  EXPECT_NEAR(at(2033), 220000.0, 1e-6);
  EXPECT_NEAR(at(2035), 220000.0 * 1.02 * 1.02, 1e-6);
}

TEST_F(Resolve, ResidualRegionsAreTheAggregateMinusCountriesShown) {
  const ModelInputs in = resolve("");
  const std::size_t t = static_cast<std::size_t>(2023 - in.first_year);
  const std::size_t car = index(in.segments, "car_bev");
  double eu = 0.0;
  for (const char* c : {"CZE", "DEU", "FRA", "HUN", "POL", "SWE", "EU27_OTHER"}) {
    eu += in.sales_vehicles[index(in.regions, c)][car][t];
  }
  EXPECT_DOUBLE_EQ(eu, 1600000.0);  // IEA EU27 BEV cars 2023
  double world = 0.0;
  for (std::size_t r = 0; r < in.regions.size(); ++r) world += in.sales_vehicles[r][car][t];
  EXPECT_DOUBLE_EQ(world, 9500000.0);            // IEA World BEV cars 2023
  EXPECT_EQ(in.sales_vehicles[0][car][0], 0.0);  // 2010: IEA reports no Australian EV sales
}

TEST_F(Resolve, EmptyScenarioEqualsTheShippedBaseline) {
  auto base = engine::run_scenario_file(testing::source_path("examples/global.toml"), [] {
    RunOptions o;
    o.data_dir = testing::source_path("data");
    return o;
  }());
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto empty = engine::run_scenario_text("[scenario]\nname = \"global baseline\"\n", "e.toml", o);
  ASSERT_TRUE(base.has_value() && empty.has_value());
  for (std::size_t i = 0; i < base->tables.size(); ++i) {
    const auto a = base->tables[i].values.data();
    const auto b = empty->tables[i].values.data();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t j = 0; j < a.size(); ++j) ASSERT_EQ(a[j], b[j]) << base->tables[i].name;
  }
  EXPECT_NE(base->meta.scenario_hash, empty->meta.scenario_hash);
}

TEST_F(Resolve, MostSpecificRegionEntryWins) {
  const ModelInputs in = resolve(
      "[[collection]]\nregion = \"all\"\nyear = 2010\ncollection_fraction = 0.5\n"
      "[[collection]]\nregion = \"EUROPE\"\nyear = 2010\ncollection_fraction = 0.9\n"
      "[[collection]]\nregion = \"DEU\"\nyear = 2010\ncollection_fraction = 1.0\n");
  EXPECT_DOUBLE_EQ(in.collection_fraction[index(in.regions, "USA")][20], 0.5);
  EXPECT_DOUBLE_EQ(in.collection_fraction[index(in.regions, "FRA")][20], 0.9);
  EXPECT_DOUBLE_EQ(in.collection_fraction[index(in.regions, "GBR")][20], 0.9);
  EXPECT_DOUBLE_EQ(in.collection_fraction[index(in.regions, "DEU")][20], 1.0);
}

TEST_F(Resolve, EachRegionJoinsTheSmallestCapacityPool) {
  const ModelInputs in = resolve(
      "[[recycling_capacity]]\nregion = \"WORLD\"\nyear = 2030\ncapacity_t_per_year = 100\n");
  const auto pool_code = [&](const char* region) {
    const int p = in.pool_of_region[index(in.regions, region)];
    return p < 0 ? std::string("none") : in.pools[static_cast<std::size_t>(p)].code;
  };
  EXPECT_EQ(pool_code("CHN"), "CHN");
  EXPECT_EQ(pool_code("DEU"), "EUROPE");
  EXPECT_EQ(pool_code("USA"), "NORTH_AMERICA");
  EXPECT_EQ(pool_code("JPN"), "WORLD");
  EXPECT_EQ(pool_code("ROW"), "WORLD");
}

TEST_F(Resolve, EuropeanCapacityIsSharedByEuropeanRegions) {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto r = run_scenario_file(testing::source_path("examples/eu_circular.toml"), o);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  auto cap = r->find(kTableRecyclingCapacityT)->values.slice("year", "2035");
  double europe = 0.0;
  for (const char* c :
       {"CZE", "DEU", "FRA", "HUN", "POL", "SWE", "GBR", "EU27_OTHER", "EUROPE_OTHER"}) {
    europe += *cap->get({{"region", c}});
  }
  EXPECT_NEAR(europe, 2e6, 1e-6);
  // Japan, outside every pool of the scenario, has its plants of data/recycling_plants.csv.
  EXPECT_DOUBLE_EQ(*cap->get({{"region", "JPN"}}), 10300.0);
}

TEST_F(Resolve, DemandCheckShowsOnlyAggregatesFullyInTheRun) {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto r = run_scenario_text("[scenario]\nregions = [\"KOR\", \"EU27\"]\n", "sub.toml", o);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  std::set<std::string> shown;
  for (const auto& row : r->find_records(kRecordsDemandCheck)->rows) shown.insert(row[0].text);
  EXPECT_EQ(shown.count("WORLD"), 0u);
  EXPECT_EQ(shown.count("EUROPE"), 0u);
  EXPECT_EQ(shown.count("CHN"), 0u);
  const RecordTable* regions = r->find_records(kRecordsRegions);
  EXPECT_EQ(regions->rows.size(), 8u);  // KOR + six member states + EU27_OTHER
}

TEST(Sha256, MatchesFips180Vectors) {
  EXPECT_EQ(io::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(io::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  io::Sha256 h;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) h.update(chunk);
  EXPECT_EQ(h.hex_digest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace urbanmine::engine
