// SPDX-License-Identifier: Apache-2.0
// A resolved scenario: the scenario file's entries merged with the defaults from data/ into
// dense arrays over model region x segment x chemistry x element x route x year, ready for the
// fleet and recycling model (fleet/fleet.h, chain/chain.h, driven by model/run_model.h).
// Resolution also checks everything that needs the data: region, segment, chemistry, element and
// route codes, shares that must sum to one, lifetime parameters, and year ranges. Every problem
// names the scenario file and key (or the data file and row).
//
// Defaults and how a scenario changes them (docs/formats/scenario.md):
// - history (sales 2010-2024, pack sizes and chemistry shares 2015-2024) comes from data;
//   scenario points for pack size and chemistry shares add or replace years of that path;
// - assumption paths (growth, collection, capacity) are replaced, per region, by any scenario
//   entry that applies to that region.
#pragma once

#include <array>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"
#include "mfa/lifetime.h"
#include "plant/plant.h"

#include "chain/chain.h"
#include "fleet/fleet.h"
#include "results/registry.h"

namespace urbanmine::model {

// Element and route codes of every element and route array (results/registry.h).
using results::kElementCodes;
using results::kElementCount;
using results::kRouteCount;

// A group of model regions sharing recycling capacity (a region code or an aggregate).
using CapacityPool = chain::CapacityPool;

struct ModelInputs {
  std::string scenario_name;
  int first_year = 0;
  int last_year = 0;
  int sales_history_last_year = 0;      // last year of data/ev_sales.csv; projections after it
  int chemistry_history_last_year = 0;  // last year of chemistry_share.csv's series
  std::size_t years = 0;                // T
  std::vector<std::string> regions;     // model region codes (leaves)
  std::vector<std::string> region_names;
  std::vector<std::vector<std::string>> region_aggregates;  // aggregates containing each region
  std::vector<std::string> complete_aggregates;  // aggregates all of whose model regions run
  std::vector<std::string> segments;
  std::vector<std::string> chemistries;

  // [region][segment][year]
  std::vector<std::vector<std::vector<double>>> sales_vehicles;
  std::vector<std::vector<std::vector<double>>> pack_kwh;
  // [region][segment][year][chemistry], each year sums to 1
  std::vector<std::vector<std::vector<std::vector<double>>>> chemistry_share;
  // [chemistry][element] kg per kWh of pack
  std::vector<std::array<double, kElementCount>> intensity_kg_per_kwh;
  // [chemistry] tonnes of battery (cells) per kWh, for comparison with recycling capacity
  std::vector<double> battery_t_per_kwh;
  // [segment][year]: lifetime of vehicles sold in that year / packs installed in that year
  std::vector<std::vector<mfa::LifetimeParams>> vehicle_lifetime;
  std::vector<std::vector<mfa::LifetimeParams>> battery_lifetime;
  // [segment]: share of packs failing in a running vehicle that are replaced by a new pack, and
  // the vehicle age (years since the sales year) above which none is; a failed pack that is not
  // replaced retires its vehicle. Defaults 1 and +infinity (every failed pack replaced).
  std::vector<double> replacement_probability;
  std::vector<double> replacement_max_vehicle_age_years;
  std::vector<double> second_life_share;  // [segment]
  mfa::LifetimeParams second_life_lifetime;
  // World-wide cap on second-life inflow, kWh per year (+infinity = no cap).
  double second_life_cap_kwh_per_year = std::numeric_limits<double>::infinity();
  // [segment]: packs of vehicles scrapped older than this (years since the sales year) are not
  // eligible for second life; infinity = no age limit.
  std::vector<double> second_life_max_vehicle_age_years;
  // Used-vehicle exports between model regions (scenario [[used_vehicle_export]]); none by
  // default.
  std::vector<fleet::UsedExport> used_exports;
  // [region][year]
  std::vector<std::vector<double>> collection_fraction;
  std::vector<CapacityPool> pools;
  std::vector<int> pool_of_region;  // index into pools, or -1 (no capacity)
  // Production scrap and trade between regions (model/feedstock.h).
  chain::ProductionScrapInputs production_scrap;
  chain::TradeInputs trade;
  chain::CapacityGrowthInputs capacity_growth;
  // [route][element]
  std::array<std::array<double, kElementCount>, kRouteCount> recovery_fraction{};
  // Recovery policy path (scenario [recovery_path]): empty, or "eu_2023_1542" (the plant data's
  // EU material recovery targets as floors on every route from the year after each deadline)
  // in the regions flagged [region]. model/run_model.cpp derives the recoveries by region and
  // year from recovery_fraction and these (recovery_by_region_year).
  std::string recovery_policy;
  std::vector<bool> recovery_policy_region;
  // The recycling plant model (docs/plant.md), loaded from the same data folder. When set, the
  // run recycles through plant::balance (with recovery_fraction as route recoveries) and adds
  // products, revenue and CO2e tables; when null, recycle_element alone is used.
  std::shared_ptr<const plant::PlantDefaults> plant_defaults;

  // IEA battery demand rows (region code or aggregate code, year, GWh) for validation case B.
  struct DemandCheck {
    std::string region;
    int year = 0;
    double reported_gwh = 0.0;
  };
  std::vector<DemandCheck> demand_checks;

  std::vector<std::string> assumptions;  // every default and assumption used, with its source
};

// Route recoveries by region and year, [r * T + t][route][element]: recovery_fraction, raised to
// the policy path's floors where and when it applies (empty when there is no policy path).
// `plant_defaults` must be set (the targets are plant data). Also says what it did in words.
struct RecoveryByRegionYear {
  std::vector<std::array<std::array<double, kElementCount>, kRouteCount>> table;
  std::string assumption;
};
RecoveryByRegionYear recovery_by_region_year(const ModelInputs& in);

// Gives model region `r`, which is in no pool, a pool of its own with `capacity_t` per year and
// the default route (hydrometallurgy): the plant list and capacity growth use it.
void add_region_pool(ModelInputs& in, std::size_t r, std::vector<double> capacity_t);

// Merges `spec` with `data` into model inputs; every problem goes to `diags`. The result is
// only meaningful when diags has no errors.
ModelInputs resolve_scenario(const io::ScenarioSpec& spec, const io::RunData& data,
                             core::Diagnostics& diags);

}  // namespace urbanmine::model
