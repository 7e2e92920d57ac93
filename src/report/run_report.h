// SPDX-License-Identifier: Apache-2.0
// The documents of a run, rendered from any RunResults: one long-form CSV per result table and
// per record table, summary.json (metadata, key figures, findings, assumptions, mass balance,
// record tables), sankey.json (world flows of one element, or of battery capacity, in one year),
// report.html (one self-contained page with inline SVG charts, report/html.h) and a short text
// summary. Pure functions of the results: no files, no clock. The formats are documented in
// docs/formats/outputs.md; report/run_outputs.h writes and stores them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

#include "report/messages.h"
#include "results/run_results.h"

namespace urbanmine::report {

using results::RunResults;

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
  // Region of the report's first section ("At a glance"): a model region or an aggregate the
  // run holds whole (EU27, WORLD, ...); empty = WORLD. An unknown code is kNotFound.
  std::string focus_region;
  // Language of report.html (summary.json, the CSVs and the text summary stay English: they are
  // data, read by programs).
  Language language = Language::kEnglish;
};

// Every output document in memory: file name -> content.
struct RunDocuments {
  std::map<std::string, std::string> files;  // "<table>.csv", "summary.json", ...
};

inline constexpr std::string_view kSummaryFile = "summary.json";
inline constexpr std::string_view kSankeyFile = "sankey.json";
inline constexpr std::string_view kReportFile = "report.html";
// Folder of the aggregate-region rows (EU27, WORLD, ...) of each additive result table.
inline constexpr std::string_view kAggregatesDir = "aggregates";

// The calendar years at which summary.json and the report give key figures: 2030, 2040 and
// 2050 where the run covers them, else the run's last year.
std::vector<int> key_years(const RunResults& results);

std::string summary_json(const RunResults& results, const RenderOptions& options);
// Flows of the world (region empty or "WORLD") or of one region of the run, whose graph then
// also shows what crosses its border (used vehicles and feedstock, in and out). Fails
// (kInvalidInput, location "--sankey-year", "--sankey-element" or "region") when the
// year, the element or the region is not in the run.
core::Result<std::string> sankey_json(const RunResults& results, int year,
                                      const std::string& element, const std::string& region = "");
// The regions a Sankey can be drawn for (the run's regions, sorted, without WORLD).
std::vector<std::string> sankey_regions(const RunResults& results);
std::string report_html(const RunResults& results, const RenderOptions& options);
// A short plain-text summary for people (stdout of `urbanmine run`).
std::string text_summary(const RunResults& results);

// summary.json, sankey.json and report.html: the documents stored with a run.
core::Result<RunDocuments> render_run_documents(const RunResults& results,
                                                const RenderOptions& options);
// Those and a CSV file per result and record table: the whole output folder.
core::Result<RunDocuments> render_run_outputs(const RunResults& results,
                                              const RenderOptions& options);

// The registry's tables and record tables as Markdown tables (the list in
// docs/formats/outputs.md, printed by `urbanmine tables`).
std::string table_registry_markdown();

}  // namespace urbanmine::report
