// SPDX-License-Identifier: Apache-2.0
// Engine glue of `urbanmine plan` (see plan.h).
#include "studies/siting.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "io/data_dir.h"
#include "io/plant_data.h"
#include "io/risk_data.h"
#include "io/run_writers.h"
#include "plant/plant.h"

#include "model/run_model.h"
#include "plan/geo.h"
#include "results/registry.h"

namespace urbanmine::studies {

using results::kDimElement;
using results::kDimRegion;
using results::kDimRoute;
using results::kDimYear;
using results::kTableCollectedT;
using results::kTableFeedstockStrandedT;
using results::kTableFeedstockSurplusT;
using results::kTableRecycledT;
using results::kTableUnrecycledT;
namespace {

using core::Error;

constexpr double kMjPerKwh = 3.6;
// Representative chemistry for the non-electricity process CO2 of the hydrometallurgical
// route (assumption, stated in the report).
constexpr const char* kRepresentativeChemistry = "NMC622";
constexpr double kRepresentativeFeedT = 1000.0;

std::string join(const std::string& dir, const std::string& file) {
  return dir.empty() || dir.back() == '/' ? dir + file : dir + "/" + file;
}

bool matches(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), "*") != list.end() ||
         std::find(list.begin(), list.end(), code) != list.end();
}

Cell txt(std::string s) { return Cell::of(std::move(s)); }
Cell num(double v) { return Cell::of(v); }

// Non-electricity process CO2 of hydrometallurgy per t of battery, from the plant model.
core::Result<double> process_co2_t_per_t(const plant::PlantDefaults& defaults) {
  auto comp = plant::cell_feed(defaults, kRepresentativeChemistry, kRepresentativeFeedT);
  if (!comp) return comp.error();
  plant::RouteParams params;
  params.route = plant::Route::kHydrometallurgy;
  auto bal = plant::balance(plant::Feed{{*comp}}, params, defaults);
  if (!bal) return bal.error();
  double co2 = 0.0;
  for (const auto& line : bal->inputs) {
    if (line.name == "Electricity" || !line.co2e_t) continue;
    co2 += *line.co2e_t;
  }
  return co2 / kRepresentativeFeedT;
}

}  // namespace

core::Result<plan::PlanInput> build_plan_input(const RunResults& run, const io::PlanData& data,
                                               const PlanRequest& request,
                                               std::vector<std::string>* assumptions) {
  // Feedstock for new plants: what no existing capacity can legally take after trade
  // (feedstock_stranded_t); runs made before trade have only the surplus beyond home capacity.
  const ResultTable* surplus = run.find(kTableFeedstockStrandedT);
  const bool stranded = surplus != nullptr;
  if (surplus == nullptr) surplus = run.find(kTableFeedstockSurplusT);
  if (surplus == nullptr) {
    return Error::invalid_input("the run has no table " + std::string(kTableFeedstockStrandedT) +
                                    " or " + std::string(kTableFeedstockSurplusT),
                                "", "use a run made by this version of urbanmine run");
  }
  // Element tonnes of the surplus: the run's own table, or (runs read back from a folder or the
  // store) collected minus recycled, which is the same by the run's black-mass balance.
  core::DimArray surplus_elem_values;
  if (const ResultTable* t = run.find(kTableUnrecycledT)) {
    surplus_elem_values = t->values;
  } else {
    const ResultTable* collected = run.find(kTableCollectedT);
    const ResultTable* recycled = run.find(kTableRecycledT);
    if (collected == nullptr || recycled == nullptr) {
      return Error::invalid_input("the run has neither " + std::string(kTableUnrecycledT) +
                                      " nor " + std::string(kTableCollectedT) + " and " +
                                      std::string(kTableRecycledT),
                                  "", "use a run made by this version of urbanmine run");
    }
    auto by_region = recycled->values.sum_over(std::string(kDimRoute));
    if (!by_region) return by_region.error();
    surplus_elem_values = collected->values;
    URBANMINE_TRY_STATUS(surplus_elem_values.subtract(*by_region));
  }
  {
    const auto year_dim = surplus->values.dim_index(std::string(kDimYear));
    if (!year_dim) return Error::internal("the feedstock table has no year dimension");
    const auto& years = surplus->values.dims()[*year_dim].items();
    for (int y : {request.first_year, request.last_year}) {
      if (request.first_year > request.last_year ||
          std::find(years.begin(), years.end(), std::to_string(y)) == years.end()) {
        return Error::invalid_input("plan years " + std::to_string(request.first_year) + "-" +
                                        std::to_string(request.last_year) +
                                        " are not inside the run's years " + years.front() + "-" +
                                        years.back(),
                                    "--first-year/--last-year");
      }
    }
  }
  const auto region_dim = surplus->values.dim_index(std::string(kDimRegion));
  if (!region_dim) return Error::internal("the feedstock table has no region dimension");
  plan::PlanInput in;
  in.regions = surplus->values.dims()[*region_dim].items();
  for (int y = request.first_year; y <= request.last_year; ++y) in.years.push_back(y);
  const std::size_t R = in.regions.size(), T = in.years.size();
  // Recovery fractions of the hydrometallurgical route and prices.
  auto defaults = io::load_plant_defaults(request.data_dir);
  if (!defaults) return defaults.error();
  const auto& rec = defaults->recovery[plant::index(plant::Route::kHydrometallurgy)];
  in.feedstock_t.assign(R, std::vector<double>(T, 0.0));
  in.revenue_usd_per_t.assign(R, std::vector<double>(T, 0.0));
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      const std::string year = std::to_string(in.years[t]);
      auto v = surplus->values.get(
          {{std::string(kDimRegion), in.regions[r]}, {std::string(kDimYear), year}});
      if (!v) return v.error();
      const double feed = std::max(0.0, *v);
      in.feedstock_t[r][t] = feed;
      if (feed <= 0.0) continue;
      double revenue = 0.0;
      for (const auto& [element, series] : data.price_usd_per_t) {
        const auto material = plant::parse_material(element);
        if (!material) {
          return Error::invalid_input("plan_prices.csv: unknown element " + element,
                                      join(request.data_dir, "plan_prices.csv"));
        }
        auto e = surplus_elem_values.get({{std::string(kDimRegion), in.regions[r]},
                                          {std::string(kDimElement), element},
                                          {std::string(kDimYear), year}});
        if (!e) continue;  // element not tracked by the run
        // Price of the year, held after the path's last year, first year before it.
        auto it = series.upper_bound(in.years[t]);
        const double price = it == series.begin() ? series.begin()->second : std::prev(it)->second;
        revenue += *e * rec[plant::index(*material)].value * price;
      }
      in.revenue_usd_per_t[r][t] = revenue / feed;
    }
  }
  // Sites.
  auto co2_other = process_co2_t_per_t(*defaults);
  if (!co2_other) return co2_other.error();
  std::vector<const io::PlanSiteData*> chosen;
  for (const auto& s : data.sites) {
    if (!request.sites.empty() &&
        std::find(request.sites.begin(), request.sites.end(), s.code) == request.sites.end()) {
      continue;
    }
    if (std::find(in.regions.begin(), in.regions.end(), s.region) == in.regions.end()) {
      return Error::invalid_input(
          "site " + s.code + " is in region " + s.region + ", which the run does not have",
          s.location, "use a model region of the run");
    }
    chosen.push_back(&s);
  }
  for (const auto& code : request.sites) {
    if (std::none_of(chosen.begin(), chosen.end(),
                     [&](const auto* s) { return s->code == code; })) {
      return Error::invalid_input("unknown site " + code, "--sites",
                                  "use a site of plan_sites.csv");
    }
  }
  // Capex factor of each module's reference country (a site with that region, else 1).
  auto factor_of = [&](const std::string& country) {
    for (const auto& s : data.sites) {
      if (s.region == country || s.iso3 == country) return s.capex_factor;
    }
    return 1.0;
  };
  const double hours = data.hours_per_job_year;
  for (const auto* s : chosen) {
    plan::Site site;
    site.code = s->code;
    site.region = s->region;
    site.capex_factor = s->capex_factor;
    site.variable_cost_usd_per_t = data.electricity_kwh_per_t_battery * s->electricity_usd_per_kwh;
    site.labour_usd_per_job_year = s->labour_usd_per_hour * hours;
    site.process_co2_t_per_t =
        data.electricity_kwh_per_t_battery * s->grid_kg_co2_per_kwh / 1000.0 + *co2_other;
    in.sites.push_back(site);
  }
  for (const auto& m : data.modules) {
    plan::Module mod = m.module;
    mod.capex_usd /= factor_of(m.capex_country);  // to capex factor 1
    in.modules.push_back(mod);
  }
  // Distances between each region's site coordinates (the region's first site row).
  auto coords_of = [&](const std::string& region) -> const io::PlanSiteData* {
    for (const auto& s : data.sites) {
      if (s.region == region) return &s;
    }
    return nullptr;
  };
  in.distance_km.assign(R, std::vector<double>(in.sites.size(), 0.0));
  for (std::size_t r = 0; r < R; ++r) {
    const auto* origin = coords_of(in.regions[r]);
    if (origin == nullptr) {
      return Error::invalid_input("plan_sites.csv has no row for model region " + in.regions[r] +
                                      " (its coordinates are needed for distances)",
                                  join(request.data_dir, "plan_sites.csv"));
    }
    for (std::size_t s = 0; s < in.sites.size(); ++s) {
      const auto* dest = chosen[s];
      in.distance_km[r][s] = origin->region == dest->region
                                 ? 0.0
                                 : plan::great_circle_km(origin->lat_deg, origin->lon_deg,
                                                         dest->lat_deg, dest->lon_deg);
    }
  }
  in.allowed.assign(R, std::vector<std::vector<char>>(in.sites.size(), std::vector<char>(T, 1)));
  for (const auto& rule : data.shipping_rules) {
    for (std::size_t r = 0; r < R; ++r) {
      if (!matches(rule.origins, in.regions[r])) continue;
      for (std::size_t s = 0; s < in.sites.size(); ++s) {
        if (in.sites[s].region == in.regions[r] ||
            !matches(rule.destinations, in.sites[s].region)) {
          continue;
        }
        for (std::size_t t = 0; t < T; ++t) {
          const int y = in.years[t];
          if ((rule.first_year == 0 || y >= rule.first_year) &&
              (rule.last_year == 0 || y <= rule.last_year)) {
            in.allowed[r][s][t] = 0;
          }
        }
      }
    }
  }
  in.transport_usd_per_tkm = data.transport_usd_per_tkm;
  in.transport_kg_co2_per_tkm = data.transport_kg_co2_per_tkm;
  in.discount_rate = request.discount_rate.value_or(data.discount_rate);
  in.lead_years = data.lead_years;
  in.max_builds_per_site_year = request.max_builds_per_site_year;
  in.objective = request.objective;
  in.co2_cap_t = request.co2_cap_t;
  in.co2_price_usd_per_t = request.co2_price_usd_per_t;
  in.relative_gap = request.relative_gap;
  in.time_limit_seconds = request.time_limit_seconds;
  if (assumptions != nullptr) {
    *assumptions = data.assumptions;
    assumptions->push_back(
        stranded ? "Feedstock is the run's feedstock_stranded_t (collected batteries and "
                   "production scrap that neither home capacity nor any capacity they may "
                   "legally be shipped to takes), tonnes of battery by region and year."
                 : "Feedstock is the positive part of feedstock_surplus_t (collected battery "
                   "beyond existing recycling capacity; a run made before trade), tonnes of "
                   "battery by region and year.");
    assumptions->push_back(
        "Revenue counts Ni, Co and Li recovered by hydrometallurgy (EverBatt recoveries) at the "
        "plan_prices.csv path; Mn, Cu, Al and graphite are not priced for 2024-2025 in USD and are "
        "left out, so revenue is a lower bound.");
    assumptions->push_back(
        "Distances are great-circle distances between the coordinates of plan_sites.csv (a lower "
        "bound of sea routes); shipping inside a region costs nothing in the plan.");
    assumptions->push_back(std::string("Process CO2 other than electricity: plant model, ") +
                           kRepresentativeChemistry +
                           " cells by hydrometallurgy (representative chemistry, assumption).");
  }
  return in;
}

core::Result<std::vector<SiteEconomics>> site_economics(const io::PlanData& data,
                                                        const std::string& module_size,
                                                        double discount_rate) {
  const io::PlanModuleData* module = nullptr;
  for (const auto& m : data.modules) {
    if (m.module.size == module_size) module = &m;
  }
  if (module == nullptr) {
    return Error::invalid_input("unknown module size " + module_size, "plan_modules.csv",
                                "use a size listed in plan_modules.csv");
  }
  double ref_factor = 1.0;
  for (const auto& s : data.sites) {
    if (s.region == module->capex_country || s.iso3 == module->capex_country) {
      ref_factor = s.capex_factor;
      break;
    }
  }
  const auto& m = module->module;
  std::vector<SiteEconomics> out;
  for (const auto& s : data.sites) {
    SiteEconomics e;
    e.site = s.code;
    e.region = s.region;
    e.capital_usd_per_t = m.capex_usd / ref_factor * s.capex_factor *
                          plan::annuity_factor(discount_rate, m.life_years) / m.capacity_t_per_year;
    e.labour_usd_per_t =
        m.jobs * s.labour_usd_per_hour * data.hours_per_job_year / m.capacity_t_per_year;
    e.electricity_usd_per_t = data.electricity_kwh_per_t_battery * s.electricity_usd_per_kwh;
    e.processing_usd_per_t = e.capital_usd_per_t + e.labour_usd_per_t + e.electricity_usd_per_t;
    e.grid_kg_co2_per_kwh = s.grid_kg_co2_per_kwh;
    out.push_back(e);
  }
  return out;
}

core::Status check_plan_request(const PlanRequest& request) {
  if (request.discount_rate && !(*request.discount_rate >= 0.0 && *request.discount_rate < 1.0)) {
    return Error::invalid_input("--discount-rate must be in [0, 1)", "--discount-rate");
  }
  if (request.pareto_points == 1 || request.pareto_points < 0) {
    return Error::invalid_input("--pareto needs 2 or more points", "--pareto");
  }
  return {};
}

core::Result<PlanReport> run_plan(const RunResults& run, const PlanRequest& request_in) {
  URBANMINE_TRY_STATUS(check_plan_request(request_in));
  PlanRequest request = request_in;
  if (request.data_dir.empty()) request.data_dir = io::default_data_dir();
  auto codes = io::load_country_codes(join(request.data_dir, "country_codes.csv"));
  if (!codes) return codes.error();
  std::vector<std::string> iso3;
  for (const auto& c : codes->all()) iso3.push_back(c.iso3);
  auto data = io::load_plan_data(request.data_dir, iso3);
  if (!data) return data.error();
  PlanReport report;
  auto input = build_plan_input(run, *data, request, &report.assumptions);
  if (!input) return input.error();
  report.input = std::move(*input);
  auto sol = plan::solve_plan(report.input);
  if (!sol) return sol.error();
  report.solution = std::move(*sol);
  if (request.pareto_points > 0) {
    auto front = plan::pareto_front(report.input, request.pareto_points);
    if (!front) return front.error();
    report.pareto = std::move(*front);
  }
  const auto& s = report.solution;
  RecordTable summary{
      "plan_summary",
      "Plant siting plan: totals",
      "NPV and costs discounted to " + std::to_string(report.input.years.front()) + " at " +
          io::format_number(report.input.discount_rate) +
          " per year; CO2 is processing plus transport over all years; the gap is "
          "to CBC's proven bound.",
      {"objective", "npv_usd", "discounted_revenue_usd", "discounted_cost_usd", "co2_tonnes",
       "processed_tonnes", "unprocessed_tonnes", "best_bound", "relative_gap", "proven_within_gap",
       "seconds", "integer_variables", "continuous_variables"},
      {}};
  summary.rows.push_back({txt(std::string(plan::objective_code(report.input.objective))),
                          num(s.npv_usd), num(s.discounted_revenue_usd), num(s.discounted_cost_usd),
                          num(s.co2_t), num(s.processed_t), num(s.unprocessed_t), num(s.best_bound),
                          num(s.relative_gap), txt(s.proven_optimal ? "yes" : "no"), num(s.seconds),
                          num(s.integer_variables), num(s.continuous_variables)});
  report.tables.push_back(std::move(summary));
  RecordTable builds{"plan_builds",
                     "Plants to build (site, year, size)",
                     "One row per build decision; capex is undiscounted USD at the site's capex "
                     "factor; capacity is tonnes of battery per year.",
                     {"site", "size", "build_year", "first_service_year", "last_service_year",
                      "modules", "capacity_t_per_year", "capex_usd"},
                     {}};
  for (const auto& b : s.builds) {
    double cap = 0.0;
    for (const auto& m : report.input.modules) {
      if (m.size == b.size) cap = m.capacity_t_per_year * b.count;
    }
    builds.rows.push_back({txt(b.site), txt(b.size), num(b.year), num(b.first_service_year),
                           num(b.last_service_year), num(b.count), num(cap), num(b.capex_usd)});
  }
  report.tables.push_back(std::move(builds));
  RecordTable flows{"plan_flows",
                    "Feedstock flows from regions to plants",
                    "Tonnes of battery per year from an origin region to a site.",
                    {"region", "site", "year", "mass_tonnes"},
                    {}};
  for (const auto& f : s.flows) {
    flows.rows.push_back({txt(f.region), txt(f.site), num(f.year), num(f.mass_t)});
  }
  report.tables.push_back(std::move(flows));
  RecordTable util{"plan_utilisation",
                   "Plant utilisation by site and year",
                   "Capacity in service and tonnes processed, tonnes of battery.",
                   {"site", "year", "capacity_tonnes", "processed_tonnes", "utilisation_fraction"},
                   {}};
  for (const auto& u : s.site_years) {
    util.rows.push_back({txt(u.site), num(u.year), num(u.capacity_t), num(u.processed_t),
                         num(u.utilisation_fraction)});
  }
  report.tables.push_back(std::move(util));
  if (!report.pareto.empty()) {
    RecordTable front{"plan_pareto",
                      "Cost-CO2 Pareto front (epsilon constraint)",
                      "Each row is the best plan under a CO2 cap between the unconstrained plan "
                      "and the least-CO2 plan.",
                      {"co2_cap_tonnes", "co2_tonnes", "npv_usd", "discounted_cost_usd",
                       "processed_tonnes", "plants_built", "relative_gap"},
                      {}};
    for (const auto& p : report.pareto) {
      int count = 0;
      for (const auto& b : p.solution.builds) count += b.count;
      front.rows.push_back({num(p.co2_cap_t), num(p.solution.co2_t), num(p.solution.npv_usd),
                            num(p.solution.discounted_cost_usd), num(p.solution.processed_t),
                            num(count), num(p.solution.relative_gap)});
    }
    report.tables.push_back(std::move(front));
  }
  return report;
}

}  // namespace urbanmine::studies
