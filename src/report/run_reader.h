// SPDX-License-Identifier: Apache-2.0
// A previous run read back for `urbanmine policy check`, `market rank` and `plan` given a run
// instead of a scenario: the tables these commands use (material demand, end of life, collected,
// recycled, recovered, feedstock surplus, recycling capacity).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::report {

// The workspace of `urbanmine run` without --out and --db: out/urbanmine.db (relative to the
// current folder).
inline constexpr std::string_view kDefaultWorkspaceDb = "out/urbanmine.db";
// The workspace of runs written with --out into folders of the current folder (--out results).
inline constexpr std::string_view kFolderWorkspaceDb = "urbanmine.db";

// The store to read run `id` from: `db_path`, else the default workspace database when it
// exists, else urbanmine.db in the current folder (kInvalidInput naming --db otherwise).
core::Result<std::string> store_for_run_id(const std::string& db_path, const std::string& id);

// Reads the CSV tables of a previous run's output folder (`urbanmine run --out DIR`): every
// <table>.csv in long form (one column per dimension, one value column) becomes a ResultTable.
core::Result<results::RunResults> load_run_dir(const std::string& dir);
// Every result table of a run folder (those it has CSVs for), its record tables (regions, policy
// checks, market ranking, ...; whole-number cells read back as numbers) and the metadata of its
// summary.json (scenario name, description, hash, years): for `urbanmine compare` and deal
// sheets.
core::Result<results::RunResults> load_run_folder(const std::string& dir);
// The same tables of run `run_id` in the SQLite store at `db_path`.
core::Result<results::RunResults> load_run_store(const std::string& db_path, std::int64_t run_id);
// Run `run_id` of the store whole (every table, record tables, findings) with the scenario's
// description from its stored summary.json: for `urbanmine compare`.
core::Result<results::RunResults> load_run_store_whole(const std::string& db_path,
                                                       std::int64_t run_id);

}  // namespace urbanmine::report
