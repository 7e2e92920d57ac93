// SPDX-License-Identifier: Apache-2.0
// The facade's entry points for `urbanmine compare` and GET /api/compare: runs compared
// (studies/compare.h) and the loading of what the user names as a run. Implemented in
// engine/compare.cpp.
//
//   engine::CompareLoadOptions load;
//   auto a = engine::load_compare_input("examples/global.toml", load);  // runs it
//   auto b = engine::load_compare_input("out/eu", load);                        // a run folder
//   auto c = engine::compare_runs({*a, *b}, {.region = "EU27", .year = 2040});
#pragma once

#include <string>

#include "core/logger.h"
#include "core/result.h"
#include "engine/run_results.h"

#include "results/comparison.h"
#include "studies/compare.h"

namespace urbanmine::engine {

using results::ComparedRun;
using results::ComparedSeries;
using results::Comparison;
using results::HeadlineFigure;
using studies::compare_runs;
using studies::CompareInput;
using studies::CompareOptions;

struct CompareLoadOptions {
  std::string data_dir;  // for scenarios; empty = the default data folder
  std::string db_path;   // for run ids (required for them)
  core::Logger* logger = nullptr;
  bool strict = false;
};

// `what` is a scenario file (.toml: run now, nothing written), the --out folder of
// `urbanmine run`, or a run id (digits) stored in `options.db_path`. Anything else is
// kNotFound saying which of the three was looked for.
core::Result<CompareInput> load_compare_input(const std::string& what,
                                              const CompareLoadOptions& options);

}  // namespace urbanmine::engine
