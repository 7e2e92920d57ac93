// SPDX-License-Identifier: Apache-2.0
// HHI and governance-weighted HHI (see concentration.h for the conventions).
#include "risk/concentration.h"

#include <algorithm>
#include <set>

namespace urbanmine::risk {

std::string_view stage_name(SupplyStage stage) {
  switch (stage) {
    case SupplyStage::kMine:
      return "mine";
    case SupplyStage::kRefining:
      return "refining";
    case SupplyStage::kReserves:
      return "reserves";
  }
  return "mine";
}

std::optional<SupplyStage> parse_stage(std::string_view text) {
  if (text == "mine") return SupplyStage::kMine;
  if (text == "refining") return SupplyStage::kRefining;
  if (text == "reserves") return SupplyStage::kReserves;
  return std::nullopt;
}

std::string_view convention_name(HhiConvention convention) {
  return convention == HhiConvention::kNamedShare ? "named-share" : "residual-as-producer";
}

std::optional<HhiConvention> parse_convention(std::string_view text) {
  if (text == "named-share") return HhiConvention::kNamedShare;
  if (text == "residual-as-producer") return HhiConvention::kResidualAsProducer;
  return std::nullopt;
}

core::Result<HhiResult> compute_hhi(const SupplySnapshot& snapshot, HhiConvention convention) {
  const std::string where = snapshot.element + " " + std::string(stage_name(snapshot.stage)) + " " +
                            std::to_string(snapshot.year);
  HhiResult result;
  result.convention = convention;
  std::size_t with_value = 0;
  for (const auto& p : snapshot.producers) {
    if (!p.value) {
      result.missing_producers.push_back(p.withheld ? p.country + " (withheld by the publisher: W)"
                                                    : p.country);
      continue;
    }
    if (*p.value < 0.0) {
      return core::Error::invalid_input(
          "negative figure " + std::to_string(*p.value) + " for " + p.country, where,
          "producer figures are tonnes or percent, >= 0");
    }
    result.named_total += *p.value;
    ++with_value;
  }
  if (with_value == 0) {
    return core::Error::not_found("no producer figures for " + where, where,
                                  "choose an element, stage and year that the data covers");
  }
  if (snapshot.world_total && *snapshot.world_total <= 0.0) {
    return core::Error::invalid_input("world total must be positive", where);
  }
  if (snapshot.world_total && *snapshot.world_total >= result.named_total) {
    result.denominator = *snapshot.world_total;
    result.denominator_basis = "world total (" + snapshot.world_source + ")";
  } else {
    result.denominator = result.named_total;
    result.denominator_basis =
        snapshot.world_total ? "sum of named producers (the rounded world total is below their sum)"
                             : "sum of named producers (no world total in the data)";
  }
  result.residual = result.denominator - result.named_total;
  result.residual_share_fraction = result.residual / result.denominator;

  for (const auto& p : snapshot.producers) {
    if (!p.value) continue;
    const double share = *p.value / result.denominator;
    const double points = (kPercent * share) * (kPercent * share);
    result.contributions.push_back({p.country, p.iso3, share, points});
  }
  std::stable_sort(result.contributions.begin(), result.contributions.end(),
                   [](const HhiContribution& a, const HhiContribution& b) {
                     if (a.share_fraction != b.share_fraction) {
                       return a.share_fraction > b.share_fraction;
                     }
                     return a.country < b.country;
                   });
  // Sum the smallest terms first for a stable total.
  double total = 0.0;
  for (auto it = result.contributions.rbegin(); it != result.contributions.rend(); ++it) {
    total += it->hhi_points;
  }
  if (convention == HhiConvention::kResidualAsProducer && result.residual > 0.0) {
    const double r = kPercent * result.residual_share_fraction;
    total += r * r;
  }
  result.hhi = total;
  if (convention == HhiConvention::kNamedShare) {
    result.convention_text = "named-share: each named producer as a share of the " +
                             result.denominator_basis +
                             "; the unnamed remainder (other countries) adds nothing";
  } else {
    result.convention_text = "residual-as-producer: shares of the " + result.denominator_basis +
                             "; the unnamed remainder (other countries) counts as one producer";
    if (!result.missing_producers.empty()) {
      result.convention_text += " (it also holds the blank figures of the missing producers)";
    }
  }
  return result;
}

WeightedHhiResult governance_weighted_hhi(
    const HhiResult& hhi, const std::map<std::string, GovernanceScore>& wgi_by_iso3) {
  WeightedHhiResult out;
  double total = 0.0;
  std::set<std::string> sources;
  for (const auto& c : hhi.contributions) {
    const auto it = c.iso3.empty() ? wgi_by_iso3.end() : wgi_by_iso3.find(c.iso3);
    if (it == wgi_by_iso3.end() || !it->second.wgi_scaled) {
      out.missing.push_back(c.country + (c.iso3.empty() ? "" : " (" + c.iso3 + ")") +
                            ": no WGI score");
      continue;
    }
    total += c.share_fraction * c.share_fraction * *it->second.wgi_scaled;
    sources.insert(it->second.source);
  }
  if (hhi.convention == HhiConvention::kResidualAsProducer && hhi.residual > 0.0) {
    out.missing.push_back("other countries (residual producer): no WGI score");
  }
  for (const auto& s : sources) out.source += (out.source.empty() ? "" : "; ") + s;
  if (out.missing.empty()) out.value = total;
  return out;
}

}  // namespace urbanmine::risk
