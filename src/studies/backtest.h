// SPDX-License-Identifier: Apache-2.0
// `urbanmine backtest`: how well would a sales projection rule have done? The scenario is resolved
// on the full data; for each freeze year F the rule projects every region x segment's sales from
// the data up to F only, over F+1 .. the last history year (2024), and the projection is compared
// with the actual sales (ev_sales.csv, IEA) and with the battery demand the fleet model gives at
// actual sales (new packs, replacements included; pack sizes and chemistry from data in both, so
// the difference is the sales rule's alone). Errors: MAPE over cells whose actual value is at
// least a threshold, WAPE (sum |p - a| / sum a) and signed bias (sum (p - a) / sum a) over all
// cells, per segment and for all segments.
//
// Rules:
//   hold           sales stay at the freeze year's
//   growth:G       +G per year from the freeze year (G a fraction, e.g. growth:0.25)
//   trend:K        each region x segment's own compound growth over the K years to the freeze
//                  year, clamped to [-50 %, +100 %] per year; hold where either end is zero
//   scenario2030   linear from the freeze year to the scenario's own 2030 sales (under the
//                  baseline, IEA's STEPS 2030 figure). IEA made that projection in 2025, knowing
//                  2020-2024: not an out-of-sample test, reported for comparison only.
//
// Example:
//   BacktestOptions o;
//   o.freeze_years = {2019};
//   auto tables = backtest_tables("examples/global.toml", o);  // summary and detail records
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::studies {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

struct BacktestOptions {
  std::string data_dir;  // empty = default_data_dir()
  std::vector<int> freeze_years = {2019, 2021};
  std::vector<std::string> rules = {"hold", "trend:3", "growth:0.25", "scenario2030"};
  // MAPE leaves out cells whose actual value is below these (tiny denominators); WAPE and bias
  // count every cell.
  double mape_min_vehicles = 1000.0;
  double mape_min_kwh = 1.0e5;  // 0.1 GWh
  bool detail = false;          // also the per region x segment x year table
};

// The "backtest_summary" record table (and "backtest" when options.detail) for the scenario at
// `scenario_path` (empty = the shipped baseline). InvalidInput (exit 3) for an unknown rule, a
// freeze year outside the history or a bad scenario or data folder.
core::Result<std::vector<RecordTable>> backtest_tables(const std::string& scenario_path,
                                                       const BacktestOptions& options);

}  // namespace urbanmine::studies
