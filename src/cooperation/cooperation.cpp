// SPDX-License-Identifier: Apache-2.0
// Cooperation facade: risk, policy and market results on a run (see cooperation.h).
#include "cooperation/cooperation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "io/csv.h"
#include "io/data_dir.h"
#include "io/files.h"
#include "io/policy_rules.h"
#include "io/store.h"
#include "risk/supply_risk.h"

#include "report/records_text.h"
#include "report/run_outputs.h"

namespace urbanmine::cooperation {

using results::Finding;
using results::kDimElement;
using results::kDimRegion;
using results::kDimYear;
using results::kTableCollectedT;
using results::kTableEndOfLifeT;
using results::kTableFeedstockSurplusT;
using results::kTableMaterialDemandT;
using results::kTableRecoveredT;
using results::kTableRecycledT;
namespace {

constexpr int kGrowthWindowYears = 5;
constexpr double kPercentPerUnit = 100.0;

Cell num(double v) { return Cell::of(v); }
Cell num(const std::optional<double>& v) { return v ? Cell::of(*v) : Cell::empty(); }
Cell txt(std::string s) { return Cell::of(std::move(s)); }

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string percent_text(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * kPercentPerUnit);
  return buf;
}

std::string thousands(double v) {
  const long long n = std::llround(v);
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

// Years of a run's year dimension, ascending.
std::vector<int> run_years(const RunResults& results) {
  std::set<int> ys;
  for (const auto& t : results.tables) {
    const auto idx = t.values.dim_index(std::string(kDimYear));
    if (!idx) continue;
    for (const auto& item : t.values.dims()[*idx].items()) ys.insert(std::atoi(item.c_str()));
  }
  return {ys.begin(), ys.end()};
}

std::vector<std::string> dim_items(const ResultTable* table, std::string_view dim) {
  if (table == nullptr) return {};
  const auto idx = table->values.dim_index(std::string(dim));
  if (!idx) return {};
  return table->values.dims()[*idx].items();
}

// A run table reduced to [region, element, year] (other dimensions summed out).
std::optional<core::DimArray> reduced(const RunResults& results, std::string_view name) {
  const ResultTable* t = results.find(name);
  if (t == nullptr) return std::nullopt;
  auto r =
      t->values.sum_to({std::string(kDimRegion), std::string(kDimElement), std::string(kDimYear)});
  if (!r) return std::nullopt;
  return std::move(*r);
}

// Member countries of a run region: from data/regions.csv (a country, a residual group or an
// aggregate), else itself when it is a known country, else EU27's members; empty when unknown
// or "every country" (ROW, WORLD).
std::vector<std::string> members_of(const std::string& region, const CooperationData& data) {
  const auto it = data.regions.find(region);
  if (it != data.regions.end()) {
    const auto& m = it->second.members;
    if (std::find(m.begin(), m.end(), "*") != m.end()) return {};
    return m;
  }
  if (region == "EU27") return data.codes.eu27();
  for (const auto& c : data.codes.all()) {
    if (c.iso3 == region) return {region};
  }
  return {};
}

bool is_country(const std::string& region, const CooperationData& data) {
  const auto it = data.regions.find(region);
  if (it != data.regions.end()) return it->second.kind == "country";
  return std::any_of(data.codes.all().begin(), data.codes.all().end(),
                     [&](const io::CountryCode& c) { return c.iso3 == region; });
}

// Run regions that belong to a jurisdiction: its member countries, plus residual groups whose
// members all belong to it (e.g. EU27_OTHER for the EU). Aggregates are left out (they would
// double count); EU-wide benchmarks use the EU27 aggregate separately.
std::vector<std::string> jurisdiction_regions(const std::string& jurisdiction,
                                              const CooperationData& data) {
  std::vector<std::string> out = data.codes.jurisdiction_members(jurisdiction);
  for (const auto& [code, region] : data.regions) {
    if (region.kind != "residual" || region.members.empty()) continue;
    const bool inside = std::all_of(
        region.members.begin(), region.members.end(),
        [&](const std::string& m) { return std::find(out.begin(), out.end(), m) != out.end(); });
    if (inside) out.push_back(code);
  }
  return out;
}

// Domestic primary (mine) production of `region` for `element`, from the latest data year not
// after `year`. Countries not listed in mine_production.csv count as non-producers (stated);
// a listed member with a blank figure makes the value missing.
struct DomesticProduction {
  std::optional<double> tonnes;
  std::string note;
};
DomesticProduction domestic_production(const CooperationData& data, const std::string& region,
                                       const std::string& element, int year) {
  DomesticProduction out;
  const auto members = members_of(region, data);
  if (members.empty()) {
    out.note = "region " + region + " has no member list (aggregate not defined in data)";
    return out;
  }
  const auto data_year = data.supply.year_for(element, risk::SupplyStage::kMine, year);
  if (!data_year) {
    out.note = "no mine production figures for " + element;
    return out;
  }
  double total = 0.0;
  std::vector<std::string> blank;
  for (const auto& r : data.supply.records()) {
    if (r.element != element || r.stage != risk::SupplyStage::kMine || r.year != *data_year) {
      continue;
    }
    if (std::find(members.begin(), members.end(), r.iso3) == members.end()) continue;
    if (!r.value) {
      blank.push_back(r.country);
      continue;
    }
    total += *r.value;
  }
  if (!blank.empty()) {
    out.note = "mine production of " + join(blank, ", ") + " for " + element + " in " +
               std::to_string(*data_year) + " is blank in mine_production.csv";
    return out;
  }
  out.tonnes = total;
  out.note = "USGS mine production " + std::to_string(*data_year) +
             " (countries not listed count as non-producers)";
  return out;
}

// HHI of one element and stage in its latest data year not after `year`.
struct Concentration {
  std::optional<risk::HhiResult> hhi;
  risk::WeightedHhiResult weighted;
  int data_year = 0;
  std::string note;
};
Concentration concentration(const CooperationData& data, const std::string& element,
                            risk::SupplyStage stage, int year, risk::HhiConvention convention) {
  Concentration out;
  const auto y = data.supply.year_for(element, stage, year);
  if (!y) {
    out.note = "no " + std::string(risk::stage_name(stage)) + " figures for " + element;
    out.weighted.missing.push_back(out.note);
    return out;
  }
  out.data_year = *y;
  auto snap = data.supply.snapshot(element, stage, *y);
  if (!snap) {
    out.note = snap.error().message;
    out.weighted.missing.push_back(out.note);
    return out;
  }
  auto h = risk::compute_hhi(*snap, convention);
  if (!h) {
    out.note = h.error().message;
    out.weighted.missing.push_back(out.note);
    return out;
  }
  out.weighted = risk::governance_weighted_hhi(*h, data.wgi);
  if (!h->missing_producers.empty()) {
    out.weighted.source += "; lower bound: blank figures for " + join(h->missing_producers, ", ");
  }
  out.hhi = std::move(*h);
  return out;
}

RecordTable hhi_overview(const CooperationData& data, risk::HhiConvention convention) {
  RecordTable t;
  t.name = std::string(kRecordsHhi);
  t.title = "Supply concentration (Herfindahl-Hirschman index) by element and stage";
  t.description =
      "HHI on the 0-10,000 scale of the latest data year per element and stage. Convention: " +
      std::string(risk::convention_name(convention)) +
      " (named-share: named countries as shares of the world total; residual-as-producer: the "
      "unnamed remainder counts as one producer). Sources: USGS Mineral Commodity Summaries "
      "(mine, reserves), IEA (refining shares, partly approximate). Producers with blank figures "
      "are listed as missing, never filled; with missing producers the HHI is a lower bound.";
  t.columns = {"element",
               "stage",
               "year",
               "convention",
               "hhi",
               "hhi_wgi",
               "largest_producer",
               "largest_share_fraction",
               "named_share_fraction",
               "residual_share_fraction",
               "missing_producers",
               "denominator_basis",
               "source"};
  for (const auto& element : risk_elements(data)) {
    for (const auto stage :
         {risk::SupplyStage::kMine, risk::SupplyStage::kRefining, risk::SupplyStage::kReserves}) {
      const auto years = data.supply.years(element, stage);
      if (years.empty()) continue;
      const Concentration c = concentration(data, element, stage, years.back(), convention);
      if (!c.hhi) continue;
      const auto& h = *c.hhi;
      std::set<std::string> sources;
      for (const auto& r : data.supply.records()) {
        if (r.element == element && r.stage == stage && r.year == c.data_year) {
          sources.insert(r.source);
        }
      }
      t.rows.push_back({txt(element), txt(std::string(risk::stage_name(stage))),
                        num(static_cast<double>(c.data_year)),
                        txt(std::string(risk::convention_name(convention))), num(h.hhi),
                        num(c.weighted.value),
                        txt(h.contributions.empty() ? "" : h.contributions.front().country),
                        num(h.contributions.empty() ? 0.0 : h.contributions.front().share_fraction),
                        num(1.0 - h.residual_share_fraction), num(h.residual_share_fraction),
                        txt(join(h.missing_producers, "; ")), txt(h.denominator_basis),
                        txt(join({sources.begin(), sources.end()}, " | "))});
    }
  }
  return t;
}

RecordTable supply_risk_records(const CooperationData& data, const CooperationOptions& options,
                                const policy::RunIndicators& ind, std::vector<Finding>& findings) {
  RecordTable t;
  t.name = std::string(kRecordsSupplyRisk);
  t.title = "Import reliance and EU supply risk with and without the run's recycling";
  t.description =
      "SR = [HHI_WGI,GS x IR/2 + HHI_WGI,sourcing x (1 - IR/2)] x (1 - EoL_RIR) x SI (EU "
      "criticality methodology 2017; trade factor t = 1, not in data). IR = (demand - domestic "
      "mine production - secondary supply) / demand, clipped to 0-1 (battery demand of the run; "
      "domestic production from USGS mine_production.csv, latest year not after the row's year; "
      "countries not listed count as non-producers). Without recycling: secondary = 0 and "
      "EoL_RIR = 0; with recycling: EoL_RIR = secondary / demand. HHI_WGI,GS from USGS mine "
      "shares and World Bank WGI (EU scaling). Missing inputs are listed, never zero-filled; "
      "sr_before_substitution omits SI.";
  t.columns = {"region",
               "element",
               "year",
               "demand_tonnes",
               "domestic_primary_tonnes",
               "secondary_tonnes",
               "import_reliance_without_recycling_fraction",
               "import_reliance_with_recycling_fraction",
               "eol_rir_with_recycling_fraction",
               "hhi_wgi_global",
               "hhi_wgi_sourcing",
               "substitution_index",
               "sr_before_substitution_without_recycling",
               "sr_before_substitution_with_recycling",
               "supply_risk_without_recycling",
               "supply_risk_with_recycling",
               "missing_inputs",
               "sources"};
  if (ind.first_year == 0) return t;
  std::vector<int> years;
  const int step = std::max(1, options.risk_year_step);
  for (int y = ind.first_year; y <= ind.last_year; y += step) years.push_back(y);
  if (years.empty() || years.back() != ind.last_year) years.push_back(ind.last_year);

  struct Best {
    std::string region, element;
    double without = 0.0, with = 0.0;
    bool set = false;
  } best;
  // Rows for every run region, plus the EU27 aggregate (sum of the EU member regions) when the
  // run has members but no EU27 region of its own.
  std::vector<std::pair<std::string, std::vector<std::string>>> targets;
  for (const auto& region : ind.regions) targets.push_back({region, {region}});
  if (std::find(ind.regions.begin(), ind.regions.end(), "EU27") == ind.regions.end()) {
    std::vector<std::string> eu_in_run;
    const auto eu = jurisdiction_regions("EU", data);
    for (const auto& region : ind.regions) {
      if (std::find(eu.begin(), eu.end(), region) != eu.end()) eu_in_run.push_back(region);
    }
    if (!eu_in_run.empty()) targets.push_back({"EU27", eu_in_run});
  }
  const auto sum_cells = [](const std::optional<core::DimArray>& a,
                            const std::vector<std::string>& parts, const std::string& element,
                            int year) -> std::optional<double> {
    std::optional<double> total;
    for (const auto& part : parts) {
      if (const auto v = cell(a, part, element, year)) total = total.value_or(0.0) + *v;
    }
    return total;
  };
  for (const auto& [region, parts] : targets) {
    for (const auto& element : risk_elements(data)) {
      if (std::find(ind.elements.begin(), ind.elements.end(), element) == ind.elements.end()) {
        continue;
      }
      for (const int year : years) {
        const auto demand = sum_cells(ind.demand_t, parts, element, year);
        const auto secondary = sum_cells(ind.recovered_t, parts, element, year);
        const DomesticProduction prod = domestic_production(data, region, element, year);
        const Concentration conc =
            concentration(data, element, risk::SupplyStage::kMine, year, options.hhi_convention);

        risk::SupplyRiskInputs base;
        base.hhi_wgi_global =
            conc.weighted.value
                ? risk::RiskInput::of(*conc.weighted.value,
                                      "USGS mine production " + std::to_string(conc.data_year) +
                                          " x WGI (" + conc.weighted.source + ")")
                : risk::RiskInput::missing(join(conc.weighted.missing, "; "));
        if (options.hhi_wgi_sourcing) {
          base.hhi_wgi_sourcing = risk::RiskInput::of(*options.hhi_wgi_sourcing, "user input");
        } else if (options.sourcing_as_global && conc.weighted.value) {
          base.hhi_wgi_sourcing = risk::RiskInput::of(
              *conc.weighted.value, "assumption: region's sourcing mirrors global supply");
        } else {
          base.hhi_wgi_sourcing = risk::RiskInput::missing(
              "sourcing of " + region + " by origin country is not in the shipped data");
        }
        const auto si = options.substitution_index.find(element);
        base.substitution_index =
            si != options.substitution_index.end()
                ? risk::RiskInput::of(si->second, options.substitution_source)
                : risk::RiskInput::missing("no substitution index in the shipped data");

        std::optional<risk::ImportReliance> ir;
        std::string ir_reason;
        if (!demand) {
          ir_reason = "no material demand in the run";
        } else if (!prod.tonnes) {
          ir_reason = prod.note;
        } else {
          ir = risk::import_reliance(core::Tonnes(*demand), core::Tonnes(*prod.tonnes),
                                     core::Tonnes(secondary.value_or(0.0)));
          if (!ir) ir_reason = "zero material demand";
        }
        risk::SupplyRiskInputs without = base;
        risk::SupplyRiskInputs with = base;
        if (ir) {
          without.import_reliance = risk::RiskInput::of(ir->without_recycling, prod.note);
          without.eol_rir = risk::RiskInput::of(0.0, "without recycling");
          with.import_reliance = risk::RiskInput::of(ir->with_recycling, prod.note);
          with.eol_rir = risk::RiskInput::of(ir->eol_rir, "run: secondary supply / demand");
        } else {
          without.import_reliance = with.import_reliance = risk::RiskInput::missing(ir_reason);
          without.eol_rir = with.eol_rir = risk::RiskInput::missing(ir_reason);
        }
        auto sr0 = risk::compute_supply_risk(without);
        auto sr1 = risk::compute_supply_risk(with);
        const risk::SupplyRiskResult r0 = sr0 ? *sr0 : risk::SupplyRiskResult{};
        const risk::SupplyRiskResult r1 = sr1 ? *sr1 : risk::SupplyRiskResult{};
        std::vector<std::string> missing = r1.missing;
        if (!sr0) missing.push_back(sr0.error().message);
        std::vector<std::string> sources;
        if (base.hhi_wgi_global.value) sources.push_back("HHI_WGI: " + base.hhi_wgi_global.source);
        if (prod.tonnes) sources.push_back("production: " + prod.note);
        t.rows.push_back(
            {txt(region), txt(element), num(static_cast<double>(year)), num(demand),
             num(prod.tonnes), num(secondary), ir ? num(ir->without_recycling) : Cell::empty(),
             ir ? num(ir->with_recycling) : Cell::empty(), ir ? num(ir->eol_rir) : Cell::empty(),
             num(base.hhi_wgi_global.value), num(base.hhi_wgi_sourcing.value),
             num(base.substitution_index.value), num(r0.before_substitution),
             num(r1.before_substitution), num(r0.supply_risk), num(r1.supply_risk),
             txt(join(missing, "; ")), txt(join(sources, "; "))});
        const bool headline_region = region == "EU27" || region == "KOR";
        if (ir && year == ind.last_year && headline_region) {
          const double cut = ir->without_recycling - ir->with_recycling;
          if (!best.set || cut > best.without - best.with) {
            best = {region, element, ir->without_recycling, ir->with_recycling, true};
          }
        }
      }
    }
  }
  if (best.set) {
    findings.push_back({"supply_risk", "In " + std::to_string(ind.last_year) +
                                           ", the run's recycling lowers " + best.region +
                                           " import reliance for " + best.element + " from " +
                                           percent_text(best.without) + " to " +
                                           percent_text(best.with) + " of battery demand."});
  }
  return t;
}

RecordTable policy_records(const std::vector<policy::RuleCheck>& checks) {
  RecordTable t;
  t.name = std::string(kRecordsPolicyChecks);
  t.title = "Policy rules checked against this run";
  t.description =
      "Every rule of policy_rules.csv for each region of the run in its jurisdiction (EU-wide CRMA "
      "benchmarks once for the EU aggregate), checked in the year of its effective date: pass, "
      "fail with the gap (shortfall to the threshold, as a fraction), or not_evaluable with the "
      "reason. `basis` names the model quantity and any proxy. Rules of medium or low confidence "
      "were not checked against the legal text (confidence_note).";
  t.columns = {"rule_id",        "jurisdiction",       "region",          "element",
               "year",           "metric_kind",        "status",          "value_fraction",
               "comparator",     "threshold_fraction", "gap_fraction",    "reason",
               "basis",          "confidence",         "confidence_note", "legal_reference",
               "effective_date", "rule_status",        "metric"};
  for (const auto& c : checks) {
    t.rows.push_back({txt(c.rule_id), txt(c.jurisdiction), txt(c.region), txt(c.element),
                      c.year != 0 ? num(static_cast<double>(c.year)) : Cell::empty(),
                      txt(std::string(policy::metric_kind_name(c.kind))),
                      txt(std::string(policy::check_status_name(c.status))), num(c.value_fraction),
                      txt(c.comparator), num(c.threshold_fraction), num(c.gap_fraction),
                      txt(c.reason), txt(c.basis),
                      txt(std::string(policy::confidence_name(c.confidence))),
                      txt(c.confidence_note), txt(c.legal_reference), txt(c.effective_date),
                      txt(c.rule_status), txt(c.metric)});
  }
  return t;
}

// Market criteria of every country region of the run.
std::vector<market::CountryCriteria> market_criteria(const RunResults& results,
                                                     const CooperationData& data,
                                                     const policy::RunIndicators& ind, int year) {
  using market::Criterion;
  std::vector<market::CountryCriteria> out;
  const ResultTable* surplus = results.find(kTableFeedstockSurplusT);
  std::optional<core::DimArray> surplus_ry;
  if (surplus != nullptr) {
    auto r = surplus->values.sum_to({std::string(kDimRegion), std::string(kDimYear)});
    if (r) surplus_ry = std::move(*r);
  }
  // Recycling mandates by jurisdiction.
  std::map<std::string, int> mandates;
  for (const auto& rule : data.rules) {
    if (policy::is_recycling_mandate(rule)) ++mandates[rule.jurisdiction];
  }
  std::vector<std::string> regions = ind.regions;
  std::sort(regions.begin(), regions.end());
  for (const auto& region : regions) {
    if (!is_country(region, data)) continue;
    market::CountryCriteria c;
    c.code = region;
    const auto k = [](Criterion x) { return static_cast<std::size_t>(x); };
    // Feedstock surplus.
    if (surplus_ry) {
      auto v = surplus_ry->get(
          {{std::string(kDimRegion), region}, {std::string(kDimYear), std::to_string(year)}});
      if (v) {
        c.raw[k(Criterion::kFeedstock)] = *v;
        c.detail[k(Criterion::kFeedstock)] =
            "collected feedstock minus recycling capacity in " + std::to_string(year) + " (t)";
      } else {
        c.detail[k(Criterion::kFeedstock)] = "no feedstock surplus for " + region;
      }
    } else {
      c.detail[k(Criterion::kFeedstock)] = "the run has no feedstock_surplus_t table";
    }
    // Policy pull.
    std::vector<std::string> jurisdictions;
    for (const auto& code : data.codes.all()) {
      if (code.iso3 == region) {
        jurisdictions.push_back(code.iso2);
        if (code.eu27_member) jurisdictions.emplace_back("EU");
        break;
      }
    }
    int count = 0;
    std::vector<std::string> parts;
    for (const auto& j : jurisdictions) {
      const auto it = mandates.find(j);
      if (it == mandates.end()) continue;
      count += it->second;
      parts.push_back(j + " " + std::to_string(it->second));
    }
    c.raw[k(Criterion::kPolicy)] = static_cast<double>(count);
    c.detail[k(Criterion::kPolicy)] =
        "numeric recycling mandates (collection, recovery, recycled content, efficiency) in "
        "policy_rules.csv: " +
        (parts.empty() ? std::string("none") : join(parts, ", "));
    // Supply-risk relevance: demand-weighted import reliance without recycling.
    double demand_sum = 0.0;
    double imported = 0.0;
    std::vector<std::string> used;
    std::vector<std::string> skipped;
    for (const auto& element : risk_elements(data)) {
      const auto d = cell(ind.demand_t, region, element, year);
      if (!d || !(*d > 0.0)) continue;
      const DomesticProduction p = domestic_production(data, region, element, year);
      if (!p.tonnes) {
        skipped.push_back(element + " (" + p.note + ")");
        continue;
      }
      demand_sum += *d;
      imported += std::max(0.0, *d - *p.tonnes);
      used.push_back(element);
    }
    if (demand_sum > 0.0) {
      c.raw[k(Criterion::kRisk)] = imported / demand_sum;
      c.detail[k(Criterion::kRisk)] = "demand-weighted import reliance without recycling over " +
                                      join(used, ", ") +
                                      (skipped.empty() ? "" : "; left out: " + join(skipped, "; "));
    } else {
      c.detail[k(Criterion::kRisk)] = "no battery-mineral demand with known domestic production" +
                                      (skipped.empty() ? "" : ": " + join(skipped, "; "));
    }
    // Growth: compound annual growth of total material demand.
    const int start = std::max(ind.first_year, year - kGrowthWindowYears);
    if (start < year && ind.demand_t) {
      double d0 = 0.0;
      double d1 = 0.0;
      for (const auto& element : ind.elements) {
        d0 += cell(ind.demand_t, region, element, start).value_or(0.0);
        d1 += cell(ind.demand_t, region, element, year).value_or(0.0);
      }
      if (d0 > 0.0) {
        c.raw[k(Criterion::kGrowth)] =
            std::pow(d1 / d0, 1.0 / static_cast<double>(year - start)) - 1.0;
        c.detail[k(Criterion::kGrowth)] = "compound annual growth of battery material demand " +
                                          std::to_string(start) + "-" + std::to_string(year);
      } else {
        c.detail[k(Criterion::kGrowth)] = "no material demand in " + std::to_string(start);
      }
    } else {
      c.detail[k(Criterion::kGrowth)] = "fewer than two run years up to " + std::to_string(year);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string weights_text(const market::Weights& w) {
  std::string out;
  for (const auto c : market::kCriteria) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s=%.4g", std::string(market::criterion_name(c)).c_str(), w[c]);
    out += (out.empty() ? "" : ",") + std::string(buf);
  }
  return out;
}

RecordTable ranking_records(const market::Ranking& ranking, bool default_weights, int year) {
  RecordTable t;
  t.name = std::string(kRecordsMarketRanking);
  t.title = "Country opportunities for a recycler (ranking with its parts)";
  t.description =
      "Score = sum of parts; part = weight x criterion normalised 0-1 (min-max over the ranked "
      "countries) in " +
      std::to_string(year) +
      ". Criteria: feedstock (black-mass surplus: collected feedstock minus recycling capacity, "
      "t), policy (numeric recycling mandates applying to the country), risk (demand-weighted "
      "import reliance without recycling), growth (compound annual growth of battery material "
      "demand over 5 years). Weights used (scaled to sum 1): " +
      weights_text(ranking.weights_used) +
      (default_weights ? " -- equal default weights are an assumption, not a finding." : ".") +
      " A missing criterion adds no part and is listed. Ties are broken by country code.";
  t.columns = {"rank",
               "region",
               "score",
               "part_feedstock",
               "part_policy",
               "part_risk",
               "part_growth",
               "feedstock_surplus_tonnes",
               "policy_mandates",
               "import_reliance_fraction",
               "demand_growth_fraction_per_year",
               "missing_criteria",
               "weights",
               "feedstock_detail",
               "policy_detail",
               "risk_detail",
               "growth_detail"};
  for (const auto& c : ranking.countries) {
    std::vector<Cell> row{num(static_cast<double>(c.rank)), txt(c.code), num(c.total)};
    for (const auto& p : c.parts) row.push_back(num(p));
    for (const auto& r : c.raw) row.push_back(num(r));
    row.push_back(txt(join(c.missing, ", ")));
    row.push_back(txt(weights_text(ranking.weights_used) + (default_weights ? " (default)" : "")));
    for (const auto& d : c.detail) row.push_back(txt(d));
    t.rows.push_back(std::move(row));
  }
  return t;
}

RecordTable sensitivity_records(const std::vector<market::SensitivityRow>& rows) {
  RecordTable t;
  t.name = std::string(kRecordsMarketSensitivity);
  t.title = "Ranking sensitivity to each weight (+/-20%)";
  t.description =
      "Rank of each country when one weight is multiplied by 0.8 or 1.2 (the others unchanged, "
      "then all scaled to sum 1), with the best and worst rank over these eight cases.";
  t.columns = {"region", "base_rank"};
  for (const auto c : market::kCriteria) {
    t.columns.push_back("rank_" + std::string(market::criterion_name(c)) + "_minus20");
    t.columns.push_back("rank_" + std::string(market::criterion_name(c)) + "_plus20");
  }
  t.columns.insert(t.columns.end(), {"best_rank", "worst_rank"});
  for (const auto& r : rows) {
    std::vector<Cell> row{txt(r.code), num(static_cast<double>(r.base_rank))};
    for (std::size_t k = 0; k < market::kCriterionCount; ++k) {
      row.push_back(num(static_cast<double>(r.rank_minus[k])));
      row.push_back(num(static_cast<double>(r.rank_plus[k])));
    }
    row.push_back(num(static_cast<double>(r.best_rank)));
    row.push_back(num(static_cast<double>(r.worst_rank)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

void add_suppliers(policy::RunIndicators& ind, const CooperationData& data,
                   risk::HhiConvention convention) {
  for (const auto& element : risk_elements(data)) {
    for (const auto stage : {risk::SupplyStage::kMine, risk::SupplyStage::kRefining}) {
      const auto years = data.supply.years(element, stage);
      if (years.empty()) continue;
      const Concentration c = concentration(data, element, stage, years.back(), convention);
      if (!c.hhi) continue;
      for (const auto& p : c.hhi->contributions) {
        std::string source;
        for (const auto& r : data.supply.records()) {
          if (r.element == element && r.stage == stage && r.year == c.data_year &&
              r.country == p.country) {
            source = r.source;
          }
        }
        ind.suppliers[element].push_back({p.country, p.iso3, std::string(risk::stage_name(stage)),
                                          c.data_year, p.share_fraction, source});
      }
    }
  }
}

}  // namespace

std::vector<std::string> risk_elements(const CooperationData& data) {
  std::set<std::string> with_data;
  for (const auto& r : data.supply.records()) with_data.insert(r.element);
  std::vector<std::string> out;
  for (const char* e : results::kElementCodes) {
    if (with_data.count(e)) out.emplace_back(e);
  }
  return out;
}

std::optional<double> cell(const std::optional<core::DimArray>& a, const std::string& region,
                           const std::string& element, int year) {
  if (!a) return std::nullopt;
  auto v = a->get({{std::string(kDimRegion), region},
                   {std::string(kDimElement), element},
                   {std::string(kDimYear), std::to_string(year)}});
  if (!v) return std::nullopt;
  return *v;
}

std::string cooperation_data_dir(const std::string& given) {
  if (!given.empty()) return given;
  return io::default_data_dir();
}

core::Result<CooperationData> load_cooperation_data(const CooperationOptions& options) {
  return io::load_cooperation_inputs(cooperation_data_dir(options.data_dir), options.rules_path);
}

policy::RunIndicators run_indicators(const RunResults& results) {
  policy::RunIndicators ind;
  const ResultTable* demand = results.find(kTableMaterialDemandT);
  ind.regions = dim_items(demand, kDimRegion);
  ind.elements = dim_items(demand, kDimElement);
  const auto years = run_years(results);
  if (!years.empty()) {
    ind.first_year = years.front();
    ind.last_year = years.back();
  }
  ind.demand_t = reduced(results, kTableMaterialDemandT);
  ind.recovered_t = reduced(results, kTableRecoveredT);
  ind.recycled_t = reduced(results, kTableRecycledT);
  ind.collected_t = reduced(results, kTableCollectedT);
  ind.end_of_life_t = reduced(results, kTableEndOfLifeT);
  return ind;
}

core::Status add_cooperation_results(RunResults& results, const CooperationOptions& options) {
  auto data = load_cooperation_data(options);
  if (!data) return data.error();
  return add_cooperation_results(results, *data, options);
}

core::Status add_cooperation_results(RunResults& results, const CooperationData& data,
                                     const CooperationOptions& options) {
  URBANMINE_TRY_STATUS(market::validate_weights(options.market_weights));
  // Replace what an earlier call added (the run pipeline adds defaults; the CLI may recompute
  // with the user's options).
  const std::vector<std::string_view> names{kRecordsHhi, kRecordsSupplyRisk, kRecordsPolicyChecks,
                                            kRecordsMarketRanking, kRecordsMarketSensitivity};
  std::erase_if(results.records, [&](const RecordTable& t) {
    return std::find(names.begin(), names.end(), t.name) != names.end();
  });
  std::erase_if(results.findings, [](const Finding& f) {
    return f.section == "supply_risk" || f.section == "policy" || f.section == "market";
  });
  std::erase_if(results.assumptions, [](const std::string& a) {
    return a.rfind("HHI convention:", 0) == 0 || a.rfind("Supply risk:", 0) == 0 ||
           a.rfind("Market ranking:", 0) == 0;
  });
  policy::RunIndicators ind = run_indicators(results);
  add_suppliers(ind, data, options.hhi_convention);

  // Risk.
  RecordTable hhi = hhi_overview(data, options.hhi_convention);
  for (const auto& row : hhi.rows) {
    if (row[1].text != "mine") continue;
    // The convention in words (the record table keeps its code, e.g. "named-share").
    const std::string basis = row[3].text == risk::convention_name(risk::HhiConvention::kNamedShare)
                                  ? "from named countries' shares of world output"
                                  : "counting the unnamed rest as one producer";
    std::string text = row[0].text + " mine supply " + report::number_text(row[2].number) +
                       ": HHI " + thousands(row[4].number) + " of 10,000 (" + basis +
                       "); largest producer " + row[6].text + " with " +
                       percent_text(row[7].number);
    if (!row[10].text.empty()) {
      text += "; a lower bound, figures are blank for " + row[10].text;
    }
    results.findings.push_back({"supply_risk", text + "."});
  }
  results.records.push_back(std::move(hhi));
  results.records.push_back(supply_risk_records(data, options, ind, results.findings));
  results.assumptions.push_back(
      "HHI convention: " + std::string(risk::convention_name(options.hhi_convention)) +
      " (named countries as shares of the world total" +
      (options.hhi_convention == risk::HhiConvention::kResidualAsProducer
           ? "; the unnamed remainder counts as one producer)"
           : "; the unnamed remainder adds nothing)"));
  results.assumptions.push_back(
      "Supply risk: trade factor t = 1; countries not listed in mine_production.csv count as "
      "non-producers; domestic production held at the latest data year for later run years.");
  if (options.sourcing_as_global) {
    results.assumptions.push_back(
        "Supply risk: each region's sourcing is assumed to mirror global supply (HHI_WGI).");
  }

  // Policy.
  policy::Jurisdictions jur;
  for (const auto& rule : data.rules) {
    if (jur.members.count(rule.jurisdiction) == 0) {
      jur.members[rule.jurisdiction] = jurisdiction_regions(rule.jurisdiction, data);
    }
  }
  policy::CheckOptions check_options;
  check_options.check_year = options.policy_check_year;
  const auto checks = policy::check_rules(data.rules, ind, jur, data.element_groups, check_options);
  std::size_t pass = 0, fail = 0, not_evaluable = 0, flagged = 0;
  const policy::RuleCheck* worst = nullptr;
  for (const auto& c : checks) {
    if (c.status == policy::CheckStatus::kPass) ++pass;
    if (c.status == policy::CheckStatus::kFail) {
      ++fail;
      if (worst == nullptr || c.gap_fraction.value_or(0.0) > worst->gap_fraction.value_or(0.0)) {
        worst = &c;
      }
    }
    if (c.status == policy::CheckStatus::kNotEvaluable) ++not_evaluable;
    if (!c.confidence_note.empty()) ++flagged;
  }
  results.findings.push_back(
      {"policy", std::to_string(checks.size()) + " rule checks: " + std::to_string(pass) +
                     " pass, " + std::to_string(fail) + " fail, " + std::to_string(not_evaluable) +
                     " not evaluable; " + std::to_string(flagged) +
                     " rest on rules of medium or low confidence."});
  if (worst != nullptr) {
    results.findings.push_back(
        {"policy", "Largest gap: " + worst->rule_id + " (" + worst->metric + ", " + worst->element +
                       ") in " + worst->region + " " + std::to_string(worst->year) + ": " +
                       percent_text(worst->value_fraction.value_or(0.0)) + " against " +
                       worst->comparator + " " +
                       percent_text(worst->threshold_fraction.value_or(0.0)) + "."});
  }
  results.records.push_back(policy_records(checks));

  // Market.
  const int year = options.market_year.value_or(ind.last_year);
  const auto criteria = market_criteria(results, data, ind, year);
  if (!criteria.empty()) {
    auto ranking = market::rank_countries(criteria, options.market_weights);
    if (!ranking) return ranking.error();
    auto sensitivity = market::rank_sensitivity(criteria, options.market_weights);
    if (!sensitivity) return sensitivity.error();
    const auto& top = ranking->countries.front();
    std::string parts;
    for (std::size_t k = 0; k < market::kCriterionCount; ++k) {
      parts += (k == 0 ? "" : ", ") + std::string(market::criterion_name(market::kCriteria[k])) +
               " " +
               (top.parts[k] ? report::short_number_text(*top.parts[k]) : std::string("missing"));
    }
    results.findings.push_back(
        {"market", "Top opportunity for a recycler in " + std::to_string(year) + ": " + top.code +
                       " (score " + report::short_number_text(top.total) + " = " + parts + ")" +
                       (options.market_weights_are_default
                            ? "; weights are the equal defaults, an assumption."
                            : ".")});
    results.records.push_back(ranking_records(*ranking, options.market_weights_are_default, year));
    results.records.push_back(sensitivity_records(*sensitivity));
    if (options.market_weights_are_default) {
      results.assumptions.push_back(
          "Market ranking: equal default weights (feedstock, policy, risk, growth 0.25 each) are "
          "an assumption; set them in the scenario or with --weights.");
    }
  }
  return {};
}

core::Result<std::vector<RecordTable>> risk_hhi_tables(const CooperationData& data,
                                                       const std::string& element, int year,
                                                       risk::SupplyStage stage,
                                                       risk::HhiConvention convention) {
  auto snap = data.supply.snapshot(element, stage, year);
  if (!snap) return snap.error();
  auto hhi = risk::compute_hhi(*snap, convention);
  if (!hhi) return hhi.error();
  const auto weighted = risk::governance_weighted_hhi(*hhi, data.wgi);
  RecordTable summary;
  summary.name = std::string(kRecordsHhi);
  summary.title =
      "HHI of " + element + " " + std::string(risk::stage_name(stage)) + " " + std::to_string(year);
  summary.description = "Convention: " + hhi->convention_text +
                        ". hhi_wgi = sum of share^2 x EU-scaled WGI (0-10). Missing producers "
                        "(blank in the source) are listed, never filled.";
  summary.columns = {"element",
                     "stage",
                     "year",
                     "convention",
                     "hhi",
                     "hhi_wgi",
                     "named_total",
                     "denominator",
                     "unit",
                     "residual_share_fraction",
                     "missing_producers",
                     "hhi_wgi_missing",
                     "denominator_basis"};
  summary.rows.push_back(
      {txt(element), txt(std::string(risk::stage_name(stage))), num(static_cast<double>(year)),
       txt(std::string(risk::convention_name(convention))), num(hhi->hhi), num(weighted.value),
       num(hhi->named_total), num(hhi->denominator), txt(snap->unit),
       num(hhi->residual_share_fraction), txt(join(hhi->missing_producers, "; ")),
       txt(join(weighted.missing, "; ")), txt(hhi->denominator_basis)});
  RecordTable parts;
  parts.name = std::string(kRecordsHhiContributions);
  parts.title = "Producer shares and HHI contributions";
  parts.description = "share_fraction of the denominator; hhi_points = (100 x share)^2.";
  parts.columns = {"country",    "iso3",       "figure", "share_fraction",
                   "hhi_points", "wgi_scaled", "source"};
  for (const auto& c : hhi->contributions) {
    std::optional<double> figure;
    std::string source;
    for (const auto& p : snap->producers) {
      if (p.country == c.country) {
        figure = p.value;
        source = p.source;
      }
    }
    const auto w = data.wgi.find(c.iso3);
    parts.rows.push_back(
        {txt(c.country), txt(c.iso3), num(figure), num(c.share_fraction), num(c.hhi_points),
         w != data.wgi.end() ? num(w->second.wgi_scaled) : Cell::empty(), txt(source)});
  }
  if (convention == risk::HhiConvention::kResidualAsProducer && hhi->residual > 0.0) {
    const double r = kPercentPerUnit * hhi->residual_share_fraction;
    parts.rows.push_back({txt("other countries (residual)"), txt(""), num(hhi->residual),
                          num(hhi->residual_share_fraction), num(r * r), Cell::empty(),
                          txt("world total minus named producers")});
  }
  return std::vector<RecordTable>{summary, parts};
}

core::Result<RecordTable> risk_score_table(const CooperationData& data, const RiskScoreRequest& req,
                                           const CooperationOptions& options) {
  const auto years = data.supply.years(req.element, risk::SupplyStage::kMine);
  if (years.empty()) {
    return core::Error::not_found("no mine production figures for element '" + req.element + "'",
                                  "--element", "use one of Li, Ni, Co, Mn, graphite");
  }
  const int year = req.year.value_or(years.back());
  const Concentration conc =
      concentration(data, req.element, risk::SupplyStage::kMine, year, options.hhi_convention);
  risk::SupplyRiskInputs in;
  in.hhi_wgi_global =
      conc.weighted.value
          ? risk::RiskInput::of(*conc.weighted.value, "USGS mine production " +
                                                          std::to_string(conc.data_year) +
                                                          " x WGI (" + conc.weighted.source + ")")
          : risk::RiskInput::missing(join(conc.weighted.missing, "; "));
  if (req.hhi_wgi_sourcing) {
    in.hhi_wgi_sourcing = risk::RiskInput::of(*req.hhi_wgi_sourcing, "user input");
  } else if (options.sourcing_as_global && conc.weighted.value) {
    in.hhi_wgi_sourcing =
        risk::RiskInput::of(*conc.weighted.value, "assumption: sourcing mirrors global supply");
  } else {
    in.hhi_wgi_sourcing = risk::RiskInput::missing(
        "sourcing of " + req.region +
        " by origin is not in the shipped data (give --hhi-wgi-sourcing or --sourcing-as-global)");
  }
  in.import_reliance =
      req.import_reliance ? risk::RiskInput::of(*req.import_reliance, "user input")
                          : risk::RiskInput::missing(
                                "import reliance needs a run (urbanmine run) or --import-reliance");
  in.eol_rir = req.eol_rir ? risk::RiskInput::of(*req.eol_rir, "user input")
                           : risk::RiskInput::missing(
                                 "no end-of-life recycling input rate in the shipped data "
                                 "(give --eol-rir)");
  in.substitution_index =
      req.substitution_index
          ? risk::RiskInput::of(*req.substitution_index, "user input")
          : risk::RiskInput::missing(
                "no substitution index in the shipped data (give --substitution-index)");
  auto sr = risk::compute_supply_risk(in);
  if (!sr) return sr.error();
  RecordTable t;
  t.name = std::string(kRecordsSupplyRisk);
  t.title = "EU supply risk of " + req.element + " for " + req.region;
  t.description =
      "SR = [HHI_WGI,GS x IR/2 + HHI_WGI,sourcing x (1 - IR/2)] x (1 - EoL_RIR) x SI (EU "
      "criticality methodology 2017, trade factor t = 1). Each input with its source; missing "
      "inputs are listed and make SR missing.";
  t.columns = {"region",
               "element",
               "supply_data_year",
               "hhi_wgi_global",
               "hhi_wgi_sourcing",
               "import_reliance",
               "eol_rir",
               "substitution_index",
               "sr_before_substitution",
               "supply_risk",
               "missing_inputs",
               "hhi_wgi_global_source"};
  t.rows.push_back(
      {txt(req.region), txt(req.element), num(static_cast<double>(conc.data_year)),
       num(in.hhi_wgi_global.value), num(in.hhi_wgi_sourcing.value), num(in.import_reliance.value),
       num(in.eol_rir.value), num(in.substitution_index.value), num(sr->before_substitution),
       num(sr->supply_risk), txt(join(sr->missing, "; ")), txt(in.hhi_wgi_global.source)});
  return t;
}

}  // namespace urbanmine::cooperation
