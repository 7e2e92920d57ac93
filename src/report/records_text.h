// SPDX-License-Identifier: Apache-2.0
// Record tables (results/run_results.h) rendered for the command line (`urbanmine risk`,
// `policy check`, `market rank`, `plan`, `backtest`, ...): an aligned text table (one
// "column: value" block per row when a table is wide), JSON ({"tables":[{name, title,
// description, columns, rows:[{column: value}]}]}) or CSV (one block per table, "# name" between).
#pragma once

#include <string>
#include <vector>

#include "results/run_results.h"

namespace urbanmine::report {

// A number as record text: whole numbers without decimals, others with 10 significant digits;
// "null" when not finite (JSON).
std::string number_text(double v);
// The same, shorter (4 significant digits), for aligned tables and findings.
std::string short_number_text(double v);

enum class RecordFormat { kTable, kJson, kCsv };
std::string format_records(const std::vector<results::RecordTable>& tables, RecordFormat format);

}  // namespace urbanmine::report
