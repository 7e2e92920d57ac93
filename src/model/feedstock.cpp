// SPDX-License-Identifier: Apache-2.0
// Production scrap and trade inputs (see feedstock.h and docs/model.md).
#include "model/feedstock.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "io/run_writers.h"

#include "model/path.h"
#include "plan/geo.h"

namespace urbanmine::model {

namespace {

constexpr const char* kAll = "all";
constexpr double kKgPerTonne = 1000.0;

bool is_known_region(const io::RunData& data, const std::string& code) {
  return code == kAll || std::any_of(data.regions.begin(), data.regions.end(),
                                     [&](const io::RegionRecord& r) { return r.code == code; });
}

// True when the scenario code ("all", a model region or an aggregate) covers model region r.
bool covers(const ModelInputs& in, const std::string& code, std::size_t r) {
  if (code == kAll || code == "*" || code == in.regions[r]) return true;
  const auto& aggs = in.region_aggregates[r];
  return std::find(aggs.begin(), aggs.end(), code) != aggs.end();
}

bool in_years(int year, int first, int last) {
  return (first == 0 || year >= first) && (last == 0 || year <= last);
}

void resolve_production_scrap(const io::ScenarioSpec& spec, const io::RunData& data,
                              ModelInputs& in) {
  const std::size_t R = in.regions.size(), T = in.years;
  std::size_t leaves = 0;
  for (const auto& r : data.regions) leaves += r.kind != "aggregate" ? 1 : 0;
  const bool whole_world = in.regions.size() == leaves;
  in.production_scrap.enabled = spec.production_scrap_enabled.value_or(whole_world);
  if (!in.production_scrap.enabled) {
    in.assumptions.push_back(
        spec.production_scrap_enabled
            ? "production scrap: off in this scenario ([production_scrap] enabled = false)"
            : "production scrap: off, because the run covers only some model regions (scrap is "
              "placed by world cell production shares; set [production_scrap] enabled = true to "
              "place the selected regions' demand by those shares anyway)");
    return;
  }
  // Rates: data points, replaced year by year by the scenario's.
  Path rates;
  for (const auto& p : data.scrap_rates) rates.set(p.year, p.scrap_fraction);
  for (const auto& p : spec.scrap_rates) rates.set(p.year, p.scrap_fraction);
  in.production_scrap.scrap_fraction.assign(T, 0.0);
  in.production_scrap.share.assign(R, std::vector<double>(T, 0.0));
  if (rates.empty() || data.cell_capacity.empty()) return;
  // Capacity by year: the latest data year at or before the run year (the earliest before it).
  std::map<int, std::map<std::string, double>> capacity;
  for (const auto& c : data.cell_capacity) capacity[c.year][c.region] = c.cell_capacity_gwh;
  for (std::size_t t = 0; t < T; ++t) {
    const int year = in.first_year + static_cast<int>(t);
    in.production_scrap.scrap_fraction[t] = rates.at(year);
    auto it = capacity.upper_bound(year);
    if (it != capacity.begin()) --it;
    double world = 0.0;
    for (const auto& [region, gwh] : it->second) world += gwh;
    if (!(world > 0.0)) continue;
    for (std::size_t r = 0; r < R; ++r) {
      const auto c = it->second.find(in.regions[r]);
      if (c != it->second.end()) in.production_scrap.share[r][t] = c->second / world;
    }
  }
  in.assumptions.push_back(
      "production scrap: new pack kWh of all run regions x the scrap rate of "
      "production_scrap_rate.csv (held flat before its first year and after its last), placed "
      "in each region by its share of world cell capacity in cell_production_share.csv (the "
      "latest year at or before the run year); the rate applies to every element, although "
      "midstream (cathode) scrap holds no graphite, copper or aluminium foil");
}

void resolve_trade(const io::ScenarioSpec& spec, const io::RunData& data, ModelInputs& in,
                   core::Diagnostics& diags) {
  const std::size_t R = in.regions.size(), T = in.years, P = in.pools.size();
  in.trade.enabled = spec.trade_enabled.value_or(true);
  bool blocks_ok = true;
  for (const auto& b : spec.trade_blocks) {
    for (const auto* code : {&b.origin, &b.destination}) {
      if (is_known_region(data, *code)) continue;
      diags.add_error(core::Error::invalid_input(
          "unknown region '" + *code + "' in a trade block",
          b.location + (code == &b.origin ? ".origin" : ".destination"),
          "use \"all\", a model region (e.g. DEU, CHN) or an aggregate (EU27, EUROPE, "
          "NORTH_AMERICA) of data/regions.csv"));
      blocks_ok = false;
    }
  }
  if (!in.trade.enabled) {
    in.assumptions.push_back(
        "trade: off in this scenario ([trade] enabled = false); feedstock beyond home capacity "
        "is stranded");
    return;
  }
  if (!blocks_ok) return;
  auto site_of = [&](const std::string& region) -> const io::PlanSiteData* {
    for (const auto& s : data.trade.sites) {
      if (s.region == region) return &s;
    }
    return nullptr;
  };
  in.trade.cost_usd_per_t.assign(R * P, 0.0);
  in.trade.co2_t_per_t.assign(R * P, 0.0);
  in.trade.allowed.assign(T, std::vector<char>(R * P, 1));
  for (std::size_t r = 0; r < R; ++r) {
    const auto* from = site_of(in.regions[r]);
    if (from == nullptr) {
      diags.add_error(core::Error::invalid_input(
          "plan_sites.csv has no row for model region " + in.regions[r] +
              " (its coordinates give the transport distance of its feedstock)",
          data.data_dir + "/plan_sites.csv", "add a site row for the region"));
      return;
    }
    for (std::size_t p = 0; p < P; ++p) {
      double km = std::numeric_limits<double>::infinity();
      for (std::size_t m : in.pools[p].regions) {
        const auto* to = site_of(in.regions[m]);
        if (to == nullptr) continue;  // reported when m is the origin
        km = std::min(km, m == r ? 0.0
                                 : plan::great_circle_km(from->lat_deg, from->lon_deg, to->lat_deg,
                                                         to->lon_deg));
      }
      if (!std::isfinite(km)) km = 0.0;
      in.trade.cost_usd_per_t[r * P + p] = km * data.trade.transport_usd_per_tkm;
      in.trade.co2_t_per_t[r * P + p] = km * data.trade.transport_kg_co2_per_tkm / kKgPerTonne;
    }
  }
  // A route to a pool is closed in a year when a rule closes it to any of the pool's members.
  auto close = [&](auto origin_matches, auto destination_matches, int first, int last) {
    for (std::size_t r = 0; r < R; ++r) {
      if (!origin_matches(r)) continue;
      for (std::size_t p = 0; p < P; ++p) {
        const auto& members = in.pools[p].regions;
        if (std::none_of(members.begin(), members.end(),
                         [&](std::size_t m) { return m != r && destination_matches(m); })) {
          continue;
        }
        for (std::size_t t = 0; t < T; ++t) {
          if (in_years(in.first_year + static_cast<int>(t), first, last)) {
            in.trade.allowed[t][r * P + p] = 0;
          }
        }
      }
    }
  };
  auto listed = [&](const std::vector<std::string>& codes, std::size_t r) {
    return std::any_of(codes.begin(), codes.end(),
                       [&](const std::string& c) { return c == "*" || c == in.regions[r]; });
  };
  for (const auto& rule : data.trade.rules) {
    close([&](std::size_t r) { return listed(rule.origins, r); },
          [&](std::size_t m) { return listed(rule.destinations, m); }, rule.first_year,
          rule.last_year);
  }
  for (const auto& b : spec.trade_blocks) {
    close([&](std::size_t r) { return covers(in, b.origin, r); },
          [&](std::size_t m) { return covers(in, b.destination, m); }, b.first_year, b.last_year);
  }
  in.assumptions.push_back(
      "trade: feedstock beyond home capacity is shipped, at least transport cost, to spare "
      "capacity of other pools over routes that plan_shipping_rules.csv and the scenario's "
      "[[trade.block]] entries leave open (a route to a pool is closed when it is closed to any "
      "member); distance is the great-circle distance between the regions' reference "
      "coordinates of plan_sites.csv to the pool's nearest member (sea routes are longer), cost "
      "and CO2 per t-km from plan_parameters.csv; a tonne of battery is shipped, whether as "
      "packs or black mass");
}

// Capacity that follows feedstock: regions in no pool get a pool of their own (no capacity of
// their own, the default hydrometallurgy route) so that they can build some.
void resolve_capacity_growth(const io::ScenarioSpec& spec, ModelInputs& in) {
  if (!spec.capacity_follow_share) return;
  auto& g = in.capacity_growth;
  g.enabled = true;
  g.share = *spec.capacity_follow_share;
  g.lag_years = static_cast<std::size_t>(spec.capacity_follow_lag_years);
  const int from = spec.capacity_follow_from_year;
  g.from = from > in.first_year ? static_cast<std::size_t>(from - in.first_year) : 0;
  for (std::size_t r = 0; r < in.regions.size(); ++r) {
    if (in.pool_of_region[r] >= 0) continue;
    add_region_pool(in, r, std::vector<double>(in.years, 0.0));
  }
  in.assumptions.push_back("capacity follows feedstock ([capacity_follows_feedstock]): from " +
                           std::to_string(from > 0 ? from : in.first_year) +
                           ", each pool's capacity is at least " + io::format_number(g.share) +
                           " x the feedstock its regions had " + std::to_string(g.lag_years) +
                           " years earlier; regions without capacity data get a pool of their own "
                           "(hydrometallurgy)");
}

}  // namespace

void resolve_feedstock(const io::ScenarioSpec& spec, const io::RunData& data, ModelInputs& in,
                       core::Diagnostics& diags) {
  if (in.regions.empty() || in.years == 0) return;
  resolve_capacity_growth(spec, in);  // before trade: it may add pools
  resolve_production_scrap(spec, data, in);
  resolve_trade(spec, data, in, diags);
}

}  // namespace urbanmine::model
