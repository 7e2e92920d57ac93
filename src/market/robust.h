// SPDX-License-Identifier: Apache-2.0
// Ranking building blocks that do not turn noise into rank (issue 14; docs/market.md, "Robust
// ranking"): ratio-to-best normalisation (a criterion's values divided by the best value, so a
// narrow band stays narrow instead of being stretched to 0-1), ranks with ties below a stated
// resolution of the total score, detection of criteria that are constant across countries, and
// rank ranges under random weights drawn from a flat Dirichlet distribution (seeded).
//
// Example:
//   std::vector<market::CriterionColumn> cols = {{"feedstock_value_usd", true, 0.0, {...}}, ...};
//   auto ranks = market::robust_rank(codes, cols, weights, 0.01);
//   auto ranges = market::dirichlet_rank_ranges(codes, cols, 1000, 42, 0.01);
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::market {

// One criterion over the ranked countries (values in the order of the country codes).
struct CriterionColumn {
  std::string name;  // with its unit, e.g. "grid_kg_co2_per_kwh"
  bool higher_is_better = true;
  double resolution = 0.0;  // differences at or below this (criterion unit) are ties
  std::vector<std::optional<double>> values;  // >= 0; nullopt = missing (adds no part)
};

// Ratio to the best value: x / max for higher-is-better, min / x for lower-is-better (0 stays
// 0; a lower-is-better value of 0 is the best, 1). All values in [0, 1]; nullopt stays nullopt.
// Errors: a negative or non-finite value.
core::Result<std::vector<std::optional<double>>> ratio_to_best(const CriterionColumn& column);

// Names of the criteria whose present values differ by no more than their resolution.
std::vector<std::string> constant_criteria(const std::vector<CriterionColumn>& columns);

struct RobustRank {
  std::string code;
  double total = 0.0;  // sum of weight_k * ratio_k (weights scaled to sum 1)
  int rank = 0;        // 1 + number of countries whose total exceeds this one by > resolution
  std::vector<std::optional<double>> parts;  // per criterion
};

// Scores and ranks (competition ranking with ties: equal ranks share, the next rank skips).
// `weights` has one non-negative entry per column, at least one positive.
core::Result<std::vector<RobustRank>> robust_rank(const std::vector<std::string>& codes,
                                                  const std::vector<CriterionColumn>& columns,
                                                  const std::vector<double>& weights,
                                                  double score_resolution);

struct RankRange {
  std::string code;
  int best = 0;
  int worst = 0;
  int p5 = 0;   // 5th percentile of the rank over the draws
  int p95 = 0;  // 95th percentile
};

// Ranks under `draws` weight vectors drawn from Dirichlet(1, ..., 1) (uniform on the simplex)
// with the given seed. Errors: draws < 1, bad columns.
core::Result<std::vector<RankRange>> dirichlet_rank_ranges(
    const std::vector<std::string>& codes, const std::vector<CriterionColumn>& columns, int draws,
    std::uint64_t seed, double score_resolution);

}  // namespace urbanmine::market
