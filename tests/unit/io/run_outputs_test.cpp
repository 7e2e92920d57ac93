// SPDX-License-Identifier: Apache-2.0
// report/run_outputs over a synthetic RunResults: summary.json key figures against sums computed
// here, sankey.json conservation, report.html escaping and self-containment, the text summary,
// and write_run_outputs' all-or-nothing folder swap with its SQLite store.
#include "report/run_outputs.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "engine/cooperation.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/store.h"

#include "report/run_reader.h"
#include "run_fixture.h"
#include "test_support.h"

namespace urbanmine::report {
namespace {

using namespace urbanmine::results;  // NOLINT(google-build-using-namespace): table names

namespace fs = std::filesystem;
using testing::make_fixture_results;

// World total of an element in a year, summed here from the fixture table.
double world_sum(const RunResults& r, std::string_view table, const std::string& element,
                 int year) {
  const auto* t = r.find(table);
  auto sliced = t->values.slice("element", element);
  auto by_year = sliced->sum_to({"year"});
  const auto idx = by_year->dims()[0].index_of(std::to_string(year));
  return by_year->data()[*idx];
}

TEST(RunOutputs, KeyYearsAreThoseTheRunCovers) {
  EXPECT_EQ(key_years(make_fixture_results()), (std::vector<int>{2030, 2040, 2050}));
  testing::FixtureSpec spec;
  spec.last_year = 2035;
  EXPECT_EQ(key_years(make_fixture_results(spec)), (std::vector<int>{2030}));
  spec.first_year = 2020;
  spec.last_year = 2025;
  EXPECT_EQ(key_years(make_fixture_results(spec)), (std::vector<int>{2025}));
}

TEST(RunOutputs, SummaryKeyFiguresMatchTheTables) {
  const auto r = make_fixture_results();
  const auto summary = nlohmann::json::parse(summary_json(r, RenderOptions{}));
  EXPECT_EQ(summary["format"], "urbanmine-summary/1");
  EXPECT_EQ(summary["metadata"]["scenario_hash"], r.meta.scenario_hash);
  const auto& kf = summary["key_figures"];
  for (const std::string e : {"Li", "Ni", "Co"}) {
    for (int y : {2030, 2040, 2050}) {
      const std::string ys = std::to_string(y);
      EXPECT_NEAR(kf["world_end_of_life_mass_tonnes"][ys][e].get<double>(),
                  world_sum(r, kTableEndOfLifeT, e, y), 1e-9 * world_sum(r, kTableEndOfLifeT, e, y))
          << e << " " << y;
      const double share =
          world_sum(r, kTableRecoveredT, e, y) / world_sum(r, kTableMaterialDemandT, e, y);
      EXPECT_NEAR(kf["world_secondary_supply_share_fraction"][ys][e].get<double>(), share, 1e-11);
    }
  }
  // Regions ranked by surplus are in descending order and positive.
  const auto& top = kf["top_feedstock_surplus_regions"]["2040"];
  ASSERT_FALSE(top.empty());
  for (std::size_t i = 1; i < top.size(); ++i) {
    EXPECT_GE(top[i - 1]["mass_tonnes"].get<double>(), top[i]["mass_tonnes"].get<double>());
  }
  EXPECT_GT(top.back()["mass_tonnes"].get<double>(), 0.0);
  EXPECT_EQ(summary["mass_balance"]["status"], "ok");
  EXPECT_EQ(summary["mass_balance"]["checks"].get<std::size_t>(), r.balance.size());
  EXPECT_EQ(summary["findings"].size(), r.findings.size());
  EXPECT_EQ(summary["records"][0]["rows"][1][4], nullptr);  // an empty cell
  EXPECT_EQ(summary["tables"].size(), r.tables.size());
}

TEST(RunOutputs, SummaryIsByteForByteDeterministic) {
  const auto a = summary_json(make_fixture_results(), RenderOptions{});
  const auto b = summary_json(make_fixture_results(), RenderOptions{});
  EXPECT_EQ(a, b);
}

TEST(RunOutputs, FailedBalanceShowsInSummaryAndReport) {
  testing::FixtureSpec spec;
  spec.failing_balance = true;
  const auto r = make_fixture_results(spec);
  const auto summary = nlohmann::json::parse(summary_json(r, RenderOptions{}));
  EXPECT_EQ(summary["mass_balance"]["status"], "failed");
  EXPECT_EQ(summary["mass_balance"]["failed"], 1);
  EXPECT_DOUBLE_EQ(summary["mass_balance"]["max_abs_residual"].get<double>(), 12.5);
  EXPECT_NE(report_html(r, RenderOptions{}).find("FAILED"), std::string::npos);
}

TEST(RunOutputs, SankeyLinksConserveMassAtEveryInnerNode) {
  const auto r = make_fixture_results();
  const auto text = sankey_json(r, 2040, "Co");
  ASSERT_TRUE(text.has_value()) << text.error().to_string();
  const auto sankey = nlohmann::json::parse(*text);
  EXPECT_EQ(sankey["unit"], "t");
  std::map<std::string, double> in;
  std::map<std::string, double> out;
  for (const auto& l : sankey["links"]) {
    EXPECT_GT(l["value"].get<double>(), 0.0);
    EXPECT_EQ(l["unit"], "t");
    out[l["source"]] += l["value"].get<double>();
    in[l["target"]] += l["value"].get<double>();
  }
  EXPECT_NEAR(out["new_batteries"], world_sum(r, kTableMaterialDemandT, "Co", 2040), 1e-6);
  for (const std::string node : {"in_use", "waste", "collection", "recycling_hydrometallurgy"}) {
    EXPECT_NEAR(in[node], out[node], 1e-9 * in[node]) << node;
  }
  EXPECT_NEAR(in["secondary_metal"], world_sum(r, kTableRecoveredT, "Co", 2040), 1e-6);
}

TEST(RunOutputs, CapacitySankeyUsesKwhTables) {
  const auto sankey = nlohmann::json::parse(*sankey_json(make_fixture_results(), 2045, "kWh"));
  EXPECT_EQ(sankey["unit"], "kWh");
  bool second_life = false;
  for (const auto& l : sankey["links"]) second_life |= l["target"] == "second_life";
  EXPECT_TRUE(second_life);
}

TEST(RunOutputs, SankeyRejectsAYearOrElementOutsideTheRun) {
  const auto r = make_fixture_results();
  const auto year = sankey_json(r, 2070, "Li");
  ASSERT_FALSE(year.has_value());
  EXPECT_EQ(year.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(year.error().location, "--sankey-year");
  const auto element = sankey_json(r, 2040, "Xx");
  ASSERT_FALSE(element.has_value());
  EXPECT_EQ(element.error().location, "--sankey-element");
  EXPECT_NE(element.error().hint.find("graphite"), std::string::npos);
}

TEST(RunOutputs, ReportIsSelfContainedAndEscapesText) {
  const auto html = report_html(make_fixture_results(), RenderOptions{});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  // The only URL is the SVG namespace, which browsers never fetch.
  std::size_t pos = 0;
  while ((pos = html.find("http", pos)) != std::string::npos) {
    EXPECT_EQ(html.compare(pos, 26, "http://www.w3.org/2000/svg"), 0);
    ++pos;
  }
  EXPECT_NE(html.find("&lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos);  // from a finding
  EXPECT_EQ(html.find("<b>&</b>"), std::string::npos);
  EXPECT_NE(html.find("Policy rules checked against this run"), std::string::npos);
  EXPECT_NE(html.find("How to read this report"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"sankey\""), std::string::npos);
}

// Issue 17: the scenario's description is under the report's title and in summary.json.
TEST(RunOutputs, ReportAndSummaryCarryTheScenarioDescription) {
  auto r = make_fixture_results();
  r.meta.scenario_description = "EU collection 70 % & LFP <60 %> by 2030";
  const auto html = report_html(r, RenderOptions{});
  EXPECT_NE(html.find("<p class=\"description\">EU collection 70 % &amp; LFP &lt;60 %&gt; by "
                      "2030</p>"),
            std::string::npos);
  const auto summary = nlohmann::json::parse(summary_json(r, RenderOptions{}));
  EXPECT_EQ(summary["metadata"]["scenario_description"], r.meta.scenario_description);
  r.meta.scenario_description.clear();
  EXPECT_EQ(report_html(r, RenderOptions{}).find("class=\"description\""), std::string::npos);
}

// Issue 18: the report leads its supply-security part with the world's 2035 rows of the N-1
// disruption table (the year of IEA's comparison, or the last run year before it).
TEST(RunOutputs, ReportShowsTheLargestSupplierDroppingOutIn2035) {
  auto r = make_fixture_results();
  results::RecordTable d;
  d.name = std::string(kRecordsSupplyDisruption.name);
  d.columns = {"region",
               "element",
               "stage",
               "year",
               "dropped_suppliers",
               "dropped_share_fraction",
               "recycled_tonnes",
               "coverage_without_recycling_fraction",
               "coverage_with_recycling_fraction"};
  using results::Cell;
  for (const int year : {2030, 2035, 2040}) {
    d.rows.push_back({Cell::of("WORLD"), Cell::of("Co"), Cell::of("mine"), Cell::of(double(year)),
                      Cell::of("Congo (Kinshasa)"), Cell::of(0.74), Cell::of(1234.0),
                      Cell::of(0.26), Cell::of(year == 2035 ? 0.40 : 0.99)});
  }
  d.rows.push_back({Cell::of("EU27"), Cell::of("Co"), Cell::of("mine"), Cell::of(2035.0),
                    Cell::of("X"), Cell::of(0.5), Cell::of(1.0), Cell::of(0.5), Cell::of(0.77)});
  r.records.push_back(d);
  const auto html = report_html(r, RenderOptions{});
  const auto at = html.find("id=\"supply-security\">If the largest supplier drops out, 2035");
  ASSERT_NE(at, std::string::npos);
  const auto part = html.substr(at, html.find("</table>", at) - at);
  EXPECT_NE(part.find("Congo (Kinshasa)"), std::string::npos);
  EXPECT_NE(part.find("40 %"), std::string::npos) << "2035's coverage with recycling";
  EXPECT_EQ(part.find("99 %"), std::string::npos) << "other years stay in the full table";
  EXPECT_EQ(part.find("77 %"), std::string::npos) << "regions other than the world too";
}

TEST(RunOutputs, ReportShowsTheFirstRowsOfALongRecordTable) {
  auto r = make_fixture_results();
  auto& ranking = r.records.back();
  ranking.rows.clear();
  for (int i = 0; i < 500; ++i) {
    ranking.rows.push_back({Cell::of(static_cast<double>(i + 1)),
                            Cell::of("R" + std::to_string(1000 + i)), Cell::of(0.5)});
  }
  const auto html = report_html(r, RenderOptions{});
  EXPECT_NE(html.find("First 60 of 500 rows. Full table: country_ranking.csv"), std::string::npos);
  EXPECT_NE(html.find("R1059"), std::string::npos);
  EXPECT_EQ(html.find("R1060"), std::string::npos);
  const auto summary = nlohmann::json::parse(summary_json(r, RenderOptions{}));
  EXPECT_EQ(summary["records"][1]["rows"].size(), 500U);
}

TEST(RunOutputs, TextSummaryNamesKeyYearsAndElements) {
  const auto text = text_summary(make_fixture_results());
  EXPECT_NE(text.find("2040"), std::string::npos);
  EXPECT_NE(text.find("graphite"), std::string::npos);
  EXPECT_NE(text.find("mass balance ok"), std::string::npos);
}

// A stored run reads back whole: every table bit for bit (zeros included), records, findings
// and metadata, so that the server renders the same Sankey for any year from the store alone.
TEST(RunOutputs, StoredRunLoadsBackWholeAndRendersTheSameSankey) {
  auto r = make_fixture_results();
  r.records.push_back({"mixed",
                       "Mixed cells",
                       "d",
                       {"name", "value", "note"},
                       {{Cell::of("a"), Cell::of(0.1 + 0.2), Cell::empty()},
                        {Cell::of("b,\"quoted\""), Cell::of(-3.0), Cell::of("x")}}});
  r.findings.push_back({"test", "a finding"});
  auto store = io::Store::open(":memory:");
  ASSERT_TRUE(store.has_value());
  const auto docs = render_run_outputs(r, {});
  ASSERT_TRUE(docs.has_value());
  const auto id = store_run(**store, r, "[scenario]\n", *docs);
  ASSERT_TRUE(id.has_value()) << id.error().to_string();
  const auto loaded = load_stored_run(**store, *id);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  EXPECT_EQ(loaded->meta.scenario_hash, r.meta.scenario_hash);
  EXPECT_EQ(loaded->meta.first_year, r.meta.first_year);
  EXPECT_EQ(loaded->meta.last_year, r.meta.last_year);
  ASSERT_EQ(loaded->tables.size(), r.tables.size());
  for (std::size_t i = 0; i < r.tables.size(); ++i) {
    const auto& a = r.tables[i];
    const auto& b = loaded->tables[i];
    EXPECT_EQ(b.name, a.name);
    EXPECT_EQ(b.value_column, a.value_column);
    EXPECT_EQ(b.values.dims(), a.values.dims()) << a.name;
    ASSERT_EQ(b.values.size(), a.values.size()) << a.name;
    for (std::size_t k = 0; k < a.values.size(); ++k) {
      ASSERT_EQ(b.values.data()[k], a.values.data()[k]) << a.name << " cell " << k;
    }
  }
  ASSERT_EQ(loaded->records.size(), r.records.size());
  const auto& mixed = loaded->records.back();
  EXPECT_EQ(mixed.columns, (std::vector<std::string>{"name", "value", "note"}));
  ASSERT_EQ(mixed.rows.size(), 2U);
  EXPECT_EQ(mixed.rows[1][0].text, "b,\"quoted\"");
  EXPECT_DOUBLE_EQ(mixed.rows[0][1].number, 0.1 + 0.2);  // record cells keep 12 digits
  EXPECT_EQ(mixed.rows[0][2].kind, Cell::Kind::kEmpty);
  ASSERT_EQ(loaded->findings.size(), r.findings.size());
  EXPECT_EQ(loaded->findings.back().text, "a finding");
  for (int year : {r.meta.first_year, 2040, r.meta.last_year}) {
    for (const std::string element : {"Li", "Co", "kWh"}) {
      const auto want = sankey_json(r, year, element);
      const auto got = sankey_json(*loaded, year, element);
      ASSERT_EQ(want.has_value(), got.has_value()) << year << " " << element;
      if (want) {
        EXPECT_EQ(*got, *want) << year << " " << element;
      }
    }
  }
  EXPECT_EQ(load_stored_run(**store, *id + 1).error().code, core::ErrorCode::kNotFound);
}

// `policy check RUN_ID --db FILE` reads runs stored packed exactly and still reads runs stored
// as rows by schema version 1 (zero rows filled back as 0).
TEST(RunOutputs, LoadRunStoreReadsPackedAndVersionOneRuns) {
  testing::TempDir dir;
  const auto r = make_fixture_results();
  const std::string packed_db = dir.path("packed.db");
  {
    auto store = io::Store::open(packed_db);
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE(store_run(**store, r, "[scenario]\n", *render_run_documents(r, {})).has_value());
  }
  const auto packed = load_run_store(packed_db, 1);
  ASSERT_TRUE(packed.has_value()) << packed.error().to_string();
  const auto* demand = packed->find(kTableMaterialDemandT);
  ASSERT_NE(demand, nullptr);
  EXPECT_EQ(demand->values.dims(), r.find(kTableMaterialDemandT)->values.dims());
  EXPECT_TRUE(packed->records.empty());  // the cooperation tables are computed afresh

  const std::string rows_db = dir.path("rows.db");
  {
    auto opened = io::Store::open_unmigrated(rows_db);
    ASSERT_TRUE(opened.has_value());
    const std::string setup =
        io::store_migrations().front().sql +
        "INSERT INTO schema_version VALUES (1, 'v1', '2026-01-01T00:00:00Z');"
        "INSERT INTO runs (id, scenario_name, scenario_hash, code_version, status, started_at) "
        "VALUES (1, 'old', 'h', '0.1.0', 'ok', '2026-01-01T00:00:00Z');"
        "INSERT INTO result_tables VALUES (1, 'material_demand_t', 'mass_tonnes', 'd', "
        "'[\"region\",\"element\",\"year\"]');"
        "INSERT INTO result_rows VALUES (1, 'material_demand_t', 'CHN', NULL, NULL, 'Li', NULL, "
        "2030, NULL, 2.5);"
        "INSERT INTO result_rows VALUES (1, 'material_demand_t', 'USA', NULL, NULL, 'Co', NULL, "
        "2031, NULL, 4.0);";
    ASSERT_EQ(sqlite3_exec((*opened)->handle(), setup.c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  const auto old = load_run_store(rows_db, 1);
  ASSERT_TRUE(old.has_value()) << old.error().to_string();
  const auto& values = old->find(kTableMaterialDemandT)->values;
  EXPECT_EQ(values.size(), 8U);  // 2 regions x 2 elements x 2 years, zeros filled back
  EXPECT_DOUBLE_EQ(values.total(), 6.5);
  EXPECT_EQ(load_run_store(rows_db, 2).error().code, core::ErrorCode::kNotFound);
}

// Each additive table gets aggregates/<table>.csv with the aggregate regions only (here WORLD:
// the fixture has no regions record table), each row the sum of the model regions' rows; a
// fraction gets none, and summary.json names the files that exist.
TEST(RunOutputs, AggregateRegionsAreWrittenBesideEachAdditiveTable) {
  const auto r = make_fixture_results();
  const auto docs = render_run_outputs(r, {});
  ASSERT_TRUE(docs.has_value()) << docs.error().to_string();
  const auto it = docs->files.find("aggregates/end_of_life_t.csv");
  ASSERT_NE(it, docs->files.end());
  const auto csv = io::CsvTable::parse(it->second, it->first);
  ASSERT_TRUE(csv.has_value()) << csv.error().to_string();
  EXPECT_EQ(csv->header(), (std::vector<std::string>{"region", "element", "year", "mass_tonnes"}));
  std::size_t checked = 0;
  for (std::size_t i = 0; i < csv->size(); ++i) {
    const auto row = csv->row(i);
    EXPECT_EQ(*row.text("region"), "WORLD");
    const double expected = world_sum(r, kTableEndOfLifeT, *row.text("element"),
                                      static_cast<int>(*row.integer("year")));
    EXPECT_NEAR(*row.number("mass_tonnes"), expected, 1e-9 * std::abs(expected) + 1e-12);
    ++checked;
  }
  EXPECT_GT(checked, 0U);
  ASSERT_NE(r.find(kTableSecondaryShare), nullptr);
  EXPECT_EQ(docs->files.count("aggregates/" + std::string(kTableSecondaryShare) + ".csv"), 0U);
  const auto summary = nlohmann::json::parse(docs->files.at("summary.json"));
  for (const auto& t : summary["tables"]) {
    const bool listed = t.contains("aggregates_file");
    EXPECT_EQ(listed, t["name"] != std::string(kTableSecondaryShare)) << t["name"];
    if (listed) {
      EXPECT_EQ(docs->files.count(t["aggregates_file"].get<std::string>()), 1U);
    }
  }
}

TEST(RunOutputs, WritesEveryFileAndStoresTheRun) {
  testing::TempDir dir;
  OutputOptions options;
  options.out_dir = dir.path("out");
  options.scenario_text = "[scenario]\nname = \"fixture\"\n";
  const auto r = make_fixture_results();
  const auto written = write_run_outputs(r, options);
  ASSERT_TRUE(written.has_value()) << written.error().to_string();
  for (const auto& t : r.tables) EXPECT_TRUE(fs::exists(dir.path("out/" + t.name + ".csv")));
  EXPECT_TRUE(fs::exists(dir.path("out/aggregates/end_of_life_t.csv")));
  EXPECT_TRUE(fs::exists(dir.path("out/policy_checks.csv")));
  EXPECT_TRUE(fs::exists(written->report_path));
  EXPECT_EQ(*io::read_text_file(dir.path("out/summary.json")), summary_json(r, options.render));
  const auto csv = io::read_text_file(dir.path("out/end_of_life_t.csv"));
  EXPECT_EQ(csv->substr(0, csv->find('\n')), "region,element,year,mass_tonnes");

  // The run is stored in the workspace database beside the folder; a second run into the same
  // folder keeps the first one there.
  EXPECT_EQ(written->db_path, dir.path("urbanmine.db"));
  EXPECT_FALSE(fs::exists(dir.path("out/urbanmine.db")));
  const auto again = write_run_outputs(r, options);
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(again->db_path, dir.path("urbanmine.db"));
  auto store = io::Store::open(again->db_path);
  ASSERT_TRUE(store.has_value());
  const auto runs = (*store)->list_runs();
  ASSERT_EQ(runs->size(), 2U);
  EXPECT_EQ(runs->front().status, io::kRunOk);
  EXPECT_EQ((*store)->get_scenario(runs->front().scenario_id)->text, options.scenario_text);
  const auto rows = (*store)->read_table(again->run_id, std::string(kTableEndOfLifeT),
                                         {std::string("CHN"), std::string("Li"), 2040, {}});
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_NEAR(rows->front().value,
              *r.find(kTableEndOfLifeT)
                   ->values.get({{"region", "CHN"}, {"element", "Li"}, {"year", "2040"}}),
              1e-9);
  EXPECT_EQ(*(*store)->read_file(again->run_id, "summary.json"),
            *io::read_text_file(dir.path("out/summary.json")));
  // Nothing but the output folder and the workspace database is left beside it.
  store->reset();
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    entries.push_back(e.path().filename().string());
  }
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries, (std::vector<std::string>{"out", "urbanmine.db"}));
}

TEST(RunOutputs, SiblingFoldersShareTheWorkspaceDatabase) {
  testing::TempDir dir;
  OutputOptions options;
  options.out_dir = dir.path("work/baseline");
  const auto first = write_run_outputs(make_fixture_results(), options);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  options.out_dir = dir.path("work/eu_circular/");
  const auto second = write_run_outputs(make_fixture_results(), options);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_EQ(first->db_path, dir.path("work/urbanmine.db"));
  EXPECT_EQ(second->db_path, dir.path("work/urbanmine.db"));
  EXPECT_EQ(first->run_id, 1);
  EXPECT_EQ(second->run_id, 2);
  EXPECT_EQ(workspace_db_path(dir.path("work/eu_circular/")), dir.path("work/urbanmine.db"));
  // Without --db, a run id resolves in the workspace database of the current folder (what
  // `compare 1 2` reads): out/urbanmine.db first, else urbanmine.db; neither is an error
  // naming --db.
  EXPECT_EQ(store_for_run_id(second->db_path, "2").value(), second->db_path);
  EXPECT_TRUE(load_run_store(second->db_path, 2).has_value());
  const auto cwd = fs::current_path();
  fs::current_path(dir.path());
  const auto none = store_for_run_id("", "2");
  fs::current_path(dir.path("work"));
  const auto here = store_for_run_id("", "2");
  options.out_dir = dir.path("work/out/global");
  ASSERT_TRUE(write_run_outputs(make_fixture_results(), options).has_value());
  const auto out = store_for_run_id("", "1");
  fs::current_path(cwd);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().location, "--db");
  EXPECT_EQ(here.value(), "urbanmine.db");
  EXPECT_EQ(out.value(), "out/urbanmine.db");
}

TEST(RunOutputs, AFolderWithItsOwnDatabaseKeepsIt) {
  // An output folder written by an earlier version holds urbanmine.db with its run history: the
  // next run into it goes on storing there instead of starting a workspace database.
  testing::TempDir dir;
  OutputOptions options;
  options.out_dir = dir.path("out");
  options.db_path = dir.path("out/urbanmine.db");
  ASSERT_TRUE(write_run_outputs(make_fixture_results(), options).has_value());
  options.db_path.clear();
  const auto next = write_run_outputs(make_fixture_results(), options);
  ASSERT_TRUE(next.has_value()) << next.error().to_string();
  EXPECT_EQ(next->db_path, dir.path("out/urbanmine.db"));
  EXPECT_EQ(next->run_id, 2);
  EXPECT_FALSE(fs::exists(dir.path("urbanmine.db")));
}

TEST(RunOutputs, FailureLeavesAnExistingFolderUntouchedAndNoTemporaries) {
  testing::TempDir dir;
  fs::create_directories(dir.path("out"));
  { std::ofstream(dir.path("out/keep.txt")) << "old"; }
  OutputOptions options;
  options.out_dir = dir.path("out");
  options.render.sankey_year = 1999;
  const auto written = write_run_outputs(make_fixture_results(), options);
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().location, "--sankey-year");
  EXPECT_EQ(*io::read_text_file(dir.path("out/keep.txt")), "old");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path("out"))) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1U);
  entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1U);
}

TEST(RunOutputs, DatabaseFailureLeavesNoOutputFolder) {
  testing::TempDir dir;
  OutputOptions options;
  options.out_dir = dir.path("out");
  options.db_path = dir.path("no/such/dir/u.db");
  const auto written = write_run_outputs(make_fixture_results(), options);
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, core::ErrorCode::kIo);
  EXPECT_FALSE(fs::exists(dir.path("out")));
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 0U);
}

TEST(RunOutputs, ExternalDatabaseGetsTheRunAndTheFolderIsReplaced) {
  testing::TempDir dir;
  fs::create_directories(dir.path("out"));
  // A folder from before the manifest: a table of an earlier run this run does not write.
  { std::ofstream(dir.path("out/hhi.csv")) << "old"; }
  { std::ofstream(dir.path("out/summary.json")) << "{}"; }
  OutputOptions options;
  options.out_dir = dir.path("out");
  options.db_path = dir.path("runs.db");
  const auto written = write_run_outputs(make_fixture_results(), options);
  ASSERT_TRUE(written.has_value()) << written.error().to_string();
  EXPECT_FALSE(fs::exists(dir.path("out/hhi.csv")));
  EXPECT_FALSE(fs::exists(dir.path("out/urbanmine.db")));
  auto store = io::Store::open(dir.path("runs.db"));
  EXPECT_EQ((*store)->list_runs()->size(), 1U);
  // Set URBANMINE_FIXTURE_REPORT=path to keep a copy of the fixture report for viewing.
  if (const char* keep = std::getenv("URBANMINE_FIXTURE_REPORT")) {
    fs::copy_file(written->report_path, keep, fs::copy_options::overwrite_existing);
  }
}

TEST(RunOutputs, RefusesToReplaceAFolderThatIsNotAnOutputFolder) {
  testing::TempDir dir;
  fs::create_directories(dir.path("home"));
  { std::ofstream(dir.path("home/thesis.txt")) << "precious"; }
  OutputOptions options;
  options.out_dir = dir.path("home");
  const auto written = write_run_outputs(make_fixture_results(), options);
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(*io::read_text_file(dir.path("home/thesis.txt")), "precious");
  options.out_dir = fs::current_path().string();
  const auto cwd = write_run_outputs(make_fixture_results(), options);
  ASSERT_FALSE(cwd.has_value());
  EXPECT_NE(cwd.error().message.find("current folder"), std::string::npos);
}

TEST(RunOutputs, DatabaseNamedInsideTheOutputFolderIsCarriedOver) {
  testing::TempDir dir;
  OutputOptions options;
  options.out_dir = dir.path("out");
  options.db_path = dir.path("out/runs.db");
  ASSERT_TRUE(write_run_outputs(make_fixture_results(), options).has_value());
  const auto second = write_run_outputs(make_fixture_results(), options);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_EQ(second->db_path, dir.path("out/runs.db"));
  auto store = io::Store::open(dir.path("out/runs.db"));
  EXPECT_EQ((*store)->list_runs()->size(), 2U);
  options.db_path = dir.path("out/sub/runs.db");
  EXPECT_FALSE(write_run_outputs(make_fixture_results(), options).has_value());
}

}  // namespace
}  // namespace urbanmine::report
