// SPDX-License-Identifier: Apache-2.0
// `urbanmine match dealsheet` end to end on the example event: the sheets from a run folder equal
// those from the scenario run in memory (the folder's record tables are read back too), the
// folder holds the JSON, the organiser's page and one page per participant, Korean pages carry
// no English headings, and bad input exits 3 and writes nothing.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "io/pdf_print.h"

#include "test_support.h"
#include "unit_suffix.h"

namespace urbanmine {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::run_cli_command;
using testing::source_path;
using testing::TempDir;

json read_json(const std::string& path) {
  auto text = io::read_text_file(path);
  EXPECT_TRUE(text.has_value()) << path;
  return text ? json::parse(*text) : json();
}

// The example event scored and scheduled into `dir`.
void make_event(const TempDir& dir) {
  auto score =
      run_cli("-q match score " + source_path("examples/event/profiles.csv") +
              " --slots 12 --tables 6 --date 2023-11-30 --output " + dir.path("instance.json"));
  ASSERT_EQ(score.exit_code, 0) << score.output;
  auto schedule = run_cli("-q match schedule " + dir.path("instance.json") +
                          " --time-limit 2 --output " + dir.path("schedule.json"));
  ASSERT_EQ(schedule.exit_code, 0) << schedule.output;
}

TEST(DealSheetCli, ARunFolderGivesTheSameSheetsAsTheScenario) {
  TempDir dir;
  make_event(dir);
  const std::string scenario = source_path("examples/global.toml");
  auto run = run_cli("-q run " + scenario + " --out " + dir.path("run"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string event = dir.path("instance.json") + " " + dir.path("schedule.json");
  auto a =
      run_cli("-q match dealsheet " + event + " --run " + scenario + " --out-dir " + dir.path("a"));
  ASSERT_EQ(a.exit_code, 0) << a.output;
  auto b = run_cli("-q match dealsheet " + event + " --run " + dir.path("run") + " --out-dir " +
                   dir.path("b"));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  json ja = read_json(dir.path("a/dealsheets.json"));
  json jb = read_json(dir.path("b/dealsheets.json"));
  ja.erase("run");
  jb.erase("run");
  // Numbers went through CSVs with 12 significant digits: compare with a relative tolerance.
  std::function<void(const json&, const json&, const std::string&)> same =
      [&](const json& x, const json& y, const std::string& path) {
        ASSERT_EQ(x.type(), y.type()) << path;
        if (x.is_object()) {
          ASSERT_EQ(x.size(), y.size()) << path;
          for (auto it = x.begin(); it != x.end(); ++it) {
            ASSERT_TRUE(y.contains(it.key())) << path << "/" << it.key();
            same(it.value(), y[it.key()], path + "/" + it.key());
          }
        } else if (x.is_array()) {
          ASSERT_EQ(x.size(), y.size()) << path;
          for (std::size_t i = 0; i < x.size(); ++i)
            same(x[i], y[i], path + "/" + std::to_string(i));
        } else if (x.is_number_float()) {
          const double u = x.get<double>();
          const double v = y.get<double>();
          EXPECT_NEAR(u, v, 1e-9 * std::max(1.0, std::abs(u))) << path;
        } else {
          EXPECT_EQ(x, y) << path;
        }
      };
  same(ja, jb, "");
  EXPECT_FALSE(ja["meetings"].empty());
  // Tonnes named in full (docs/formats/dealsheets.md): waste_tonnes, shipped_tonnes.
  EXPECT_EQ(testing::names_ending_in_t(ja), std::vector<std::string>{});
  EXPECT_TRUE(ja["meetings"][0]["k_country"]["years"][0].contains("waste_tonnes"));
  // Policies and ranks are in the folder's sheets too (record tables read back).
  EXPECT_FALSE(jb["meetings"][0]["k_country"]["policies"].empty());
  for (const char* name : {"dealsheets.json", "dealsheets.html", "K01.html", "F07.html"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path(std::string("b/") + name))) << name;
  }
}

TEST(DealSheetCli, KoreanPagesAndBadInputWritesNothing) {
  TempDir dir;
  make_event(dir);
  const std::string event = dir.path("instance.json") + " " + dir.path("schedule.json");
  const std::string scenario = source_path("examples/global.toml");
  auto ko = run_cli("-q match dealsheet " + event + " --run " + scenario +
                    " --language ko --years 2035 --out-dir " + dir.path("ko"));
  ASSERT_EQ(ko.exit_code, 0) << ko.output;
  auto page = io::read_text_file(dir.path("ko/K02.html"));
  ASSERT_TRUE(page.has_value());
  EXPECT_NE(page->find("면담 사유"), std::string::npos);
  for (const char* english : {"Why meet", "Shipping feedstock", "Policy rules checked"}) {
    EXPECT_EQ(page->find(english), std::string::npos) << english;
  }
  EXPECT_EQ(read_json(dir.path("ko/dealsheets.json"))["years"], json::array({2035}));

  for (const std::string& bad : {std::string(" --years 2200"), std::string(" --years 20x5"),
                                 std::string(" --language fr")}) {
    auto r = run_cli("match dealsheet " + event + " --run " + scenario + bad + " --out-dir " +
                     dir.path("bad"));
    EXPECT_EQ(r.exit_code, 3) << bad << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir.path("bad"))) << bad;
  }
  auto missing = run_cli("match dealsheet " + event + " --run " + dir.path("nothing-here") +
                         " --out-dir " + dir.path("bad"));
  EXPECT_NE(missing.exit_code, 0) << missing.output;
  EXPECT_NE(missing.output.find("nothing-here"), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("bad")));
}

// `--pdf`: every page also printed to PDF by the system's Chromium, in the same all-or-nothing
// folder; without a browser it is an error that writes nothing. A two-person event keeps it short.
TEST(DealSheetCli, PdfPagesArePrintedWithTheHtml) {
  if (io::pdf_browser().empty()) GTEST_SKIP() << "no Chromium on this machine";
  TempDir dir;
  // K01 asks for F07, so the two meet.
  std::ofstream(dir.path("profiles.csv"))
      << "id,side,organisation,country,offers,seeks,materials,target_countries,available,"
         "requests\n"
         "K01,K,Saebitchem,KR,seller,buyer,nickel;lithium,ID,all,F07:1\n"
         "F07,F,Indonesia delegation,ID,buyer,seller,nickel,,all,\n";
  auto score = run_cli("-q match score " + dir.path("profiles.csv") + " --slots 2 --tables 1 " +
                       "--output " + dir.path("instance.json"));
  ASSERT_EQ(score.exit_code, 0) << score.output;
  auto schedule = run_cli("-q match schedule " + dir.path("instance.json") +
                          " --time-limit 2 --output " + dir.path("schedule.json"));
  ASSERT_EQ(schedule.exit_code, 0) << schedule.output;
  const std::string event = dir.path("instance.json") + " " + dir.path("schedule.json") +
                            " --run " + source_path("examples/global.toml");
  auto printed = run_cli("-q match dealsheet " + event + " --pdf --language ko --out-dir " +
                         dir.path("sheets"));
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  for (const char* name : {"K01", "F07", "dealsheets"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path(std::string("sheets/") + name + ".html")));
    auto pdf = io::read_text_file(dir.path(std::string("sheets/") + name + ".pdf"));
    ASSERT_TRUE(pdf.has_value()) << name;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u) << name;
    EXPECT_GT(pdf->size(), 1000u) << name;
  }
  auto nobrowser =
      run_cli_command("URBANMINE_CHROMIUM=/nonexistent " + std::string(URBANMINE_BIN) +
                      " -q match dealsheet " + event + " --pdf --out-dir " + dir.path("none"));
  EXPECT_EQ(nobrowser.exit_code, 4) << nobrowser.output;  // an I/O error (docs/reliability.md)
  EXPECT_NE(nobrowser.output.find("no Chromium"), std::string::npos) << nobrowser.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("none")));
}

}  // namespace
}  // namespace urbanmine
