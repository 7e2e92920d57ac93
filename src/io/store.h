// SPDX-License-Identifier: Apache-2.0
// Store: the SQLite database of scenarios and runs (one file in WAL mode, or ":memory:" for
// tests). It keeps each scenario's text and hash, each run's status, progress, timings and code
// version, every result table packed in one row (each dimension's items as JSON and the non-zero
// cells as a blob; docs/formats/store.md), record tables and findings as JSON, the run's output
// files (summary.json, sankey.json, report.html) as text, and the HTTP server's partnering
// events with every schedule made for them. Tables stored by schema version 1 (one row per
// value, result_rows) still read.
//
// The schema evolves through ordered migrations (io/store_migrations.cpp; others append there,
// never edit a released one); a schema_version table records what has been applied. Every write
// method runs in one transaction (or inside the caller's transaction()), so a crash loses nothing
// committed and never leaves half a run.
//
// The API takes plain values (no engine types): report/run_outputs stores a RunResults and
// loads it back (load_stored_run), the HTTP server reads tables filtered. Errors are kIo for
// database failures, kNotFound for unknown ids, kInvalidInput for bad filters.
//
// Thread safety: one Store (one connection) per thread; several processes may share a file (WAL
// mode, 5 s busy timeout).
//
//   auto store = io::Store::open("out/urbanmine.db");  // creates the file, migrates to latest
//   auto id = store->create_run({.scenario_id = sid, .code_version = "0.1.0 (git abc)"});
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dim_array.h"
#include "core/result.h"

#include "results/run_results.h"

struct sqlite3;

namespace urbanmine::io {

// One schema migration: applied in ascending `version` order, each in its own transaction.
struct Migration {
  int version = 0;
  std::string name;  // short description, stored in schema_version
  std::string sql;   // one or more statements
};
// All migrations, in order (io/store_migrations.cpp).
const std::vector<Migration>& store_migrations();

// Run status codes, stored as text; never rename them.
inline constexpr const char* kRunRunning = "running";
inline constexpr const char* kRunOk = "ok";
inline constexpr const char* kRunChecksFailed = "checks_failed";
inline constexpr const char* kRunFailed = "failed";

struct ScenarioRecord {
  std::int64_t id = 0;
  std::string name;
  std::string hash;        // hex SHA-256 given by the caller
  std::string text;        // the scenario TOML
  std::string created_at;  // UTC, ISO 8601
};

struct NewRun {
  std::int64_t scenario_id = 0;  // 0 = no stored scenario
  std::string scenario_name;
  std::string scenario_hash;
  std::string code_version;
  std::string status = kRunRunning;
  int first_year = 0;
  int last_year = 0;
  std::uint64_t seed = 0;
};

struct RunRecord {
  std::int64_t id = 0;
  std::int64_t scenario_id = 0;
  std::string scenario_name;
  std::string scenario_hash;
  std::string code_version;
  std::string status;
  double progress_fraction = 0.0;
  std::string progress_stage;
  std::string started_at;   // UTC, ISO 8601
  std::string finished_at;  // empty while running
  double elapsed_seconds = 0.0;
  std::string error_message;
  int first_year = 0;
  int last_year = 0;
  std::uint64_t seed = 0;
  bool balance_ok = false;
};

struct RunFinish {
  std::string status = kRunOk;  // ok, checks_failed or failed
  double elapsed_seconds = 0.0;
  std::string error_message;
  bool balance_ok = true;
  // The run's years, when known only at the end (runs the server starts); 0 keeps the stored.
  int first_year = 0;
  int last_year = 0;
};

// A stored result table's header.
struct TableInfo {
  std::string name;
  std::string value_column;
  std::string description;
  std::vector<std::string> dims;
  std::int64_t row_count = 0;
};

// One long-form row: dimension name -> item (years as text), and the value.
struct ResultRow {
  std::map<std::string, std::string> coords;
  double value = 0.0;
};

// Filters on a table read; empty fields match everything. Other dimensions through `dims`.
struct TableFilter {
  std::optional<std::string> region;
  std::optional<std::string> element;
  std::optional<int> year;
  std::map<std::string, std::string> dims;
};

struct StoredRecordTable {
  std::string name;
  std::string title;
  std::string description;
  std::string columns_json;  // JSON array of column names
  std::string rows_json;     // JSON array of arrays (numbers, strings or null)
};

// A stored record table's JSON read back as cells (`table.name` names errors).
core::Result<results::RecordTable> parse_record_table(const StoredRecordTable& table);

// A partnering event: the match-instance/1 text as uploaded or last rescheduled, and its latest
// schedule (empty until scheduled) with that schedule's sequence (0 for the first; each
// reschedule adds one; agendas carry it as the ICS SEQUENCE).
struct EventRecord {
  std::int64_t id = 0;
  std::string name;
  std::string instance_json;
  std::string schedule_json;
  int schedule_sequence = -1;  // -1: not scheduled
  std::string created_at;
  std::string updated_at;
};

struct EventParticipant {
  std::string id;
  std::string side;
  std::string country;
  std::string org_type;
};

class Store {
 public:
  // Opens (creating if needed) and migrates to the latest schema. ":memory:" for tests.
  static core::Result<std::unique_ptr<Store>> open(const std::string& path);
  // Opens without migrating (`db migrate` reports before and after).
  static core::Result<std::unique_ptr<Store>> open_unmigrated(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The highest applied migration version (0 for an empty database).
  core::Result<int> schema_version();
  // Applies every pending migration; returns how many were applied. A database newer than this
  // program is an error (kConflict).
  core::Result<int> migrate();

  // Runs `body` in one transaction (nested calls join it); rolls back when it fails.
  core::Status transaction(const std::function<core::Status()>& body);

  // Scenarios: the same (name, hash) is stored once; returns its id either way.
  core::Result<std::int64_t> put_scenario(const std::string& name, const std::string& hash,
                                          const std::string& text);
  core::Result<ScenarioRecord> get_scenario(std::int64_t id);
  // Newest first, without text.
  core::Result<std::vector<ScenarioRecord>> list_scenarios();

  // Runs.
  core::Result<std::int64_t> create_run(const NewRun& run);
  core::Status update_progress(std::int64_t run_id, double fraction, const std::string& stage);
  core::Status finish_run(std::int64_t run_id, const RunFinish& finish);
  core::Result<RunRecord> get_run(std::int64_t run_id);
  // Newest first; `limit` 0 = all.
  core::Result<std::vector<RunRecord>> list_runs(int limit = 0);

  // Result tables. Rows whose value is exactly 0 are skipped when `skip_zero_rows`.
  core::Status put_result_table(std::int64_t run_id, const std::string& name,
                                const std::string& value_column, const std::string& description,
                                const core::DimArray& values, bool skip_zero_rows);
  core::Result<std::vector<TableInfo>> list_tables(std::int64_t run_id);
  core::Result<std::vector<ResultRow>> read_table(std::int64_t run_id, const std::string& name,
                                                  const TableFilter& filter = {});
  // Every result table of a run with its values, in the order stored. Tables stored before
  // schema version 2 (one row per value) have no items to rebuild the array from: kConflict.
  core::Result<std::vector<results::ResultTable>> read_table_values(std::int64_t run_id);
  // Writes run `run_id`'s result tables as one row per non-zero cell into result_values (plain
  // SQL: table_name, region, segment, chemistry, element, route, product, destination, year,
  // value, unit), replacing rows an earlier call wrote; one transaction. Returns the rows
  // written. kConflict for a run stored before schema version 2.
  core::Result<std::int64_t> tidy_run(std::int64_t run_id);
  // Runs whose values are in result_values.
  core::Result<std::vector<std::int64_t>> tidy_runs();

  // Record tables are stored as JSON (columns, rows of null, text or numbers); read_record_tables
  // returns that JSON as stored (the server answers with it), read_records the cells.
  core::Status put_record_table(std::int64_t run_id, const results::RecordTable& table);
  core::Result<std::vector<StoredRecordTable>> read_record_tables(std::int64_t run_id);
  core::Result<std::vector<results::RecordTable>> read_records(std::int64_t run_id);
  core::Status put_findings(std::int64_t run_id, const std::vector<results::Finding>& findings);
  core::Result<std::vector<results::Finding>> read_findings(std::int64_t run_id);

  // Events. create_event stores the instance and its participants in one transaction;
  // add_event_schedule appends a schedule (with the instance it was made for, which a
  // reschedule changes) as the next sequence. list_events is oldest first. An event's
  // instance_json is that of its latest schedule (the upload until it is scheduled).
  core::Result<std::int64_t> create_event(const std::string& name, const std::string& instance_json,
                                          const std::vector<EventParticipant>& participants);
  core::Result<EventRecord> get_event(std::int64_t id);
  core::Result<std::vector<EventRecord>> list_events();
  // Returns the new schedule's sequence.
  core::Result<int> add_event_schedule(std::int64_t event_id, const std::string& instance_json,
                                       const std::string& schedule_json);
  core::Result<std::vector<EventParticipant>> event_participants(std::int64_t event_id);

  // Output files by name ("summary.json", "sankey.json", "report.html").
  core::Status put_file(std::int64_t run_id, const std::string& name, const std::string& content);
  core::Result<std::string> read_file(std::int64_t run_id, const std::string& name);

  // The underlying connection, for io code that adds its own tables through migrations.
  sqlite3* handle() { return db_; }

 private:
  explicit Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  core::Status exec(const std::string& sql);

  sqlite3* db_ = nullptr;
  std::string path_;
  int transaction_depth_ = 0;
};

}  // namespace urbanmine::io
