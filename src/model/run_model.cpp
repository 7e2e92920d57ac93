// SPDX-License-Identifier: Apache-2.0
// The model of `urbanmine run` (see run_model.h and docs/model.md).
#include "model/run_model.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/units.h"

#include "chain/chain.h"
#include "chain/plant_step.h"
#include "fleet/fleet.h"
#include "results/balance.h"

namespace urbanmine::model {

using results::BalanceCheck;
using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

namespace {

// Horizon of the lifetime replacement count per vehicle (long enough for every default curve).
constexpr std::size_t kReplacementHorizonYears = 100;

struct Shape {
  std::size_t R, S, K, T;
  std::size_t rskt(std::size_t r, std::size_t s, std::size_t k, std::size_t t) const {
    return ((r * S + s) * K + k) * T + t;
  }
  std::size_t rst(std::size_t r, std::size_t s, std::size_t t) const { return (r * S + s) * T + t; }
};

// The plant model (docs/plant.md) as the chain's recycling step: one balance per region, year
// and route, with this run's recovery fractions as the route recoveries.
class PlantModelStep final : public chain::PlantStep {
 public:
  // `recovery_by_region_year` (recovery_by_region_year().table; empty = none) overrides the
  // route recoveries of each region and year.
  static core::Result<std::unique_ptr<PlantModelStep>> make(
      const ModelInputs& in,
      const std::vector<std::array<std::array<double, kElementCount>, kRouteCount>>*
          recovery_by_region_year = nullptr) {
    auto step = std::unique_ptr<PlantModelStep>(new PlantModelStep(in));
    step->recovery_by_region_year_ = recovery_by_region_year;
    std::array<plant::RouteParams, plant::kRouteCount> params;
    for (std::size_t e = 0; e < kElementCount; ++e) {
      const auto m = plant::parse_material(kElementCodes[e]);
      if (!m) return core::Error::internal(std::string("no plant material ") + kElementCodes[e]);
      step->material_[e] = plant::index(*m);
    }
    for (std::size_t q = 0; q < kRouteCount; ++q) {
      const auto route = plant::parse_route(chain::kRouteCodes[q]);
      if (!route) {
        return core::Error::internal(std::string("no plant route ") + chain::kRouteCodes[q]);
      }
      step->route_[q] = *route;
      for (std::size_t e = 0; e < kElementCount; ++e) {
        params[plant::index(*route)].recovery[step->material_[e]] = in.recovery_fraction[q][e];
      }
    }
    step->collector_.emplace(*in.plant_defaults, params);
    return step;
  }

  core::Result<std::array<double, chain::kElementCount>> recycle(
      const chain::PlantFeed& feed) override {
    chain::RecyclingInput rin;
    rin.region = in_.regions[feed.region];
    rin.year = feed.year;
    rin.route = route_[feed.route];
    for (std::size_t e = 0; e < kElementCount; ++e) rin.feed_t[material_[e]] = feed.feed_t[e];
    rin.battery_t = feed.battery_t;
    if (recovery_by_region_year_ != nullptr && !recovery_by_region_year_->empty()) {
      const auto& rec =
          (*recovery_by_region_year_)[feed.region * in_.years +
                                      static_cast<std::size_t>(feed.year - in_.first_year)];
      for (std::size_t e = 0; e < kElementCount; ++e) {
        rin.recovery_override.emplace_back(static_cast<plant::Material>(material_[e]),
                                           rec[feed.route][e]);
      }
    }
    auto recovered = collector_->add(rin);
    if (!recovered) return recovered.error();
    std::array<double, chain::kElementCount> out{};
    for (std::size_t e = 0; e < kElementCount; ++e) out[e] = (*recovered)[material_[e]];
    return out;
  }

  core::Result<chain::PlantRunTables> finish() const { return collector_->finish(); }

 private:
  explicit PlantModelStep(const ModelInputs& in) : in_(in) {}
  const ModelInputs& in_;
  std::array<std::size_t, kElementCount> material_{};
  std::array<plant::Route, kRouteCount> route_{};
  std::optional<chain::PlantRunCollector> collector_;
  const std::vector<std::array<std::array<double, kElementCount>, kRouteCount>>*
      recovery_by_region_year_ = nullptr;
};

}  // namespace

fleet::FleetInputs fleet_inputs(const ModelInputs& in) {
  fleet::FleetInputs f;
  f.regions = in.regions.size();
  f.segments = in.segments.size();
  f.chemistries = in.chemistries.size();
  f.years = in.years;
  f.sales_vehicles = in.sales_vehicles;
  f.pack_kwh = in.pack_kwh;
  f.chemistry_share = in.chemistry_share;
  f.vehicle_lifetime = in.vehicle_lifetime;
  f.battery_lifetime = in.battery_lifetime;
  f.replacement_probability = in.replacement_probability;
  f.replacement_max_vehicle_age_years = in.replacement_max_vehicle_age_years;
  f.eligible_max_vehicle_age_years = in.second_life_max_vehicle_age_years;
  f.used_exports = in.used_exports;
  return f;
}

chain::ChainInputs chain_inputs(const ModelInputs& in) {
  chain::ChainInputs c;
  c.first_year = in.first_year;
  c.regions = in.regions;
  c.segments = in.segments;
  c.chemistries = in.chemistries;
  c.intensity_kg_per_kwh = in.intensity_kg_per_kwh;
  c.battery_t_per_kwh = in.battery_t_per_kwh;
  c.second_life_share = in.second_life_share;
  c.second_life_lifetime = in.second_life_lifetime;
  c.second_life_cap_kwh_per_year = in.second_life_cap_kwh_per_year;
  c.collection_fraction = in.collection_fraction;
  c.pools = in.pools;
  c.recovery_fraction = in.recovery_fraction;
  c.production_scrap = in.production_scrap;
  c.trade = in.trade;
  c.capacity_growth = in.capacity_growth;
  return c;
}

core::Result<RunResults> compute_run(const ModelInputs& in,
                                     const core::ProgressCallback& progress) {
  const Shape sh{in.regions.size(), in.segments.size(), in.chemistries.size(), in.years};
  const std::size_t R = sh.R, S = sh.S, K = sh.K, T = sh.T;
  auto report = [&](double f, const char* stage) {
    if (progress) progress(f, stage);
  };
  RunResults res;

  report(0.05, "fleet");
  auto fleet = fleet::run_fleet(fleet_inputs(in));
  if (!fleet) return fleet.error();

  report(0.4, "chain");
  const RecoveryByRegionYear recovery = recovery_by_region_year(in);
  std::unique_ptr<PlantModelStep> plant_step;
  if (in.plant_defaults) {
    auto step = PlantModelStep::make(in, &recovery.table);
    if (!step) return step.error();
    plant_step = std::move(*step);
  }
  chain::ChainInputs chain_in = chain_inputs(in);
  chain_in.recovery_by_region_year = recovery.table;
  auto chain = chain::run_chain(*fleet, chain_in, plant_step.get());
  if (!chain) return chain.error();

  report(0.8, "tables");
  res.tables.reserve(chain->tables.size() + 4);
  for (auto& t : chain->tables) {
    res.tables.push_back(ResultTable{std::move(t.name), std::move(t.value_column),
                                     std::move(t.description), std::move(t.values)});
  }
  res.balance = std::move(chain->balance);
  std::vector<std::string> plant_assumptions;
  if (plant_step) {
    auto plant_tables = plant_step->finish();
    if (!plant_tables) return plant_tables.error();
    for (auto& tab : plant_tables->tables) res.tables.push_back(std::move(tab));
    for (const auto& check : plant_tables->balance) res.balance.push_back(check);
    plant_assumptions = std::move(plant_tables->assumptions);
  }

  // --- checks ---------------------------------------------------------------------------------
  if (const BalanceCheck* worst = results::worst_failure(res.balance)) {
    return core::Error::internal(results::describe_failure(*worst));
  }

  // --- records --------------------------------------------------------------------------------
  {
    RecordTable regions{std::string(results::kRecordsRegions.name),
                        "Model regions",
                        "The model's regions (countries and residual groups) and the aggregates "
                        "each belongs to whose member regions are all in the run "
                        "(data/regions.csv). Result tables hold model regions only; an "
                        "aggregate's total is the sum over the regions that list it.",
                        {"region", "name", "aggregates"},
                        {}};
    for (std::size_t r = 0; r < R; ++r) {
      std::string aggs;
      for (const auto& a : in.region_aggregates[r]) {
        // An aggregate some of whose regions are not in the run would sum to a partial total.
        if (std::find(in.complete_aggregates.begin(), in.complete_aggregates.end(), a) ==
            in.complete_aggregates.end()) {
          continue;
        }
        aggs += (aggs.empty() ? "" : ";") + a;
      }
      regions.rows.push_back(
          {Cell::of(in.regions[r]), Cell::of(in.region_names[r]), Cell::of(aggs)});
    }
    res.records.push_back(std::move(regions));
  }
  const ResultTable* inflow = res.find(results::kTableBatteryInflowKwh);
  auto gwh_of = [&](const std::string& code, int year) -> std::optional<double> {
    if (year < in.first_year || year > in.last_year) return std::nullopt;
    const bool is_aggregate =
        std::find(in.regions.begin(), in.regions.end(), code) == in.regions.end();
    if (is_aggregate && std::find(in.complete_aggregates.begin(), in.complete_aggregates.end(),
                                  code) == in.complete_aggregates.end()) {
      return std::nullopt;
    }
    const std::size_t t = static_cast<std::size_t>(year - in.first_year);
    double kwh = 0.0;
    bool any = false;
    for (std::size_t r = 0; r < R; ++r) {
      const auto& aggs = in.region_aggregates[r];
      if (in.regions[r] != code && std::find(aggs.begin(), aggs.end(), code) == aggs.end()) {
        continue;
      }
      any = true;
      for (std::size_t s = 0; s < S; ++s)
        for (std::size_t k = 0; k < K; ++k) kwh += inflow->values.data()[sh.rskt(r, s, k, t)];
    }
    if (!any) return std::nullopt;
    return kwh / core::kKwhPerGwh;
  };
  {
    RecordTable check{std::string(results::kRecordsDemandCheck.name),
                      "EV battery demand: model against IEA (validation case B)",
                      "New battery capacity (sales plus replacements) from the model against the "
                      "EV battery demand IEA reports (data/battery_demand.csv). Only regions whose "
                      "members are all in the run are shown.",
                      {"region", "year", "model_gwh", "reported_gwh", "deviation_fraction"},
                      {}};
    for (const auto& d : in.demand_checks) {
      auto model = gwh_of(d.region, d.year);
      if (!model) continue;
      check.rows.push_back({Cell::of(d.region), Cell::of(static_cast<double>(d.year)),
                            Cell::of(*model), Cell::of(d.reported_gwh),
                            Cell::of(*model / d.reported_gwh - 1.0)});
    }
    res.records.push_back(std::move(check));
  }
  {
    RecordTable per_vehicle{
        std::string(results::kRecordsReplacementPerVehicle.name),
        "Replacement packs per vehicle sold",
        "Expected number of replacement packs a vehicle sold in the first model year receives "
        "over its life (vehicle and pack lifetimes independent; a pack that fails in a running "
        "vehicle is replaced), and replacements installed during the run per vehicle sold.",
        {"segment", "vehicle_mean_years", "battery_mean_years", "lifetime_replacements_per_vehicle",
         "run_replacements_per_vehicle_sold"},
        {}};
    const ResultTable* repl = res.find(results::kTableReplacementPacks);
    const ResultTable* sales = res.find(results::kTableSalesVehicles);
    for (std::size_t s = 0; s < S; ++s) {
      fleet::ReplacementRule rule;
      if (!in.replacement_probability.empty()) {
        rule.probability = in.replacement_probability[s];
        rule.max_vehicle_age_years = in.replacement_max_vehicle_age_years[s];
      }
      auto life = fleet::lifetime_replacements_per_vehicle(
          in.vehicle_lifetime[s][0], in.battery_lifetime[s][0], kReplacementHorizonYears, rule);
      if (!life) return life.error();
      const double lifetime_repl = *life;
      double repl_sum = 0.0, sales_sum = 0.0;
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t < T; ++t) {
          repl_sum += repl->values.data()[sh.rst(r, s, t)];
          sales_sum += sales->values.data()[sh.rst(r, s, t)];
        }
      per_vehicle.rows.push_back({Cell::of(in.segments[s]),
                                  Cell::of(in.vehicle_lifetime[s][0].mean),
                                  Cell::of(in.battery_lifetime[s][0].mean), Cell::of(lifetime_repl),
                                  Cell::of(sales_sum > 0.0 ? repl_sum / sales_sum : 0.0)});
    }
    res.records.push_back(std::move(per_vehicle));
  }

  // --- assumptions ------------------------------------------------------------------------------
  res.assumptions = in.assumptions;
  if (!recovery.assumption.empty()) res.assumptions.push_back(recovery.assumption);
  for (auto& a : plant_assumptions) res.assumptions.push_back(std::move(a));
  res.assumptions.push_back(
      "model rule: vehicles and packs age separately (vehicle lifetime by sales year, pack "
      "lifetime by installation year, independent); a pack that fails while its vehicle runs is "
      "replaced by a new pack of the same size and chemistry (new-battery demand) and goes to "
      "end of life; a pack whose vehicle is scrapped first goes to second life (the second-life "
      "share) or to end of life; a pack never fails in its installation year");
  res.assumptions.push_back(
      "model rule: collection and recycling happen in the year a battery becomes waste (Busch "
      "et al.'s 1-year recycling delay is not applied); recycled feed is split by the capacity "
      "pool's route mix");
  report(1.0, "done");
  return res;
}

}  // namespace urbanmine::model
