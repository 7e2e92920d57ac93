// SPDX-License-Identifier: Apache-2.0
// Country ranking and its weight sensitivity (see ranking.h).
#include "market/ranking.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace urbanmine::market {

std::string_view criterion_name(Criterion criterion) {
  switch (criterion) {
    case Criterion::kFeedstock:
      return "feedstock";
    case Criterion::kPolicy:
      return "policy";
    case Criterion::kRisk:
      return "risk";
    case Criterion::kGrowth:
      return "growth";
  }
  return "feedstock";
}

std::optional<Criterion> parse_criterion(std::string_view text) {
  for (const Criterion c : kCriteria) {
    if (criterion_name(c) == text) return c;
  }
  return std::nullopt;
}

core::Status validate_weights(const Weights& weights) {
  double sum = 0.0;
  for (const Criterion c : kCriteria) {
    const double w = weights[c];
    if (!std::isfinite(w) || w < 0.0) {
      return core::Error::invalid_input(
          "weight " + std::string(criterion_name(c)) + " = " + std::to_string(w) +
              " must be a finite number >= 0",
          "weights." + std::string(criterion_name(c)),
          "e.g. --weights feedstock=0.4,policy=0.3,risk=0.2,growth=0.1");
    }
    sum += w;
  }
  if (!(sum > 0.0)) {
    return core::Error::invalid_input("all weights are zero", "weights",
                                      "give at least one criterion a positive weight");
  }
  return {};
}

core::Result<Ranking> rank_countries(const std::vector<CountryCriteria>& countries,
                                     const Weights& weights) {
  URBANMINE_TRY_STATUS(validate_weights(weights));
  std::set<std::string> seen;
  for (const auto& c : countries) {
    if (!seen.insert(c.code).second) {
      return core::Error::invalid_input("country " + c.code + " appears twice", c.code);
    }
    for (const Criterion k : kCriteria) {
      const auto& v = c.raw[static_cast<std::size_t>(k)];
      if (v && !std::isfinite(*v)) {
        return core::Error::invalid_input(
            "criterion " + std::string(criterion_name(k)) + " of " + c.code + " is not finite",
            c.code);
      }
    }
  }
  Ranking ranking;
  double sum = 0.0;
  for (const Criterion k : kCriteria) sum += weights[k];
  for (const Criterion k : kCriteria) ranking.weights_used[k] = weights[k] / sum;

  // Min and max of each criterion over the countries that have it.
  std::array<double, kCriterionCount> lo{};
  std::array<double, kCriterionCount> hi{};
  std::array<bool, kCriterionCount> any{};
  for (const auto& c : countries) {
    for (std::size_t k = 0; k < kCriterionCount; ++k) {
      if (!c.raw[k]) continue;
      if (!any[k]) {
        lo[k] = hi[k] = *c.raw[k];
        any[k] = true;
      } else {
        lo[k] = std::min(lo[k], *c.raw[k]);
        hi[k] = std::max(hi[k], *c.raw[k]);
      }
    }
  }
  for (const auto& c : countries) {
    RankedCountry r;
    r.code = c.code;
    r.raw = c.raw;
    r.detail = c.detail;
    for (std::size_t k = 0; k < kCriterionCount; ++k) {
      if (!c.raw[k]) {
        r.missing.emplace_back(criterion_name(kCriteria[k]));
        continue;
      }
      const double span = hi[k] - lo[k];
      const double n = span > 0.0 ? (*c.raw[k] - lo[k]) / span : 0.0;
      r.normalised[k] = n;
      r.parts[k] = ranking.weights_used.values[k] * n;
      r.total += *r.parts[k];  // the total is exactly the sum of the parts, in criterion order
    }
    ranking.countries.push_back(std::move(r));
  }
  std::sort(ranking.countries.begin(), ranking.countries.end(),
            [](const RankedCountry& a, const RankedCountry& b) {
              if (a.total != b.total) return a.total > b.total;
              return a.code < b.code;
            });
  for (std::size_t i = 0; i < ranking.countries.size(); ++i) {
    ranking.countries[i].rank = static_cast<int>(i) + 1;
  }
  return ranking;
}

core::Result<std::vector<SensitivityRow>> rank_sensitivity(
    const std::vector<CountryCriteria>& countries, const Weights& weights, double change) {
  if (!(change > 0.0 && change < 1.0)) {
    return core::Error::invalid_input("sensitivity change must be in (0, 1)", "change");
  }
  auto base = rank_countries(countries, weights);
  if (!base) return base.error();
  std::map<std::string, SensitivityRow> rows;
  for (const auto& c : base->countries) {
    SensitivityRow row;
    row.code = c.code;
    row.base_rank = row.best_rank = row.worst_rank = c.rank;
    rows[c.code] = row;
  }
  for (std::size_t k = 0; k < kCriterionCount; ++k) {
    for (const double sign : {-1.0, 1.0}) {
      Weights w = weights;
      w.values[k] *= (1.0 + sign * change);
      auto r = rank_countries(countries, w);
      if (!r) return r.error();
      for (const auto& c : r->countries) {
        auto& row = rows[c.code];
        (sign < 0.0 ? row.rank_minus : row.rank_plus)[k] = c.rank;
        row.best_rank = std::min(row.best_rank, c.rank);
        row.worst_rank = std::max(row.worst_rank, c.rank);
      }
    }
  }
  std::vector<SensitivityRow> out;
  for (const auto& c : base->countries) out.push_back(rows[c.code]);
  return out;
}

}  // namespace urbanmine::market
