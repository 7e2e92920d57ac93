// SPDX-License-Identifier: Apache-2.0
// `urbanmine mc` end to end on a small scenario: bad distributions exit 3 naming the key, the
// output does not depend on the thread count, a scenario compared with itself differs by
// exactly zero, and a failing draw names the draw, the input and its value.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"

#include "test_support.h"

namespace urbanmine {
namespace {

constexpr const char* kSmallScenario = R"([scenario]
name = "mc test"
first_year = 2015
last_year = 2040
regions = ["KOR", "DEU"]
)";

std::string write_scenario(const testing::TempDir& dir, const std::string& name,
                           const std::string& extra) {
  const std::string path = dir.path(name);
  std::ofstream(path) << kSmallScenario << extra;
  return path;
}

TEST(McCli, NegativeSdExitsThreeNamingTheKey) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "bad.toml", R"(
[[uncertainty.input]]
name = "pack_size.factor"
distribution = "normal"
mean = 1.0
sd = -0.1
)");
  const auto r = testing::run_cli("mc " + path + " --draws 4 --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("pack_size.factor"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("bad.toml:"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("out/mc_summary.csv")));
}

TEST(McCli, StudySizesBeyondTheBoundsExitThreeBeforeAllocating) {
  // Issue 19: --draws 1e8 used to end in std::bad_alloc (exit 5) after planning terabytes.
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", "");
  auto r = testing::run_cli("mc " + path + " --draws 100000000 --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("--draws"), std::string::npos) << r.output;
  r = testing::run_cli("sensitivity " + path + " --samples 100000000 --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("--samples"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("out")));
}

TEST(McCli, ShareThatCanExceedOneExitsThree) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "bad.toml", R"(
[[uncertainty.input]]
name = "second_life.share"
distribution = "normal"
mean = 0.5
sd = 0.2
)");
  const auto r = testing::run_cli("mc " + path + " --draws 4 --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("second_life.share"), std::string::npos) << r.output;
}

TEST(McCli, LowerAboveUpperAndUnknownNamesExitThree) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "bad.toml", R"(
[[uncertainty.input]]
name = "capacity.factor"
distribution = "uniform"
lower = 1.2
upper = 0.8

[[uncertainty.input]]
name = "recycling.magic"
distribution = "uniform"
lower = 0
upper = 1
)");
  const auto r = testing::run_cli("mc " + path + " --draws 4 --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("capacity.factor"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("above upper"), std::string::npos) << r.output;
}

TEST(McCli, UnknownInputNameExitsThree) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "bad.toml", R"(
[[uncertainty.input]]
name = "recycling.magic"
distribution = "uniform"
lower = 0
upper = 1
)");
  const auto r = testing::run_cli("mc " + path + " --draws 4 --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("unknown uncertain input 'recycling.magic'"), std::string::npos)
      << r.output;
}

TEST(McCli, OutputIsTheSameWithOneAndTwoThreads) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", "");
  const auto a =
      testing::run_cli("mc " + path + " --draws 24 --seed 5 --threads 1 --out " + dir.path("a"));
  ASSERT_EQ(a.exit_code, 0) << a.output;
  const auto b =
      testing::run_cli("mc " + path + " --draws 24 --seed 5 --threads 2 --out " + dir.path("b"));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  for (const char* file : {"mc_summary.csv", "mc_summary.json"}) {
    const auto ta = io::read_text_file(dir.path(std::string("a/") + file));
    const auto tb = io::read_text_file(dir.path(std::string("b/") + file));
    ASSERT_TRUE(ta && tb);
    EXPECT_EQ(*ta, *tb) << file;
  }
  const auto c =
      testing::run_cli("mc " + path + " --draws 24 --seed 6 --threads 1 --out " + dir.path("c"));
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(*io::read_text_file(dir.path("a/mc_summary.csv")),
            *io::read_text_file(dir.path("c/mc_summary.csv")));
  const auto j = nlohmann::json::parse(*io::read_text_file(dir.path("a/mc_summary.json")));
  EXPECT_EQ(j["draws_ok"], 24);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_GE(j["inputs"].size(), 10U);
  // Bands are ordered and the uncertain inputs spread the end-of-life flow.
  for (const auto& t : j["tables"]) {
    if (t["name"] != "use_to_end_of_life_kwh") continue;
    for (const auto& row : t["rows"]) {
      EXPECT_LE(row["p5"].get<double>(), row["p50"].get<double>());
      EXPECT_LE(row["p50"].get<double>(), row["p95"].get<double>());
      if (row["at"][0] == "total" && row["at"][1] == "2040") {
        EXPECT_LT(row["p5"].get<double>(), 0.95 * row["p95"].get<double>());
      }
    }
  }
}

TEST(McCli, ScenarioComparedWithItselfDiffersByExactlyZero) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", "");
  const auto r = testing::run_cli("mc " + path + " --compare " + path +
                                  " --draws 8 --seed 2 --out " + dir.path("d"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(*io::read_text_file(dir.path("d/mc_summary.json")));
  ASSERT_TRUE(j.contains("compare"));
  for (const auto& t : j["tables"]) {
    for (const auto& row : t["rows"]) {
      ASSERT_EQ(row["p5"].get<double>(), 0.0);
      ASSERT_EQ(row["p95"].get<double>(), 0.0);
    }
  }
}

TEST(McCli, FailingDrawNamesTheDrawTheInputAndItsValue) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", R"(
[uncertainty]
defaults = false

[[uncertainty.input]]
name = "lifetime.all.battery.mean_years"
distribution = "uniform"
lower = -10
upper = 20
)");
  const auto stop = testing::run_cli("mc " + path + " --draws 20 --out " + dir.path("s"));
  EXPECT_EQ(stop.exit_code, 3) << stop.output;
  EXPECT_NE(stop.output.find("draw "), std::string::npos) << stop.output;
  EXPECT_NE(stop.output.find("lifetime.all.battery.mean_years' drew -"), std::string::npos)
      << stop.output;
  const auto skip =
      testing::run_cli("mc " + path + " --draws 20 --on-error skip --out " + dir.path("k"));
  ASSERT_EQ(skip.exit_code, 0) << skip.output;
  const auto j = nlohmann::json::parse(*io::read_text_file(dir.path("k/mc_summary.json")));
  EXPECT_LT(j["draws_ok"].get<int>(), 20);
  EXPECT_GT(j["draws_ok"].get<int>(), 0);
  ASSERT_FALSE(j["failed_draws"].empty());
  EXPECT_EQ(j["failed_draws"][0]["input"], "lifetime.all.battery.mean_years");
  EXPECT_LE(j["failed_draws"][0]["value"].get<double>(), 0.0);
}

}  // namespace
}  // namespace urbanmine

namespace urbanmine {
namespace {

// Morris on the small scenario: recovery rates cannot move the end-of-life flow (mu* exactly
// 0), battery lifetime does; the Sobol run writes S1 and ST with intervals for every pair.
TEST(SensitivityCli, MorrisSeparatesInfluentialFromInertInputs) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", "");
  const auto r = testing::run_cli(
      "sensitivity " + path + " --method morris --samples 6 --bootstrap 20 --out " + dir.path("m"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto csv = io::read_text_file(dir.path("m/sensitivity_morris.csv"));
  ASSERT_TRUE(csv);
  EXPECT_NE(
      csv->find("morris,use_to_end_of_life_kwh total 2030,recovery.hydrometallurgy.Li,0,0,0,"),
      std::string::npos);
  const auto at =
      csv->find("morris,use_to_end_of_life_kwh total 2040,lifetime.all.battery.mean_factor,");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(csv->substr(at, 90).find("mean_factor,"), std::string::npos);
  EXPECT_EQ(csv->find("mean_factor,0,", at), std::string::npos);
}

TEST(SensitivityCli, SobolWritesIndicesWithIntervals) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", R"(
[uncertainty]
defaults = false

[[uncertainty.input]]
name = "second_life.share"
distribution = "uniform"
lower = 0.3
upper = 0.7

[[uncertainty.input]]
name = "recovery.hydrometallurgy.Li"
distribution = "uniform"
lower = 0.5
upper = 0.95
)");
  const auto r = testing::run_cli(
      "sensitivity " + path + " --method sobol --samples 16 --bootstrap 20 --out " + dir.path("s"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("64 model runs"), std::string::npos) << r.output;
  const auto csv = io::read_text_file(dir.path("s/sensitivity_sobol.csv"));
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->rfind("method,output,input,s1,s1_low,s1_high,st,st_low,st_high\n", 0), 0U);
  // Recovery cannot change end-of-life tonnes: both indices exactly zero.
  EXPECT_NE(csv->find("sobol,end_of_life_t total Li 2040,recovery.hydrometallurgy.Li,0,0,0,0,0,0"),
            std::string::npos)
      << *csv;
}

// Tornado (issue 20): each input alone at its P5 and P95, the others at their median; the bars
// of each output in decreasing |swing|. End-of-life kWh is linear in the pack-size factor, so its
// P95 bar is the central value x 1.18 (uniform 0.8-1.2), and recovery cannot move it at all.
TEST(SensitivityCli, TornadoRanksInputsBySwingBetweenTheirP5AndP95) {
  testing::TempDir dir;
  const auto path = write_scenario(dir, "s.toml", R"(
[uncertainty]
defaults = false

[[uncertainty.input]]
name = "recovery.hydrometallurgy.Li"
distribution = "uniform"
lower = 0.5
upper = 0.95

[[uncertainty.input]]
name = "pack_size.factor"
distribution = "uniform"
lower = 0.8
upper = 1.2

[[uncertainty.input]]
name = "lifetime.all.battery.mean_factor"
distribution = "uniform"
lower = 0.9
upper = 1.1
)");
  const auto r =
      testing::run_cli("sensitivity " + path + " --method tornado --out " + dir.path("t"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("7 model runs"), std::string::npos) << r.output;
  const auto csv = io::read_text_file(dir.path("t/sensitivity_tornado.csv"));
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->rfind("method,output,input,central,at_p5,at_p95,swing\n", 0), 0U) << *csv;
  std::istringstream in(*csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::vector<std::string>> bars;  // rows of "use_to_end_of_life_kwh total 2040"
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    ASSERT_EQ(f.size(), 7U) << line;
    const double low = std::stod(f[4]), high = std::stod(f[5]), swing = std::stod(f[6]);
    EXPECT_NEAR(swing, high - low, 1e-9 * (std::fabs(high) + 1.0)) << line;
    if (f[1] == "use_to_end_of_life_kwh total 2040") bars.push_back(f);
  }
  ASSERT_EQ(bars.size(), 3U) << *csv;
  EXPECT_EQ(bars[0][2], "pack_size.factor");
  EXPECT_EQ(bars[2][2], "recovery.hydrometallurgy.Li");
  EXPECT_EQ(std::stod(bars[2][6]), 0.0);
  const double central = std::stod(bars[0][3]);
  EXPECT_NEAR(std::stod(bars[0][5]) / central, 1.18, 1e-9);
  EXPECT_NEAR(std::stod(bars[0][4]) / central, 0.82, 1e-9);
  EXPECT_GT(std::fabs(std::stod(bars[1][6])), 0.0);  // battery lifetime moves end of life
}

}  // namespace
}  // namespace urbanmine

namespace urbanmine {
namespace {

std::string write_sweep(const testing::TempDir& dir, const std::string& body) {
  const std::string path = dir.path("sweep.toml");
  std::ofstream(path) << body;
  return path;
}

// 1 scenario x 2 collection fractions x 2 recovery rates = 4 variants; more collection and
// more recovery give more recovered lithium, and end of life does not move.
TEST(SweepCli, GridOfVariantsInOneTable) {
  testing::TempDir dir;
  write_scenario(dir, "s.toml", "");
  const auto path = write_sweep(dir, R"([sweep]
scenarios = ["s.toml"]
[[sweep.axis]]
input = "collection.fraction"
values = [0.5, 1.0]
[[sweep.axis]]
input = "recovery.hydrometallurgy.Li"
values = [0.5, 0.9]
)");
  const auto r = testing::run_cli("sweep " + path + " --out " + dir.path("o"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("4 variants"), std::string::npos) << r.output;
  const auto csv = io::read_text_file(dir.path("o/sweep_summary.csv"));
  ASSERT_TRUE(csv);
  EXPECT_EQ(
      csv->rfind("variant,scenario,collection.fraction,recovery.hydrometallurgy.Li,output,", 0),
      0U);
  // Recovered Li in 2040 (mean column) by variant.
  std::vector<double> recovered;
  std::istringstream lines(*csv);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(",recycling_to_secondary_metal_t Li 2040,") == std::string::npos) continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) f.push_back(cell);
    recovered.push_back(std::stod(f[6]));
  }
  ASSERT_EQ(recovered.size(), 4U);  // (0.5, 0.5), (0.5, 0.9), (1.0, 0.5), (1.0, 0.9)
  EXPECT_LT(recovered[0], recovered[1]);
  EXPECT_LT(recovered[0], recovered[2]);
  EXPECT_NEAR(recovered[3] / recovered[2], 0.9 / 0.5, 1e-9);
}

TEST(SweepCli, UnknownAxisInputExitsThree) {
  testing::TempDir dir;
  write_scenario(dir, "s.toml", "");
  const auto path = write_sweep(dir, R"([sweep]
scenarios = ["s.toml"]
[[sweep.axis]]
input = "collection.rate"
values = [0.5]
)");
  const auto r = testing::run_cli("sweep " + path + " --out " + dir.path("o"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("collection.rate"), std::string::npos) << r.output;
}

// Issue 19: sweep sizes are bounded like mc --draws, before anything is planned or allocated.
TEST(SweepCli, DrawsOrVariantsBeyondTheBoundsExitThreeNamingTheKey) {
  testing::TempDir dir;
  write_scenario(dir, "s.toml", "");
  auto path = write_sweep(dir, R"([sweep]
scenarios = ["s.toml"]
draws = 1000001
)");
  auto r = testing::run_cli("sweep " + path + " --out " + dir.path("o"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("sweep.draws"), std::string::npos) << r.output;
  // 1 x 100 x 100 x 100 = 1,000,000 variants (each axis value list is small).
  std::string values = "values = [";
  for (int i = 0; i < 100; ++i) values += (i ? ", " : "") + std::to_string(0.5 + i * 0.001);
  values += "]\n";
  std::string body = "[sweep]\nscenarios = [\"s.toml\"]\n";
  for (int a = 0; a < 3; ++a) body += "[[sweep.axis]]\ninput = \"collection.fraction\"\n" + values;
  path = write_sweep(dir, body);
  r = testing::run_cli("sweep " + path + " --out " + dir.path("o"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("more than 100000 variants"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("o")));
}

TEST(SweepCli, MonteCarloPerVariant) {
  testing::TempDir dir;
  write_scenario(dir, "s.toml", "");
  const auto path = write_sweep(dir, R"([sweep]
scenarios = ["s.toml"]
draws = 6
seed = 3
[[sweep.axis]]
input = "second_life.share"
values = [0.3, 0.7]
)");
  const auto r = testing::run_cli("sweep " + path + " --out " + dir.path("o"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto csv = io::read_text_file(dir.path("o/sweep_summary.csv"));
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->find(",0.3,use_to_end_of_life_kwh total 2030,6,"), std::string::npos) << *csv;
}

}  // namespace
}  // namespace urbanmine
