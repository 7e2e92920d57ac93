// SPDX-License-Identifier: Apache-2.0
// Policy rules loader and validator (see policy_rules.h for what is rejected).
#include "io/policy_rules.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "io/csv.h"
#include "io/files.h"

namespace urbanmine::io {
namespace {

constexpr double kPercentMax = 100.0;

bool looks_numeric(const std::string& text) {
  if (text.empty()) return false;
  const char c = text.front();
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
}

std::optional<double> parse_number(const std::string& text) {
  double v = 0.0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (!text.empty() && text.front() == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc{} || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

core::Result<std::vector<policy::PolicyRule>> parse_policy_rules(const std::string& text,
                                                                 const std::string& source) {
  auto table = CsvTable::parse(text, source);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(
      table->require_columns({"rule_id", "jurisdiction", "instrument", "legal_reference", "rule",
                              "scope", "metric", "element", "threshold", "unit", "comparator",
                              "effective_date", "status", "confidence", "source"}));
  core::Diagnostics diag;
  std::vector<policy::PolicyRule> rules;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    policy::PolicyRule r;
    r.line = row.line();
    bool ok = true;
    const auto field = [&](const char* column, std::string& out, bool required) {
      auto t = required ? row.required_text(column) : row.text(column);
      if (!t) {
        diag.add_error(t.error());
        ok = false;
        return;
      }
      out = *t;
    };
    field("rule_id", r.rule_id, true);
    field("jurisdiction", r.jurisdiction, true);
    field("instrument", r.instrument, false);
    field("legal_reference", r.legal_reference, false);
    field("rule", r.rule, false);
    field("scope", r.scope, false);
    field("metric", r.metric, true);
    field("element", r.element, false);
    field("threshold", r.threshold_text, false);
    field("unit", r.unit, false);
    field("comparator", r.comparator_text, false);
    field("effective_date", r.effective_date, true);
    field("status", r.status, false);
    std::string confidence;
    field("confidence", confidence, true);
    field("source", r.source, false);
    if (table->has_column("notes")) field("notes", r.notes, false);
    if (!ok) continue;

    if (!ids.insert(r.rule_id).second) {
      diag.add_error(core::Error::invalid_input("rule_id '" + r.rule_id + "' appears twice",
                                                row.location("rule_id"),
                                                "give every rule a unique rule_id"));
    }
    const bool code_ok = r.jurisdiction.size() >= 2 && r.jurisdiction.size() <= 5 &&
                         std::all_of(r.jurisdiction.begin(), r.jurisdiction.end(),
                                     [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!code_ok) {
      diag.add_error(core::Error::invalid_input(
          "jurisdiction '" + r.jurisdiction + "' is not a code", row.location("jurisdiction"),
          "use EU or an ISO 3166 alpha-2 code such as KR, CN, US"));
    }
    if (const auto c = policy::parse_confidence(confidence)) {
      r.confidence = *c;
    } else {
      diag.add_error(core::Error::invalid_input("confidence '" + confidence + "' is not valid",
                                                row.location("confidence"),
                                                "use high, medium or low"));
    }
    if (const auto d = policy::parse_iso_date(r.effective_date)) {
      r.effective = *d;
    } else {
      diag.add_error(core::Error::invalid_input(
          "effective_date '" + r.effective_date + "' is not a valid date",
          row.location("effective_date"), "write it as YYYY-MM-DD, e.g. 2027-12-31"));
    }
    if (const auto c = policy::parse_comparator(r.comparator_text)) {
      r.comparator = *c;
    } else {
      diag.add_error(core::Error::invalid_input(
          "comparator '" + r.comparator_text + "' is not valid", row.location("comparator"),
          "use >=, >, <=, <, = or ==, or words for an obligation without a number"));
    }
    if (looks_numeric(r.threshold_text)) {
      const auto v = parse_number(r.threshold_text);
      if (!v) {
        diag.add_error(core::Error::invalid_input(
            "threshold '" + r.threshold_text + "' is not a number", row.location("threshold"),
            "write a plain number in the unit column's unit (e.g. 90 with unit percent)"));
      } else if (r.unit == "percent" && (*v < 0.0 || *v > kPercentMax)) {
        diag.add_error(core::Error::invalid_input(
            "threshold " + r.threshold_text + " percent is outside 0-100",
            row.location("threshold"), "percent thresholds are 0-100"));
      } else {
        r.threshold = *v;
      }
    }
    rules.push_back(std::move(r));
  }
  if (table->size() == 0) {
    // Issue 19: a header-only rules file gave an empty policy check without a word.
    diag.add_error(core::Error::invalid_input(
        "no policy rules (the file has only its header)", source,
        "restore the rows from the repository's data/policy_rules.csv, or add rules"));
  }
  if (diag.has_errors()) return diag.to_error();
  return rules;
}

core::Result<std::vector<policy::PolicyRule>> load_policy_rules(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return parse_policy_rules(*text, path);
}

core::Result<policy::ElementGroups> load_element_groups(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"group", "element", "source"}));
  core::Diagnostics diag;
  policy::ElementGroups groups;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    auto group = row.required_text("group");
    auto element = row.required_text("element");
    auto source = row.required_text("source");
    if (!group || !element || !source) {
      diag.add_error(!group ? group.error() : (!element ? element.error() : source.error()));
      continue;
    }
    auto& members = groups[*group];
    if (std::find(members.begin(), members.end(), *element) != members.end()) {
      diag.add_error(core::Error::invalid_input(
          "element '" + *element + "' is listed twice in group '" + *group + "'",
          row.location("element"), "remove the repeated row (it would count the element twice)"));
      continue;
    }
    members.push_back(*element);
  }
  if (diag.has_errors()) return diag.to_error();
  return groups;
}

}  // namespace urbanmine::io
