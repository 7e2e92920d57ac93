// SPDX-License-Identifier: Apache-2.0
// Passports as fleet data (docs/passport.md): the EV passports of tests/data/passport_fleet
// grouped by model year and chemistry, and laid over a cohort's pack size and chemistry mix
// (model/passport_fleet.h) in both modes, with the coverage reported.
#include "model/passport_fleet.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/passport.h"
#include "io/files.h"

#include "passport/fleet.h"
#include "test_support.h"

namespace urbanmine {
namespace {

const std::string kFleetDir = testing::test_data("passport_fleet");

core::Result<passport::FleetSample> sample_of(const std::string& path) {
  auto read = engine::read_passports(path, testing::source_path("data"));
  if (!read) return read.error();
  return passport::fleet_sample(read->files, read->aggregate, read->fractions, "t.toml: x");
}

TEST(PassportFleetSample, GroupsEvPassportsByModelYearAndChemistry) {
  auto sample = sample_of(kFleetDir);
  ASSERT_TRUE(sample.has_value()) << sample.error().to_string();
  EXPECT_EQ(sample->ev_passports, 5);
  ASSERT_EQ(sample->other_categories.size(), 1U);
  EXPECT_EQ(sample->other_categories.at("lmt"), 1);
  ASSERT_EQ(sample->cells.size(), 3U);  // 2019, 2020, 2021 (f05 made 2020, in service 2021)
  const auto& y2019 = sample->cells.at(2019);
  EXPECT_EQ(y2019.at("NMC622").batteries, 1);
  EXPECT_DOUBLE_EQ(y2019.at("NMC622").rated_kwh, 75.0);
  EXPECT_DOUBLE_EQ(y2019.at("NMC811").rated_kwh, 78.0);
  // Element content from the material masses: 35 000 g of nickel metal in f01.
  EXPECT_NEAR(y2019.at("NMC622").element_kg.at("Ni"), 35.0, 1e-9);
  EXPECT_EQ(sample->cells.at(2020).at("LFP").batteries, 1);
  EXPECT_EQ(sample->cells.at(2021).at("NCA").batteries, 1);
}

TEST(PassportFleetSample, ModelYearIsTheServiceYearElseTheYearMade) {
  passport::Passport p;
  p.manufacturing_date = "2020-11-01T00:00:00Z";
  EXPECT_EQ(passport::model_year(p), 2020);
  p.putting_into_service = "2021-02-01";
  EXPECT_EQ(passport::model_year(p), 2021);
  EXPECT_EQ(passport::date_year("2021-13-01"), std::nullopt);
  EXPECT_EQ(passport::date_year("01.02.2021"), std::nullopt);
}

TEST(PassportFleetSample, NeedsRatedEnergyAndValidPassports) {
  testing::TempDir dir;
  auto text = io::read_text_file(kFleetDir + "/f01_nmc622_2019.json");
  ASSERT_TRUE(text.has_value());
  std::string changed = *text;
  const auto at = changed.find("\"ratedEnergy\"");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, std::string("\"ratedEnergy\"").size(), "\"ratedEnergyX\"");
  std::ofstream(dir.path("f01.json")) << changed;
  auto no_energy = sample_of(dir.path("f01.json"));
  ASSERT_FALSE(no_energy.has_value());
  EXPECT_NE(no_energy.error().location.find("f01.json: $.performance.batteryTechicalProperties"),
            std::string::npos)
      << no_energy.error().to_string();
  EXPECT_EQ(core::exit_code_for(no_energy.error().code), 3);

  auto invalid = sample_of(testing::test_data("passport"));
  ASSERT_FALSE(invalid.has_value());
  EXPECT_NE(invalid.error().message.find("12 of 20 passports are invalid, no fleet data taken"),
            std::string::npos)
      << invalid.error().message;

  auto only_lmt = sample_of(kFleetDir + "/f06_lmo_lmt_2021.json");
  ASSERT_FALSE(only_lmt.has_value());
  EXPECT_NE(only_lmt.error().message.find("no EV passport"), std::string::npos);
}

// One region, one segment, two chemistries, 2019-2021: 10 vehicles a year with 50 kWh packs,
// 80 % NMC622 and 20 % LFP by kWh.
model::ModelInputs small_inputs() {
  model::ModelInputs in;
  in.first_year = 2019;
  in.last_year = 2021;
  in.years = 3;
  in.regions = {"DEU"};
  in.segments = {"car_bev"};
  in.chemistries = {"NMC622", "LFP"};
  in.sales_vehicles = {{{10.0, 10.0, 10.0}}};
  in.pack_kwh = {{{50.0, 50.0, 50.0}}};
  in.chemistry_share = {{{{0.8, 0.2}, {0.8, 0.2}, {0.8, 0.2}}}};
  in.intensity_kg_per_kwh.assign(2, {});
  in.intensity_kg_per_kwh[0][0] = 0.11;  // Li
  in.intensity_kg_per_kwh[1][0] = 0.09;
  return in;
}

// 2020: two NMC622 packs of 75 kWh and two LFP packs of 50 kWh (4 of 10 vehicles).
model::PassportFleet small_fleet(const std::string& mode) {
  model::PassportFleet f{"DEU", "car_bev", mode, "passports", "t.toml: passport_fleet[0]", {}};
  auto& nmc = f.sample.cells[2020]["NMC622"];
  nmc.batteries = 2;
  nmc.rated_kwh = 150.0;
  nmc.element_kg["Li"] = 15.0;
  auto& lfp = f.sample.cells[2020]["LFP"];
  lfp.batteries = 2;
  lfp.rated_kwh = 100.0;
  lfp.element_kg["Li"] = 9.0;
  f.sample.ev_passports = 4;
  return f;
}

TEST(PassportFleetOverride, CoverageModeKeepsThePassportsKwhAndTheDataMixForTheRest) {
  auto in = small_inputs();
  auto rec = model::apply_passport_fleet(in, {small_fleet("coverage")});
  ASSERT_TRUE(rec.has_value()) << rec.error().to_string();
  // c = 4/10; pack = 0.4 x 62.5 + 0.6 x 50 = 55 kWh.
  EXPECT_DOUBLE_EQ(in.pack_kwh[0][0][1], 55.0);
  // The cohort's NMC622 kWh = the passports' 150 + 6 uncovered vehicles x 50 x 0.8 = 390.
  EXPECT_NEAR(10.0 * in.pack_kwh[0][0][1] * in.chemistry_share[0][0][1][0], 390.0, 1e-9);
  EXPECT_NEAR(10.0 * in.pack_kwh[0][0][1] * in.chemistry_share[0][0][1][1], 100.0 + 60.0, 1e-9);
  // Other years untouched.
  EXPECT_DOUBLE_EQ(in.pack_kwh[0][0][0], 50.0);
  EXPECT_DOUBLE_EQ(in.chemistry_share[0][0][2][0], 0.8);
  ASSERT_EQ(rec->tables.size(), 3U);
  const auto& coverage = rec->tables[0];
  EXPECT_EQ(coverage.name, "passport_fleet_coverage");
  ASSERT_EQ(coverage.rows.size(), 1U);
  EXPECT_DOUBLE_EQ(coverage.rows[0][7].number, 0.4);   // coverage_fraction
  EXPECT_DOUBLE_EQ(coverage.rows[0][9].number, 55.0);  // pack_run_kwh
  const auto& intensity = rec->tables[2];
  ASSERT_FALSE(intensity.rows.empty());
  // LFP Li: 9 kg / 100 kWh = 0.09 kg/kWh, equal to the model's.
  bool found = false;
  for (const auto& row : intensity.rows) {
    if (row[2].text == "LFP" && row[3].text == "Li") {
      EXPECT_DOUBLE_EQ(row[5].number, 0.09);
      EXPECT_DOUBLE_EQ(row[7].number, 1.0);
      found = true;
    }
  }
  EXPECT_TRUE(found);
  ASSERT_EQ(in.assumptions.size(), 1U);
  EXPECT_NE(in.assumptions[0].find("They cover 40 %"), std::string::npos) << in.assumptions[0];
}

TEST(PassportFleetOverride, SampleModeTakesThePassportsMixForTheWholeCohort) {
  auto in = small_inputs();
  auto rec = model::apply_passport_fleet(in, {small_fleet("sample")});
  ASSERT_TRUE(rec.has_value()) << rec.error().to_string();
  EXPECT_DOUBLE_EQ(in.pack_kwh[0][0][1], 62.5);
  EXPECT_DOUBLE_EQ(in.chemistry_share[0][0][1][0], 0.6);
  EXPECT_DOUBLE_EQ(in.chemistry_share[0][0][1][1], 0.4);
  // The coverage reported is still the passports' share of the vehicles sold.
  EXPECT_DOUBLE_EQ(rec->tables[0].rows[0][7].number, 0.4);
}

TEST(PassportFleetOverride, MorePassportsThanSalesCoverTheWholeCohort) {
  auto in = small_inputs();
  auto fleet = small_fleet("coverage");
  fleet.sample.cells[2020]["NMC622"].batteries = 20;
  fleet.sample.cells[2020]["NMC622"].rated_kwh = 1500.0;
  auto rec = model::apply_passport_fleet(in, {fleet});
  ASSERT_TRUE(rec.has_value());
  EXPECT_DOUBLE_EQ(rec->tables[0].rows[0][7].number, 1.0);
  EXPECT_DOUBLE_EQ(in.pack_kwh[0][0][1], 1600.0 / 22.0);
  EXPECT_DOUBLE_EQ(in.chemistry_share[0][0][1][0], 1500.0 / 1600.0);
}

TEST(PassportFleetOverride, ErrorsNameTheScenarioEntry) {
  auto in = small_inputs();
  auto fleet = small_fleet("coverage");
  fleet.region = "EU27";
  auto bad_region = model::apply_passport_fleet(in, {fleet});
  ASSERT_FALSE(bad_region.has_value());
  EXPECT_EQ(bad_region.error().location, "t.toml: passport_fleet[0].region");
  EXPECT_NE(bad_region.error().hint.find("DEU"), std::string::npos);

  fleet = small_fleet("coverage");
  fleet.sample.cells[2020]["NMC955"].batteries = 1;
  fleet.sample.cells[2020]["NMC955"].rated_kwh = 80.0;
  auto bad_chemistry = model::apply_passport_fleet(in, {fleet});
  ASSERT_FALSE(bad_chemistry.has_value());
  EXPECT_NE(bad_chemistry.error().message.find("chemistry 'NMC955'"), std::string::npos);

  auto twice = model::apply_passport_fleet(in, {small_fleet("coverage"), small_fleet("sample")});
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("a second [[passport_fleet]] entry for DEU car_bev"),
            std::string::npos)
      << twice.error().message;

  in = small_inputs();
  fleet = small_fleet("coverage");
  fleet.sample.cells[2030] = fleet.sample.cells[2020];
  auto bad_year = model::apply_passport_fleet(in, {fleet});
  ASSERT_FALSE(bad_year.has_value());
  EXPECT_NE(bad_year.error().message.find("model year 2030 are outside"), std::string::npos);
  EXPECT_EQ(core::exit_code_for(bad_year.error().code), 3);
}

}  // namespace
}  // namespace urbanmine
