// SPDX-License-Identifier: Apache-2.0
// Vocabulary of policy rules: comparators, confidence, dates, metric kinds and element names.
#include "policy/rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace urbanmine::policy {
namespace {

constexpr int kMonthsPerYear = 12;
constexpr int kDaysInLongMonth = 31;
constexpr int kDaysInApril = 30;
constexpr int kDaysInFebruary = 28;
constexpr int kDaysInLeapFebruary = 29;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

int days_in_month(int year, int month) {
  switch (month) {
    case 2: {
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? kDaysInLeapFebruary : kDaysInFebruary;
    }
    case 4:
    case 6:
    case 9:
    case 11:
      return kDaysInApril;
    default:
      return kDaysInLongMonth;
  }
}

// Element words as they appear in rules, mapped to the element codes of the model.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kElementWords{{
    {"lithium", "Li"},
    {"nickel", "Ni"},
    {"cobalt", "Co"},
    {"manganese", "Mn"},
    {"graphite", "graphite"},
    {"copper", "Cu"},
    {"aluminium", "Al"},
    {"aluminum", "Al"},
    {"lead", "Pb"},
}};

}  // namespace

std::optional<Comparator> parse_comparator(std::string_view text) {
  if (text.empty()) return Comparator::kNone;
  if (text == ">=") return Comparator::kGe;
  if (text == ">") return Comparator::kGt;
  if (text == "<=") return Comparator::kLe;
  if (text == "<") return Comparator::kLt;
  if (text == "=" || text == "==") return Comparator::kEq;
  const char first = text.front();
  if (first == '<' || first == '>' || first == '=' || first == '!') return std::nullopt;
  const bool has_letter =
      std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
  if (!has_letter) return std::nullopt;
  return Comparator::kQualitative;
}

std::string_view comparator_symbol(Comparator comparator) {
  switch (comparator) {
    case Comparator::kNone:
      return "";
    case Comparator::kGe:
      return ">=";
    case Comparator::kGt:
      return ">";
    case Comparator::kLe:
      return "<=";
    case Comparator::kLt:
      return "<";
    case Comparator::kEq:
      return "==";
    case Comparator::kQualitative:
      return "qualitative";
  }
  return "";
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  if (text == "high") return Confidence::kHigh;
  if (text == "medium") return Confidence::kMedium;
  if (text == "low") return Confidence::kLow;
  return std::nullopt;
}

std::string_view confidence_name(Confidence confidence) {
  switch (confidence) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "high";
}

std::optional<Date> parse_iso_date(std::string_view text) {
  constexpr std::size_t kIsoDateLength = 10;
  if (text.size() != kIsoDateLength || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date d;
  const auto parse = [&text](std::size_t pos, std::size_t len, int& out) {
    const char* begin = text.data() + pos;
    const char* end = begin + len;
    if (!std::all_of(begin, end, [](char c) { return c >= '0' && c <= '9'; })) return false;
    return std::from_chars(begin, end, out).ec == std::errc{};
  };
  if (!parse(0, 4, d.year) || !parse(5, 2, d.month) || !parse(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > kMonthsPerYear) return std::nullopt;
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

MetricKind classify_metric(const PolicyRule& rule) {
  const std::string m = lower(rule.metric);
  if (m == "collection rate") return MetricKind::kCollectionRate;
  if (contains(m, "recycling efficiency")) return MetricKind::kRecyclingEfficiency;
  if (m == "recovery rate" || m == "minimum recovery" ||
      m == "minimum recovery of materials from waste batteries") {
    return MetricKind::kMaterialRecovery;
  }
  if (contains(m, "recycled content share") || contains(m, "domestically recycled materials")) {
    return MetricKind::kRecycledContent;
  }
  if (contains(m, "recycling capacity as share of") && contains(m, "consumption")) {
    return MetricKind::kRecyclingShareOfDemand;
  }
  if (contains(m, "from a single third country")) return MetricKind::kSingleCountryShare;
  if (contains(m, "extraction capacity as share of")) return MetricKind::kExtractionShare;
  if (contains(m, "processing capacity as share of")) return MetricKind::kProcessingShare;
  return MetricKind::kNotModelled;
}

std::string_view metric_kind_name(MetricKind kind) {
  switch (kind) {
    case MetricKind::kCollectionRate:
      return "collection_rate";
    case MetricKind::kRecyclingEfficiency:
      return "recycling_efficiency";
    case MetricKind::kMaterialRecovery:
      return "material_recovery";
    case MetricKind::kRecycledContent:
      return "recycled_content";
    case MetricKind::kRecyclingShareOfDemand:
      return "recycling_share_of_demand";
    case MetricKind::kSingleCountryShare:
      return "single_country_share";
    case MetricKind::kExtractionShare:
      return "extraction_share";
    case MetricKind::kProcessingShare:
      return "processing_share";
    case MetricKind::kNotModelled:
      return "not_modelled";
  }
  return "not_modelled";
}

bool is_recycling_mandate(const PolicyRule& rule) {
  const MetricKind kind = classify_metric(rule);
  const bool recycling_kind =
      kind == MetricKind::kCollectionRate || kind == MetricKind::kRecyclingEfficiency ||
      kind == MetricKind::kMaterialRecovery || kind == MetricKind::kRecycledContent ||
      kind == MetricKind::kRecyclingShareOfDemand;
  const bool numeric = rule.threshold.has_value() && rule.comparator != Comparator::kNone &&
                       rule.comparator != Comparator::kQualitative;
  return recycling_kind && numeric && !contains(lower(rule.status), "terminated");
}

ElementSelection resolve_elements(std::string_view text, const ElementGroups& groups) {
  ElementSelection out;
  const std::string t = lower(text);
  if (t == "all") {
    out.all = true;
    return out;
  }
  for (const auto& [group, members] : groups) {
    if (lower(group) == t) {
      out.elements = members;
      return out;
    }
  }
  std::string word;
  const auto flush = [&]() {
    if (word.empty()) return;
    const auto it = std::find_if(kElementWords.begin(), kElementWords.end(),
                                 [&word](const auto& p) { return p.first == word; });
    if (it != kElementWords.end()) {
      const std::string code(it->second);
      if (std::find(out.elements.begin(), out.elements.end(), code) == out.elements.end()) {
        out.elements.push_back(code);
      }
    } else if (word != "natural" && word != "and") {
      out.unresolved.push_back(word);
    }
    word.clear();
  };
  for (const char c : t) {
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace urbanmine::policy
