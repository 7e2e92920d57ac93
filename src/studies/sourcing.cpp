// SPDX-License-Identifier: Apache-2.0
// Engine glue of `urbanmine source` (see source.h).
#include "studies/sourcing.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "io/csv.h"
#include "io/data_dir.h"
#include "io/plan_data.h"
#include "io/risk_data.h"

#include "model/run_model.h"
#include "plan/geo.h"
#include "results/registry.h"
#include "studies/siting.h"

namespace urbanmine::studies {

using results::kDimElement;
using results::kDimRegion;
using results::kDimRoute;
using results::kDimYear;
using results::kTableMaterialDemandT;
using results::kTableRecoveredT;
using results::kTableRecyclingCo2eEmittedT;
namespace {

using core::Error;

std::string join(const std::string& dir, const std::string& file) {
  return dir.empty() || dir.back() == '/' ? dir + file : dir + "/" + file;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Cell txt(std::string s) { return Cell::of(std::move(s)); }
Cell num(double v) { return Cell::of(v); }

// Model regions whose members all belong to the EU27 aggregate of regions.csv.
core::Result<std::vector<std::string>> eu_regions(const std::string& data_dir) {
  auto t = io::CsvTable::read_file(join(data_dir, "regions.csv"));
  if (!t) return t.error();
  std::vector<std::string> eu;
  std::vector<std::pair<std::string, std::vector<std::string>>> model;
  for (std::size_t i = 0; i < t->size(); ++i) {
    const auto row = t->row(i);
    auto code = row.required_text("code");
    auto kind = row.required_text("kind");
    auto members = row.text("members");
    if (!code || !kind || !members) return Error::invalid_input("bad row", row.location("code"));
    if (*code == "EU27") eu = split(*members, ';');
    if (*kind != "aggregate") model.emplace_back(*code, split(*members, ';'));
  }
  std::vector<std::string> out;
  for (const auto& [code, members] : model) {
    if (!members.empty() && std::all_of(members.begin(), members.end(), [&](const auto& m) {
          return std::find(eu.begin(), eu.end(), m) != eu.end();
        })) {
      out.push_back(code);
    }
  }
  return out;
}

struct Target {
  int year = 0;
  std::optional<double> fraction;
};

}  // namespace

core::Result<SourceReport> run_source(const RunResults& run, const SourceRequest& request_in) {
  SourceRequest request = request_in;
  if (request.data_dir.empty()) request.data_dir = io::default_data_dir();
  const ResultTable* recovered = run.find(kTableRecoveredT);
  const ResultTable* demand = run.find(kTableMaterialDemandT);
  if (recovered == nullptr || demand == nullptr) {
    return Error::invalid_input("the run has no " + std::string(kTableRecoveredT) + " or " +
                                    std::string(kTableMaterialDemandT) + " table",
                                "", "use a run made by this version of urbanmine run");
  }
  auto supply = recovered->values.sum_over(std::string(kDimRoute));
  if (!supply) return supply.error();
  // Targets.
  const std::string targets_path = join(request.data_dir, "eu_battery_regulation_targets.csv");
  auto tt = io::CsvTable::read_file(targets_path);
  if (!tt) return tt.error();
  std::map<std::string, std::vector<Target>> targets;
  for (std::size_t i = 0; i < tt->size(); ++i) {
    const auto row = tt->row(i);
    auto type = row.text("target_type");
    if (!type) return type.error();
    if (*type != "recycled_content_min") continue;
    auto element = row.required_text("element");
    auto year = row.integer("year");
    auto value = row.optional_number("value_fraction");
    if (!element) return element.error();
    if (!year) return year.error();
    if (!value) return value.error();
    targets[*element].push_back(Target{static_cast<int>(*year), *value});
  }
  SourceReport report;
  auto& in = report.input;
  in.objective = request.objective;
  in.years = request.years;
  const auto element_dim = supply->dim_index(std::string(kDimElement));
  const auto& run_elements = supply->dims()[*element_dim].items();
  for (const auto& [element, list] : targets) {
    if (std::find(run_elements.begin(), run_elements.end(), element) == run_elements.end()) {
      report.notes.push_back(element +
                             ": recycled-content target not evaluable (the run does not track " +
                             element + ")");
      continue;
    }
    in.elements.push_back(element);
    std::vector<std::optional<double>> row;
    for (int y : in.years) {
      std::optional<Target> in_force;
      for (const auto& t : list) {
        if (t.year <= y && (!in_force || t.year > in_force->year)) in_force = t;
      }
      if (in_force && !in_force->fraction) {
        report.notes.push_back(element + " " + std::to_string(y) +
                               ": the target value is missing in the data (not evaluable)");
      }
      row.push_back(in_force ? in_force->fraction : std::nullopt);
    }
    in.target_fraction.push_back(row);
  }
  // Regions, makers and the distance-based costs.
  const auto region_dim = supply->dim_index(std::string(kDimRegion));
  auto eu = eu_regions(request.data_dir);
  if (!eu) return eu.error();
  for (const auto& region : supply->dims()[*region_dim].items()) {
    const bool wanted = request.suppliers.empty() ||
                        std::find(request.suppliers.begin(), request.suppliers.end(), region) !=
                            request.suppliers.end() ||
                        (std::find(request.suppliers.begin(), request.suppliers.end(), "EU") !=
                             request.suppliers.end() &&
                         std::find(eu->begin(), eu->end(), region) != eu->end());
    if (wanted) in.suppliers.push_back(region);
  }
  for (const auto& s : request.suppliers) {
    const auto& all = supply->dims()[*region_dim].items();
    if (s != "EU" && std::find(all.begin(), all.end(), s) == all.end()) {
      return Error::invalid_input("unknown supplier region " + s, "--suppliers",
                                  "use a model region of the run, or EU");
    }
  }
  std::vector<std::pair<std::string, double>> nodes;  // (region, share)
  std::vector<std::string> node_region;
  for (const auto& [region, share] : request.maker_shares) {
    if (std::find(eu->begin(), eu->end(), region) == eu->end()) {
      return Error::invalid_input("maker region " + region + " is not an EU model region",
                                  "--maker", "use one of the EU regions of data/regions.csv");
    }
    if (!(share > 0.0 && share <= 1.0)) {
      return Error::invalid_input("maker share must be in (0, 1]", "--maker");
    }
  }
  for (const auto& region : *eu) {
    double share = 0.0;
    for (const auto& [r, s] : request.maker_shares) {
      if (r == region) share = s;
    }
    if (share > 0.0) {
      in.makers.push_back("maker@" + region);
      nodes.emplace_back(region, share);
    }
    if (share < 1.0) {
      in.makers.push_back((request.maker_shares.empty() ? "" : "others@") + region);
      nodes.emplace_back(region, 1.0 - share);
    }
  }
  const std::size_t I = in.suppliers.size(), J = in.makers.size(), E = in.elements.size(),
                    T = in.years.size();
  auto get = [](const core::DimArray& a, const std::string& region, const std::string& element,
                int year) -> double {
    auto v = a.get({{std::string(kDimRegion), region},
                    {std::string(kDimElement), element},
                    {std::string(kDimYear), std::to_string(year)}});
    return v ? std::max(0.0, *v) : 0.0;
  };
  in.supply_t.assign(I, std::vector<std::vector<double>>(E, std::vector<double>(T, 0.0)));
  in.demand_t.assign(J, std::vector<std::vector<double>>(E, std::vector<double>(T, 0.0)));
  for (std::size_t e = 0; e < E; ++e) {
    for (std::size_t t = 0; t < T; ++t) {
      for (std::size_t i = 0; i < I; ++i) {
        in.supply_t[i][e][t] = get(*supply, in.suppliers[i], in.elements[e], in.years[t]);
      }
      for (std::size_t j = 0; j < J; ++j) {
        in.demand_t[j][e][t] =
            nodes[j].second * get(demand->values, nodes[j].first, in.elements[e], in.years[t]);
      }
    }
  }
  auto codes = io::load_country_codes(join(request.data_dir, "country_codes.csv"));
  if (!codes) return codes.error();
  std::vector<std::string> iso3;
  for (const auto& c : codes->all()) iso3.push_back(c.iso3);
  auto data = io::load_plan_data(request.data_dir, iso3);
  if (!data) return data.error();
  auto site_of = [&](const std::string& region) -> const io::PlanSiteData* {
    for (const auto& s : data->sites) {
      if (s.region == region) return &s;
    }
    return nullptr;
  };
  const ResultTable* emitted = run.find(kTableRecyclingCo2eEmittedT);
  if (emitted == nullptr) {
    report.notes.push_back("the run has no " + std::string(kTableRecyclingCo2eEmittedT) +
                           "; supplier recycling CO2 is left out (transport CO2 only)");
  }
  in.cost_usd_per_t.assign(I, std::vector<double>(J, 0.0));
  in.co2_t_per_t.assign(I, std::vector<std::vector<double>>(J, std::vector<double>(T, 0.0)));
  for (std::size_t i = 0; i < I; ++i) {
    const auto* from = site_of(in.suppliers[i]);
    for (std::size_t j = 0; j < J; ++j) {
      const auto* to = site_of(nodes[j].first);
      double km = 0.0;
      if (from != nullptr && to != nullptr && in.suppliers[i] != nodes[j].first) {
        km = plan::great_circle_km(from->lat_deg, from->lon_deg, to->lat_deg, to->lon_deg);
      }
      in.cost_usd_per_t[i][j] = km * data->transport_usd_per_tkm;
      for (std::size_t t = 0; t < T; ++t) {
        double intensity = 0.0;
        if (emitted != nullptr) {
          auto co2 = emitted->values.get({{std::string(kDimRegion), in.suppliers[i]},
                                          {std::string(kDimYear), std::to_string(in.years[t])}});
          double metal = 0.0;
          for (std::size_t e = 0; e < run_elements.size(); ++e) {
            metal += get(*supply, in.suppliers[i], run_elements[e], in.years[t]);
          }
          if (co2 && metal > 0.0) intensity = *co2 / metal;
        }
        in.co2_t_per_t[i][j][t] = intensity + km * data->transport_kg_co2_per_tkm / 1000.0;
      }
    }
  }
  report.notes.push_back(
      "Makers are the EU model regions' battery material demand (material_demand_t); all "
      "recovered metal of every region (recycling_to_secondary_metal_t) is available to them and "
      "shared; metal is priced the same from every supplier, so the mix differs only by "
      "transport cost (great-circle sea distance) or CO2.");
  auto sol = plan::solve_sourcing(in);
  if (!sol) return sol.error();
  report.solution = std::move(*sol);
  const auto& s = report.solution;
  report.tables.push_back(RecordTable{
      "source_summary",
      "Recycled-content sourcing: totals",
      "EU Regulation 2023/1542 Art. 8 minimum recycled content checked in each year with the "
      "targets in force; shortfall is recycled metal the shared supply cannot provide.",
      {"objective", "all_targets_met", "total_shortfall_tonnes", "transport_cost_usd",
       "co2_tonnes"},
      {{txt(request.objective == plan::SourcingObjective::kMinCost ? "min_cost" : "min_co2"),
        txt(s.all_met ? "yes" : "no"), num(s.total_shortfall_t), num(s.total_cost_usd),
        num(s.total_co2_t)}}});
  RecordTable req{"source_requirements",
                  "Recycled content required and supplied",
                  "Per maker, element and year: metal in production, target fraction, recycled "
                  "metal required and supplied, and the shortfall (infeasible when > 0).",
                  {"maker", "element", "year", "demand_tonnes", "target_fraction",
                   "required_tonnes", "supplied_tonnes", "shortfall_tonnes", "status"},
                  {}};
  for (const auto& q : s.requirements) {
    req.rows.push_back({txt(q.maker), txt(q.element), num(q.year), num(q.demand_t),
                        num(q.target_fraction), num(q.required_t), num(q.supplied_t),
                        num(q.shortfall_t), txt(q.feasible ? "met" : "infeasible")});
  }
  report.tables.push_back(std::move(req));
  RecordTable mix{"source_mix",
                  "Where the recycled metal comes from",
                  "Tonnes of recovered metal from a supplier region to a maker, with transport "
                  "cost and CO2.",
                  {"supplier", "maker", "element", "year", "mass_tonnes", "cost_usd", "co2_tonnes"},
                  {}};
  for (const auto& f : s.flows) {
    mix.rows.push_back({txt(f.supplier), txt(f.maker), txt(f.element), num(f.year), num(f.mass_t),
                        num(f.cost_usd), num(f.co2_t)});
  }
  report.tables.push_back(std::move(mix));
  return report;
}

}  // namespace urbanmine::studies
