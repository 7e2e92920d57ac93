// SPDX-License-Identifier: Apache-2.0
// Scenario files in TOML (docs/formats/scenario.md): parses the text into a ScenarioSpec that
// holds exactly what the file says, with the file, line and key of every entry so that later
// checks can name them. Syntax errors, unknown keys (with a hint when a key carries the wrong
// unit, e.g. capacity_gwh), wrong value types and values outside their range are reported here,
// all at once; checks that need the data (region, segment, chemistry codes) are in
// model/scenario.cpp.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/result.h"

namespace urbanmine::io {

// A lifetime distribution as written in the file; unset fields fall back to the defaults.
struct LifetimeSpec {
  std::optional<std::string> distribution;  // Fixed, Normal, FoldedNormal, LogNormal, Weibull
  std::optional<double> mean_years;
  std::optional<double> sd_years;
  std::optional<double> weibull_shape;
  std::optional<double> weibull_scale_years;
  std::string location;
  bool present = false;
};

struct CohortLifetimeSpec {
  int from_year = 0;  // applies to packs installed in this year and later
  LifetimeSpec lifetime;
};

struct SegmentLifetimeSpec {
  std::string segment;
  LifetimeSpec vehicle;
  LifetimeSpec battery;
  std::vector<CohortLifetimeSpec> battery_by_cohort;
  std::string location;
};

struct GrowthSpec {
  std::string region = "all";
  std::string segment = "all";
  int from_year = 0;
  int to_year = 0;
  double growth_rate_per_year = 0.0;
  std::string location;
};

struct SalesTargetSpec {
  std::string region;
  std::string segment;
  int year = 0;
  double sales_vehicles = 0.0;
  std::string location;
};

struct PackSizeSpec {
  std::string region = "all";
  std::string segment;
  int year = 0;
  double kwh_per_vehicle = 0.0;
  std::string location;
};

struct ChemistryShareSpec {
  std::string region = "all";
  std::string segment = "all";  // "all" or a segment code
  int year = 0;
  std::vector<std::pair<std::string, double>> shares;  // chemistry -> share_fraction
  std::string location;
};

struct IntensitySpec {
  std::string chemistry;
  std::string element;
  double kg_per_kwh = 0.0;
  std::string location;
};

struct CollectionSpec {
  std::string region = "all";
  int year = 0;
  double collection_fraction = 0.0;
  std::string location;
};

// [[used_vehicle_export]]: of the vehicles sold in `from` (and of `segment`, or every segment
// when empty) still running at `age_years`, the share `share` is exported to `to` with its pack.
struct UsedExportSpec {
  std::string from, to, segment;
  double share = 0.0;
  int age_years = 0;
  std::string location;
};

struct CapacitySpec {
  std::string region;
  int year = 0;
  double capacity_t_per_year = 0.0;
  std::vector<std::pair<std::string, double>> routes;  // route -> share; empty = default mix
  std::string location;
};

struct RecoverySpec {
  std::string route;
  std::string element;
  double recovery_fraction = 0.0;
  std::string location;
};

// [[production_scrap.rate]]: the share of cell production that becomes scrap, from a year
// (replaces data/production_scrap_rate.csv for those years; interpolated between points).
struct ScrapRateSpec {
  int year = 0;
  double scrap_fraction = 0.0;
  std::string location;
};

// [[trade.block]]: a route closed to waste batteries and black mass (in addition to
// data/plan_shipping_rules.csv), e.g. no exports from the EU.
struct TradeBlockSpec {
  std::string origin;       // a model region, an aggregate or "all"
  std::string destination;  // a model region, an aggregate or "all"
  int first_year = 0;       // 0 = from the start
  int last_year = 0;        // 0 = to the end
  std::string reason;
  std::string location;
};

// [[passport_fleet]]: EV battery passports laid over a region's cohorts (docs/passport.md,
// "Passports as fleet data").
struct PassportFleetSpec {
  std::string path;    // a passport file or folder; relative paths from the scenario's folder
  std::string region;  // a model region
  std::string segment = "car_bev";
  // "coverage": passports stand for the batteries they describe, the data's mix for the rest;
  // "sample": the passports' mix stands for the whole cohort.
  std::string mode = "coverage";
  std::string location;
};

struct ScenarioSpec {
  std::string source;  // file path or name, used in every location
  std::string text;    // the file's bytes (hashed into the run metadata)
  std::string name;
  std::string description;
  int first_year = 2010;
  int last_year = 2050;
  std::string years_location;
  std::vector<std::string> regions = {"all"};
  std::string regions_location;
  std::string lifetime_data_scenario = "Baseline";
  std::string lifetime_data_scenario_location;
  unsigned long long seed = 0;
  std::optional<double> backcast_growth;
  // How sales are projected after the history: "iea_steps" (IEA STEPS sales of
  // data/ev_sales_steps.csv as targets, then growth rates) or "growth" (growth rates only).
  std::string sales_projection = "iea_steps";
  std::string sales_projection_location;
  // Pack sizes after the data: "iea_steps" (scaled so that new-vehicle demand at IEA's STEPS sales
  // meets IEA's STEPS battery demand, data/battery_demand_steps.csv) or "hold" (last data year).
  std::string pack_size_projection = "iea_steps";
  std::vector<GrowthSpec> growth;
  std::vector<SalesTargetSpec> targets;
  std::vector<PackSizeSpec> pack_sizes;
  std::vector<ChemistryShareSpec> chemistry_shares;
  std::vector<IntensitySpec> intensities;
  std::vector<SegmentLifetimeSpec> lifetimes;
  std::optional<double> second_life_share;
  std::string second_life_location;
  std::vector<std::pair<std::string, double>> second_life_share_by_segment;
  LifetimeSpec second_life_lifetime;
  // World-wide cap on packs entering second life, GWh per year (stationary demand they can
  // serve); packs beyond it go to waste. None by default.
  std::optional<double> second_life_cap_gwh_per_year;
  // Second-life eligibility: only packs of vehicles scrapped at most this old (years since the
  // sales year) may be repurposed; older ones go to waste. None by default.
  std::optional<double> second_life_max_vehicle_age_years;
  std::vector<std::pair<std::string, double>> second_life_max_vehicle_age_years_by_segment;
  // [replacement]: what happens to a pack that fails in a running vehicle (docs/model.md).
  std::optional<double> replacement_probability;            // 0-1, share replaced by a new pack
  std::optional<double> replacement_max_vehicle_age_years;  // older vehicles are retired
  std::vector<std::pair<std::string, double>> replacement_probability_by_segment;
  std::vector<std::pair<std::string, double>> replacement_max_vehicle_age_years_by_segment;
  std::string replacement_location;
  std::vector<CollectionSpec> collection;
  std::vector<UsedExportSpec> used_exports;
  std::vector<CapacitySpec> capacity;
  std::vector<RecoverySpec> recovery;
  // [production_scrap]: cell manufacturing scrap as recycling feedstock (docs/model.md). Unset =
  // on when the run covers every model region (the scrap is placed by the world's cell
  // production shares), off otherwise.
  std::optional<bool> production_scrap_enabled;
  std::vector<ScrapRateSpec> scrap_rates;
  std::string production_scrap_location;
  // [capacity_follows_feedstock]: each pool's capacity grows to `share` of the feedstock it had
  // `lag_years` earlier (never below its data or scenario path), from `from_year`.
  std::optional<double> capacity_follow_share;
  int capacity_follow_lag_years = 3;
  int capacity_follow_from_year = 0;  // 0 = from the first year
  std::string capacity_follow_location;
  // [recycling_plants]: count announced plants of data/recycling_plants.csv too.
  bool include_announced_plants = false;
  // [trade]: surplus feedstock shipped to spare capacity elsewhere (on unless enabled = false).
  std::optional<bool> trade_enabled;
  std::vector<TradeBlockSpec> trade_blocks;
  std::string trade_location;
  // [market]: ranking weights by criterion (feedstock, policy, risk, growth; 0-1 each, scaled
  // to sum 1 by the ranking; criteria not given keep the equal default) and ranking year.
  std::vector<std::pair<std::string, double>> market_weights;
  std::optional<int> market_year;
  std::vector<PassportFleetSpec> passport_fleets;
  // [recovery_path]: a recovery policy path over the route recoveries (docs/formats/scenario.md):
  // "eu_2023_1542" = the material recovery targets of Regulation (EU) 2023/1542 Annex XII Part C
  // (data/eu_battery_regulation_targets.csv) as floors from the year after each deadline, in
  // `recovery_policy_regions` (default EU27). Empty = none (the routes' own rates).
  std::string recovery_policy;
  std::vector<std::string> recovery_policy_regions = {"EU27"};
  std::string recovery_policy_location;
};

// Parses scenario TOML `text`; `source` names it in locations ("file:line: key"). Problems go to
// `diags`; the spec holds every entry that parsed.
ScenarioSpec parse_scenario_toml(const std::string& text, const std::string& source,
                                 core::Diagnostics& diags);

// Reads and parses a scenario file; a missing or unreadable file is one error in `diags`.
ScenarioSpec read_scenario_file(const std::string& path, core::Diagnostics& diags);

// Scenario TOML text from a JSON object of the same shape (the Python module's dicts: tables
// are objects, arrays of tables are arrays of objects). Errors name `source` and the JSON path
// of a value TOML cannot hold (null, or a mixed array); the text is then checked as any file is.
core::Result<std::string> scenario_toml_from_json(const std::string& json_text,
                                                  const std::string& source);

}  // namespace urbanmine::io
