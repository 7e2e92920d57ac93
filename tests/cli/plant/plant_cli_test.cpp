// SPDX-License-Identifier: Apache-2.0
// `urbanmine plant balance|infer` end to end: formats, and exit 3 naming the field for bad flags
// and plant files.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "unit_suffix.h"

namespace urbanmine {
namespace {

using testing::run_cli;

std::string write_file(const testing::TempDir& dir, const std::string& name,
                       const std::string& text) {
  const std::string path = dir.path(name);
  std::ofstream(path) << text;
  return path;
}

const char* kGoodPlant = R"(name = "test plant"
[route]
name = "hydrometallurgy"
[route.recovery]
Li = 0.85
[[feed]]
kind = "cells"
chemistry = "NMC622"
mass_tonnes = 1000
)";

TEST(PlantCli, BalancePrintsJsonWithTheValidationFigures) {
  auto r = run_cli(
      "plant balance --chemistry NMC622 --mass-tonnes 1000 --route hydrometallurgy "
      "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["format"], "plant-balance/2");
  bool found = false;
  for (const auto& m : j["materials"]) {
    if (m["material"] == "Ni") {
      EXPECT_NEAR(m["recovered_tonnes"].get<double>(), 115.36, 0.01);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(PlantCli, BalanceTableAndCsvFormats) {
  auto table = run_cli("plant balance --chemistry NMC811 --mass-tonnes 10 --route direct");
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("cathode_powder:NMC811"), std::string::npos);
  auto csv = run_cli("plant balance --chemistry LFP --mass-tonnes 10 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output.rfind("section,item,field,value,unit,note\n", 0), 0u);
}

TEST(PlantCli, BadFlagsExitThreeNamingTheField) {
  struct Case {
    std::string args;
    std::string expect;
  };
  const Case cases[] = {
      {"--chemistry NMC622 --mass-tonnes 1000 --recovery Li=1.2", "--recovery Li: 1.2 is above 1"},
      {"--chemistry NMC622 --mass-tonnes 1000 --route smelting", "--route: unknown route"},
      {"--chemistry NMC999 --mass-tonnes 1000", "--chemistry: unknown cell chemistry 'NMC999'"},
      {"--chemistry NMC622 --mass-tonnes=-5", "--mass-tonnes: -5 is negative"},
      {"--chemistry NMC622 --mass-tonnes 10 --price Ni=16000", "--price Ni: '16000' has no price"},
      {"--elements Li=1,Xx=2", "--elements Xx: unknown material"},
  };
  for (const auto& c : cases) {
    auto r = run_cli("plant balance " + c.args);
    EXPECT_EQ(r.exit_code, 3) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.expect), std::string::npos) << c.args << "\n" << r.output;
  }
}

TEST(PlantCli, PlantFileWorksAndBadFilesExitThreeNamingTheKey) {
  testing::TempDir dir;
  auto ok = run_cli("plant balance --plant " + write_file(dir, "plant.toml", kGoodPlant) +
                    " --format json");
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  auto j = nlohmann::json::parse(ok.output);
  EXPECT_EQ(j["name"], "test plant");

  struct Case {
    std::string from, to, expect;
  };
  const Case cases[] = {
      {"Li = 0.85", "Li = 1.2", "plant.toml: route.recovery.Li: 1.2 is above 1"},
      {"name = \"hydrometallurgy\"", "name = \"smelting\"",
       "plant.toml: route.name: unknown route 'smelting'"},
      {"chemistry = \"NMC622\"", "chemistry = \"NMC999\"",
       "plant.toml: feed[0].chemistry: unknown cell chemistry"},
      {"mass_tonnes = 1000", "mass_tonnes = -1000", "plant.toml: feed[0].mass_tonnes: -1000"},
      {"mass_tonnes = 1000", "mass_tonnes = 1000\nmass_tonne = 3",
       "plant.toml: feed[0].mass_tonne: unknown key"},
      // A fuzzed price year far outside int (undefined behaviour before it was checked).
      {"mass_tonnes = 1000", "mass_tonnes = 1000\n[economics]\nprice_year = 2.01956e11",
       "plant.toml: economics.price_year"},
      {"mass_tonnes = 1000", "mass_tonnes = 1000\n[economics]\nprice_year = 2019.5",
       "is not a whole year in 1900-2200"},
  };
  for (const auto& c : cases) {
    std::string text = kGoodPlant;
    text.replace(text.find(c.from), c.from.size(), c.to);
    auto r = run_cli("plant balance --plant " + write_file(dir, "plant.toml", text));
    EXPECT_EQ(r.exit_code, 3) << c.to << "\n" << r.output;
    EXPECT_NE(r.output.find(c.expect), std::string::npos) << c.to << "\n" << r.output;
  }
}

TEST(PlantCli, InferExplainsTheSungEelOutput) {
  auto r = run_cli("plant infer --output Co=1500,Ni=2900,Li=1700 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["format"], "plant-infer/2");
  EXPECT_EQ(j["outputs"].size(), 3u);
  // Tonnes named in full (docs/formats/outputs.md): total_feed_tonnes, stated_tonnes.
  EXPECT_EQ(testing::names_ending_in_t(j), std::vector<std::string>{});
  EXPECT_GT(j["total_feed_tonnes"].get<double>(), 0.0);
  EXPECT_FALSE(j["explanation"].get<std::string>().empty());
  // The table prints a residual of -1e-12 t as 0.0, never "-0.0".
  const auto table = run_cli("plant infer --output Co=1500,Ni=2900,Li=1700");
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("residual_tonnes"), std::string::npos) << table.output;
  EXPECT_EQ(table.output.find("-0.0"), std::string::npos) << table.output;
  auto bad = run_cli("plant infer --output Co=-1");
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_NE(bad.output.find("--output Co"), std::string::npos) << bad.output;
}

TEST(PlantCli, ShippedExamplePlantsRunAndBalance) {
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("examples/plant"))) {
    if (entry.path().extension() != ".toml") continue;
    auto r = run_cli("plant balance --plant " + entry.path().string() + " --format json");
    ASSERT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.output;
    auto j = nlohmann::json::parse(r.output);
    EXPECT_LE(j["max_balance_residual_tonnes"].get<double>(),
              1e-9 * j["feed_tonnes"].get<double>());
    EXPECT_EQ(testing::names_ending_in_t(j), std::vector<std::string>{}) << entry.path();
    ++count;
  }
  EXPECT_GE(count, 2);
}

TEST(PlantCli, HelpShowsAnExample) {
  for (const char* cmd : {"plant balance --help", "plant infer --help"}) {
    auto r = run_cli(cmd);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.output.find("Example: urbanmine plant"), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace urbanmine
