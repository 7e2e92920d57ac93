// SPDX-License-Identifier: Apache-2.0
// `urbanmine validate`: each kind of bad scenario (and bad data) ends with exit 3 and a message
// naming the file and the key (or data row and column); a good scenario prints "ok" and exits 0;
// several problems are all listed at once; warnings fail only under --strict.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/run.h"

#include "report/run_report.h"
#include "test_support.h"

namespace urbanmine {
namespace {

using testing::run_cli;
using testing::TempDir;

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.path(name);
  std::ofstream(path) << text;
  return path;
}

std::string data_flag() { return " --data-dir " + testing::source_path("data"); }

// Runs `urbanmine validate` on `toml` and checks exit 3 plus every expected fragment.
void expect_invalid(const std::string& toml, const std::vector<std::string>& fragments) {
  TempDir dir;
  const std::string path = write(dir, "bad.toml", toml);
  const auto r = run_cli("validate " + path + data_flag());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(path), std::string::npos) << "file not named:\n" << r.output;
  for (const auto& f : fragments) {
    EXPECT_NE(r.output.find(f), std::string::npos) << "missing '" << f << "' in:\n" << r.output;
  }
}

TEST(ValidateCli, ShippedExamplesAreValid) {
  for (const char* name :
       {"global", "fast_lfp", "eu_circular", "long_life", "busch2024", "steps", "growth"}) {
    const auto r =
        run_cli("--strict validate " +
                testing::source_path(std::string("examples/") + name + ".toml") + data_flag());
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.output;
    EXPECT_NE(r.output.find("ok: "), std::string::npos) << r.output;
  }
}

// `validate` checks the [uncertainty] section of `urbanmine mc` with the same code (issue 13).
TEST(ValidateCli, BadUncertaintyDistributionNamesTheKey) {
  expect_invalid(R"([[uncertainty.input]]
name = "pack_size.factor"
distribution = "normal"
mean = 1.0
sd = -0.1
)",
                 {"pack_size.factor"});
}

TEST(ValidateCli, NoArgumentChecksTheBaseline) {
  const auto r = run_cli("validate" + data_flag());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("global.toml"), std::string::npos) << r.output;
}

TEST(ValidateCli, MissingFileIsInvalidInput) {
  const auto r = run_cli("validate /nonexistent/dir/scenario.toml" + data_flag());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("/nonexistent/dir/scenario.toml"), std::string::npos) << r.output;
}

TEST(ValidateCli, MalformedTomlNamesLine) {
  expect_invalid("[scenario]\nname = \"x\"\nfirst_year = \n", {"TOML syntax error", ":3"});
}

TEST(ValidateCli, ReversedYearRange) {
  expect_invalid("[scenario]\nfirst_year = 2050\nlast_year = 2010\n",
                 {"scenario.last_year", "reversed"});
}

TEST(ValidateCli, UnknownRegion) {
  expect_invalid("[scenario]\nregions = [\"KOR\", \"ATLANTIS\"]\n",
                 {"scenario.regions", "ATLANTIS"});
}

TEST(ValidateCli, UnknownRegionInCollection) {
  expect_invalid("[[collection]]\nregion = \"MORDOR\"\nyear = 2030\ncollection_fraction = 0.5\n",
                 {"collection[0]", "MORDOR"});
}

TEST(ValidateCli, UnknownChemistry) {
  expect_invalid(
      "[[chemistry_share]]\nregion = \"all\"\nyear = 2035\nshares = { LFP = 0.5, XYZ9 = 0.5 }\n",
      {"chemistry_share[0].shares", "unknown chemistry 'XYZ9'"});
}

TEST(ValidateCli, SharesThatDoNotSumToOne) {
  expect_invalid(
      "[[chemistry_share]]\nregion = \"all\"\nyear = 2035\nshares = { LFP = 0.5, NMC811 = 0.4 "
      "}\n",
      {"chemistry_share[0].shares", "sum to 0.9"});
}

TEST(ValidateCli, NegativeCapacity) {
  expect_invalid(
      "[[recycling_capacity]]\nregion = \"KOR\"\nyear = 2030\ncapacity_t_per_year = -5000\n",
      {"recycling_capacity[0].capacity_t_per_year", "out of range"});
}

TEST(ValidateCli, CollectionRateGivenAsPercent) {
  expect_invalid("[[collection]]\nregion = \"EU27\"\nyear = 2030\ncollection_fraction = 95\n",
                 {"collection[0].collection_fraction", "0-1"});
}

TEST(ValidateCli, UnknownSegment) {
  expect_invalid(
      "[[pack_size]]\nregion = \"all\"\nsegment = \"scooter\"\nyear = 2030\nkwh_per_vehicle = "
      "5\n",
      {"pack_size[0].segment", "unknown segment 'scooter'"});
}

TEST(ValidateCli, WrongUnitInKeyName) {
  expect_invalid("[[recycling_capacity]]\nregion = \"KOR\"\nyear = 2030\ncapacity_gwh = 10\n",
                 {"recycling_capacity[0].capacity_gwh", "wrong unit",
                  "recycling_capacity[0].capacity_t_per_year"});
}

TEST(ValidateCli, NumberWrittenWithUnitText) {
  expect_invalid(
      "[[pack_size]]\nsegment = \"car_bev\"\nyear = 2030\nkwh_per_vehicle = \"75 kWh\"\n",
      {"pack_size[0].kwh_per_vehicle", "expected a number"});
}

TEST(ValidateCli, UnknownTopLevelTable) {
  expect_invalid("[sceanrio]\nname = \"typo\"\n", {"sceanrio", "unknown key"});
}

TEST(ValidateCli, NegativeLifetime) {
  expect_invalid("[lifetime.car_bev]\nbattery = { mean_years = -3, sd_years = 4 }\n",
                 {"lifetime.car_bev.battery.mean_years", "out of range"});
}

TEST(ValidateCli, UnknownDistribution) {
  expect_invalid(
      "[lifetime.bus]\nvehicle = { distribution = \"Gamma\", mean_years = 12, sd_years = 3 }\n",
      {"lifetime.bus.vehicle", "unknown distribution 'Gamma'"});
}

TEST(ValidateCli, UnknownLifetimeSegment) {
  expect_invalid("[lifetime.hovercraft]\nbattery = { mean_years = 10, sd_years = 3 }\n",
                 {"lifetime.hovercraft", "unknown segment 'hovercraft'"});
}

TEST(ValidateCli, RouteMixThatDoesNotSumToOne) {
  expect_invalid(
      "[[recycling_capacity]]\nregion = \"KOR\"\nyear = 2030\ncapacity_t_per_year = 50000\n"
      "routes = { hydrometallurgy = 0.5, pyrometallurgy = 0.2 }\n",
      {"recycling_capacity[0]", "routes", "sum to 0.7"});
}

TEST(ValidateCli, UnknownRoute) {
  expect_invalid("[recovery_fraction.plasma]\nLi = 0.5\n",
                 {"recovery_fraction.plasma.Li", "unknown route 'plasma'"});
}

TEST(ValidateCli, RecoveryFractionAboveOne) {
  expect_invalid("[recovery_fraction.hydrometallurgy]\nLi = 1.5\n",
                 {"recovery_fraction.hydrometallurgy.Li", "out of range"});
}

TEST(ValidateCli, UnknownElement) {
  expect_invalid("[material_intensity_kg_per_kwh.LFP]\nUnobtainium = 1.0\n",
                 {"material_intensity_kg_per_kwh.LFP.Unobtainium", "unknown element"});
}

TEST(ValidateCli, SecondLifeShareOutOfRange) {
  expect_invalid("[second_life]\nshare = 1.5\n", {"second_life.share", "0-1"});
}

TEST(ValidateCli, NegativeSalesTarget) {
  expect_invalid(
      "[[sales.target]]\nregion = \"KOR\"\nsegment = \"car_bev\"\nyear = 2030\nsales_vehicles = "
      "-1\n",
      {"sales.target[0].sales_vehicles", "out of range"});
}

TEST(ValidateCli, SalesTargetInsideHistory) {
  expect_invalid(
      "[[sales.target]]\nregion = \"KOR\"\nsegment = \"car_bev\"\nyear = 2020\nsales_vehicles = "
      "1000\n",
      {"sales.target[0]", "inside the sales history"});
}

TEST(ValidateCli, GrowthRangeReversed) {
  expect_invalid("[[sales.growth]]\nfrom_year = 2040\nto_year = 2030\ngrowth_rate_per_year = 0.1\n",
                 {"sales.growth[0].to_year", "before from_year"});
}

TEST(ValidateCli, UnknownLifetimeDataScenario) {
  expect_invalid("[scenario]\nlifetime_data_scenario = \"Forever\"\n",
                 {"scenario.lifetime_data_scenario", "Forever", "Long duration"});
}

TEST(ValidateCli, ListsEveryProblemAtOnce) {
  TempDir dir;
  const std::string path =
      write(dir, "many.toml",
            "[scenario]\nregions = [\"ATLANTIS\"]\n[second_life]\nshare = 2.0\n"
            "[recovery_fraction.hydrometallurgy]\nLi = -1\n");
  const auto r = run_cli("validate " + path + data_flag());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("ATLANTIS"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("second_life.share"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("recovery_fraction.hydrometallurgy.Li"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("3 error(s)"), std::string::npos) << r.output;
}

TEST(ValidateCli, WarningsFailOnlyUnderStrict) {
  TempDir dir;
  const std::string path = write(dir, "late.toml", "[scenario]\nfirst_year = 2018\n");
  const auto lenient = run_cli("validate " + path + data_flag());
  EXPECT_EQ(lenient.exit_code, 0) << lenient.output;
  EXPECT_NE(lenient.output.find("warning: "), std::string::npos) << lenient.output;
  const auto strict = run_cli("--strict validate " + path + data_flag());
  EXPECT_EQ(strict.exit_code, 3) << strict.output;
}

// A copy of data/ with one file changed, for data errors.
class BrokenData {
 public:
  BrokenData() {
    std::filesystem::copy(testing::source_path("data"), dir_.path("data"),
                          std::filesystem::copy_options::recursive);
  }
  std::string path() const { return dir_.path("data"); }
  void replace(const std::string& file, const std::string& from, const std::string& to) {
    const std::string p = path() + "/" + file;
    std::ifstream in(p);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    text.replace(pos, from.size(), to);
    std::ofstream(p) << text;
  }
  void remove(const std::string& file) { std::filesystem::remove(path() + "/" + file); }

 private:
  TempDir dir_;
};

TEST(ValidateCli, BadDataRowNamesFileLineAndColumn) {
  BrokenData data;
  data.replace("ev_sales.csv", "China,2016,Buses,BEV,76000", "China,2016,Buses,BEV,-76000");
  data.replace("material_intensity.csv", "NMC811,Li,0.0998,pack", "NMC811,Li,0.0998,cell");
  const auto r = run_cli("validate " + testing::source_path("examples/global.toml") +
                         " --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("ev_sales.csv:146:sales_vehicles"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("material_intensity.csv"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(":basis"), std::string::npos) << r.output;
}

TEST(ValidateCli, UnknownRegionNameInDataIsReported) {
  BrokenData data;
  data.replace("ev_sales.csv", "China,2016,Buses,BEV,76000", "Chinaa,2016,Buses,BEV,76000");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("ev_sales.csv:146:region"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Chinaa"), std::string::npos) << r.output;
}

TEST(ValidateCli, MissingDataColumnIsNamed) {
  BrokenData data;
  data.replace("pack_size.csv", "kwh_per_vehicle", "mwh_per_vehicle");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("pack_size.csv:1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("kwh_per_vehicle"), std::string::npos) << r.output;
}

TEST(ValidateCli, DataChemistrySharesThatDoNotSumToOne) {
  BrokenData data;
  data.replace("chemistry_share.csv", "World,2023,NMC811,0.3463", "World,2023,NMC811,0.9463");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("chemistry_share.csv:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("World 2023 sum to 1.6"), std::string::npos) << r.output;
}

TEST(ValidateCli, BadSegmentChemistryRulesAreNamedWithTheirRow) {
  BrokenData data;
  data.replace("chemistry_segment_share.csv", "CHN,bus,2024,LFP,0.95", "CHN,bsu,2024,LFP,0.95");
  data.replace("chemistry_segment_share.csv", "CHN,truck,2024,LFP,0.95",
               "CHN,truck,2024,LFP;NMC999,0.95");
  data.replace("chemistry_segment_share.csv", "CHN,van,2024,LFP,0.95", "EUROPE,van,2024,LFP,0.95");
  data.replace("chemistry_segment_share.csv", "*,truck,2024,NMC622", "*,bus,2024,NMC622");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("chemistry_segment_share.csv:2:segment"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("unknown segment 'bsu'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("chemistry_segment_share.csv:3:chemistries"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("NMC999"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("chemistry_segment_share.csv:4:region"), std::string::npos) << r.output;
  // Row 6 puts the high-nickel group into the bus rule a second time.
  EXPECT_NE(r.output.find("chemistry_segment_share.csv:6:chemistries"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("is in two groups"), std::string::npos) << r.output;
}

TEST(ValidateCli, SegmentChemistryGroupsAboveOneAreRefused) {
  BrokenData data;
  data.replace("chemistry_segment_share.csv", "CHN,truck,2024,LFP,0.95", "CHN,bus,2024,NMC811,0.2");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("chemistry_segment_share.csv:3:share_fraction"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("more than all new kWh"), std::string::npos) << r.output;
}

TEST(ValidateCli, UnknownChemistryInDataIsReported) {
  BrokenData data;
  data.replace("chemistry_share.csv", "World,2023,NMC811,0.3463", "World,2023,NMC999,0.3463");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("chemistry_share.csv:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(":chemistry"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("NMC999"), std::string::npos) << r.output;
}

TEST(ValidateCli, MissingDataFileIsNamed) {
  BrokenData data;
  data.remove("segments.csv");
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("segments.csv"), std::string::npos) << r.output;
}

// Issue 19, items 4, 5 and 9: every case below used to validate and then run with doubled or
// overridden data, all-zero results, an assertion, SIGFPE or a NaN balance.

// First line of `file` after its header.
std::string first_row(const BrokenData& data, const std::string& file) {
  std::ifstream in(data.path() + "/" + file);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  return line;
}

void append(const BrokenData& data, const std::string& file, const std::string& line) {
  std::ofstream(data.path() + "/" + file, std::ios::app) << line << "\n";
}

void keep_header_only(const BrokenData& data, const std::string& file) {
  std::ifstream in(data.path() + "/" + file);
  std::string header;
  std::getline(in, header);
  in.close();
  std::ofstream(data.path() + "/" + file) << header << "\n";
}

// validate and an in-process run both refuse the data with InvalidInput (exit 3 on the CLI),
// naming `file` and each fragment.
void expect_data_rejected(const BrokenData& data, const std::string& file,
                          const std::vector<std::string>& fragments) {
  const auto r = run_cli("validate --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(file), std::string::npos) << r.output;
  for (const auto& f : fragments) {
    EXPECT_NE(r.output.find(f), std::string::npos) << "missing '" << f << "' in:\n" << r.output;
  }
  engine::RunOptions options;
  options.data_dir = data.path();
  auto run = engine::run_scenario_text("", "empty.toml", options);
  ASSERT_FALSE(run.has_value());
  EXPECT_EQ(run.error().code, core::ErrorCode::kInvalidInput) << run.error().to_string();
}

TEST(DataHardening, DuplicatedSegmentsRowIsAnErrorNotAnAssertion) {
  BrokenData data;
  append(data, "segments.csv", first_row(data, "segments.csv"));
  expect_data_rejected(data, "segments.csv", {"duplicate segment (car_bev)", "lines 2 and"});
  const auto r = run_cli("run --out " + data.path() + "/out --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
}

TEST(DataHardening, HeaderOnlySegmentsIsAnErrorNotSigfpe) {
  BrokenData data;
  keep_header_only(data, "segments.csv");
  expect_data_rejected(data, "segments.csv", {"no segment rows"});
  const auto r = run_cli("run --out " + data.path() + "/out --data-dir " + data.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
}

TEST(DataHardening, DuplicateEvSalesRowIsNotDoubled) {
  BrokenData data;
  append(data, "ev_sales.csv", first_row(data, "ev_sales.csv"));
  expect_data_rejected(data, "ev_sales.csv",
                       {"duplicate region, year, vehicle_mode and powertrain", "Australia | 2011"});
}

TEST(DataHardening, ConflictingDuplicateKeysAreErrorsNotLastRowWins) {
  struct Case {
    const char* file;
    std::size_t value_column;  // 0-based; the key columns come before it
    const char* value;         // another valid value
    const char* fragment;
  };
  for (const Case& c :
       {Case{"material_intensity.csv", 2, "0.2", "duplicate chemistry and material"},
        Case{"lifetime_params.csv", 4, "11", "duplicate scenario, vehicle and item"},
        Case{"recovery_rates.csv", 2, "0.5", "duplicate route and element"},
        Case{"recycling_capacity_assumptions.csv", 2, "7", "duplicate region and year"},
        Case{"pack_size.csv", 4, "77", "duplicate region, year, segment and powertrain"}}) {
    SCOPED_TRACE(c.file);
    BrokenData data;
    std::string row = first_row(data, c.file);
    std::size_t start = 0;
    for (std::size_t i = 0; i < c.value_column; ++i) start = row.find(',', start) + 1;
    const std::size_t end = row.find(',', start);
    row.replace(start, end - start, c.value);
    append(data, c.file, row);
    expect_data_rejected(data, c.file, {c.fragment});
  }
}

TEST(DataHardening, HeaderOnlyRequiredTablesAreErrors) {
  for (const char* file :
       {"ev_sales.csv", "recovery_rates.csv", "material_intensity.csv", "pack_size.csv",
        "regions.csv", "mine_production.csv", "ev_sales_steps.csv", "battery_demand_steps.csv",
        "chemistry_segment_share.csv", "recycling_capacity_assumptions.csv", "recycling_plants.csv",
        "policy_rules.csv"}) {
    SCOPED_TRACE(file);
    BrokenData data;
    keep_header_only(data, file);
    expect_data_rejected(data, file, {"(the file has only its header"});
  }
}

// Replaces column `column` (0-based) of every data row of `file` with `value`.
void set_column(const BrokenData& data, const std::string& file, std::size_t column,
                const std::string& value) {
  std::ifstream in(data.path() + "/" + file);
  std::string line, out;
  std::getline(in, line);
  out = line + "\n";
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::size_t start = 0;
    for (std::size_t i = 0; i < column; ++i) start = line.find(',', start) + 1;
    const std::size_t end = line.find(',', start);
    line.replace(start, end - start, value);
    out += line + "\n";
  }
  in.close();
  std::ofstream(data.path() + "/" + file) << out;
}

TEST(DataHardening, HugeValuesInDataFilesFailValidationNotTheRun) {
  struct Case {
    const char* file;
    std::size_t column;
    const char* fragment;
  };
  for (const Case& c : {Case{"pack_size.csv", 4, "kwh_per_vehicle"},
                        Case{"material_intensity.csv", 2, "kg_per_kwh"},
                        Case{"ev_sales.csv", 4, "sales_vehicles"}}) {
    SCOPED_TRACE(c.file);
    BrokenData data;
    set_column(data, c.file, c.column, "1e300");
    expect_data_rejected(data, c.file, {c.fragment, "is above"});
  }
}

TEST(DataHardening, DuplicatePlantAndElementGroupRowsAreErrorsNotDoubled) {
  {
    BrokenData data;
    append(data, "recycling_plants.csv", first_row(data, "recycling_plants.csv"));
    expect_data_rejected(data, "recycling_plants.csv",
                         {"duplicate region, operator, site, commissioning_year and status"});
  }
  {
    BrokenData data;
    append(data, "element_groups.csv", first_row(data, "element_groups.csv"));
    expect_data_rejected(data, "element_groups.csv", {"is listed twice in group"});
  }
}

TEST(DataHardening, UnknownRegionMemberIsAnError) {
  BrokenData data;
  std::ifstream in(data.path() + "/regions.csv");
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  in.close();
  const auto at = text.find(";SVN;ESP");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 8, ";SVN;ESP;XXX");
  std::ofstream(data.path() + "/regions.csv") << text;
  expect_data_rejected(data, "regions.csv", {"unknown member 'XXX'"});
}

TEST(RunCli, DefaultSankeyYearFollowsARunThatEndsBefore2040) {
  TempDir dir;
  const std::string path = write(dir, "short.toml", "[scenario]\nlast_year = 2030\n");
  const auto r = run_cli("run " + path + " --out " + dir.path() + "/out" + data_flag());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(dir.path() + "/out/sankey.json");
  const auto sankey = nlohmann::json::parse(in);
  EXPECT_EQ(sankey.at("year"), 2030);
  const auto bad =
      run_cli("run " + path + " --sankey-year 2040 --out " + dir.path() + "/out2" + data_flag());
  EXPECT_EQ(bad.exit_code, 3) << "an explicit year outside the run is still an error";
}

TEST(DataHardening, HugeGrowthRateFailsValidation) {
  expect_invalid(
      "[[sales.growth]]\nfrom_year = 2025\nto_year = 2050\ngrowth_rate_per_year = 1e60\n",
      {"sales.growth[0].growth_rate_per_year", "out of range"});
}

TEST(DataHardening, HugePackSizeFailsValidation) {
  expect_invalid("[[pack_size]]\nsegment = \"car_bev\"\nyear = 2030\nkwh_per_vehicle = 1e300\n",
                 {"pack_size[0].kwh_per_vehicle", "out of range"});
}

TEST(DataHardening, HugeLifetimeAndCapacityFailValidation) {
  expect_invalid(
      "[lifetime.car_bev]\nvehicle = { distribution = \"Normal\", mean_years = 1e200, sd_years = "
      "4 }\n[[recycling_capacity]]\nregion = \"KOR\"\nyear = 2030\ncapacity_t_per_year = 1e300\n",
      {"lifetime.car_bev.vehicle.mean_years", "recycling_capacity[0].capacity_t_per_year"});
}

TEST(ValidateCli, ReplacementProbabilityOutsideZeroToOne) {
  expect_invalid("[replacement]\nprobability = 1.5\n", {"replacement.probability", "0-1"});
}

TEST(ValidateCli, ReplacementAgeForUnknownSegment) {
  expect_invalid("[replacement]\nmax_vehicle_age_years_by_segment = { ship = 8 }\n",
                 {"replacement", "ship"});
}

TEST(ValidateApi, ReplacementAgeCapCutsEndOfLifeAndIsStatedAsAnAssumption) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto base = engine::run_scenario_text("", "base.toml", options);
  auto capped = engine::run_scenario_text(
      "[replacement]\nprobability = 0.5\nmax_vehicle_age_years = 8\n", "capped.toml", options);
  ASSERT_TRUE(base.has_value() && capped.has_value());
  const auto world = [](const engine::RunResults& r, const char* table) {
    return r.find(table)->values.slice("year", "2040")->total();
  };
  EXPECT_LT(world(*capped, "replacement_packs"), 0.5 * world(*base, "replacement_packs"));
  EXPECT_LT(world(*capped, "new_batteries_kwh"), world(*base, "new_batteries_kwh"));
  bool stated = false;
  for (const auto& a : capped->assumptions) stated = stated || a.find("[replacement]") == 9;
  EXPECT_TRUE(stated);
}

TEST(ValidateCli, NegativeSecondLifeCap) {
  expect_invalid("[second_life]\ncap_gwh_per_year = -5\n",
                 {"second_life.cap_gwh_per_year", "out of range"});
}

TEST(ValidateCli, NegativeSecondLifeAgeLimit) {
  expect_invalid("[second_life]\nmax_vehicle_age_years = -1\n",
                 {"second_life.max_vehicle_age_years", "out of range"});
}

TEST(ValidateCli, SecondLifeAgeLimitOfAnUnknownSegment) {
  expect_invalid("[second_life]\nmax_vehicle_age_years_by_segment = { spaceship = 8 }\n",
                 {"second_life.max_vehicle_age_years_by_segment.spaceship"});
}

TEST(ValidateApi, SecondLifeAgeLimitSendsPacksOfOldVehiclesToWasteAndIsStated) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto base = engine::run_scenario_text("", "base.toml", options);
  auto young = engine::run_scenario_text(
      "[second_life]\nmax_vehicle_age_years = 8\nmax_vehicle_age_years_by_segment = { bus = 30 "
      "}\n",
      "young.toml", options);
  ASSERT_TRUE(base.has_value()) << base.error().to_string();
  ASSERT_TRUE(young.has_value()) << young.error().to_string();
  const auto world = [](const engine::RunResults& r, const char* table, const char* year) {
    return r.find(table)->values.slice("year", year)->total();
  };
  for (const char* year : {"2030", "2040"}) {
    // The fleet is the same; fewer packs are repurposed, so more become waste that year.
    EXPECT_DOUBLE_EQ(world(*young, "use_to_end_of_life_kwh", year),
                     world(*base, "use_to_end_of_life_kwh", year));
    EXPECT_LT(world(*young, "end_of_life_to_second_life_kwh", year),
              0.9 * world(*base, "end_of_life_to_second_life_kwh", year))
        << year;
    EXPECT_GT(world(*young, "end_of_life_t", year), world(*base, "end_of_life_t", year)) << year;
  }
  // Buses keep no limit (30 years is beyond every bus lifetime in the data).
  const auto bus = [](const engine::RunResults& r) {
    return r.find("end_of_life_to_second_life_kwh")
        ->values.slice("segment", "bus")
        ->slice("year", "2040")
        ->total();
  };
  EXPECT_NEAR(bus(*young), bus(*base), 1e-6 * bus(*base));
  bool stated = false;
  for (const auto& a : young->assumptions) {
    stated = stated || (a.find("[second_life]") != std::string::npos &&
                        a.find("car_bev 8") != std::string::npos);
  }
  EXPECT_TRUE(stated);
  EXPECT_TRUE(young->balance_ok());
}

TEST(ValidateCli, UsedVehicleExportsAboveAllVehiclesOfAnOrigin) {
  expect_invalid(
      "[[used_vehicle_export]]\nfrom = \"JPN\"\nto = \"ROW\"\nshare = 0.7\nage_years = 8\n"
      "[[used_vehicle_export]]\nfrom = \"JPN\"\nto = \"AUS\"\nsegment = \"car_bev\"\n"
      "share = 0.4\nage_years = 8\n",
      {"used_vehicle_export[1].share", "JPN car_bev", "above 1"});
}

TEST(ValidateCli, UsedVehicleExportsOfOneOriginAtTwoAges) {
  expect_invalid(
      "[[used_vehicle_export]]\nfrom = \"KOR\"\nto = \"ROW\"\nshare = 0.1\nage_years = 8\n"
      "[[used_vehicle_export]]\nfrom = \"KOR\"\nto = \"IND\"\nshare = 0.1\nage_years = 9\n",
      {"used_vehicle_export[1].age_years", "one export age"});
}

TEST(ValidateCli, UsedVehicleExportEndsMustBeModelRegions) {
  expect_invalid(
      "[[used_vehicle_export]]\nfrom = \"EU27\"\nto = \"ROW\"\nshare = 0.1\nage_years = 8\n",
      {"used_vehicle_export[0].from", "not a model region"});
  expect_invalid(
      "[[used_vehicle_export]]\nfrom = \"USA\"\nto = \"USA\"\nshare = 0.1\nage_years = 8\n",
      {"used_vehicle_export[0].to", "own origin"});
  expect_invalid(
      "[[used_vehicle_export]]\nfrom = \"USA\"\nto = \"ROW\"\nshare = 0.1\nage_years = 0\n",
      {"used_vehicle_export[0].age_years", "outside 1-100"});
  expect_invalid("[[used_vehicle_export]]\nfrom = \"USA\"\nshare = 0.1\nage_years = 5\n",
                 {"used_vehicle_export[0].to", "missing key"});
}

TEST(ValidateApi, UsedVehicleExportsMoveEndOfLifeBetweenRegionsAndKeepTheWorldTotal) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto base = engine::run_scenario_text("", "base.toml", options);
  auto exported = engine::run_scenario_text(
      "[[used_vehicle_export]]\nfrom = \"JPN\"\nto = \"ROW\"\nshare = 0.25\n"
      "age_years = 8\n",
      "exported.toml", options);
  ASSERT_TRUE(base.has_value()) << base.error().to_string();
  ASSERT_TRUE(exported.has_value()) << exported.error().to_string();
  EXPECT_EQ(base->find("used_vehicle_trade_vehicles"), nullptr) << "no trade table without trade";
  const auto at = [](const engine::RunResults& r, const char* table, const char* region,
                     const char* year) {
    return r.find(table)->values.slice("region", region)->slice("year", year)->total();
  };
  const auto world = [](const engine::RunResults& r, const char* table, const char* year) {
    return r.find(table)->values.slice("year", year)->total();
  };
  for (const char* year : {"2035", "2045"}) {
    const double jpn = at(*base, "use_to_end_of_life_kwh", "JPN", year);
    EXPECT_LT(at(*exported, "use_to_end_of_life_kwh", "JPN", year), 0.9 * jpn) << year;
    EXPECT_GT(at(*exported, "use_to_end_of_life_kwh", "ROW", year),
              at(*base, "use_to_end_of_life_kwh", "ROW", year))
        << year;
    const double w = world(*base, "use_to_end_of_life_kwh", year);
    EXPECT_NEAR(world(*exported, "use_to_end_of_life_kwh", year), w, 1e-9 * w) << year;
    EXPECT_GT(world(*exported, "used_vehicle_trade_vehicles", year), 0.0);
    EXPECT_NEAR(world(*exported, "use_to_used_vehicle_export_t", year),
                world(*exported, "used_vehicle_import_to_use_t", year), 1e-9);
  }
  // The used-vehicle trade is checked: the world's exports equal its imports, every year.
  int trade_checks = 0;
  for (const auto& b : exported->balance) {
    if (b.process == "used_vehicle_trade") ++trade_checks;
  }
  EXPECT_GT(trade_checks, 0);
  EXPECT_TRUE(exported->balance_ok());
  EXPECT_GT(exported->balance.size(), base->balance.size());
  // The findings say where the used vehicles went, and only when some did.
  const auto trade_finding = [](const engine::RunResults& r) {
    for (const auto& f : r.findings) {
      if (f.text.find("used vehicles leave their region of sale") != std::string::npos) {
        return f.text;
      }
    }
    return std::string();
  };
  EXPECT_EQ(trade_finding(*base), "");
  const std::string finding = trade_finding(*exported);
  EXPECT_NE(finding.find("most from Japan to "), std::string::npos) << finding;
  EXPECT_NE(finding.find(" GWh of batteries"), std::string::npos) << finding;
}

// A region's Sankey shows what crosses its border: used vehicles sold abroad and bought from
// abroad, feedstock shipped out and received; the regions' graphs add up to the world's.
TEST(ValidateApi, RegionSankeyShowsUsedVehiclesAndFeedstockCrossingItsBorder) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto run = engine::run_scenario_text(
      "[[used_vehicle_export]]\nfrom = \"JPN\"\nto = \"ROW\"\nshare = 0.25\nage_years = 8\n",
      "exported.toml", options);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  using Links = std::map<std::pair<std::string, std::string>, double>;
  const auto links = [&](const std::string& element, const std::string& region, int year = 2040) {
    const auto text = report::sankey_json(*run, year, element, region);
    EXPECT_TRUE(text.has_value()) << region << ": " << text.error().to_string();
    Links out;
    if (!text) return out;
    const auto doc = nlohmann::json::parse(*text);
    EXPECT_EQ(doc["region"], region.empty() ? "WORLD" : region);
    for (const auto& l : doc["links"]) out[{l["source"], l["target"]}] += l["value"].get<double>();
    return out;
  };
  const auto at = [&](const char* table, const char* region, const char* element,
                      const char* year = "2040") {
    auto a = run->find(table)->values.slice("region", region)->slice("year", year);
    if (element[0] != 0) a = a->slice("element", element);
    return a->total();
  };
  for (const std::string element : {"Li", "kWh"}) {
    const bool kwh = element == "kWh";
    const auto jpn = links(element, "JPN");
    const auto row = links(element, "ROW");
    const char* e = kwh ? "" : "Li";
    const double sold =
        at(kwh ? "use_to_used_vehicle_export_kwh" : "use_to_used_vehicle_export_t", "JPN", e);
    ASSERT_GT(sold, 0.0) << element;
    EXPECT_NEAR(jpn.at({"in_use", "used_export"}), sold, 1e-9 * sold) << element;
    const double bought =
        at(kwh ? "used_vehicle_import_to_use_kwh" : "used_vehicle_import_to_use_t", "ROW", e);
    EXPECT_NEAR(row.at({"used_import", "in_use"}), bought, 1e-9 * bought) << element;
    // What enters a region's use phase leaves it (to stock, abroad or to end of life).
    for (const auto* graph : {&jpn, &row}) {
      double in = 0.0;
      double out = 0.0;
      for (const auto& [key, value] : *graph) {
        if (key.second == "in_use") in += value;
        if (key.first == "in_use") out += value;
      }
      EXPECT_NEAR(in, out, 1e-9 * in) << element;
    }
    // The world graph has no border, and its new batteries are the regions' sum.
    const auto world = links(element, "");
    EXPECT_EQ(world.count({"in_use", "used_export"}), 0U);
    double regions = 0.0;
    for (const auto& region : report::sankey_regions(*run)) {
      const auto g = links(element, region);
      const auto it = g.find({"new_batteries", "in_use"});
      if (it != g.end()) regions += it->second;
    }
    const double w = world.at({"new_batteries", "in_use"});
    EXPECT_NEAR(regions, w, 1e-9 * w) << element;
  }
  // Feedstock received from other regions feeds the receiving region's routes (the baseline
  // ships feedstock in 2030).
  std::string receiver;
  double most = 0.0;
  for (const auto& region : report::sankey_regions(*run)) {
    const double v = at("feedstock_imported_t", region.c_str(), "Li", "2030");
    if (v > most) std::tie(most, receiver) = std::pair{v, region};
  }
  ASSERT_GT(most, 0.0) << "the baseline ships feedstock in 2030";
  double received = 0.0;
  for (const auto& [key, value] : links("Li", receiver, 2030)) {
    if (key.first == "received") received += value;
  }
  EXPECT_NEAR(received, most, 1e-6 * most) << receiver;
  const auto wrong = report::sankey_json(*run, 2040, "Li", "MARS");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().location, "region");
  EXPECT_NE(wrong.error().hint.find("KOR"), std::string::npos);
  EXPECT_EQ(*report::sankey_json(*run, 2040, "Li", "WORLD"),
            *report::sankey_json(*run, 2040, "Li"));
}

TEST(ValidateApi, RunScenarioTextReportsFileAndKey) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto r = engine::run_scenario_text("[second_life]\nshare = -0.5\n", "api.toml", options);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().to_string().find("api.toml:2: second_life.share"), std::string::npos)
      << r.error().to_string();
}

// Production scrap and trade (issue 12): bad scenario keys and data rows exit 3 naming them.
TEST(ValidateCli, BadProductionScrapAndTradeKeysNameTheKey) {
  expect_invalid("[[production_scrap.rate]]\nyear = 2030\nscrap_fraction = -0.1\n",
                 {"production_scrap.rate[0].scrap_fraction", "out of range"});
  expect_invalid(
      "[production_scrap]\n[[production_scrap.rate]]\nyear = 2030\nscrap_fraction = 0.95\n",
      {"production_scrap.rate[0].scrap_fraction", "0-0.9"});
  expect_invalid("[trade]\nenabled = \"yes\"\n", {"trade.enabled", "expected true or false"});
  expect_invalid("[[trade.block]]\norigin = \"EUU\"\ndestination = \"all\"\n",
                 {"trade.block[0].origin", "unknown region 'EUU'"});
  expect_invalid("[[trade.block]]\norigin = \"EU27\"\n",
                 {"trade.block[0].destination", "missing key"});
  expect_invalid(
      "[[trade.block]]\norigin = \"EU27\"\ndestination = \"all\"\nfirst_year = 2040\nlast_year = "
      "2030\n",
      {"trade.block[0].last_year", "before first_year"});
}

TEST(ValidateCli, BadCapacityFollowsFeedstockNamesTheKey) {
  expect_invalid("[capacity_follows_feedstock]\nshare = -1\n",
                 {"capacity_follows_feedstock.share", "out of range"});
  expect_invalid("[capacity_follows_feedstock]\nlag_years = 3\n",
                 {"capacity_follows_feedstock.share", "missing key"});
  expect_invalid("[capacity_follows_feedstock]\nshare = 1\nlag_years = 2.5\n",
                 {"capacity_follows_feedstock.lag_years", "whole number"});
}

TEST(DataHardening, BadProductionScrapAndShippingRowsNameFileAndRow) {
  {
    BrokenData data;
    data.replace("production_scrap_rate.csv", "2026,0.0624", "2026,-0.0624");
    expect_data_rejected(data, "production_scrap_rate.csv:4:scrap_fraction", {"outside 0-1"});
  }
  {
    BrokenData data;
    data.replace("cell_production_share.csv", "HUN,2022,38", "EU27,2022,38");
    expect_data_rejected(data, "cell_production_share.csv:5:region",
                         {"'EU27' is not a model region"});
  }
  {
    BrokenData data;
    data.replace("recycling_plants.csv", "AUS,Envirostream", ",Envirostream");
    expect_data_rejected(data, "recycling_plants.csv:11:region", {"missing value"});
  }
  {
    BrokenData data;
    data.replace("recycling_plants.csv", "JPN,DOWA", "EUROPE,DOWA");
    data.replace("recycling_plants.csv", "3000,battery,2020", "3000,batteries,2020");
    expect_data_rejected(data, "recycling_plants.csv:8:region",
                         {"'EUROPE' is not a model region", "recycling_plants.csv:11:basis",
                          "unknown basis 'batteries'"});
  }
  {
    BrokenData data;
    data.replace("plan_shipping_rules.csv", "KOR,CHN;IND;ROW", "KOR,CHN;XYZ;ROW");
    expect_data_rejected(data, "plan_shipping_rules.csv:4", {"'XYZ', which is not a model region"});
  }
}

// A scenario closes a route; the run shows where the feedstock goes instead (stranded at home
// when no other legal capacity is spare), and still balances.
TEST(TradeScenario, ClosingARouteStrandsOrReroutesTheFeedstock) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto base = engine::run_scenario_text("", "base.toml", options);
  const std::string block_europe =
      "[[trade.block]]\norigin = \"USA\"\ndestination = \"EUROPE\"\nreason = \"test\"\n";
  const std::string block_china =
      "[[trade.block]]\norigin = \"USA\"\ndestination = \"CHN\"\nreason = \"test\"\n";
  auto no_europe = engine::run_scenario_text(block_europe, "no_europe.toml", options);
  auto neither = engine::run_scenario_text(block_europe + block_china, "neither.toml", options);
  ASSERT_TRUE(base.has_value()) << base.error().to_string();
  ASSERT_TRUE(no_europe.has_value()) << no_europe.error().to_string();
  ASSERT_TRUE(neither.has_value()) << neither.error().to_string();
  EXPECT_TRUE(no_europe->balance_ok());
  EXPECT_TRUE(neither->balance_ok());
  auto get = [](const engine::RunResults& r, const char* table,
                std::vector<std::pair<std::string, std::string>> at) {
    const auto v = r.find(table)->values.get(at);
    EXPECT_TRUE(v.has_value()) << table;
    return v ? *v : -1.0;
  };
  auto shipped_to = [&](const engine::RunResults& r, const char* destination) {
    return get(r, "feedstock_shipments_t",
               {{"region", "USA"}, {"destination", destination}, {"year", "2035"}});
  };
  const std::vector<std::pair<std::string, std::string>> usa_2035 = {{"region", "USA"},
                                                                     {"year", "2035"}};
  auto exports = [](const engine::RunResults& r) {
    return r.find("feedstock_shipments_t")
        ->values.slice("year", "2035")
        ->slice("region", "USA")
        ->total();
  };
  // The baseline ships most of the US 2035 surplus to Europe's spare capacity (the cheaper legal
  // route) and the rest to China's.
  const double to_europe = shipped_to(*base, "EUROPE");
  const double to_china = shipped_to(*base, "CHN");
  ASSERT_GT(to_europe, 1e5);
  ASSERT_GT(to_china, 0.0);
  const double tol = 1e-6 * (to_europe + to_china);
  // With Europe closed, China's idle capacity takes what Europe took: nothing more is stranded.
  EXPECT_EQ(shipped_to(*no_europe, "EUROPE"), 0.0);
  EXPECT_NEAR(shipped_to(*no_europe, "CHN"), to_china + to_europe, tol);
  EXPECT_NEAR(get(*no_europe, "feedstock_stranded_t", usa_2035),
              get(*base, "feedstock_stranded_t", usa_2035), tol);
  // With both closed, the US surplus is the same; most of it is stranded, the rest goes where
  // another route is legal and has room (Korea's plants).
  EXPECT_EQ(shipped_to(*neither, "EUROPE"), 0.0);
  EXPECT_EQ(shipped_to(*neither, "CHN"), 0.0);
  EXPECT_NEAR(get(*neither, "feedstock_stranded_t", usa_2035) + exports(*neither),
              get(*base, "feedstock_stranded_t", usa_2035) + exports(*base), tol);
  EXPECT_GT(get(*neither, "feedstock_stranded_t", usa_2035),
            get(*base, "feedstock_stranded_t", usa_2035) + 0.8 * (to_europe + to_china));
  const std::vector<std::pair<std::string, std::string>> usa_2040 = {{"region", "USA"},
                                                                     {"year", "2040"}};
  // With trade off, everything beyond home capacity is stranded.
  auto no_trade = engine::run_scenario_text("[trade]\nenabled = false\n", "off.toml", options);
  ASSERT_TRUE(no_trade.has_value()) << no_trade.error().to_string();
  EXPECT_EQ(no_trade->find("feedstock_shipments_t")->values.total(), 0.0);
  EXPECT_NEAR(get(*no_trade, "feedstock_stranded_t", usa_2040),
              get(*no_trade, "feedstock_surplus_t", usa_2040), 1e-6);
}

// Regions without a capacity figure get their plants' capacity from their commissioning year;
// a scenario figure for the region replaces the plant list.
TEST(PlantCapacity, RegionsWithoutAFigureGetTheirPlantsFromTheirCommissioningYear) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto base = engine::run_scenario_text("", "base.toml", options);
  ASSERT_TRUE(base.has_value()) << base.error().to_string();
  auto cap = [](const engine::RunResults& r, const char* region, int year) {
    const auto v = r.find("recycling_capacity_t")
                       ->values.get({{"region", region}, {"year", std::to_string(year)}});
    return v ? *v : -1.0;
  };
  EXPECT_DOUBLE_EQ(cap(*base, "JPN", 2025), 300.0);    // DOWA (2019)
  EXPECT_DOUBLE_EQ(cap(*base, "JPN", 2026), 10300.0);  // + Sumitomo Metal Mining (2026)
  EXPECT_DOUBLE_EQ(cap(*base, "AUS", 2030), 3000.0);   // the announced TES plant is not counted
  // Korea: two black-mass plants (20,000 + 12,000 t at 0.4444 t per t of battery) and two
  // battery plants (20,000 + 2,000 t) by 2024.
  EXPECT_NEAR(cap(*base, "KOR", 2024), 32000.0 / 0.4444 + 22000.0, 1e-6);
  EXPECT_NEAR(cap(*base, "KOR", 2022), 20000.0 + 2000.0, 1e-6);
  auto scenario = engine::run_scenario_text(
      "[[recycling_capacity]]\nregion = \"JPN\"\nyear = 2030\ncapacity_t_per_year = 50000\n",
      "jpn.toml", options);
  ASSERT_TRUE(scenario.has_value()) << scenario.error().to_string();
  EXPECT_DOUBLE_EQ(cap(*scenario, "JPN", 2026), 50000.0);
  auto announced = engine::run_scenario_text("[recycling_plants]\ninclude_announced = true\n",
                                             "announced.toml", options);
  ASSERT_TRUE(announced.has_value()) << announced.error().to_string();
  EXPECT_DOUBLE_EQ(cap(*announced, "AUS", 2030), 5000.0);  // + TES (announced for 2024)
  expect_invalid("[recycling_plants]\ninclude_announced = 1\n",
                 {"recycling_plants.include_announced", "expected true or false"});
}

// The baseline (an empty scenario, examples/global.toml and examples/steps.toml alike) reaches
// IEA's STEPS 2030 sales: a model region's figure exactly, a group's (Europe, Rest of the world)
// as the sum of its members, each member by its 2024 share of the group's segment sales.
TEST(StepsScenario, TheBaselineReaches2030SalesOfIeaStatedPolicies) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto run = engine::run_scenario_text("", "empty.toml", options);
  auto steps = engine::run_scenario_file(testing::source_path("examples/steps.toml"), options);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  ASSERT_TRUE(steps.has_value()) << steps.error().to_string();
  const auto* sales = run->find("sales_vehicles");
  const auto mine = sales->values.data();
  const auto theirs = steps->find("sales_vehicles")->values.data();
  EXPECT_TRUE(std::equal(mine.begin(), mine.end(), theirs.begin(), theirs.end()));
  auto at = [&](const char* region, const char* segment, const char* year = "2030") {
    const auto v = sales->values.get({{"region", region}, {"segment", segment}, {"year", year}});
    return v ? *v : -1.0;
  };
  EXPECT_DOUBLE_EQ(at("CHN", "car_bev"), 13000000.0);       // data/ev_sales_steps.csv
  EXPECT_DOUBLE_EQ(at("CHN", "truck"), 600000.0 + 7500.0);  // BEV + PHEV
  EXPECT_DOUBLE_EQ(at("IND", "two_three_wheeler"), 9000000.0);
  // Linear from the 2024 data: 2027 is half-way.
  EXPECT_NEAR(at("CHN", "car_bev", "2027"), 0.5 * (at("CHN", "car_bev", "2024") + 13000000.0),
              1e-6);
  const std::vector<const char*> europe = {"CZE", "DEU",        "FRA", "HUN",         "POL",
                                           "SWE", "EU27_OTHER", "GBR", "EUROPE_OTHER"};
  double europe_cars = 0.0, europe_cars_2024 = 0.0;
  for (const char* r : europe) {
    europe_cars += at(r, "car_bev") + at(r, "car_phev");
    europe_cars_2024 += at(r, "car_bev", "2024");
  }
  EXPECT_NEAR(europe_cars, 8000000.0 + 1500000.0, 1e-6);
  EXPECT_NEAR(at("DEU", "car_bev") / 8000000.0, at("DEU", "car_bev", "2024") / europe_cars_2024,
              1e-12);
  // Rest of the world: AUS, CAN, JPN, KOR and ROW share IEA's figure.
  double rest_bus = 0.0;
  for (const char* r : {"AUS", "CAN", "JPN", "KOR", "ROW"}) rest_bus += at(r, "bus");
  EXPECT_NEAR(rest_bus, 110000.0 + 5400.0, 1e-6);
  // After 2030 the stated growth applies: +5 %/yr.
  EXPECT_NEAR(at("CHN", "car_bev", "2031"), 13000000.0 * 1.05, 1e-6);
  EXPECT_TRUE(run->balance_ok());
}

// projection = "growth" projects with growth rates only (examples/growth.toml, the earlier
// baseline); a scenario target still replaces the data's for its region and segment.
TEST(StepsScenario, GrowthProjectionAndScenarioTargetsReplaceTheStepsPath) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto growth = engine::run_scenario_file(testing::source_path("examples/growth.toml"), options);
  auto target = engine::run_scenario_text(
      "[[sales.target]]\nregion = \"KOR\"\nsegment = \"car_bev\"\nyear = 2028\n"
      "sales_vehicles = 300000\n",
      "target.toml", options);
  ASSERT_TRUE(growth.has_value()) << growth.error().to_string();
  ASSERT_TRUE(target.has_value()) << target.error().to_string();
  auto at = [](const engine::RunResults& r, const char* region, const char* segment,
               const char* year) {
    const auto v = r.find("sales_vehicles")
                       ->values.get({{"region", region}, {"segment", segment}, {"year", year}});
    return v ? *v : -1.0;
  };
  EXPECT_NEAR(at(*growth, "CHN", "car_bev", "2030"),
              at(*growth, "CHN", "car_bev", "2024") * std::pow(1.10, 6), 1e-3);
  EXPECT_DOUBLE_EQ(at(*target, "KOR", "car_bev", "2028"), 300000.0);
  // After the scenario's own target, the growth rates apply (data: +10 %/yr to 2030).
  EXPECT_NEAR(at(*target, "KOR", "car_bev", "2029"), 300000.0 * 1.10, 1e-6);
  EXPECT_DOUBLE_EQ(at(*target, "CHN", "car_bev", "2030"), 13000000.0);  // others keep STEPS
}

TEST(StepsScenario, AModelRegionInTwoProjectionRegionsIsAnError) {
  BrokenData data;
  data.replace("projection_regions.csv", "Europe,EUROPE,", "Europe,EUROPE;USA,");
  expect_data_rejected(data, "projection_regions.csv:5",
                       {"model region USA is in projection regions USA and Europe"});
}

TEST(StepsScenario, BadProjectionKeysAndRowsAreNamed) {
  expect_invalid("[sales]\nprojection = \"steps\"\n",
                 {"sales.projection", "unknown projection 'steps'", "iea_steps"});
  expect_invalid(
      "[pack_size_path]\nprojection = \"grow\"\nfactor = 2\n",
      {"pack_size_path.projection", "unknown projection 'grow'", "pack_size_path.factor"});
  // A growth entry inside the STEPS path is a warning (it applies only after 2030).
  {
    TempDir dir;
    const std::string path = write(dir, "g.toml",
                                   "[[sales.growth]]\nfrom_year = 2026\nto_year = 2035\n"
                                   "growth_rate_per_year = 0.2\n");
    const auto lenient = run_cli("validate " + path + data_flag());
    EXPECT_EQ(lenient.exit_code, 0) << lenient.output;
    EXPECT_NE(lenient.output.find("inside the IEA STEPS path"), std::string::npos)
        << lenient.output;
    EXPECT_EQ(run_cli("--strict validate " + path + data_flag()).exit_code, 3);
  }
  BrokenData data;
  data.replace("ev_sales_steps.csv", "India,2030,Buses,BEV,38000", "Indai,2030,Buses,BEV,38000");
  data.replace("ev_sales_steps.csv", "USA,2030,Cars,BEV,2700000", "USA,2024,Cars,BEV,2700000");
  data.replace("projection_regions.csv", "Europe,EUROPE", "Europe,EUROPA");
  data.replace("battery_demand_steps.csv", "USA,Buses,2030,4,", "USA,Buses,2030,-4,");
  data.replace("battery_demand_steps.csv", "India,Cars,2030", "India,Bikes,2030");
  expect_data_rejected(
      data, "ev_sales_steps.csv:",
      {"'Indai' is not in projection_regions.csv", "inside the sales history",
       "projection_regions.csv:5:members", "'EUROPA' is not a region",
       "battery_demand_steps.csv:", ":battery_demand_gwh", "vehicle mode 'Bikes' has no segment"});
}

// Hungary, home to large cell plants, has feedstock from production scrap in the baseline; a run
// of some regions has none unless the scenario turns it on.
TEST(ProductionScrapScenario, ArisesWhereCellsAreMadeAndIsOffForPartialRunsByDefault) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto base = engine::run_scenario_text("", "base.toml", options);
  ASSERT_TRUE(base.has_value()) << base.error().to_string();
  const std::vector<std::pair<std::string, std::string>> hun_li_2030 = {
      {"region", "HUN"}, {"element", "Li"}, {"year", "2030"}};
  auto value = [&](const engine::RunResults& r, const char* table) {
    const auto v = r.find(table)->values.get(hun_li_2030);
    return v ? *v : -1.0;
  };
  const double scrap_hun = value(*base, "cell_manufacturing_to_recycling_t");
  EXPECT_GT(scrap_hun, 100.0);
  EXPECT_GT(scrap_hun, value(*base, "end_of_life_t"));  // scrap dominates Hungary's feedstock

  auto partial = engine::run_scenario_text("[scenario]\nregions = [\"HUN\", \"DEU\"]\n",
                                           "partial.toml", options);
  ASSERT_TRUE(partial.has_value()) << partial.error().to_string();
  EXPECT_EQ(partial->find("cell_manufacturing_to_recycling_t")->values.total(), 0.0);
  auto forced = engine::run_scenario_text(
      "[scenario]\nregions = [\"HUN\", \"DEU\"]\n[production_scrap]\nenabled = true\n"
      "[[production_scrap.rate]]\nyear = 2030\nscrap_fraction = 0.1\n",
      "forced.toml", options);
  ASSERT_TRUE(forced.has_value()) << forced.error().to_string();
  EXPECT_GT(value(*forced, "cell_manufacturing_to_recycling_t"), 0.0);
  EXPECT_TRUE(forced->balance_ok());
}

}  // namespace
}  // namespace urbanmine
