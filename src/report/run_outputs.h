// SPDX-License-Identifier: Apache-2.0
// The outputs of `urbanmine run`, built from any RunResults: one long-form CSV per result table
// and per record table, summary.json (metadata, key figures, findings, assumptions, mass balance,
// record tables), sankey.json (world flows of one element, or of battery capacity, in one year)
// and report.html (one self-contained page with inline SVG charts). write_run_outputs() writes
// them all into a temporary sibling of the output folder, stores the run in SQLite, and only
// then renames the folder into place, so on any error nothing partial is left and an existing
// output folder is untouched. The formats are documented in docs/formats/outputs.md.
//
// The HTTP server uses render_run_documents() and store_results_into_run() directly.
//
//   report::OutputOptions opts;
//   opts.out_dir = "out/baseline";
//   auto written = report::write_run_outputs(results, opts);  // written->report_path
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/logger.h"
#include "core/result.h"
#include "io/store.h"

#include "report/run_report.h"
#include "results/run_results.h"

namespace urbanmine::report {

using results::RunResults;

// The renderers live in report/run_report.h.

inline constexpr std::string_view kDefaultDbFile = "urbanmine.db";

// Stores a finished run in one transaction: the scenario (name, hash, text), a run row with its
// status (ok, or checks_failed when a balance check failed), every table, record table, finding,
// and summary.json, sankey.json and report.html. Returns the run id.
// `progress`, when set, is called after each table with the fraction of tables stored.
core::Result<std::int64_t> store_run(io::Store& store, const RunResults& results,
                                     const std::string& scenario_text,
                                     const RunDocuments& documents,
                                     const core::ProgressCallback& progress = {});
// The same into a run row the caller created earlier (status "running"); finishes it.
core::Status store_results_into_run(io::Store& store, std::int64_t run_id,
                                    const RunResults& results, const RunDocuments& documents,
                                    const core::ProgressCallback& progress = {});

// A stored run read back whole (the HTTP server re-renders other Sankey years and the
// cooperation routes of runs an earlier process made): metadata, every result table with its
// values (bit for bit), record tables (numbers as written: 12 significant digits) and findings.
// Balance checks and assumptions are not stored one by one (the stored summary.json carries them),
// so `balance` and `assumptions` are empty. kNotFound for an unknown run; kConflict for a run
// stored before schema version 2.
core::Result<RunResults> load_stored_run(io::Store& store, std::int64_t run_id);

struct OutputOptions {
  std::string out_dir;  // required; replaced only after everything succeeded
  // Empty = the workspace database, workspace_db_path(out_dir); or <out_dir>/urbanmine.db when
  // the folder already holds one (written by an earlier version: it keeps its run history).
  std::string db_path;
  std::string scenario_text;  // the scenario file's text, stored with the run
  RenderOptions render;
  // Called with the fraction done and a stage ("rendering outputs", "storing the run", ...);
  // may be empty.
  core::ProgressCallback progress;
};

// The workspace database of an output folder: urbanmine.db in the folder's parent (out/baseline
// -> out/urbanmine.db), shared by the runs written into sibling folders.
std::string workspace_db_path(const std::string& out_dir);

struct WrittenOutputs {
  std::string out_dir;
  std::string report_path;
  std::string summary_path;
  std::string db_path;
  std::int64_t run_id = 0;
  std::vector<std::string> files;  // names inside out_dir, sorted
};

core::Result<WrittenOutputs> write_run_outputs(const RunResults& results,
                                               const OutputOptions& options);

// With a database outside the output folder (`--db`), the run is committed after the folder is
// swapped in, and the folder records the commit it depends on in kCommitFile (database path, run
// id, a token stored with the run, the writing process). Undoes what a killed run left: a
// folder whose commit never happened (the writer is gone and the database lacks the token) is
// replaced by the previous folder; then io::recover_dir. write_run_outputs calls it first.
inline constexpr std::string_view kCommitFile = ".urbanmine-commit";
core::Status recover_outputs(const std::string& out_dir);

}  // namespace urbanmine::report
