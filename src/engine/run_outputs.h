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
//   engine::OutputOptions opts;
//   opts.out_dir = "out/baseline";
//   auto written = engine::write_run_outputs(results, opts);  // written->report_path
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/logger.h"
#include "core/result.h"
#include "engine/run_results.h"
#include "io/store.h"

namespace urbanmine::engine {

// Defaults of `--sankey-year` and `--sankey-element`.
inline constexpr int kDefaultSankeyYear = 2040;
inline constexpr std::string_view kDefaultSankeyElement = "Li";
// `--sankey-element kWh` draws battery capacity flows instead of one element's mass.
inline constexpr std::string_view kSankeyCapacity = "kWh";
// The region item taken as the world total when a table has it; otherwise regions are summed.
inline constexpr std::string_view kWorldRegion = "WORLD";

struct RenderOptions {
  // Year and element of sankey.json and the report's Sankey; the year must be a year of the run
  // and the element an element of the run's tables (or "kWh").
  int sankey_year = kDefaultSankeyYear;
  std::string sankey_element = std::string(kDefaultSankeyElement);
  // Leave rows whose value is exactly 0 out of the CSV tables and the store.
  bool skip_zero_rows = true;
};

// Every output document in memory: file name -> content.
struct RunDocuments {
  std::map<std::string, std::string> files;  // "<table>.csv", "summary.json", ...
};

inline constexpr std::string_view kSummaryFile = "summary.json";
inline constexpr std::string_view kSankeyFile = "sankey.json";
inline constexpr std::string_view kReportFile = "report.html";
inline constexpr std::string_view kDefaultDbFile = "urbanmine.db";

// The calendar years at which summary.json and the report give key figures: 2030, 2040 and
// 2050 where the run covers them, else the run's last year.
std::vector<int> key_years(const RunResults& results);

std::string summary_json(const RunResults& results, const RenderOptions& options);
// Fails (kInvalidInput, location "--sankey-year" or "--sankey-element") when the year or the
// element is not in the run.
core::Result<std::string> sankey_json(const RunResults& results, int year,
                                      const std::string& element);
std::string report_html(const RunResults& results, const RenderOptions& options);
// A short plain-text summary for people (stdout of `urbanmine run`).
std::string text_summary(const RunResults& results);

// summary.json, sankey.json and report.html: the documents stored with a run.
core::Result<RunDocuments> render_run_documents(const RunResults& results,
                                                const RenderOptions& options);
// Those and a CSV file per result and record table: the whole output folder.
core::Result<RunDocuments> render_run_outputs(const RunResults& results,
                                              const RenderOptions& options);

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
  std::string out_dir;        // required; replaced only after everything succeeded
  std::string db_path;        // empty = <out_dir>/urbanmine.db (kept across runs)
  std::string scenario_text;  // the scenario file's text, stored with the run
  RenderOptions render;
  // Called with the fraction done and a stage ("rendering outputs", "storing the run", ...);
  // may be empty.
  core::ProgressCallback progress;
};

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

}  // namespace urbanmine::engine
