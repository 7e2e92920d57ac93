// SPDX-License-Identifier: Apache-2.0
// The facade's entry point for `urbanmine match dealsheet` (and its API route): deal sheets of a
// checked schedule from a run (cooperation/dealsheet.h), rendered as files
// (report/dealsheet_report.h). Nothing is written here.
//
//   engine::DealSheetRequest r;
//   r.run = "examples/global.toml";  // or a run folder, or a run id with r.db_path
//   auto out = engine::dealsheet_match_files("instance.json", "schedule.json", r);
#pragma once

#include <string>
#include <vector>

#include "core/logger.h"
#include "core/result.h"

#include "report/dealsheet_report.h"
#include "results/dealsheet.h"
#include "results/run_results.h"

namespace urbanmine::engine {

struct DealSheetRequest {
  std::string run;              // scenario .toml (run now), run folder, or run id in db_path
  std::string db_path;          // for run ids
  std::string data_dir;         // empty = the default data folder
  std::vector<int> years;       // empty = 2030, 2035, 2040 within the run
  std::string language = "en";  // en or ko
  core::Logger* logger = nullptr;
  bool strict = false;
};

struct DealSheetOutcome {
  results::DealSheets sheets;
  std::vector<report::DealSheetFile> files;  // dealsheets.json, dealsheets.html, <ID>.html
};

// On a run already in memory (the server's finished runs).
core::Result<DealSheetOutcome> dealsheet_match_text(const std::string& instance_json,
                                                    const std::string& instance_source,
                                                    const std::string& schedule_json,
                                                    const std::string& schedule_source,
                                                    const results::RunResults& run,
                                                    const DealSheetRequest& request);
// Reads the two files and loads `request.run` (engine/compare.h: scenario, folder or run id).
core::Result<DealSheetOutcome> dealsheet_match_files(const std::string& instance_path,
                                                     const std::string& schedule_path,
                                                     const DealSheetRequest& request);

}  // namespace urbanmine::engine
