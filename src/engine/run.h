// SPDX-License-Identifier: Apache-2.0
// The main job: run a scenario through the whole chain (fleet, stocks, end of life, second life,
// collection, recycling, secondary supply) and return RunResults. Implemented in engine/run.cpp.
// Contract shared by the CLI (`urbanmine run`, `urbanmine validate`) and the HTTP server.
#pragma once

#include <string>

#include "core/error.h"
#include "core/logger.h"
#include "core/result.h"
#include "engine/run_results.h"
#include "io/data_dir.h"

namespace urbanmine::engine {

struct RunOptions {
  // Folder with the sourced CSVs; empty = default_data_dir().
  std::string data_dir;
  // Called with the fraction done and a stage label; may be empty.
  core::ProgressCallback progress;
  // Where log messages go; nullptr = nowhere.
  core::Logger* logger = nullptr;
  bool strict = false;  // warnings become errors
  // Whether the scenario may name files on this machine ([[passport_fleet]] path). The service
  // runs scenarios sent over HTTP and sets it false.
  bool allow_local_files = true;
};

// Where the data and the baseline scenario are found when none is given (io/data_dir.h).
using io::default_data_dir;
using io::default_scenario_path;

// Every problem in the scenario and the data it uses, with file, row/key and field.
core::Diagnostics validate_scenario_file(const std::string& scenario_path,
                                         const RunOptions& options);

// Loads, validates and runs the scenario. The result's balance checks all pass, or the run
// returns an Internal error naming the worst imbalance.
core::Result<RunResults> run_scenario_file(const std::string& scenario_path,
                                           const RunOptions& options);
// The same from scenario TOML text (`source` names it in errors), for the HTTP API.
core::Result<RunResults> run_scenario_text(const std::string& toml_text, const std::string& source,
                                           const RunOptions& options);

}  // namespace urbanmine::engine
