// SPDX-License-Identifier: Apache-2.0
// A run with [[passport_fleet]] (docs/passport.md, "Passports as fleet data"): the passports
// change the cohort's pack size and chemistry mix, the coverage is reported, the passport
// files are hashed into the run, relative paths are from the scenario's folder, and a
// scenario sent to the service may not read files.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "engine/uncertainty.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

namespace fs = std::filesystem;

RunOptions options() {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  return o;
}

const results::RecordTable& records(const RunResults& r, const std::string& name) {
  const auto* t = r.find_records(name);
  EXPECT_NE(t, nullptr) << name;
  static const results::RecordTable kNone;
  return t == nullptr ? kNone : *t;
}

// The scenario file and a copy of the passports beside it, named by a relative path.
std::string write_scenario(const testing::TempDir& dir, const std::string& mode) {
  fs::copy(testing::test_data("passport_fleet"), dir.path("passports"));
  const std::string path = dir.path("fleet.toml");
  std::ofstream(path) << "[scenario]\nname = \"passports\"\nlast_year = 2030\n\n"
                         "[[passport_fleet]]\npath = \"passports\"\nregion = \"DEU\"\n"
                         "mode = \""
                      << mode << "\"\n";
  return path;
}

TEST(PassportFleetRun, SampleModeSetsTheCohortsMixAndReportsCoverage) {
  testing::TempDir dir;
  auto run = run_scenario_file(write_scenario(dir, "sample"), options());
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  const auto& coverage = records(*run, "passport_fleet_coverage");
  ASSERT_EQ(coverage.rows.size(), 3U);  // model years 2019, 2020, 2021
  EXPECT_EQ(coverage.rows[0][0].text, "DEU");
  EXPECT_EQ(coverage.rows[0][2].number, 2019.0);
  EXPECT_EQ(coverage.rows[0][4].number, 2.0);                 // passports
  EXPECT_DOUBLE_EQ(coverage.rows[0][9].number, 153.0 / 2.0);  // pack_run_kwh: their mean
  EXPECT_GT(coverage.rows[0][6].number, 1000.0);              // DEU sold many more cars
  EXPECT_LT(coverage.rows[0][7].number, 1e-3);
  // 2021: one NCA pack stands for the whole cohort.
  const auto& chemistry = records(*run, "passport_fleet_chemistry");
  bool nca_2021 = false;
  for (const auto& row : chemistry.rows) {
    if (row[2].number == 2021.0 && row[3].text == "NCA") {
      EXPECT_DOUBLE_EQ(row[7].number, 1.0);
      nca_2021 = true;
    } else if (row[2].number == 2021.0) {
      EXPECT_DOUBLE_EQ(row[7].number, 0.0) << row[3].text;
    }
  }
  EXPECT_TRUE(nca_2021);
  EXPECT_FALSE(records(*run, "passport_fleet_intensity").rows.empty());
  // The passports are inputs of the run: listed with their digest.
  int passport_files = 0;
  for (const auto& f : run->meta.data_files) {
    if (f.name.find("passports/f0") != std::string::npos) ++passport_files;
  }
  EXPECT_EQ(passport_files, 6);
  bool said = false;
  for (const auto& a : run->assumptions) {
    if (a.find("Battery passports as fleet data") != std::string::npos) {
      said = true;
      EXPECT_NE(a.find("1 passports of another category (lmt)"), std::string::npos) << a;
    }
  }
  EXPECT_TRUE(said);
}

TEST(PassportFleetRun, CoverageModeMovesTheCohortOnlyByThePassportsShare) {
  testing::TempDir dir;
  auto run = run_scenario_file(write_scenario(dir, "coverage"), options());
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  const auto& coverage = records(*run, "passport_fleet_coverage");
  ASSERT_EQ(coverage.rows.size(), 3U);
  for (const auto& row : coverage.rows) {
    const double c = row[7].number;
    const double mean = row[5].number / row[4].number;
    EXPECT_NEAR(row[9].number, c * mean + (1.0 - c) * row[8].number, 1e-9);
  }
}

TEST(PassportFleetRun, MonteCarloDrawsStartFromThePassportCohorts) {
  testing::TempDir dir;
  auto plan = prepare_uncertainty(write_scenario(dir, "sample"), testing::source_path("data"));
  ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
  const auto& in = plan->base;
  const auto r = static_cast<std::size_t>(std::find(in.regions.begin(), in.regions.end(), "DEU") -
                                          in.regions.begin());
  const auto s = static_cast<std::size_t>(
      std::find(in.segments.begin(), in.segments.end(), "car_bev") - in.segments.begin());
  ASSERT_LT(r, in.regions.size());
  EXPECT_DOUBLE_EQ(in.pack_kwh[r][s][2019 - in.first_year], 153.0 / 2.0);
}

TEST(PassportFleetRun, TheServiceMayNotReadPassportFiles) {
  RunOptions o = options();
  o.allow_local_files = false;
  auto run = run_scenario_text("[[passport_fleet]]\npath = \"/etc\"\nregion = \"DEU\"\n",
                               "posted.toml", o);
  ASSERT_FALSE(run.has_value());
  EXPECT_NE(run.error().message.find("cannot read passport files on the server"), std::string::npos)
      << run.error().to_string();
  EXPECT_EQ(core::exit_code_for(run.error().code), 3);
}

TEST(PassportFleetRun, AnUnknownModeOrRegionIsAScenarioError) {
  auto mode = run_scenario_text(
      "[[passport_fleet]]\npath = \"x\"\nregion = \"DEU\"\nmode = \"all\"\n", "t.toml", options());
  ASSERT_FALSE(mode.has_value());
  EXPECT_NE(mode.error().to_string().find("passport_fleet[0].mode"), std::string::npos)
      << mode.error().to_string();
  const std::string dir = testing::test_data("passport_fleet");
  auto region = run_scenario_text("[[passport_fleet]]\npath = \"" + dir + "\"\nregion = \"EU27\"\n",
                                  "t.toml", options());
  ASSERT_FALSE(region.has_value());
  EXPECT_NE(region.error().to_string().find("'EU27' is not a model region"), std::string::npos)
      << region.error().to_string();
}

}  // namespace
}  // namespace urbanmine::engine
