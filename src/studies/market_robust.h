// SPDX-License-Identifier: Apache-2.0
// `urbanmine market robust`: the country ranking rebuilt on sourced criteria with units (issue
// 14; docs/market.md "Robust ranking"): value of the country's own feedstock (USD at the price
// path), feedstock other regions may legally send there (t), cost to process there (USD/t),
// grid CO2 (kg/kWh), recycled-content obligations (t of recycled metal required), governance
// (WGI, EU 0-10 scale) and growth of battery material demand; ratio-to-best normalisation, ties
// below a score resolution, and rank ranges under Dirichlet weights. Renders the record table
// "market_robust_ranking".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::studies {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

inline constexpr std::size_t kRobustCriterionCount = 7;
// Criterion names with units, in column order.
extern const char* const kRobustCriterionNames[kRobustCriterionCount];

struct RobustMarketRequest {
  std::string data_dir;     // empty = default_data_dir()
  std::optional<int> year;  // default: 2035 when the run has it, else its last year
  std::vector<double> weights = std::vector<double>(kRobustCriterionCount, 1.0);
  int draws = 1000;
  std::uint64_t seed = 0;
  double score_resolution = 0.01;
  std::string module_size = "medium";
};

core::Result<std::vector<RecordTable>> robust_market_tables(const RunResults& run,
                                                            const RobustMarketRequest& request);

}  // namespace urbanmine::studies
