// SPDX-License-Identifier: Apache-2.0
// `urbanmine run --xlsx FILE`: one Excel workbook of a run, built generically from RunResults
// (every result table and record table, whatever the model produced):
//   cover   scenario, hash, code version, date, years, seed; every sheet with its table, unit
//           column, row count and description (descriptions cite the data sources); every
//           assumption and finding of the run;
//   charts  world totals (sum over regions and routes) by element and year of end of life
//           (end_of_life_t) and of recovered metal (recycling_to_secondary_metal_t), with a
//           native line chart of each;
//   one sheet per result table (tidy: dimension columns, then the unit-suffixed value column;
//   rows that are exactly 0 are left out, as in the CSV files) and per record table.
// In English (the default) or Korean (XlsxOptions::language, `run --lang ko`, `?lang=ko`).
// See io/xlsx_writer.h for layout, row-limit splitting and sheet names.
//
// Example: write_run_xlsx(results, "out/baseline/run.xlsx", {"2026-12-03T18:00:00Z"});
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"
#include "io/xlsx_writer.h"

#include "report/messages.h"
#include "results/run_results.h"

namespace urbanmine::report {

using results::RunResults;

struct XlsxOptions {
  std::string created_utc;                   // shown on the cover (the caller reads the clock)
  std::size_t max_rows = io::kExcelMaxRows;  // per worksheet; tests lower it
  // Korean: the cover's labels, table titles and descriptions, findings, the engine's
  // assumption sentences, chart titles, column headers and the coded or translatable text cells
  // of record sheets come from the report's catalogue (messages.h); sheet names, codes, numbers
  // and the data's own notes stay as they are.
  Language language = Language::kEnglish;
};

// The workbook description (no file written).
io::XlsxWorkbook run_workbook(const RunResults& results, const XlsxOptions& options);

// Writes the workbook to `path` (complete or not at all). Errors: Io naming the file.
core::Status write_run_xlsx(const RunResults& results, const std::string& path,
                            const XlsxOptions& options);

}  // namespace urbanmine::report
