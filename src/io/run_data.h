// SPDX-License-Identifier: Apache-2.0
// Loaders for the sourced CSVs that `urbanmine run` needs (data/README.md describes each file):
// EV sales, pack sizes, chemistry shares, material intensity, lifetimes, recovery fractions,
// recycling capacity, IEA battery demand, and the project's own region, segment and documented
// assumption files (data/regions.csv, data/segments.csv, data/*_assumptions.csv).
//
// Every loader checks its schema (required columns), units, years, ranges and codes, and adds
// every problem it finds to a Diagnostics with "file:line:column"; it never stops at the first
// one. Rows that fail are skipped, so a caller must not run a model when errors were reported.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/plan_data.h"

#include "results/registry.h"

namespace urbanmine::io {

// data/regions.csv: model regions (kind "country" or "residual") and aggregates.
struct RegionRecord {
  std::string code;  // ISO 3166 alpha-3 or an upper-case aggregate code
  std::string name;
  std::string kind;                      // "country", "residual" or "aggregate"
  std::vector<std::string> members;      // ISO3 codes; {"*"} = every country
  std::string sales_source;              // region name in ev_sales.csv (IEA spelling)
  std::vector<std::string> sales_minus;  // residual: IEA names subtracted from sales_source
  std::string pack_size_region;          // region name in pack_size.csv
  std::string chemistry_region;          // region name in chemistry_share.csv
  std::string notes;
  std::string location;  // file:line
};

// data/segments.csv: the model's vehicle segments and how data rows map onto them.
struct SegmentRecord {
  std::string segment;  // car_bev, car_phev, van, bus, truck, two_three_wheeler
  std::string vehicle_mode;
  std::vector<std::string> powertrains;
  std::vector<std::string> pack_size_segments;  // pack_size.csv labels, in order of preference
  std::string pack_size_powertrain;
  std::string lifetime_vehicle;  // `vehicle` in lifetime_params.csv
  std::string notes;
};

struct SalesRecord {
  std::string region;  // IEA name
  int year = 0;
  std::string vehicle_mode;
  std::string powertrain;
  double sales_vehicles = 0.0;
};

// data/ev_sales_steps.csv: IEA's projected sales (Stated Policies Scenario) by IEA projection
// region (projection_regions.csv), year, mode and powertrain.
struct SalesProjectionRecord {
  std::string region;  // a projection_region of projection_regions.csv
  int year = 0;
  std::string vehicle_mode;
  std::string powertrain;
  double sales_vehicles = 0.0;
  std::string location;
};

// data/battery_demand_steps.csv: IEA's projected EV battery demand (Stated Policies Scenario) by
// projection region, vehicle mode and year, in GWh; pack-size paths are scaled to meet it.
struct DemandProjectionRecord {
  std::string region;  // a projection_region of projection_regions.csv
  std::string vehicle_mode;
  int year = 0;
  double battery_demand_gwh = 0.0;
  std::string location;
};

// data/projection_regions.csv: an IEA projection region as model regions and aggregates; "*" =
// every model region in no other row.
struct ProjectionRegionRecord {
  std::string name;
  std::vector<std::string> members;
  std::string location;
};

struct PackSizeRecord {
  std::string region;
  int year = 0;
  std::string segment;
  std::string powertrain;
  double kwh_per_vehicle = 0.0;
};

// Only the EV Volumes series (Busch et al.; "Derived" sums) of chemistry_share.csv: a full split
// per region and year. The IEA rows (other scope, bounds like "<0.10") are not loaded.
struct ChemistryShareRecord {
  std::string region;
  int year = 0;
  std::string chemistry;
  double share_fraction = 0.0;
  std::string location;
};

// data/chemistry_segment_share.csv: a segment's chemistry rule in a region (or in every region
// without its own row, region "*"): the group `chemistries` takes `share_fraction` of the
// segment's new kWh; the rest goes to the chemistries in no group of the rule. Within each part
// the region's light-duty (EV Volumes) ratios of the year apply (model/scenario.cpp).
struct ChemistrySegmentRecord {
  std::string region;  // a model region, or "*"
  std::string segment;
  int year = 0;
  std::vector<std::string> chemistries;
  double share_fraction = 0.0;
  std::string location;
};

struct IntensityRecord {
  std::string chemistry;
  std::string material;
  double kg_per_kwh = 0.0;
};

// lifetime_params.csv rows with a numeric mean and sd (vehicle and battery lifetimes).
struct LifetimeRecord {
  std::string scenario;
  std::string vehicle;
  std::string item;  // "vehicle" or "battery (LIB)"
  double mean_years = 0.0;
  double sd_years = 0.0;
};

struct RecoveryRecord {
  std::string route;
  std::string element;
  double recovery_fraction = 0.0;  // blank in the source (not recovered) is 0
  bool assumption = false;         // from recovery_assumptions.csv
};

// Route codes in the order of every route array (results/registry.h).
using results::kRouteCodes;
using results::kRouteCount;

struct CapacityPoint {
  std::string region;  // a model region or an aggregate code
  int year = 0;
  double capacity_t_per_year = 0.0;
  std::array<double, kRouteCount> route_shares{};  // order of kRouteCodes
  std::string location;
};

struct CollectionPoint {
  std::string region;  // "all", a model region or an aggregate
  int year = 0;
  double collection_fraction = 0.0;
  std::string location;
};

struct GrowthRow {
  std::string region;   // "all", a model region or an aggregate
  std::string segment;  // "all" or a segment code
  int from_year = 0;
  int to_year = 0;
  double growth_rate_per_year = 0.0;
  std::string location;
};

struct BatteryMassRecord {
  std::string chemistry;
  double cell_kg_per_kwh = 0.0;  // EverBatt default cell mass / cell energy of basis_chemistry
  std::string basis_chemistry;
};

// Cell manufacturing capacity of a model region in a year (data/cell_production_share.csv): where
// production scrap arises, as shares of the world's capacity.
struct CellCapacityPoint {
  std::string region;  // a model region (not an aggregate)
  int year = 0;
  double cell_capacity_gwh = 0.0;
  std::string location;
};

// The largest share of cell production a scrap rate may give (ramp-up peaks reach 90 %, Porsche
// Consulting 2025; production_scrap_rate.csv notes): data rows, scenario entries and uncertain
// draws are held to it.
inline constexpr double kMaxScrapFraction = 0.9;

// Share of cell production scrapped in a year (data/production_scrap_rate.csv).
struct ScrapRatePoint {
  int year = 0;
  double scrap_fraction = 0.0;
  std::string location;
};

// A recycling plant of data/recycling_plants.csv: the capacity path of model regions that no
// capacity figure of recycling_capacity_assumptions.csv or the scenario covers.
struct RecyclingPlant {
  std::string region;  // a model region
  std::string operator_name;
  double capacity_t_per_year = 0.0;  // on `basis`
  bool black_mass_basis = false;     // false: tonnes of battery
  int commissioning_year = 0;
  bool counted = false;    // operating or under construction
  bool announced = false;  // counted only when the scenario asks ([recycling_plants])
  std::string location;
};

// What trade between regions needs of the plan data (io/plan_data.h): region coordinates, the
// shipping rules with their legal references, and transport cost and CO2 per tonne-km.
struct TradeData {
  std::vector<PlanSiteData> sites;
  std::vector<PlanShippingRule> rules;
  double transport_usd_per_tkm = 0.0;
  double transport_kg_co2_per_tkm = 0.0;
  double black_mass_t_per_t_battery = 0.0;  // converts black-mass plant capacity to battery
};

struct DemandRecord {
  std::string region;  // IEA name
  int year = 0;
  double gwh = 0.0;
};

// One assumption the data files state, for RunResults.assumptions and reports.
struct AssumptionNote {
  std::string file;
  std::string subject;
  std::string text;  // the note, starting "Assumption: ..."
  std::string source;
  std::string location;  // "<data_dir>/<file>:<line>", as the row's data point names it
};

struct DataFileDigest {
  std::string name;     // file name inside the data folder
  std::string content;  // the bytes read, for the run's scenario hash
};

struct RunData {
  std::string data_dir;
  std::vector<RegionRecord> regions;
  std::vector<SegmentRecord> segments;
  std::vector<SalesRecord> sales;
  int sales_first_year = 0;
  int sales_last_year = 0;
  std::vector<ProjectionRegionRecord> projection_regions;
  std::vector<SalesProjectionRecord> sales_projection;    // IEA STEPS
  std::vector<DemandProjectionRecord> demand_projection;  // IEA STEPS
  std::vector<PackSizeRecord> pack_sizes;
  std::vector<ChemistryShareRecord> chemistry_shares;
  std::vector<ChemistrySegmentRecord> chemistry_segment_shares;
  std::vector<IntensityRecord> intensities;
  std::vector<LifetimeRecord> lifetimes;
  double second_life_share = 0.0;  // lifetime_params.csv "second-life share of retired LIBs"
  std::vector<RecoveryRecord> recovery;
  std::vector<CapacityPoint> capacity;
  std::vector<CollectionPoint> collection;
  std::vector<GrowthRow> growth;
  std::vector<BatteryMassRecord> battery_mass;
  std::vector<DemandRecord> battery_demand;  // "EV battery demand" rows in GWh
  std::vector<CellCapacityPoint> cell_capacity;
  std::vector<ScrapRatePoint> scrap_rates;  // sorted by year
  std::vector<RecyclingPlant> plants;
  TradeData trade;
  double second_life_mean_years = 0.0;
  double second_life_sd_years = 0.0;
  std::vector<AssumptionNote> assumptions;
  std::vector<DataFileDigest> files;
};

// Loads and checks every file above from `data_dir`. Problems go to `diags` (each with
// file:line:column); the returned data holds the rows that passed.
RunData load_run_data(const std::string& data_dir, core::Diagnostics& diags);

// Splits "a;b;c" into trimmed non-empty parts.
std::vector<std::string> split_list(const std::string& text, char separator = ';');

}  // namespace urbanmine::io
