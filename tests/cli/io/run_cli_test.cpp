// SPDX-License-Identifier: Apache-2.0
// `urbanmine run` and `urbanmine db` end to end through the binary: a bad scenario exits 3 naming
// the file and the key and writes nothing (an existing --out stays as it was); a bad Sankey
// choice is refused before anything is written; the baseline writes every output, stores the
// run, and prints the summary and the report's path; db init/migrate report schema versions.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "io/files.h"
#include "io/store.h"

#include "test_support.h"

namespace urbanmine::testing {
namespace {

namespace fs = std::filesystem;

std::size_t entries_in(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n;
}

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(RunCli, BadScenarioExitsThreeNamingFileAndKeyAndWritesNothing) {
  TempDir dir;
  const std::string scenario = dir.path("bad.toml");
  write(scenario,
        "[scenario]\nname = \"bad\"\nfirst_year = 2010\nlast_year = 2050\nregions = [\"all\"]\n"
        "bogus_key = 3\n");
  const auto result = run_cli("--no-progress run " + scenario + " --out " + dir.path("out"));
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find(scenario), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("bogus_key"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(dir.path("out")));
  EXPECT_EQ(entries_in(dir.path()), 1U);  // only the scenario: no temporary folder left
}

TEST(RunCli, BadScenarioLeavesAnExistingOutputFolderUntouched) {
  TempDir dir;
  const std::string scenario = dir.path("bad.toml");
  std::string text = *io::read_text_file(source_path("examples/global.toml"));
  text.replace(text.find("regions = [\"all\"]"), 17, "regions = [\"NOWHERE\"]");
  write(scenario, text);
  fs::create_directories(dir.path("out"));
  write(dir.path("out/summary.json"), "previous");
  const auto result = run_cli("--no-progress run " + scenario + " --out " + dir.path("out"));
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("bad.toml"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("scenario.regions"), std::string::npos) << result.output;
  EXPECT_EQ(*io::read_text_file(dir.path("out/summary.json")), "previous");
  EXPECT_EQ(entries_in(dir.path("out")), 1U);
  EXPECT_EQ(entries_in(dir.path()), 2U);
}

TEST(RunCli, AFolderFromBeforeTheManifestKeepsTheUsersOwnCsvFiles) {
  // Issue 19: a folder with a summary.json and no manifest was replaced whole, deleting the
  // user's my_budget.csv. Only the CSV names a run writes are the tool's now.
  TempDir dir;
  fs::create_directories(dir.path("out"));
  write(dir.path("out/summary.json"), "{}");
  write(dir.path("out/hhi.csv"), "old");
  write(dir.path("out/my_budget.csv"), "a,b\n");
  auto result = run_cli("--no-progress run --out " + dir.path("out"));
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("my_budget.csv"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("hhi.csv"), std::string::npos)
      << "the tool's own name is not foreign";
  EXPECT_EQ(*io::read_text_file(dir.path("out/my_budget.csv")), "a,b\n");
  fs::remove(dir.path("out/my_budget.csv"));
  result = run_cli("--no-progress run --out " + dir.path("out"));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(*io::read_text_file(dir.path("out/hhi.csv")), "old");
}

TEST(RunCli, MissingScenarioFileExitsThree) {
  TempDir dir;
  const auto result = run_cli("run " + dir.path("none.toml") + " --out " + dir.path("out"));
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("none.toml"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.path("out")));
}

TEST(RunCli, SankeyYearOutsideTheRunIsRefusedBeforeWriting) {
  TempDir dir;
  const auto result = run_cli("--no-progress run --sankey-year 2100 --out " + dir.path("out"));
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("--sankey-year"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(dir.path("out")));
}

TEST(RunCli, BaselineWritesEveryOutputAndStoresTheRun) {
  TempDir dir;
  const std::string out = dir.path("out");
  const auto result =
      run_cli("--no-progress --quiet run --out " + out + " --sankey-element Co --sankey-year 2030");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("Report:  " + out + "/report.html"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("mass balance ok"), std::string::npos);
  for (const char* file : {"summary.json", "sankey.json", "report.html", "end_of_life_t.csv",
                           "use_to_end_of_life_kwh.csv"}) {
    EXPECT_TRUE(fs::exists(out + "/" + file)) << file;
  }
  // The run is stored in the workspace database beside the folder, and says so.
  EXPECT_FALSE(fs::exists(out + "/urbanmine.db"));
  EXPECT_NE(result.output.find("run 1 in " + dir.path("urbanmine.db")), std::string::npos)
      << result.output;
  const auto summary = nlohmann::json::parse(*io::read_text_file(out + "/summary.json"));
  for (const auto& table : summary["tables"]) {
    EXPECT_TRUE(fs::exists(out + "/" + table["file"].get<std::string>())) << table["file"];
  }
  for (const auto& record : summary["records"]) {
    EXPECT_TRUE(fs::exists(out + "/" + record["file"].get<std::string>())) << record["file"];
  }
  // Aggregate regions have their own files: EU27 lithium in waste batteries in 2040 in
  // aggregates/end_of_life_t.csv is the sum of the EU27 members' rows of end_of_life_t.csv,
  // the members being those regions.csv lists; a fraction has no aggregates file.
  {
    std::set<std::string> eu;
    const auto regions = io::CsvTable::read_file(out + "/regions.csv");
    ASSERT_TRUE(regions.has_value()) << regions.error().to_string();
    for (std::size_t i = 0; i < regions->size(); ++i) {
      const auto aggregates = ";" + *regions->row(i).text("aggregates") + ";";
      if (aggregates.find(";EU27;") != std::string::npos)
        eu.insert(*regions->row(i).text("region"));
    }
    ASSERT_GE(eu.size(), 5U);
    const auto li_2040 = [](const std::string& path, const std::set<std::string>& keep) {
      const auto csv = io::CsvTable::read_file(path);
      EXPECT_TRUE(csv.has_value()) << path;
      double sum = 0.0;
      std::size_t rows = 0;
      for (std::size_t i = 0; csv && i < csv->size(); ++i) {
        const auto row = csv->row(i);
        if (keep.count(*row.text("region")) && *row.text("element") == "Li" &&
            *row.text("year") == "2040") {
          sum += *row.number("mass_tonnes");
          ++rows;
        }
      }
      return std::pair{sum, rows};
    };
    const auto [members, member_rows] = li_2040(out + "/end_of_life_t.csv", eu);
    const auto [aggregate, aggregate_rows] =
        li_2040(out + "/aggregates/end_of_life_t.csv", {"EU27"});
    EXPECT_EQ(member_rows, eu.size());
    EXPECT_EQ(aggregate_rows, 1U);
    EXPECT_GT(members, 0.0);
    EXPECT_NEAR(aggregate, members, 1e-9 * members);
    for (const auto& table : summary["tables"]) {
      const bool fraction =
          table["value_column"].get<std::string>().find("_fraction") != std::string::npos;
      EXPECT_EQ(table.contains("aggregates_file"), !fraction) << table["name"];
      if (table.contains("aggregates_file")) {
        EXPECT_TRUE(fs::exists(out + "/" + table["aggregates_file"].get<std::string>()))
            << table["aggregates_file"];
      }
    }
    EXPECT_FALSE(fs::exists(out + "/aggregates/secondary_supply_share.csv"));
  }
  // One unit-suffix convention (docs/formats/outputs.md): tonnes are "_tonnes" in every column
  // of every CSV file of the run, never "_t".
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.path().extension() != ".csv") continue;
    const auto csv = io::CsvTable::read_file(entry.path().string());
    ASSERT_TRUE(csv.has_value()) << entry.path();
    for (const auto& column : csv->header()) {
      EXPECT_FALSE(column.size() > 2 && column.compare(column.size() - 2, 2, "_t") == 0)
          << entry.path().filename() << ": " << column;
    }
  }
  const auto sankey = nlohmann::json::parse(*io::read_text_file(out + "/sankey.json"));
  EXPECT_EQ(sankey["element"], "Co");
  EXPECT_EQ(sankey["year"], 2030);  // a year with trade (China's frozen capacity fills by 2040)
  // The world Co in waste batteries of the Sankey equals the summary's key figure.
  double waste = 0.0;
  for (const auto& link : sankey["links"]) {
    if (link["target"] == "waste") waste += link["value"].get<double>();
  }
  EXPECT_NEAR(waste,
              summary["key_figures"]["world_end_of_life_mass_tonnes"]["2030"]["Co"].get<double>(),
              1e-6 * waste);
  // Trade and production scrap are in the Sankey (shipped feedstock passes a node of its own)
  // and the report charts the largest shipments by route.
  double shipped_in = 0.0, shipped_out = 0.0, scrap = 0.0;
  for (const auto& link : sankey["links"]) {
    if (link["target"] == "shipped") shipped_in += link["value"].get<double>();
    if (link["source"] == "shipped") shipped_out += link["value"].get<double>();
    if (link["source"] == "production_scrap") scrap += link["value"].get<double>();
  }
  EXPECT_GT(shipped_in, 0.0);
  EXPECT_NEAR(shipped_out, shipped_in, 1e-6 * shipped_in);
  EXPECT_GT(scrap, 0.0);
  const auto report = *io::read_text_file(out + "/report.html");
  EXPECT_NE(report.find("Shipments between regions"), std::string::npos);
  // The largest 2030 route of the shipments table is among the report's bars.
  {
    std::ifstream csv(out + "/feedstock_shipments_t.csv");
    std::string line, top;
    double most = 0.0;
    std::getline(csv, line);  // region,destination,year,mass_tonnes
    while (std::getline(csv, line)) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      if (f.size() == 4 && f[2] == "2030" && std::stod(f[3]) > most) {
        most = std::stod(f[3]);
        top = f[0] + " to " + f[1];
      }
    }
    ASSERT_GT(most, 0.0);
    EXPECT_NE(report.find(top), std::string::npos) << top;
  }
  auto store = io::Store::open(dir.path("urbanmine.db"));
  ASSERT_TRUE(store.has_value());
  const auto runs = (*store)->list_runs();
  ASSERT_EQ(runs->size(), 1U);
  EXPECT_EQ(runs->front().status, io::kRunOk);
  EXPECT_EQ(runs->front().scenario_hash, summary["metadata"]["scenario_hash"]);
  EXPECT_EQ((*store)->get_scenario(runs->front().scenario_id)->text,
            *io::read_text_file(source_path("examples/global.toml")));
  EXPECT_EQ(*(*store)->read_file(runs->front().id, "summary.json"),
            *io::read_text_file(out + "/summary.json"));
}

TEST(RunCli, DbInitThenMigrateReportsVersions) {
  TempDir dir;
  const std::string db = dir.path("runs.db");
  const auto missing = run_cli("db migrate --db " + db);
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
  EXPECT_NE(missing.output.find("db init"), std::string::npos);
  const auto init = run_cli("db init --db " + db);
  ASSERT_EQ(init.exit_code, 0) << init.output;
  const std::string latest = std::to_string(io::store_migrations().back().version);
  EXPECT_NE(init.output.find("schema version 0 -> " + latest), std::string::npos) << init.output;
  const auto again = run_cli("db migrate --db " + db);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find(latest + " -> " + latest + " (0 migration(s)"), std::string::npos)
      << again.output;
}

// Issue 17: after `db tidy`, the sqlite3 command line returns the CSV's number.
TEST(RunCli, DbTidyLetsPlainSqlReadTheCsvsNumber) {
  if (!fs::exists("/usr/bin/sqlite3")) GTEST_SKIP() << "sqlite3 (scripts/install-deps.sh) missing";
  TempDir dir;
  const auto run = run_cli("-q run --out " + dir.path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string db = dir.path("urbanmine.db");  // the workspace database beside --out
  const auto tidy = run_cli("db tidy --db " + db);
  ASSERT_EQ(tidy.exit_code, 0) << tidy.output;
  EXPECT_NE(tidy.output.find("run 1: "), std::string::npos) << tidy.output;
  const std::string query =
      "/usr/bin/sqlite3 " + db +
      " \"select printf('%.12g', value) from result_values where run_id=1 and "
      "table_name='end_of_life_t' and region='CHN' and element='Li' and year=2040\"";
  FILE* pipe = popen(query.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buf[128] = {};
  const std::size_t n = fread(buf, 1, sizeof buf - 1, pipe);
  pclose(pipe);
  std::string sql_value(buf, n);
  while (!sql_value.empty() && (sql_value.back() == '\n' || sql_value.back() == '\r')) {
    sql_value.pop_back();
  }
  std::ifstream csv(dir.path("out/end_of_life_t.csv"));
  std::string line;
  std::string csv_value;
  while (std::getline(csv, line)) {
    if (line.rfind("CHN,Li,2040,", 0) == 0) csv_value = line.substr(12);
  }
  ASSERT_FALSE(csv_value.empty());
  EXPECT_EQ(sql_value, csv_value);
  const auto unknown = run_cli("db tidy --db " + db + " --run 99");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
}

// Issue 17 papercut: `--output DIR` used to write the text summary into a file named DIR.
TEST(RunCli, OutputNamingAFolderIsRefused) {
  TempDir dir;
  const auto r = run_cli("--output " + dir.path("") + " tables");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("--out DIR"), std::string::npos) << r.output;
}

// Issue 17 papercut: `run --format csv` used to be ignored silently.
TEST(RunCli, FormatCsvIsAUsageError) {
  TempDir dir;
  const auto r = run_cli("--format csv run --out " + dir.path("out"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--out folder"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("out")));
}

// Issue 17 papercut: `run --output DIR` wrote the summary into a file named DIR and the run
// elsewhere. Without --out it is refused naming both flags; with --out it writes the summary.
TEST(RunCli, OutputWithoutOutIsRefusedNamingBothFlags) {
  TempDir dir;
  const auto r = run_cli("run --output " + dir.path("mine"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("--out " + dir.path("mine")), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("mine")));
  const auto ok = run_cli("-q run --out " + dir.path("run") + " --output " + dir.path("s.txt"));
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(std::filesystem::is_directory(dir.path("run")));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir.path("s.txt")));
}

}  // namespace
}  // namespace urbanmine::testing
