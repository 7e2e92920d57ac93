// SPDX-License-Identifier: Apache-2.0
// The plan data files: the shipped files load; bad rows (a site in an unknown country, a
// negative capex, a discount rate >= 1, a price path with a gap) are rejected naming file and
// row; `urbanmine plan` exits 3 on them and prints a plan on the shipped data.
#include "io/plan_data.h"

#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/plan.h"
#include "io/files.h"
#include "io/risk_data.h"

#include "plan/geo.h"
#include "test_support.h"
#include "unit_suffix.h"

namespace urbanmine {
namespace {

using testing::run_cli;
using testing::source_path;
using testing::TempDir;

std::vector<std::string> known_iso3() {
  auto codes = io::load_country_codes(source_path("data/country_codes.csv"));
  EXPECT_TRUE(codes.has_value());
  std::vector<std::string> out;
  for (const auto& c : codes->all()) out.push_back(c.iso3);
  return out;
}

// A copy of data/ with `file`'s text passed through `edit`.
std::string edited_data(const TempDir& dir, const std::string& file,
                        const std::function<std::string(std::string)>& edit) {
  namespace fs = std::filesystem;
  const fs::path target = dir.path("data");
  fs::create_directories(target);
  for (const auto& entry : fs::directory_iterator(source_path("data"))) {
    if (entry.is_regular_file()) fs::copy_file(entry.path(), target / entry.path().filename());
  }
  auto text = io::read_text_file((target / file).string());
  EXPECT_TRUE(text.has_value());
  std::ofstream(target / file, std::ios::trunc) << edit(*text);
  return target.string();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

TEST(PlanData, ShippedFilesLoadAndConvertToUsd) {
  auto data = io::load_plan_data(source_path("data"), known_iso3());
  ASSERT_TRUE(data) << data.error().to_string();
  EXPECT_EQ(data->sites.size(), 17u);
  ASSERT_EQ(data->modules.size(), 3u);
  // Small module: 20,000 t black mass / 0.4444 t per t battery; KRW 150 bn at the stated rate.
  EXPECT_NEAR(data->modules[0].module.capacity_t_per_year, 20000.0 / 0.4444, 1e-6);
  EXPECT_NEAR(data->modules[0].module.capex_usd, 150e9 * 0.000733, 1e-3);
  // Li is priced per t of Li2CO3 and stored per t of Li.
  EXPECT_NEAR(data->price_usd_per_t.at("Li").at(2025), 9500.0 / 0.18785, 1e-6);
  EXPECT_DOUBLE_EQ(data->discount_rate, 0.10);
  EXPECT_FALSE(data->assumptions.empty());
}

TEST(PlanData, SiteInUnknownCountryNamesFileAndRow) {
  TempDir dir;
  const auto d = edited_data(dir, "plan_sites.csv", [](std::string t) {
    return replace_once(t, "USA,USA,USA,", "USA,USA,XXX,");
  });
  auto data = io::load_plan_data(d, known_iso3());
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(data.error().to_string().find("plan_sites.csv:2"), std::string::npos)
      << data.error().to_string();
  EXPECT_NE(data.error().message.find("XXX"), std::string::npos);
}

TEST(PlanData, NegativeCapexNamesFileAndRow) {
  TempDir dir;
  const auto d = edited_data(dir, "plan_modules.csv", [](std::string t) {
    return replace_once(t, ",214700000000,", ",-214700000000,");
  });
  auto data = io::load_plan_data(d, known_iso3());
  ASSERT_FALSE(data);
  EXPECT_NE(data.error().to_string().find("plan_modules.csv:3"), std::string::npos)
      << data.error().to_string();
}

TEST(PlanData, DiscountRateOfOneIsRejected) {
  TempDir dir;
  const auto d = edited_data(dir, "plan_parameters.csv", [](std::string t) {
    return replace_once(t, "discount_rate,0.10,", "discount_rate,1.0,");
  });
  auto data = io::load_plan_data(d, known_iso3());
  ASSERT_FALSE(data);
  EXPECT_NE(data.error().to_string().find("plan_parameters.csv row discount_rate"),
            std::string::npos)
      << data.error().to_string();
}

TEST(PlanData, PricePathWithAGapNamesTheRowAfterIt) {
  TempDir dir;
  const auto d = edited_data(dir, "plan_prices.csv",
                             [](std::string t) { return replace_once(t, "Ni,2025,", "Ni,2027,"); });
  auto data = io::load_plan_data(d, known_iso3());
  ASSERT_FALSE(data);
  const auto text = data.error().to_string();
  EXPECT_NE(text.find("plan_prices.csv:3"), std::string::npos) << text;
  EXPECT_NE(text.find("gap"), std::string::npos) << text;
}

TEST(PlanData, GreatCircleDistanceSeoulToBeijing) {
  // Haversine on the IUGG mean radius; about 950 km between the two capitals.
  const double d = plan::great_circle_km(37.566535, 126.9779692, 39.9041999, 116.4073963);
  EXPECT_GT(d, 940.0);
  EXPECT_LT(d, 960.0);
  EXPECT_NEAR(plan::great_circle_km(10.0, 20.0, 10.0, 20.0), 0.0, 1e-9);
}

class PlanCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_dir_ = new TempDir();
    const auto r = run_cli("run --quiet --out " + run_dir_->path("run"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  static void TearDownTestSuite() {
    delete run_dir_;
    run_dir_ = nullptr;
  }
  static TempDir* run_dir_;
};
TempDir* PlanCli::run_dir_ = nullptr;

TEST_F(PlanCli, PrintsAPlanWithItsGapOnTheShippedData) {
  const auto r =
      run_cli("--format json plan " + run_dir_->path("run") + " --time-limit 30 --pareto 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* table :
       {"plan_summary", "plan_builds", "plan_flows", "plan_utilisation", "plan_pareto"}) {
    EXPECT_NE(r.output.find(table), std::string::npos) << table;
  }
  EXPECT_NE(r.output.find("relative_gap"), std::string::npos);
  // Tonnes are named in full in every column (docs/formats/outputs.md): processed_tonnes.
  const auto doc = nlohmann::json::parse(r.output);
  EXPECT_EQ(testing::names_ending_in_t(doc), std::vector<std::string>{});
  EXPECT_NE(r.output.find("\"processed_tonnes\""), std::string::npos);
  EXPECT_NE(r.output.find("\"co2_cap_tonnes\""), std::string::npos);
  // The discount rate reads as written in the data (0.1), not as "0.100000".
  EXPECT_NE(r.output.find("at 0.1 per year"), std::string::npos) << r.output.substr(0, 400);
}

TEST_F(PlanCli, BadInputExitsThreeNamingFileAndRow) {
  TempDir dir;
  const auto d = edited_data(dir, "plan_sites.csv", [](std::string t) {
    return replace_once(t, "KOR,KOR,KOR,", "KOR,KOR,ZZZ,");
  });
  const auto r = run_cli("plan " + run_dir_->path("run") + " --data-dir " + d);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("plan_sites.csv:4"), std::string::npos) << r.output;
  const auto rate = run_cli("plan " + run_dir_->path("run") + " --discount-rate 1");
  EXPECT_EQ(rate.exit_code, 3) << rate.output;
  EXPECT_NE(rate.output.find("--discount-rate"), std::string::npos) << rate.output;
  // The flags are checked before the run is loaded: a bad --pareto is named even when the run
  // (here a scenario file that does not exist) would fail too.
  const auto pareto = run_cli("plan " + run_dir_->path("no_such.toml") + " --pareto 1");
  EXPECT_EQ(pareto.exit_code, 3) << pareto.output;
  EXPECT_NE(pareto.output.find("--pareto"), std::string::npos) << pareto.output;
}

TEST_F(PlanCli, SourceReportsAnInfeasibleTargetWithItsShortfallAndExitsZero) {
  // EU-only supply cannot give the 2031 cobalt minimum in the baseline: infeasible, exit 0.
  const auto r =
      run_cli("--format csv source " + run_dir_->path("run") + " --suppliers EU --maker HUN=0.3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("shortfall_tonnes"), std::string::npos) << r.output;
  const auto json =
      run_cli("--format json source " + run_dir_->path("run") + " --suppliers EU --maker HUN=0.3");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  // The notes go to stderr as "urbanmine: info:" lines, before the JSON document.
  const auto brace = json.output.find("{\"tables\"");
  ASSERT_NE(brace, std::string::npos) << json.output;
  EXPECT_EQ(testing::names_ending_in_t(nlohmann::json::parse(json.output.substr(brace))),
            std::vector<std::string>{});
  EXPECT_NE(r.output.find("maker@HUN"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("infeasible"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Pb: recycled-content target not evaluable"), std::string::npos);
  const auto bad = run_cli("source " + run_dir_->path("run") + " --maker USA=0.5");
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
}

TEST_F(PlanCli, RobustMarketRankingHasNoConstantCriterionAndRankRanges) {
  const auto r =
      run_cli("--format json market robust " + run_dir_->path("run") + " --year 2035 --draws 200");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("market_robust_ranking"), std::string::npos);
  EXPECT_NE(r.output.find("their resolution): none."), std::string::npos) << r.output;
  for (const char* col : {"processing_usd_per_t", "recycled_content_required_tonnes", "rank_p95"}) {
    EXPECT_NE(r.output.find(col), std::string::npos) << col;
  }
  EXPECT_EQ(testing::names_ending_in_t(nlohmann::json::parse(r.output)),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace urbanmine
