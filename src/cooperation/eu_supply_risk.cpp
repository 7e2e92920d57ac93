// SPDX-License-Identifier: Apache-2.0
// EU 2023 supply-risk table (see risk_eu.h).
#include "cooperation/eu_supply_risk.h"

#include <algorithm>
#include <vector>

#include "risk/supply_risk.h"

namespace urbanmine::cooperation {
namespace {

// The published SR has one decimal.
constexpr double kPublishedRounding = 0.05;

Cell txt(std::string s) { return Cell::of(std::move(s)); }
Cell num(std::optional<double> v) { return v ? Cell::of(*v) : Cell::empty(); }

std::vector<risk::TradeWeightedShare> trade_shares(const std::vector<io::EuCrmShare>& in) {
  std::vector<risk::TradeWeightedShare> out;
  for (const auto& s : in) out.push_back({s.country, s.iso3, s.share_fraction, s.trade_t});
  return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

}  // namespace

core::Result<RecordTable> eu_supply_risk_table(
    const std::map<std::string, io::EuCrmMaterial>& eu,
    const std::map<std::string, risk::GovernanceScore>& wgi, const EuRiskRequest& request) {
  const auto it = eu.find(request.element);
  if (it == eu.end()) {
    return core::Error::not_found("no EU 2023 assessment inputs for " + request.element,
                                  "--element",
                                  "data/eu_crm_2023.csv covers Co, Li, Ni, Mn, "
                                  "graphite and Cu");
  }
  const io::EuCrmMaterial& m = it->second;
  RecordTable t;
  t.name = std::string(kRecordsEuSupplyRisk);
  t.title = "EU supply risk of " + request.element + " for EU27 (EU 2023 assessment inputs)";
  t.description =
      "SR = [HHI_WGI,t,GS x IR/2 + HHI_WGI,t,EUS x (1 - IR/2)] x (1 - EoL_RIR) x SI_SR by stage "
      "(E extraction, P processing), HHI_WGI,t = sum of share^2 x WGI x t. Shares and t: EU CRM "
      "2023 Annex 7; WGI: data/wgi.csv. sr_low/sr_high: SR before substitution over IR in 0-1 "
      "when IR is not known (at the given IR otherwise). implied_si_low/high: the substitution "
      "index the published SR implies (derived; published SR +-0.05).";
  t.columns = {"region",
               "element",
               "stage",
               "hhi_wgi_t_global",
               "hhi_wgi_t_eu_sourcing",
               "import_reliance",
               "eol_rir",
               "substitution_index",
               "supply_risk",
               "sr_low",
               "sr_high",
               "sr_published_2023",
               "implied_si_low",
               "implied_si_high",
               "consistent_with_published",
               "missing_inputs",
               "sources"};
  const auto pick = [](std::optional<double> user, const io::EuCrmValue& file) -> risk::RiskInput {
    if (user) return risk::RiskInput::of(*user, "user input");
    if (file.value) return risk::RiskInput::of(*file.value, file.source);
    return risk::RiskInput::missing(file.source.empty() ? "not in the shipped data" : file.source);
  };
  for (const auto& [stage, st] : m.stages) {
    risk::SupplyRiskInputs in;
    std::vector<std::string> sources;
    std::vector<std::string> missing;
    const auto gs = risk::hhi_wgi_trade(trade_shares(st.global_supply), wgi);
    in.hhi_wgi_global = gs.value
                            ? risk::RiskInput::of(*gs.value, st.global_source)
                            : risk::RiskInput::missing("HHI_WGI,t,GS: " + join(gs.missing, "; "));
    if (st.eu_sourcing.empty()) {
      in.hhi_wgi_sourcing = risk::RiskInput::missing(
          "HHI_WGI,t,EUS: no EU sourcing shares for stage " + stage + " in the transcription");
    } else {
      const auto eus = risk::hhi_wgi_trade(trade_shares(st.eu_sourcing), wgi);
      in.hhi_wgi_sourcing =
          eus.value ? risk::RiskInput::of(*eus.value, st.eu_source)
                    : risk::RiskInput::missing("HHI_WGI,t,EUS: " + join(eus.missing, "; "));
    }
    in.import_reliance = pick(request.import_reliance, m.import_reliance);
    in.eol_rir = pick(request.eol_rir, m.eol_rir);
    in.substitution_index = pick(request.substitution_index, m.si_sr);
    auto sr = risk::compute_supply_risk(in);
    if (!sr) return sr.error();
    std::optional<double> low;
    std::optional<double> high;
    if (in.hhi_wgi_global.value && in.hhi_wgi_sourcing.value && in.eol_rir.value) {
      const double ir_lo = in.import_reliance.value.value_or(0.0);
      const double ir_hi = in.import_reliance.value.value_or(1.0);
      const auto r = risk::sr_before_substitution_range(
          *in.hhi_wgi_global.value, *in.hhi_wgi_sourcing.value, *in.eol_rir.value, ir_lo, ir_hi);
      low = r.low;
      high = r.high;
    }
    std::optional<double> si_low;
    std::optional<double> si_high;
    std::string consistent = "not evaluable";
    if (m.sr_published.value && high && *high > 0.0) {
      const double pub_lo = std::max(0.0, *m.sr_published.value - kPublishedRounding);
      const double pub_hi = *m.sr_published.value + kPublishedRounding;
      si_low = pub_lo / *high;
      si_high = *low > 0.0 ? std::min(1.0, pub_hi / *low) : 1.0;
      consistent = *si_low <= 1.0 ? "yes" : "no (published SR above what the inputs allow)";
    }
    sources.push_back("HHI_WGI,t,GS: " + in.hhi_wgi_global.source);
    sources.push_back("HHI_WGI,t,EUS: " + in.hhi_wgi_sourcing.source);
    sources.push_back("WGI: " + gs.source);
    sources.push_back("IR: " + in.import_reliance.source);
    sources.push_back("EoL-RIR: " + in.eol_rir.source);
    sources.push_back("SI_SR: " + in.substitution_index.source);
    sources.push_back("published SR: " + m.sr_published.source);
    t.rows.push_back({txt("EU27"), txt(request.element), txt(stage), num(in.hhi_wgi_global.value),
                      num(in.hhi_wgi_sourcing.value), num(in.import_reliance.value),
                      num(in.eol_rir.value), num(in.substitution_index.value), num(sr->supply_risk),
                      num(low), num(high), num(m.sr_published.value), num(si_low), num(si_high),
                      txt(consistent), txt(join(sr->missing, "; ")), txt(join(sources, " | "))});
  }
  return t;
}

std::optional<core::Error> unknown_region(const std::string& region, const CooperationData& data) {
  if (region == "EU27" || data.regions.count(region) != 0) return std::nullopt;
  for (const auto& c : data.codes.all()) {
    if (c.iso3 == region) return std::nullopt;
  }
  std::string valid = "EU27";
  for (const auto& [code, r] : data.regions) {
    if (code != "EU27") valid += ", " + code;
  }
  return core::Error::invalid_input(
      "unknown region '" + region + "'", "--region",
      "use one of: " + valid + ", or a country's ISO 3166 alpha-3 code (e.g. DEU)");
}

core::Result<std::vector<RecordTable>> risk_score_tables(const CooperationData& data,
                                                         const RiskScoreRequest& request,
                                                         const CooperationOptions& options) {
  if (auto bad = unknown_region(request.region, data)) return *bad;
  auto table = risk_score_table(data, request, options);
  if (!table) return table.error();
  std::vector<RecordTable> out{std::move(*table)};
  if (request.region != "EU27") return out;
  auto eu = io::load_eu_crm(data.data_dir + "/eu_crm_2023.csv", data.codes);
  if (!eu) return eu.error();
  if (eu->count(request.element) == 0) return out;
  EuRiskRequest er;
  er.element = request.element;
  er.import_reliance = request.import_reliance;
  er.substitution_index = request.substitution_index;
  er.eol_rir = request.eol_rir;
  auto eu_table = eu_supply_risk_table(*eu, data.wgi, er);
  if (!eu_table) return eu_table.error();
  out.push_back(std::move(*eu_table));
  return out;
}

}  // namespace urbanmine::cooperation
