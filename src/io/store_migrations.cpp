// SPDX-License-Identifier: Apache-2.0
// The ordered schema migrations of the SQLite store. Append new migrations at the end with the
// next version number; never edit or reorder one that has been merged, since databases in the
// field have applied it.
#include "io/store.h"

namespace urbanmine::io {

const std::vector<Migration>& store_migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "scenarios, runs, result tables, record tables, findings, run files",
       R"sql(
CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (name, hash)
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  scenario_id INTEGER REFERENCES scenarios(id),
  scenario_name TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  code_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'checks_failed', 'failed')),
  progress_fraction REAL NOT NULL DEFAULT 0,
  progress_stage TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT,
  elapsed_seconds REAL,
  error_message TEXT NOT NULL DEFAULT '',
  first_year INTEGER NOT NULL DEFAULT 0,
  last_year INTEGER NOT NULL DEFAULT 0,
  seed INTEGER NOT NULL DEFAULT 0,
  balance_ok INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_scenario ON runs (scenario_id);
CREATE TABLE result_tables (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value_column TEXT NOT NULL,
  description TEXT NOT NULL,
  dims_json TEXT NOT NULL,
  PRIMARY KEY (run_id, name)
);
CREATE TABLE result_rows (
  run_id INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  region TEXT,
  segment TEXT,
  chemistry TEXT,
  element TEXT,
  route TEXT,
  year INTEGER,
  other_dims_json TEXT,
  value REAL NOT NULL,
  FOREIGN KEY (run_id, table_name) REFERENCES result_tables(run_id, name) ON DELETE CASCADE
);
CREATE INDEX result_rows_lookup ON result_rows (run_id, table_name);
CREATE TABLE record_tables (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  columns_json TEXT NOT NULL,
  rows_json TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (run_id, name)
);
CREATE TABLE findings (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  section TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE run_files (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (run_id, name)
);
)sql"},
      // Result tables as one packed row each instead of one row per cell: storing ~450k rows
      // took most of a baseline run's time. result_rows stays for runs stored before.
      {2, "result tables stored packed (items_json, cells blob, row_count)",
       R"sql(
ALTER TABLE result_tables ADD COLUMN items_json TEXT;
ALTER TABLE result_tables ADD COLUMN cells BLOB;
ALTER TABLE result_tables ADD COLUMN row_count INTEGER;
)sql"},
      // Partnering events of the HTTP server: the uploaded instance, its participants (queryable
      // copy of the instance's list) and every schedule made for it (reschedules append).
      {3, "events, event participants, event schedules",
       R"sql(
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  instance_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE event_participants (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,
  side TEXT NOT NULL,
  country TEXT NOT NULL,
  org_type TEXT NOT NULL,
  PRIMARY KEY (event_id, participant_id)
);
CREATE TABLE event_schedules (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  sequence INTEGER NOT NULL,
  instance_json TEXT NOT NULL,
  schedule_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (event_id, sequence)
);
)sql"},
      // Plain-SQL values: one row per non-zero cell of a run's result tables, written on
      // request by `urbanmine db tidy` (Store::tidy_run), not by every run.
      {4, "result_values (tidy rows for plain SQL)",
       R"sql(
CREATE TABLE result_values (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  region TEXT,
  segment TEXT,
  chemistry TEXT,
  element TEXT,
  route TEXT,
  product TEXT,
  destination TEXT,
  year INTEGER,
  value REAL NOT NULL,
  unit TEXT NOT NULL
);
CREATE INDEX result_values_lookup ON result_values (run_id, table_name, region, element, year);
)sql"},
      // Append new migrations here with the next version number.
  };
  return kMigrations;
}

}  // namespace urbanmine::io
