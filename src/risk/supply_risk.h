// SPDX-License-Identifier: Apache-2.0
// The EU criticality supply-risk (SR) formula (Blengini et al. 2017, "Methodology for
// establishing the EU list of critical raw materials", JRC/European Commission):
//
//   SR = [HHI_WGI,GS * IR/2 + HHI_WGI,EUS * (1 - IR/2)] * (1 - EoL_RIR) * SI_SR
//
// HHI_WGI,GS: governance-weighted HHI of global supply (0-10); HHI_WGI,EUS: the same of the
// region's sourcing (domestic production plus imports by origin); IR: import reliance (0-1);
// EoL_RIR: end-of-life recycling input rate (0-1); SI_SR: substitution index for supply risk
// (0-1). The trade-related factor t of the 2017 method is not applied (t = 1): export
// restrictions and trade agreements are not in the shipped data; outputs say so.
//
// Every input carries its source; a missing input makes SR missing (never zero-filled), and
// the result names each missing input with its reason. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/units.h"
#include "risk/concentration.h"

namespace urbanmine::risk {

inline constexpr double kWgiScaleMax = 10.0;  // HHI_WGI range 0-10 (EU scaling of WGI)

// One input: a value with its source, or missing with the reason.
struct RiskInput {
  std::optional<double> value;
  std::string source;  // where the value came from, or why it is missing

  static RiskInput of(double v, std::string src) { return RiskInput{v, std::move(src)}; }
  static RiskInput missing(std::string reason) {
    return RiskInput{std::nullopt, std::move(reason)};
  }
};

struct SupplyRiskInputs {
  RiskInput hhi_wgi_global;      // 0-10
  RiskInput hhi_wgi_sourcing;    // 0-10
  RiskInput import_reliance;     // 0-1
  RiskInput eol_rir;             // 0-1
  RiskInput substitution_index;  // 0-1
};

struct SupplyRiskResult {
  std::optional<double> supply_risk;
  // [HHI_WGI,GS * IR/2 + HHI_WGI,EUS * (1 - IR/2)] * (1 - EoL_RIR): known whenever the first
  // four inputs are, so that the effect of recycling is visible without a substitution index.
  std::optional<double> before_substitution;
  std::vector<std::string> missing;  // "substitution_index: not in shipped data ..."
};

// Errors: InvalidInput naming the input when a present value is outside its range.
core::Result<SupplyRiskResult> compute_supply_risk(const SupplyRiskInputs& inputs);

// Import reliance of a region for one element from a run: the share of demand not met by
// domestic primary production and domestic secondary supply, clipped to 0-1 (a net producer has
// 0). nullopt when demand is not positive.
struct ImportReliance {
  double without_recycling = 0.0;  // (D - P) / D
  double with_recycling = 0.0;     // (D - P - S) / D
  double eol_rir = 0.0;            // S / D, clipped to 0-1: the run's recycling input rate
};
std::optional<ImportReliance> import_reliance(core::Tonnes demand, core::Tonnes domestic_primary,
                                              core::Tonnes secondary);

// The EU 2023 assessment's concentration term with the trade variable (EC 2023, and Blengini et
// al. 2017): HHI_WGI,t = sum_i s_i^2 * WGI_i * t_i, shares s_i as fractions, t_i the trade
// variable of country i (0.8-1.2; 1 = no export restriction or agreement effect).
struct TradeWeightedShare {
  std::string country;
  std::string iso3;
  double share_fraction = 0.0;
  double trade_t = 1.0;
};
// Missing (listing the countries) when a country has no WGI score.
WeightedHhiResult hhi_wgi_trade(const std::vector<TradeWeightedShare>& shares,
                                const std::map<std::string, GovernanceScore>& wgi_by_iso3);

// SR before substitution, [HHI_GS * IR/2 + HHI_EUS * (1 - IR/2)] * (1 - EoL_RIR), over a range of
// IR (a known IR gives lo = hi): the range the formula allows when IR is not known.
struct SrRange {
  double low = 0.0;
  double high = 0.0;
};
SrRange sr_before_substitution_range(double hhi_global, double hhi_sourcing, double eol_rir,
                                     double ir_low, double ir_high);

}  // namespace urbanmine::risk
