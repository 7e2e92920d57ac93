// SPDX-License-Identifier: Apache-2.0
// EU supply-risk formula and import reliance (see supply_risk.h).
#include "risk/supply_risk.h"

#include <algorithm>

namespace urbanmine::risk {
namespace {

constexpr double kHalf = 0.5;

core::Status check_range(const RiskInput& input, const char* name, double max) {
  if (!input.value) return {};
  if (!(*input.value >= 0.0 && *input.value <= max)) {
    return core::Error::invalid_input(std::string(name) + " = " + std::to_string(*input.value) +
                                          " is outside 0-" + std::to_string(max),
                                      name, "check the input's units (fractions are 0-1)");
  }
  return {};
}

}  // namespace

core::Result<SupplyRiskResult> compute_supply_risk(const SupplyRiskInputs& in) {
  URBANMINE_TRY_STATUS(check_range(in.hhi_wgi_global, "hhi_wgi_global", kWgiScaleMax));
  URBANMINE_TRY_STATUS(check_range(in.hhi_wgi_sourcing, "hhi_wgi_sourcing", kWgiScaleMax));
  URBANMINE_TRY_STATUS(check_range(in.import_reliance, "import_reliance", 1.0));
  URBANMINE_TRY_STATUS(check_range(in.eol_rir, "eol_rir", 1.0));
  URBANMINE_TRY_STATUS(check_range(in.substitution_index, "substitution_index", 1.0));

  SupplyRiskResult out;
  const auto note = [&out](const RiskInput& input, const char* name) {
    if (!input.value) out.missing.push_back(std::string(name) + ": " + input.source);
  };
  note(in.hhi_wgi_global, "hhi_wgi_global");
  note(in.hhi_wgi_sourcing, "hhi_wgi_sourcing");
  note(in.import_reliance, "import_reliance");
  note(in.eol_rir, "eol_rir");
  note(in.substitution_index, "substitution_index");

  if (in.hhi_wgi_global.value && in.hhi_wgi_sourcing.value && in.import_reliance.value &&
      in.eol_rir.value) {
    const double half_ir = kHalf * *in.import_reliance.value;
    const double weighted =
        *in.hhi_wgi_global.value * half_ir + *in.hhi_wgi_sourcing.value * (1.0 - half_ir);
    out.before_substitution = weighted * (1.0 - *in.eol_rir.value);
    if (in.substitution_index.value) {
      out.supply_risk = *out.before_substitution * *in.substitution_index.value;
    }
  }
  return out;
}

std::optional<ImportReliance> import_reliance(core::Tonnes demand, core::Tonnes domestic_primary,
                                              core::Tonnes secondary) {
  if (!(demand.value() > 0.0)) return std::nullopt;
  const double d = demand.value();
  ImportReliance ir;
  ir.without_recycling = std::clamp((d - domestic_primary.value()) / d, 0.0, 1.0);
  ir.with_recycling = std::clamp((d - domestic_primary.value() - secondary.value()) / d, 0.0, 1.0);
  ir.eol_rir = std::clamp(secondary.value() / d, 0.0, 1.0);
  return ir;
}

WeightedHhiResult hhi_wgi_trade(const std::vector<TradeWeightedShare>& shares,
                                const std::map<std::string, GovernanceScore>& wgi_by_iso3) {
  WeightedHhiResult out;
  double total = 0.0;
  std::string source;
  for (const auto& s : shares) {
    const auto it = wgi_by_iso3.find(s.iso3);
    if (it == wgi_by_iso3.end() || !it->second.wgi_scaled) {
      out.missing.push_back(s.country + " (" + s.iso3 + "): no WGI score");
      continue;
    }
    total += s.share_fraction * s.share_fraction * *it->second.wgi_scaled * s.trade_t;
    if (source.empty()) source = it->second.source;
  }
  out.source = source;
  if (out.missing.empty()) out.value = total;
  return out;
}

SrRange sr_before_substitution_range(double hhi_global, double hhi_sourcing, double eol_rir,
                                     double ir_low, double ir_high) {
  const auto at = [&](double ir) {
    return (hhi_global * ir / 2.0 + hhi_sourcing * (1.0 - ir / 2.0)) * (1.0 - eol_rir);
  };
  const double a = at(ir_low);
  const double b = at(ir_high);  // linear in IR: the extremes are at the ends
  return SrRange{std::min(a, b), std::max(a, b)};
}

}  // namespace urbanmine::risk
