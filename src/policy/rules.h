// SPDX-License-Identifier: Apache-2.0
// Policy rules as data: one row of data/policy_rules.csv (jurisdiction, metric, element,
// threshold, comparator, effective date, legal reference, confidence, ...), the vocabulary used
// to read it (comparators, confidence levels, dates, element names and groups), and the mapping
// from a rule's metric text to a quantity the run model can compute (MetricKind). The loader
// that reads and validates the file is io/policy_rules.h; the checker is policy/checker.h.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace urbanmine::policy {

// kNone: empty comparator cell; kQualitative: an obligation in words ("declaration required",
// "take back free of charge", "applies if >=", ...), never a number the model can compare.
enum class Comparator { kNone, kGe, kGt, kLe, kLt, kEq, kQualitative };

// nullopt when the text looks symbolic (starts with <, > or =) but is not one of >=, >, <=, <,
// =, == (e.g. "=>"): a typo that must be reported, not guessed.
std::optional<Comparator> parse_comparator(std::string_view text);
std::string_view comparator_symbol(Comparator comparator);  // ">=", ..., "" or "qualitative"

enum class Confidence { kHigh, kMedium, kLow };
std::optional<Confidence> parse_confidence(std::string_view text);
std::string_view confidence_name(Confidence confidence);

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};
// Strict YYYY-MM-DD with a valid calendar day.
std::optional<Date> parse_iso_date(std::string_view text);

struct PolicyRule {
  std::string rule_id;
  std::string jurisdiction;  // EU, US, KR, CN, IN, ID, CA, AU (ISO alpha-2, or EU)
  std::string instrument;
  std::string legal_reference;
  std::string rule;
  std::string scope;
  std::string metric;
  std::string element;  // text as in the data: "cobalt", "nickel cobalt manganese", "all", ...
  std::optional<double> threshold;  // numeric threshold in `unit`
  std::string threshold_text;       // the cell as written (kept when it is not a number)
  std::string unit;                 // "percent", "t", "months", ...
  Comparator comparator = Comparator::kNone;
  std::string comparator_text;
  Date effective;
  std::string effective_date;  // as written, YYYY-MM-DD
  std::string status;
  Confidence confidence = Confidence::kHigh;
  std::string source;
  std::string notes;
  std::size_t line = 0;  // line in the CSV file (header = 1)
};

// What a rule's metric means for the model.
enum class MetricKind {
  kCollectionRate,          // collected / end of life
  kRecyclingEfficiency,     // whole-battery mass recycled / mass entering recycling
  kMaterialRecovery,        // recovered element / element entering recycling
  kRecycledContent,         // recycled share of element in new batteries
  kRecyclingShareOfDemand,  // EU CRMA: recycling as share of annual consumption
  kSingleCountryShare,      // EU CRMA: share of consumption from one third country
  kExtractionShare,         // EU CRMA: domestic extraction as share of consumption
  kProcessingShare,         // EU CRMA: domestic processing as share of consumption
  kNotModelled,             // declarations, credits, permits, bans, ...
};
MetricKind classify_metric(const PolicyRule& rule);
std::string_view metric_kind_name(MetricKind kind);  // "collection_rate", ...

// True for rules that push recycling demand: numeric collection, recycling-efficiency,
// material-recovery, recycled-content and recycling-share targets whose status is not
// terminated (used by the market's policy-pull criterion).
bool is_recycling_mandate(const PolicyRule& rule);

// Element groups named in rules (e.g. "strategic raw materials"), from data/element_groups.csv.
using ElementGroups = std::map<std::string, std::vector<std::string>>;

struct ElementSelection {
  bool all = false;                     // "all": every element together (mass-weighted)
  std::vector<std::string> elements;    // element codes (Li, Ni, Co, Mn, graphite, Cu, Al, Pb)
  std::vector<std::string> unresolved;  // words that name no element or group
};
// Reads "cobalt", "nickel cobalt manganese", "all", "strategic raw materials", ...
ElementSelection resolve_elements(std::string_view text, const ElementGroups& groups);

}  // namespace urbanmine::policy
