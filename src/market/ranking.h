// SPDX-License-Identifier: Apache-2.0
// Country opportunity ranking for a recycler. Each country has four raw criteria (higher is
// better for a recycler): end-of-life feedstock surplus over local capacity, policy pull,
// supply-risk relevance and market growth. Each criterion is min-max normalised over the ranked
// countries to 0-1 (all equal -> 0 for everyone: the criterion does not discriminate); a
// country's score is the sum of its parts, part_k = w_k * normalised_k with the weights scaled
// to sum to 1. A missing criterion contributes no part and is listed, never filled.
// Ties are broken by country code (ascending), so the ranking is deterministic.
//
// Property (tested): raising one weight cannot lower the rank of the country that leads on that
// criterion (the leader has normalised value 1 on it, so its margin over every other country
// can only grow). Pure functions; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace urbanmine::market {

enum class Criterion { kFeedstock = 0, kPolicy = 1, kRisk = 2, kGrowth = 3 };
inline constexpr std::size_t kCriterionCount = 4;
inline constexpr std::array<Criterion, kCriterionCount> kCriteria{
    Criterion::kFeedstock, Criterion::kPolicy, Criterion::kRisk, Criterion::kGrowth};
std::string_view criterion_name(Criterion criterion);  // "feedstock", "policy", "risk", "growth"
std::optional<Criterion> parse_criterion(std::string_view text);

// User weights (any non-negative numbers, at least one positive); scaled to sum 1 when used.
// The defaults (equal weights) are an assumption, stated in outputs and docs/market.md.
struct Weights {
  std::array<double, kCriterionCount> values{0.25, 0.25, 0.25, 0.25};
  double& operator[](Criterion c) { return values[static_cast<std::size_t>(c)]; }
  double operator[](Criterion c) const { return values[static_cast<std::size_t>(c)]; }
};
core::Status validate_weights(const Weights& weights);

struct CountryCriteria {
  std::string code;  // ISO3
  std::array<std::optional<double>, kCriterionCount> raw;
  std::array<std::string, kCriterionCount> detail;  // how the raw value was computed / why missing
};

struct RankedCountry {
  std::string code;
  int rank = 0;  // 1 = best
  double total = 0.0;
  std::array<std::optional<double>, kCriterionCount> normalised;
  std::array<std::optional<double>, kCriterionCount> parts;  // w_k * normalised_k
  std::array<std::optional<double>, kCriterionCount> raw;
  std::array<std::string, kCriterionCount> detail;
  std::vector<std::string> missing;  // criterion names without a value
};

struct Ranking {
  Weights weights_used;                  // scaled to sum 1
  std::vector<RankedCountry> countries;  // by rank
};

// Errors: InvalidInput for bad weights, duplicate country codes or non-finite raw values.
core::Result<Ranking> rank_countries(const std::vector<CountryCriteria>& countries,
                                     const Weights& weights);

// Ranks when one weight is scaled by (1 - change) and (1 + change), for every criterion.
struct SensitivityRow {
  std::string code;
  int base_rank = 0;
  std::array<int, kCriterionCount> rank_minus{};  // weight_k * (1 - change)
  std::array<int, kCriterionCount> rank_plus{};   // weight_k * (1 + change)
  int best_rank = 0;
  int worst_rank = 0;
};
inline constexpr double kDefaultSensitivityChange = 0.2;
core::Result<std::vector<SensitivityRow>> rank_sensitivity(
    const std::vector<CountryCriteria>& countries, const Weights& weights,
    double change = kDefaultSensitivityChange);

}  // namespace urbanmine::market
