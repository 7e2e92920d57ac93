// SPDX-License-Identifier: Apache-2.0
// The policy checker (see checker.h for which year and which regions are checked).
#include "policy/checker.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/tolerance.h"

namespace urbanmine::policy {
namespace {

constexpr double kPercentPerUnit = 100.0;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// A region of the run to check: a code and the run regions whose values are summed for it.
struct Target {
  std::string code;
  std::vector<std::string> parts;
};

// Sum of `array` over `regions` for one element (or every run element when element == "all").
std::optional<double> sum_of(const std::optional<core::DimArray>& array,
                             const std::vector<std::string>& regions,
                             const std::vector<std::string>& elements, int year) {
  if (!array) return std::nullopt;
  double total = 0.0;
  bool any = false;
  for (const auto& region : regions) {
    for (const auto& element : elements) {
      auto v =
          array->get({{"region", region}, {"element", element}, {"year", std::to_string(year)}});
      if (v) {
        total += *v;
        any = true;
      }
    }
  }
  if (!any) return std::nullopt;
  return total;
}

RuleCheck base_check(const PolicyRule& rule, MetricKind kind) {
  RuleCheck c;
  c.rule_id = rule.rule_id;
  c.jurisdiction = rule.jurisdiction;
  c.kind = kind;
  c.metric = rule.metric;
  c.comparator = rule.comparator == Comparator::kQualitative
                     ? rule.comparator_text
                     : std::string(comparator_symbol(rule.comparator));
  if (rule.threshold && rule.unit == "percent")
    c.threshold_fraction = *rule.threshold / kPercentPerUnit;
  c.confidence = rule.confidence;
  if (rule.confidence != Confidence::kHigh) {
    c.confidence_note = std::string(confidence_name(rule.confidence)) +
                        " confidence: not checked against the legal text";
  }
  c.legal_reference = rule.legal_reference;
  c.effective_date = rule.effective_date;
  c.rule_status = rule.status;
  c.element = rule.element;
  return c;
}

// A reason the rule cannot be evaluated whatever the region, or empty.
std::string rule_level_reason(const PolicyRule& rule, MetricKind kind) {
  if (kind == MetricKind::kNotModelled) {
    std::string r = "metric '" + rule.metric + "' is not a quantity of the run model";
    if (rule.comparator == Comparator::kQualitative) {
      r += " (obligation in words: " + rule.comparator_text + ")";
    }
    return r;
  }
  if (rule.comparator == Comparator::kQualitative) {
    return "obligation in words (" + rule.comparator_text + "), not a numeric threshold";
  }
  if (rule.comparator == Comparator::kNone) return "the rule has no comparator";
  if (!rule.threshold) {
    return "threshold is not a single number ('" + rule.threshold_text + "')";
  }
  if (rule.unit != "percent") return "threshold unit '" + rule.unit + "' is not a share";
  const std::string scope = lower(rule.scope + " " + rule.rule);
  switch (kind) {
    case MetricKind::kCollectionRate:
      if (contains(scope, "portable") || contains(scope, "lmt") || contains(scope, "light-means") ||
          contains(scope, "light means")) {
        return "collection target for portable or light-means-of-transport batteries; the run "
               "models EV and storage batteries, not these categories";
      }
      break;
    case MetricKind::kRecyclingEfficiency:
      if (!contains(scope, "lithium")) {
        return "battery category not modelled (the run covers lithium-based EV batteries)";
      }
      return "recycling efficiency is a share of whole-battery mass; the run tracks element "
             "masses only (electrolyte, plastics, casing are not tracked)";
    case MetricKind::kExtractionShare:
      return "EU extraction by member state is not in the shipped data (mine_production.csv "
             "lists the main world producers only)";
    case MetricKind::kProcessingShare:
      return "EU processing capacity by member state is not in the shipped data";
    default:
      break;
  }
  return {};
}

bool passes(Comparator comparator, double value, double threshold) {
  const bool equal = core::approx_equal(value, threshold);
  switch (comparator) {
    case Comparator::kGe:
      return value >= threshold || equal;
    case Comparator::kGt:
      return value > threshold && !equal;
    case Comparator::kLe:
      return value <= threshold || equal;
    case Comparator::kLt:
      return value < threshold && !equal;
    case Comparator::kEq:
      return equal;
    default:
      return false;
  }
}

double gap(Comparator comparator, double value, double threshold) {
  switch (comparator) {
    case Comparator::kGe:
    case Comparator::kGt:
      return std::max(0.0, threshold - value);
    case Comparator::kLe:
    case Comparator::kLt:
      return std::max(0.0, value - threshold);
    default:
      return std::fabs(value - threshold);
  }
}

void judge(RuleCheck& c, const PolicyRule& rule, double value) {
  c.value_fraction = value;
  const double t = *c.threshold_fraction;
  if (passes(rule.comparator, value, t)) {
    c.status = CheckStatus::kPass;
    c.gap_fraction = 0.0;
  } else {
    c.status = CheckStatus::kFail;
    c.gap_fraction = gap(rule.comparator, value, t);
  }
}

// Ratio numerator/denominator of two run arrays, or a reason why not.
void evaluate_ratio(RuleCheck& c, const PolicyRule& rule, const std::optional<core::DimArray>& num,
                    const char* num_name, const std::optional<core::DimArray>& den,
                    const char* den_name, const Target& target,
                    const std::vector<std::string>& elements) {
  if (!num || !den) {
    c.reason = std::string("the run has no ") + (!num ? num_name : den_name) + " table";
    return;
  }
  const auto n = sum_of(num, target.parts, elements, c.year);
  const auto d = sum_of(den, target.parts, elements, c.year);
  if (!n || !d) {
    c.reason = std::string("no ") + (!n ? num_name : den_name) + " value for " + target.code +
               " in " + std::to_string(c.year);
    return;
  }
  if (!(*d > 0.0)) {
    c.reason = std::string("no ") + den_name + " in " + target.code + " in " +
               std::to_string(c.year) + " (zero), so the ratio is undefined";
    return;
  }
  judge(c, rule, *n / *d);
}

void evaluate(RuleCheck& c, const PolicyRule& rule, const RunIndicators& ind,
              const Jurisdictions& jur, const Target& target,
              const std::vector<std::string>& elements) {
  switch (c.kind) {
    case MetricKind::kCollectionRate:
      c.basis = "collected / end-of-life mass (run tables waste_to_collection_t, end_of_life_t)";
      evaluate_ratio(c, rule, ind.collected_t, "collected", ind.end_of_life_t, "end-of-life",
                     target, elements);
      return;
    case MetricKind::kMaterialRecovery:
      c.basis =
          "recovered / recycled mass of the element over the configured routes (run tables "
          "recycling_to_secondary_metal_t, collection_to_recycling_t)";
      evaluate_ratio(c, rule, ind.recovered_t, "recovered metal", ind.recycled_t, "recycling input",
                     target, elements);
      return;
    case MetricKind::kRecycledContent:
      c.basis =
          "proxy: secondary supply (recovered metal) as share of the region's battery "
          "material demand; assumes all recovered metal goes into the region's new batteries";
      evaluate_ratio(c, rule, ind.recovered_t, "recovered metal", ind.demand_t, "material demand",
                     target, elements);
      return;
    case MetricKind::kRecyclingShareOfDemand:
      c.basis =
          "proxy: recovered metal / battery material demand of the EU members in the run "
          "(CRMA counts all uses of the raw material; the run models batteries only)";
      evaluate_ratio(c, rule, ind.recovered_t, "recovered metal", ind.demand_t, "material demand",
                     target, elements);
      return;
    case MetricKind::kSingleCountryShare: {
      const auto it = ind.suppliers.find(elements.front());
      const auto& members = jur.members.count(rule.jurisdiction) != 0
                                ? jur.members.at(rule.jurisdiction)
                                : std::vector<std::string>{};
      const LargestSupplier* top = nullptr;
      if (it != ind.suppliers.end()) {
        for (const auto& s : it->second) {
          if (std::find(members.begin(), members.end(), s.iso3) != members.end()) continue;
          if (top == nullptr || s.share_fraction > top->share_fraction) top = &s;
        }
      }
      if (top == nullptr) {
        c.reason = "no supply shares by country for " + elements.front() + " in the shipped data";
        return;
      }
      const auto demand = sum_of(ind.demand_t, target.parts, elements, c.year);
      const auto recovered = sum_of(ind.recovered_t, target.parts, elements, c.year);
      if (!demand || !(*demand > 0.0) || !recovered) {
        c.reason = "no material demand or recovered metal for " + target.code + " in " +
                   std::to_string(c.year);
        return;
      }
      const double secondary = std::clamp(*recovered / *demand, 0.0, 1.0);
      c.basis = "proxy: primary sourcing assumed to mirror world " + top->stage + " shares (" +
                top->country + " " + std::to_string(top->year) + ", " + top->source +
                "); recycled supply counted as domestic: share x (1 - secondary share)";
      judge(c, rule, top->share_fraction * (1.0 - secondary));
      return;
    }
    default:
      c.reason = "metric not evaluable";
      return;
  }
}

}  // namespace

std::string_view check_status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass:
      return "pass";
    case CheckStatus::kFail:
      return "fail";
    case CheckStatus::kNotEvaluable:
      return "not_evaluable";
  }
  return "not_evaluable";
}

std::vector<RuleCheck> check_rules(const std::vector<PolicyRule>& rules, const RunIndicators& ind,
                                   const Jurisdictions& jur, const ElementGroups& groups,
                                   const CheckOptions& options) {
  std::vector<RuleCheck> out;
  for (const auto& rule : rules) {
    const MetricKind kind = classify_metric(rule);
    const auto members_it = jur.members.find(rule.jurisdiction);
    std::vector<std::string> in_run;
    if (members_it != jur.members.end()) {
      for (const auto& region : ind.regions) {
        const auto& m = members_it->second;
        if (std::find(m.begin(), m.end(), region) != m.end()) in_run.push_back(region);
      }
    }
    const bool eu_wide =
        rule.jurisdiction == jur.eu_code &&
        (kind == MetricKind::kRecyclingShareOfDemand || kind == MetricKind::kSingleCountryShare ||
         kind == MetricKind::kExtractionShare || kind == MetricKind::kProcessingShare);
    std::vector<Target> targets;
    if (eu_wide) {
      const auto& r = ind.regions;
      if (std::find(r.begin(), r.end(), jur.eu_aggregate_region) != r.end()) {
        targets.push_back({jur.eu_aggregate_region, {jur.eu_aggregate_region}});
      } else if (!in_run.empty()) {
        targets.push_back({jur.eu_aggregate_region, in_run});
      }
    } else {
      for (const auto& region : in_run) targets.push_back({region, {region}});
    }

    const std::string rule_reason = rule_level_reason(rule, kind);
    if (targets.empty()) {
      RuleCheck c = base_check(rule, kind);
      // A one-country jurisdiction outside the run's regions is named by its ISO alpha-3 code,
      // as every region is (ID -> IDN); a group keeps its own code.
      c.region = members_it != jur.members.end() && members_it->second.size() == 1
                     ? members_it->second.front()
                     : rule.jurisdiction;
      c.reason = "no region of jurisdiction " + rule.jurisdiction + " in the run" +
                 (rule_reason.empty() ? "" : "; also: " + rule_reason);
      out.push_back(std::move(c));
      continue;
    }

    // The year to check.
    int year = 0;
    std::string year_reason;
    if (options.check_year) {
      year = *options.check_year;
      if (rule.effective.year > year) {
        year_reason = "not in force in " + std::to_string(year) + " (applies from " +
                      rule.effective_date + ")";
      }
    } else {
      year = std::max(rule.effective.year, ind.first_year);
    }
    if (year_reason.empty() && (year < ind.first_year || year > ind.last_year)) {
      year_reason = "check year " + std::to_string(year) + " is outside the run (" +
                    std::to_string(ind.first_year) + "-" + std::to_string(ind.last_year) + ")";
    }

    const ElementSelection selection = resolve_elements(rule.element, groups);
    for (const auto& target : targets) {
      // One row per element for element-specific numeric rules; one row otherwise.
      std::vector<std::string> element_rows;
      if (rule_reason.empty() && selection.unresolved.empty() && !selection.all) {
        element_rows = selection.elements;
      }
      if (element_rows.empty()) element_rows.push_back("");
      for (const auto& element : element_rows) {
        RuleCheck c = base_check(rule, kind);
        c.region = target.code;
        c.year = year;
        if (!element.empty()) c.element = element;
        if (!rule_reason.empty()) {
          c.reason = rule_reason;
        } else if (!selection.unresolved.empty()) {
          c.reason = "element '" + rule.element + "' is not an element the run tracks";
        } else if (!year_reason.empty()) {
          c.reason = year_reason;
        } else if (selection.all) {
          c.element = "all";
          evaluate(c, rule, ind, jur, target, ind.elements);
          if (c.basis.size() > 0 && c.status != CheckStatus::kNotEvaluable) {
            c.basis += "; all tracked elements together (" + std::to_string(ind.elements.size()) +
                       " elements, mass-weighted)";
          }
        } else if (std::find(ind.elements.begin(), ind.elements.end(), element) ==
                   ind.elements.end()) {
          c.reason = "element " + element + " is not tracked by the run";
        } else {
          evaluate(c, rule, ind, jur, target, {element});
        }
        out.push_back(std::move(c));
      }
    }
  }
  return out;
}

}  // namespace urbanmine::policy
