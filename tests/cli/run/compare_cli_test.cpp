// SPDX-License-Identifier: Apache-2.0
// `urbanmine compare` as a user types it (issue 17): one command answers "how does the EU
// circular scenario change recovered lithium in the EU in 2040?", from scenarios, a run folder
// or a stored run; bad input exits 3 and writes nothing.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace urbanmine {
namespace {

using testing::run_cli;
using testing::source_path;
namespace fs = std::filesystem;

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CompareCli, AnswersTheEuLithiumQuestionInOneCommand) {
  testing::TempDir dir;
  const auto r = run_cli("-q compare " + source_path("examples/global.toml") + " " +
                         source_path("examples/eu_circular.toml") +
                         " --region EU27 --year 2040 --element Li --out " + dir.path("cmp"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The first line is the answer: recovered lithium in EU27 in 2040 with its delta.
  const std::string first = r.output.substr(0, r.output.find('\n'));
  EXPECT_NE(first.find("Metal recovered by recycling, lithium, EU27, 2040"), std::string::npos)
      << first;
  EXPECT_NE(first.find("EU circular"), std::string::npos) << first;
  EXPECT_NE(first.find("%)"), std::string::npos) << first;
  for (const char* f : {"compare.csv", "compare.html", "compare.json"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path("cmp/" + std::string(f)))) << f;
  }
  const std::string html = read(dir.path("cmp/compare.html"));
  // The answer comes before any chart or table, and the scenario's description is there.
  const auto answer = html.find("Metal recovered by recycling, lithium, EU27, 2040");
  ASSERT_NE(answer, std::string::npos);
  EXPECT_LT(answer, html.find("<svg"));
  EXPECT_LT(answer, html.find("<table"));
  EXPECT_NE(html.find("Less second life, more European recycling capacity"), std::string::npos);
  EXPECT_NE(html.find("href=\"compare.csv\""), std::string::npos);
  // The CSV has the EU27 row the answer states.
  const std::string csv = read(dir.path("cmp/compare.csv"));
  EXPECT_EQ(csv.rfind("table,unit,region,element,year,run,reference_value,value,delta,"
                      "delta_fraction\n",
                      0),
            0u);
  EXPECT_NE(csv.find("\nrecycling_to_secondary_metal_t,mass_tonnes,EU27,Li,2040,EU circular,"),
            std::string::npos);
  const auto json = nlohmann::json::parse(read(dir.path("cmp/compare.json")));
  EXPECT_EQ(json["format"], "urbanmine-compare/1");
  EXPECT_EQ(json["region"], "EU27");
  EXPECT_EQ(json["runs"].size(), 2u);
  EXPECT_EQ(json["differences_count"].get<long long>(),
            static_cast<long long>(std::count(csv.begin(), csv.end(), '\n') - 1));
}

TEST(CompareCli, ComparesAFolderWithAStoredRunAndAScenario) {
  testing::TempDir dir;
  const std::string scenario = source_path("examples/eu_circular.toml");
  const auto run =
      run_cli("-q run " + scenario + " --out " + dir.path("eu") + " --db " + dir.path("runs.db"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto r = run_cli("-q --format json compare " + dir.path("eu") + " 1 " + scenario +
                         " --db " + dir.path("runs.db") + " --region EU27");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto json = nlohmann::json::parse(r.output);
  EXPECT_EQ(json["differences_count"], 0);
  EXPECT_EQ(json["year"], 2040);
  ASSERT_EQ(json["runs"].size(), 3u);
  EXPECT_EQ(json["runs"][1]["source"], "run 1 in " + dir.path("runs.db"));
  EXPECT_EQ(json["runs"][0]["label"], "EU circular");
  EXPECT_EQ(json["runs"][1]["label"], "EU circular (2)");
  for (const auto& h : json["headline"]) {
    EXPECT_EQ(h["deltas"][1], 0.0) << h["table"];
    EXPECT_EQ(h["deltas"][2], 0.0) << h["table"];
  }
}

// Issue 17: runs go to one workspace database by default, so that comparing needs no set-up.
TEST(CompareCli, TwoRunsWithDefaultsCompareByIdWithoutSetUp) {
  testing::TempDir dir;
  const std::string global = source_path("examples/global.toml");
  const std::string eu = source_path("examples/eu_circular.toml");
  // Without a workspace yet, an id names what to give.
  const auto none = testing::run_cli_in(dir.path(), "-q compare 1 2");
  EXPECT_EQ(none.exit_code, 3) << none.output;
  EXPECT_NE(none.output.find("out/urbanmine.db"), std::string::npos) << none.output;
  ASSERT_EQ(testing::run_cli_in(dir.path(), "-q run " + global).exit_code, 0);
  ASSERT_EQ(testing::run_cli_in(dir.path(), "-q run " + eu).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir.path("out/global/summary.json")));
  EXPECT_TRUE(fs::exists(dir.path("out/eu_circular/summary.json")));
  const auto r = testing::run_cli_in(
      dir.path(), "-q --format json compare 1 2 --region EU27 --element Li --year 2040");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto json = nlohmann::json::parse(r.output);
  ASSERT_EQ(json["runs"].size(), 2u);
  EXPECT_EQ(json["runs"][0]["source"], "run 1 in out/urbanmine.db");
  EXPECT_EQ(json["runs"][1]["label"], "EU circular");
  // The same answer as comparing the two folders.
  const auto folders = testing::run_cli_in(
      dir.path(),
      "-q --format json compare out/global out/eu_circular --region EU27 --element Li --year 2040");
  ASSERT_EQ(folders.exit_code, 0) << folders.output;
  EXPECT_EQ(nlohmann::json::parse(folders.output)["answer"], json["answer"]);
}

TEST(CompareCli, BadInputExitsThreeNamingWhatToGiveAndWritesNothing) {
  testing::TempDir dir;
  const std::string a = source_path("examples/global.toml");
  const std::string b = source_path("examples/eu_circular.toml");
  const std::string out = " --out " + dir.path("cmp");
  auto region = run_cli("-q compare " + a + " " + b + " --region ATLANTIS" + out);
  EXPECT_EQ(region.exit_code, 3) << region.output;
  EXPECT_NE(region.output.find("ATLANTIS"), std::string::npos) << region.output;
  EXPECT_NE(region.output.find("EU27"), std::string::npos) << region.output;
  auto year = run_cli("-q compare " + a + " " + b + " --year 2075" + out);
  EXPECT_EQ(year.exit_code, 3) << year.output;
  auto element = run_cli("-q compare " + a + " " + b + " --element Fe" + out);
  EXPECT_EQ(element.exit_code, 3) << element.output;
  auto id = testing::run_cli_in(dir.path(), "-q compare " + a + " 7" + out);  // no workspace there
  EXPECT_EQ(id.exit_code, 3) << id.output;
  EXPECT_NE(id.output.find("--db"), std::string::npos) << id.output;
  auto nothing = run_cli("-q compare " + a + " " + dir.path("no-such-run") + out);
  EXPECT_EQ(nothing.exit_code, 3) << nothing.output;
  auto one = run_cli("-q compare " + a);
  EXPECT_EQ(one.exit_code, 2) << one.output;  // usage: two runs or more
  EXPECT_FALSE(std::filesystem::exists(dir.path("cmp")));
}

TEST(CompareCli, RunFocusPutsTheRegionFirstAndAnUnknownOneWritesNothing) {
  testing::TempDir dir;
  const auto ok = run_cli("-q run --focus KOR --out " + dir.path("kor"));
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  const std::string html = read(dir.path("kor/report.html"));
  EXPECT_NE(html.find("<h2 id=\"glance\">At a glance: KOR</h2>"), std::string::npos);
  const auto bad = run_cli("-q run --focus XYZ --out " + dir.path("xyz"));
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_NE(bad.output.find("--focus"), std::string::npos) << bad.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("xyz")));
}

TEST(CompareCli, RunLangKoWritesTheReportInKoreanAndTheDataInEnglish) {
  testing::TempDir dir;
  const auto ok = run_cli("-q run --focus KOR --lang ko --out " + dir.path("ko"));
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  const std::string html = read(dir.path("ko/report.html"));
  EXPECT_NE(html.find("<html lang=\"ko\">"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"glance\">한눈에 보기: 한국</h2>"), std::string::npos);
  EXPECT_EQ(html.find("Main findings"), std::string::npos);
  // summary.json and the CSVs are data: English whatever the report's language.
  const auto summary = nlohmann::json::parse(read(dir.path("ko/summary.json")));
  ASSERT_FALSE(summary["findings"].empty());
  EXPECT_EQ(summary["findings"][0]["text"].get<std::string>().rfind("In ", 0), 0U);
  const auto bad = run_cli("-q run --lang fr --out " + dir.path("fr"));
  EXPECT_NE(bad.exit_code, 0) << bad.output;
  EXPECT_NE(bad.output.find("--lang"), std::string::npos) << bad.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("fr")));
}

}  // namespace
}  // namespace urbanmine
