// SPDX-License-Identifier: Apache-2.0
// The policy checker: every rule that applies to a region of a run is evaluated against the
// run's indicators and gets pass, fail (with the gap) or not_evaluable (with the reason) -- never
// a silent pass. Proxies are named in `basis` (e.g. recycled content read as the secondary supply
// share of the region's battery demand); rules of medium or low confidence are flagged.
//
// Which year: a rule is checked in the year of its effective date (targets are due by that
// date), or in the run's first year if the rule took effect before the run starts; with
// CheckOptions::check_year every rule is checked in that year instead (rules not yet in force
// then are not_evaluable, "not in force"). Which regions: each run region that belongs to the
// rule's jurisdiction; EU-wide CRMA benchmarks are checked once for the EU aggregate (sum of the
// EU members in the run, or the run's own aggregate region if it has one).
// Pure function of its inputs; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/dim_array.h"
#include "policy/rules.h"

namespace urbanmine::policy {

// The largest single-country share of world supply of an element at one stage (from risk data).
struct LargestSupplier {
  std::string country;
  std::string iso3;
  std::string stage;  // "mine" or "refining"
  int year = 0;
  double share_fraction = 0.0;
  std::string source;
};

// What the checker reads from a run. Arrays are [region, element, year] in tonnes, with the
// dimension names "region", "element", "year" (route summed out); absent when the run lacks
// the table.
struct RunIndicators {
  std::vector<std::string> regions;
  std::vector<std::string> elements;
  int first_year = 0;
  int last_year = 0;
  std::optional<core::DimArray> demand_t;     // material demand of new batteries
  std::optional<core::DimArray> recovered_t;  // secondary metal out of recycling
  std::optional<core::DimArray> recycled_t;   // element mass entering recycling
  std::optional<core::DimArray> collected_t;
  std::optional<core::DimArray> end_of_life_t;
  // For the CRMA diversification benchmark, by element: all third-country suppliers per stage
  // (largest first); the checker takes the largest that is not in the jurisdiction.
  std::map<std::string, std::vector<LargestSupplier>> suppliers;
};

// Jurisdiction code -> member region codes (EU -> the 27 ISO3 codes, KR -> KOR, ...).
struct Jurisdictions {
  std::map<std::string, std::vector<std::string>> members;
  std::string eu_code = "EU";
  std::string eu_aggregate_region = "EU27";
};

struct CheckOptions {
  std::optional<int> check_year;
};

enum class CheckStatus { kPass, kFail, kNotEvaluable };
std::string_view check_status_name(CheckStatus status);  // "pass", "fail", "not_evaluable"

struct RuleCheck {
  std::string rule_id;
  std::string jurisdiction;
  std::string region;   // region code, the EU aggregate, or the jurisdiction when no region
  std::string element;  // element code, "all", or the rule's element text when unresolved
  int year = 0;         // 0 when no year could be chosen
  MetricKind kind = MetricKind::kNotModelled;
  std::string metric;
  std::string comparator;
  std::optional<double> threshold_fraction;
  std::optional<double> value_fraction;
  std::optional<double> gap_fraction;  // shortfall to the threshold when failing, else 0
  CheckStatus status = CheckStatus::kNotEvaluable;
  std::string basis;   // the model quantity compared, and any proxy it relies on
  std::string reason;  // why not evaluable
  Confidence confidence = Confidence::kHigh;
  std::string confidence_note;  // non-empty for medium/low confidence
  std::string legal_reference;
  std::string effective_date;
  std::string rule_status;
};

std::vector<RuleCheck> check_rules(const std::vector<PolicyRule>& rules,
                                   const RunIndicators& indicators,
                                   const Jurisdictions& jurisdictions, const ElementGroups& groups,
                                   const CheckOptions& options);

}  // namespace urbanmine::policy
