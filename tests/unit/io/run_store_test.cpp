// SPDX-License-Identifier: Apache-2.0
// SQLite store: migrations, scenarios, the run lifecycle, filtered table reads, transactions that
// roll back as a whole, and a file database in WAL mode that survives reopening.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "io/store.h"

#include "test_support.h"

namespace urbanmine::io {
namespace {

core::DimArray small_table() {
  auto a = core::DimArray::zeros({core::Dimension("region", {"CHN", "USA"}),
                                  core::Dimension("element", {"Li", "Co"}),
                                  core::Dimension::years("year", 2030, 2031)});
  double v = 1.0;
  for (double& x : a->data()) x = v++;
  a->at({1, 1, 1}) = 0.0;
  return std::move(*a);
}

std::unique_ptr<Store> memory_store() {
  auto store = Store::open(":memory:");
  EXPECT_TRUE(store.has_value()) << store.error().to_string();
  return std::move(*store);
}

TEST(RunStore, MigratesAnEmptyDatabaseToTheLatestVersion) {
  auto store = Store::open_unmigrated(":memory:");
  ASSERT_TRUE(store.has_value());
  EXPECT_EQ(*(*store)->schema_version(), 0);
  EXPECT_EQ(*(*store)->migrate(), static_cast<int>(store_migrations().size()));
  EXPECT_EQ(*(*store)->schema_version(), store_migrations().back().version);
  EXPECT_EQ(*(*store)->migrate(), 0);
}

TEST(RunStore, StoresEachScenarioOnce) {
  auto store = memory_store();
  const auto a = store->put_scenario("baseline", "abc", "[scenario]\n");
  const auto b = store->put_scenario("baseline", "abc", "[scenario]\n");
  const auto c = store->put_scenario("baseline", "def", "[scenario]\nx=1\n");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(store->get_scenario(*c)->text, "[scenario]\nx=1\n");
  EXPECT_EQ(store->list_scenarios()->size(), 2U);
  EXPECT_EQ(store->get_scenario(99).error().code, core::ErrorCode::kNotFound);
}

TEST(RunStore, RunGoesFromRunningToFinished) {
  auto store = memory_store();
  NewRun run;
  run.scenario_name = "baseline";
  run.scenario_hash = "abc";
  run.code_version = "0.1.0";
  const auto id = store->create_run(run);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(store->get_run(*id)->status, kRunRunning);
  ASSERT_TRUE(store->update_progress(*id, 0.5, "recycling").has_value());
  EXPECT_DOUBLE_EQ(store->get_run(*id)->progress_fraction, 0.5);
  EXPECT_EQ(store->get_run(*id)->progress_stage, "recycling");
  RunFinish finish;
  finish.status = kRunChecksFailed;
  finish.elapsed_seconds = 2.5;
  finish.balance_ok = false;
  finish.first_year = 2010;  // a run started before its years were known stores them at the end
  finish.last_year = 2050;
  ASSERT_TRUE(store->finish_run(*id, finish).has_value());
  const auto done = store->get_run(*id);
  EXPECT_EQ(done->first_year, 2010);
  EXPECT_EQ(done->last_year, 2050);
  EXPECT_EQ(done->status, kRunChecksFailed);
  EXPECT_FALSE(done->finished_at.empty());
  EXPECT_FALSE(done->balance_ok);
  EXPECT_EQ(store->list_runs()->size(), 1U);
  EXPECT_EQ(store->update_progress(*id + 1, 0.1, "x").error().code, core::ErrorCode::kNotFound);
}

TEST(RunStore, ReadsTablesFilteredByRegionElementAndYear) {
  auto store = memory_store();
  const auto id = store->create_run(NewRun{});
  ASSERT_TRUE(id.has_value());
  ASSERT_TRUE(
      store->put_result_table(*id, "end_of_life_t", "mass_tonnes", "d", small_table(), true));
  const auto tables = store->list_tables(*id);
  ASSERT_EQ(tables->size(), 1U);
  EXPECT_EQ(tables->front().dims, (std::vector<std::string>{"region", "element", "year"}));
  EXPECT_EQ(tables->front().row_count, 7);  // one zero row skipped
  const auto all = store->read_table(*id, "end_of_life_t");
  ASSERT_EQ(all->size(), 7U);
  EXPECT_EQ(all->front().coords.at("region"), "CHN");
  EXPECT_DOUBLE_EQ(all->front().value, 1.0);
  TableFilter filter;
  filter.region = "USA";
  filter.element = "Li";
  filter.year = 2031;
  const auto one = store->read_table(*id, "end_of_life_t", filter);
  ASSERT_EQ(one->size(), 1U);
  EXPECT_DOUBLE_EQ(one->front().value, 6.0);
  filter.dims["route"] = "hydro";
  EXPECT_EQ(store->read_table(*id, "end_of_life_t", filter).error().code,
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(store->read_table(*id, "nope").error().code, core::ErrorCode::kNotFound);
}

TEST(RunStore, KeepsDimensionsWithoutAColumnAsJson) {
  auto store = memory_store();
  const auto id = store->create_run(NewRun{});
  auto a = core::DimArray::zeros({core::Dimension("scenario_variant", {"low", "high"}),
                                  core::Dimension::years("year", 2030, 2030)});
  a->at({1, 0}) = 3.0;
  ASSERT_TRUE(store->put_result_table(*id, "t", "x", "", *a, true));
  TableFilter filter;
  filter.dims["scenario_variant"] = "high";
  const auto rows = store->read_table(*id, "t", filter);
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ(rows->front().coords.at("scenario_variant"), "high");
  EXPECT_EQ(rows->front().coords.at("year"), "2030");
}

TEST(RunStore, PackedTableKeepsEveryValueBitForBit) {
  auto store = memory_store();
  const auto id = store->create_run(NewRun{});
  auto a = core::DimArray::zeros(
      {core::Dimension("region", {"KOR"}), core::Dimension::years("year", 2030, 2033)});
  a->data()[0] = 0.1 + 0.2;  // not a short decimal
  a->data()[1] = -1.5e-300;
  a->data()[2] = 6.02214076e23;
  a->data()[3] = 0.0;  // stored (skip_zero_rows off) and read back as 0
  ASSERT_TRUE(store->put_result_table(*id, "t", "x", "", *a, false));
  EXPECT_EQ(store->list_tables(*id)->front().row_count, 4);
  const auto rows = store->read_table(*id, "t");
  ASSERT_EQ(rows->size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(rows->at(i).value, a->data()[i]) << i;  // exact, not near
    EXPECT_EQ(rows->at(i).coords.at("year"), std::to_string(2030 + i));
  }
  TableFilter filter;
  filter.region = "CHN";  // an item the table does not have: no rows, not an error
  EXPECT_TRUE(store->read_table(*id, "t", filter)->empty());
  filter = {};
  filter.dims["year"] = "20x0";
  EXPECT_EQ(store->read_table(*id, "t", filter).error().code, core::ErrorCode::kInvalidInput);
}

TEST(RunStore, ReportsACorruptPackedTable) {
  auto store = memory_store();
  const auto id = store->create_run(NewRun{});
  ASSERT_TRUE(store->put_result_table(*id, "t", "x", "", small_table(), true));
  ASSERT_EQ(sqlite3_exec(store->handle(), "UPDATE result_tables SET cells = x'0102'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  const auto rows = store->read_table(*id, "t");
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, core::ErrorCode::kIo);
  EXPECT_NE(rows.error().message.find("corrupt"), std::string::npos);
}

// A database written by schema version 1 (one result_rows row per cell) still reads after the
// upgrade to packed tables.
TEST(RunStore, ReadsTablesStoredBeforeThePackedSchema) {
  auto opened = Store::open_unmigrated(":memory:");
  ASSERT_TRUE(opened.has_value());
  auto& store = **opened;
  const auto& v1 = store_migrations().front();
  ASSERT_EQ(v1.version, 1);
  const std::string setup =
      v1.sql +
      "INSERT INTO schema_version VALUES (1, 'v1', '2026-01-01T00:00:00Z');"
      "INSERT INTO runs (id, scenario_name, scenario_hash, code_version, status, started_at) "
      "VALUES (1, 'old', 'h', '0.1.0', 'ok', '2026-01-01T00:00:00Z');"
      "INSERT INTO result_tables VALUES (1, 'end_of_life_t', 'mass_tonnes', 'd', "
      "'[\"region\",\"variant\",\"year\"]');"
      "INSERT INTO result_rows VALUES (1, 'end_of_life_t', 'CHN', NULL, NULL, NULL, NULL, 2030, "
      "'{\"variant\":\"low\"}', 2.5);"
      "INSERT INTO result_rows VALUES (1, 'end_of_life_t', 'USA', NULL, NULL, NULL, NULL, 2031, "
      "'{\"variant\":\"high\"}', 4.0);";
  ASSERT_EQ(sqlite3_exec(store.handle(), setup.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(*store.migrate(), static_cast<int>(store_migrations().size()) - 1);
  const auto tables = store.list_tables(1);
  ASSERT_EQ(tables->size(), 1U);
  EXPECT_EQ(tables->front().row_count, 2);
  EXPECT_EQ(store.read_table(1, "end_of_life_t")->size(), 2U);
  TableFilter filter;
  filter.year = 2031;
  filter.dims["variant"] = "high";
  const auto rows = store.read_table(1, "end_of_life_t", filter);
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ(rows->front().coords.at("region"), "USA");
  EXPECT_DOUBLE_EQ(rows->front().value, 4.0);
  // Without the items of each dimension the arrays cannot be rebuilt: re-run to load it whole.
  EXPECT_EQ(store.read_table_values(1).error().code, core::ErrorCode::kConflict);
}

TEST(RunStore, EventsKeepParticipantsAndEverySchedule) {
  auto store = memory_store();
  const auto id =
      store->create_event("Seoul 2026", R"({"name":"Seoul 2026"})",
                          {{"K0001", "K", "KR", "recycler"}, {"F0001", "F", "ID", "ministry"}});
  ASSERT_TRUE(id.has_value()) << id.error().to_string();
  auto event = store->get_event(*id);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->name, "Seoul 2026");
  EXPECT_EQ(event->schedule_sequence, -1);
  EXPECT_TRUE(event->schedule_json.empty());
  EXPECT_EQ(store->event_participants(*id)->size(), 2U);
  EXPECT_EQ(store->event_participants(*id)->at(1).org_type, "ministry");
  EXPECT_EQ(*store->add_event_schedule(*id, R"({"v":1})", R"({"meetings":[1]})"), 0);
  EXPECT_EQ(*store->add_event_schedule(*id, R"({"v":2})", R"({"meetings":[2]})"), 1);
  event = store->get_event(*id);
  EXPECT_EQ(event->schedule_sequence, 1);
  EXPECT_EQ(event->schedule_json, R"({"meetings":[2]})");
  EXPECT_EQ(event->instance_json, R"({"v":2})");  // the instance the latest schedule was made for
  ASSERT_EQ(store->list_events()->size(), 1U);
  EXPECT_EQ(store->get_event(*id + 1).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(store->add_event_schedule(*id + 1, "{}", "{}").error().code,
            core::ErrorCode::kNotFound);
  // A participant listed twice violates the key: nothing of the event is kept.
  EXPECT_FALSE(store->create_event("dup", "{}", {{"K1", "K", "KR", "x"}, {"K1", "K", "KR", "x"}})
                   .has_value());
  EXPECT_EQ(store->list_events()->size(), 1U);
}

TEST(RunStore, FailedTransactionLeavesNothing) {
  auto store = memory_store();
  std::int64_t id = 0;
  const auto status = store->transaction([&]() -> core::Status {
    auto created = store->create_run(NewRun{});
    if (!created) return created.error();
    id = *created;
    auto put = store->put_result_table(id, "t", "x", "", small_table(), false);
    if (!put) return put;
    // The same table twice violates the primary key: the whole run must disappear.
    return store->put_result_table(id, "t", "x", "", small_table(), false);
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, core::ErrorCode::kIo);
  EXPECT_TRUE(store->list_runs()->empty());
  EXPECT_EQ(store->get_run(id).error().code, core::ErrorCode::kNotFound);
}

TEST(RunStore, RecordsFindingsAndFilesRoundTrip) {
  auto store = memory_store();
  const auto id = store->create_run(NewRun{});
  using results::Cell;
  ASSERT_TRUE(store->put_record_table(*id, {"policy", "Policy", "d", {"a"}, {{Cell::of(1.0)}}}));
  ASSERT_TRUE(store->put_record_table(
      *id, {"market", "Market", "d", {"b", "c"}, {{Cell::of("x"), Cell::empty()}}}));
  ASSERT_TRUE(store->put_findings(*id, {{"recycling", "one"}, {"policy", "two"}}));
  ASSERT_TRUE(store->put_file(*id, "summary.json", "{}"));
  const auto records = store->read_record_tables(*id);
  ASSERT_EQ(records->size(), 2U);
  EXPECT_EQ((*records)[1].name, "market");
  EXPECT_EQ(nlohmann::json::parse((*records)[1].rows_json),
            nlohmann::json::parse("[[\"x\",null]]"));
  const auto cells = store->read_records(*id);
  ASSERT_TRUE(cells.has_value()) << cells.error().to_string();
  EXPECT_EQ((*cells)[0].rows[0][0].number, 1.0);
  EXPECT_EQ((*cells)[1].rows[0][0].text, "x");
  EXPECT_EQ((*cells)[1].rows[0][1].kind, Cell::Kind::kEmpty);
  EXPECT_EQ((*cells)[1].title, "Market");
  const auto findings = store->read_findings(*id);
  ASSERT_EQ(findings->size(), 2U);
  EXPECT_EQ((*findings)[1].text, "two");
  EXPECT_EQ(*store->read_file(*id, "summary.json"), "{}");
  EXPECT_EQ(store->read_file(*id, "report.html").error().code, core::ErrorCode::kNotFound);
}

TEST(RunStore, FileDatabaseUsesWalAndKeepsCommittedRuns) {
  testing::TempDir dir;
  const std::string path = dir.path("u.db");
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store.has_value()) << store.error().to_string();
    ASSERT_TRUE((*store)->create_run(NewRun{}).has_value());
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2((*store)->handle(), "PRAGMA journal_mode", -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
  }
  auto reopened = Store::open(path);
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ((*reopened)->list_runs()->size(), 1U);
}

TEST(RunStore, RefusesADatabaseFromANewerProgram) {
  testing::TempDir dir;
  const std::string path = dir.path("u.db");
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store.has_value());
    ASSERT_EQ(
        sqlite3_exec((*store)->handle(), "INSERT INTO schema_version VALUES (999, 'future', 'now')",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  const auto store = Store::open(path);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(store.error().message.find("999"), std::string::npos);
}

// Issue 17: plain SQL reads every stored value after `db tidy` (Store::tidy_run).
TEST(RunStore, TidyRunWritesEveryNonZeroCellForPlainSql) {
  auto store = memory_store();
  NewRun run;
  run.scenario_name = "baseline";
  run.scenario_hash = "abc";
  run.code_version = "0.1.0";
  const auto id = store->create_run(run);
  ASSERT_TRUE(id.has_value());
  ASSERT_TRUE(
      store->put_result_table(*id, "end_of_life_t", "mass_tonnes", "eol", small_table(), true));
  RunFinish finish;
  ASSERT_TRUE(store->finish_run(*id, finish));
  auto rows = store->tidy_run(*id);
  ASSERT_TRUE(rows.has_value()) << rows.error().to_string();
  EXPECT_EQ(*rows, 7);                // 8 cells, one of them 0
  auto again = store->tidy_run(*id);  // replaces, does not duplicate
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 7);
  EXPECT_EQ(*store->tidy_runs(), std::vector<std::int64_t>{*id});
  auto value = [&](const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(store->handle(), sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    std::vector<double> out;
    while (sqlite3_step(st) == SQLITE_ROW) out.push_back(sqlite3_column_double(st, 0));
    sqlite3_finalize(st);
    return out;
  };
  // CHN, Co, 2031 is cell 4 of [region, element, year] (1-based value 4).
  EXPECT_EQ(value("select value from result_values where run_id=" + std::to_string(*id) +
                  " and table_name='end_of_life_t' and region='CHN' and element='Co' and "
                  "year=2031"),
            std::vector<double>{4.0});
  EXPECT_EQ(value("select count(*) from result_values where run_id=" + std::to_string(*id)),
            std::vector<double>{14.0 / 2.0});
  EXPECT_TRUE(value("select value from result_values where region='USA' and element='Co' and "
                    "year=2031")
                  .empty());  // the zero cell is left out
  EXPECT_EQ(store->tidy_run(999).error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace urbanmine::io
