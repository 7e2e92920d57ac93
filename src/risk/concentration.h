// SPDX-License-Identifier: Apache-2.0
// Supply concentration: the Herfindahl-Hirschman index (HHI) of producer shares on the 0-10,000
// scale and its governance-weighted form HHI_WGI used by the EU criticality methodology.
//
// Conventions (stated in every result as `convention_text`):
// - kNamedShare (default): each named producer's share is its figure divided by the world total
//   (or by the sum of named producers when the world total is blank or smaller than that sum);
//   the unnamed remainder ("other countries") contributes nothing.
// - kResidualAsProducer: the same, and the unnamed remainder counts as one more producer.
// Producers whose figure is blank in the source are listed in `missing_producers`, never filled.
// Pure functions of their inputs; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace urbanmine::risk {

// HHI scale: shares in percent, squared and summed (a monopoly is 10,000).
inline constexpr double kHhiMax = 10000.0;
inline constexpr double kPercent = 100.0;

enum class SupplyStage { kMine, kRefining, kReserves };
std::string_view stage_name(SupplyStage stage);  // "mine", "refining", "reserves"
std::optional<SupplyStage> parse_stage(std::string_view text);

enum class HhiConvention { kNamedShare, kResidualAsProducer };
std::string_view convention_name(HhiConvention convention);  // "named-share", ...
std::optional<HhiConvention> parse_convention(std::string_view text);

// One producer's figure as the source gives it: tonnes (mine, reserves) or percent (refining).
struct ProducerFigure {
  std::string country;          // name as written in the source
  std::string iso3;             // ISO 3166 alpha-3; empty when the name is not mapped
  std::optional<double> value;  // blank in the source -> nullopt (reported as missing)
  std::string source;
  bool withheld = false;  // blank because the publisher withholds it (USGS "W")
};

// All producer figures of one element, stage and year.
struct SupplySnapshot {
  std::string element;  // Li, Ni, Co, Mn, graphite
  SupplyStage stage = SupplyStage::kMine;
  int year = 0;
  std::string unit;  // "t" or "percent"
  std::vector<ProducerFigure> producers;
  std::optional<double> world_total;  // same unit as the producers; 100 for percent shares
  std::string world_source;
};

struct HhiContribution {
  std::string country;
  std::string iso3;
  double share_fraction = 0.0;  // of the denominator, 0-1
  double hhi_points = 0.0;      // (100 * share)^2
};

struct HhiResult {
  double hhi = 0.0;  // 0-10,000
  HhiConvention convention = HhiConvention::kNamedShare;
  std::string convention_text;  // one sentence for output
  double denominator = 0.0;     // in the snapshot's unit
  std::string denominator_basis;
  double named_total = 0.0;
  double residual = 0.0;  // denominator - named_total, >= 0
  double residual_share_fraction = 0.0;
  std::vector<HhiContribution> contributions;  // by share, largest first; ties by country name
  // Named in the source with a blank figure; a withheld one reads "United States (withheld by
  // the publisher: W)".
  std::vector<std::string> missing_producers;
};

// Errors: NotFound when no producer has a figure; InvalidInput for a negative figure or a
// non-positive world total.
core::Result<HhiResult> compute_hhi(const SupplySnapshot& snapshot, HhiConvention convention);

// EU-scaled governance score of a country (WGI, 0-10, higher = worse governance).
struct GovernanceScore {
  std::optional<double> wgi_scaled;
  std::string source;
};

// HHI_WGI = sum_c share_c^2 * WGI_c with shares as fractions (range 0-10), over the producers of
// an HhiResult. Missing when any counted producer lacks a WGI score (listed in `missing`); the
// residual producer of kResidualAsProducer has no country and so makes it missing too.
struct WeightedHhiResult {
  std::optional<double> value;
  std::vector<std::string> missing;  // "New Caledonia (NCL): no WGI score"
  std::string source;                // WGI source of the scores used
};
WeightedHhiResult governance_weighted_hhi(
    const HhiResult& hhi, const std::map<std::string, GovernanceScore>& wgi_by_iso3);

}  // namespace urbanmine::risk
