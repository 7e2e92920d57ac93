// SPDX-License-Identifier: Apache-2.0
// The table registry: every result table and record table a run produces is declared here once
// (name, unit column, dimensions, description), with the dimension names and the element and
// route codes of the model. The model builds its tables through make_table(); the CSV/JSON
// renderers, the store, the HTTP API and docs/formats/outputs.md (checked by a test) all follow
// this list, so a table is never declared in two places.
//
//   auto t = results::make_table(results::kEndOfLifeT, std::move(values));  // checks the dims
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/dim_array.h"
#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::results {

// Dimension names (never renamed: they are CSV column names and SQL columns).
inline constexpr std::string_view kDimRegion = "region";
inline constexpr std::string_view kDimSegment = "segment";
inline constexpr std::string_view kDimChemistry = "chemistry";
inline constexpr std::string_view kDimElement = "element";
inline constexpr std::string_view kDimRoute = "route";
inline constexpr std::string_view kDimYear = "year";
inline constexpr std::string_view kDimProduct = "product";
inline constexpr std::string_view kDimDestination = "destination";  // a capacity pool code

// The elements of every element array, in this order, with their names for people.
inline constexpr std::array<const char*, 7> kElementCodes = {"Li",       "Ni", "Co", "Mn",
                                                             "graphite", "Cu", "Al"};
inline constexpr std::array<const char*, 7> kElementNames = {
    "lithium", "nickel", "cobalt", "manganese", "graphite", "copper", "aluminium"};
inline constexpr std::size_t kElementCount = kElementCodes.size();
// The elements the run's findings name (the battery metals of the EU Regulation's recovery and
// recycled-content targets), in this order.
inline constexpr std::array<const char*, 3> kHeadlineElements = {"Li", "Ni", "Co"};
// Element index by code, or nullopt.
std::optional<std::size_t> element_index(std::string_view code);
// "lithium" for "Li"; the code itself when unknown.
std::string element_name(std::string_view code);

// Recycling routes (after pretreatment to black mass), in this order.
inline constexpr std::size_t kRouteCount = 3;
inline constexpr std::array<const char*, kRouteCount> kRouteCodes = {"pyrometallurgy",
                                                                     "hydrometallurgy", "direct"};

// A result table's declaration.
struct TableSpec {
  std::string_view name;
  std::string_view value_column;  // unit-suffixed: mass_tonnes, capacity_kwh, vehicles, ...
  std::array<std::string_view, 6> dims{};  // in order; empty entries unused
  std::string_view description;

  std::vector<std::string> dim_names() const;
};

// Battery capacity flows and stocks [region, segment, chemistry, year], kWh.
inline constexpr TableSpec kBatteryInflowKwh{
    "new_batteries_kwh",
    "capacity_kwh",
    {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
    "New battery packs (sales plus replacements), kWh by region, segment, chemistry and year"};
inline constexpr TableSpec kInUseStockKwh{"in_use_stock_kwh",
                                          "capacity_kwh",
                                          {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
                                          "Battery packs in use in vehicles at year end"};
inline constexpr TableSpec kEndOfLifeKwh{
    "use_to_end_of_life_kwh",
    "capacity_kwh",
    {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
    "Packs leaving vehicles: failed packs and packs of scrapped vehicles"};
inline constexpr TableSpec kSecondLifeInflowKwh{
    "end_of_life_to_second_life_kwh",
    "capacity_kwh",
    {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
    "Packs of scrapped vehicles repurposed for stationary storage"};
inline constexpr TableSpec kSecondLifeStockKwh{"second_life_stock_kwh",
                                               "capacity_kwh",
                                               {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
                                               "Repurposed packs in second-life use at year end"};
inline constexpr TableSpec kSecondLifeOutflowKwh{"second_life_to_waste_kwh",
                                                 "capacity_kwh",
                                                 {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
                                                 "Packs leaving second life as waste"};
// Used-vehicle trade between model regions (only in runs with [[used_vehicle_export]]).
inline constexpr TableSpec kUsedVehicleTradeVehicles{
    "used_vehicle_trade_vehicles",
    "vehicles",
    {kDimRegion, kDimDestination, kDimSegment, kDimYear},
    "Used vehicles exported with their packs from a region (origin) to another model region "
    "(destination), by segment and year (only in runs with [[used_vehicle_export]])"};
inline constexpr TableSpec kUsedVehicleExportKwh{
    "use_to_used_vehicle_export_kwh",
    "capacity_kwh",
    {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
    "Packs in used vehicles leaving the region's use phase for another region"};
inline constexpr TableSpec kUsedVehicleImportKwh{
    "used_vehicle_import_to_use_kwh",
    "capacity_kwh",
    {kDimRegion, kDimSegment, kDimChemistry, kDimYear},
    "Packs in used vehicles arriving in the region's use phase from another region"};
// Vehicles [region, segment, year].
inline constexpr TableSpec kSalesVehicles{
    "sales_vehicles",
    "vehicles",
    {kDimRegion, kDimSegment, kDimYear},
    "EV sales by region, segment and year (history, projection)"};
inline constexpr TableSpec kReplacementPacks{
    "replacement_packs",
    "packs",
    {kDimRegion, kDimSegment, kDimYear},
    "Replacement packs installed in running vehicles whose pack failed"};
inline constexpr TableSpec kInUseVehicles{"in_use_vehicles",
                                          "vehicles",
                                          {kDimRegion, kDimSegment, kDimYear},
                                          "EVs in use at the end of each year"};
// Element masses [region, segment, chemistry, element, year], tonnes.
inline constexpr TableSpec kBatteryInflowT{
    "new_batteries_t",
    "mass_tonnes",
    {kDimRegion, kDimSegment, kDimChemistry, kDimElement, kDimYear},
    "Element content of new packs by region, segment, chemistry, element and year"};
inline constexpr TableSpec kEndOfLifeDetailT{
    "use_to_end_of_life_t",
    "mass_tonnes",
    {kDimRegion, kDimSegment, kDimChemistry, kDimElement, kDimYear},
    "Element content of packs leaving vehicles by region, segment, chemistry, element and year"};
// Element masses [region, element, year] (+ route where declared), tonnes.
inline constexpr TableSpec kMaterialDemandT{"material_demand_t",
                                            "mass_tonnes",
                                            {kDimRegion, kDimElement, kDimYear},
                                            "Element content of new packs (material demand)"};
inline constexpr TableSpec kInUseStockT{"in_use_stock_t",
                                        "mass_tonnes",
                                        {kDimRegion, kDimElement, kDimYear},
                                        "Element content of packs in use at year end"};
inline constexpr TableSpec kUseToEndOfLifeT{
    "use_to_end_of_life_by_element_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Element content of packs leaving vehicles (failed or with a scrapped vehicle)"};
inline constexpr TableSpec kSecondLifeInflowT{"end_of_life_to_second_life_t",
                                              "mass_tonnes",
                                              {kDimRegion, kDimElement, kDimYear},
                                              "Element content of packs entering second life"};
inline constexpr TableSpec kSecondLifeStockT{"second_life_stock_t",
                                             "mass_tonnes",
                                             {kDimRegion, kDimElement, kDimYear},
                                             "Element content of packs in second life at year end"};
inline constexpr TableSpec kSecondLifeOutflowT{"second_life_to_waste_t",
                                               "mass_tonnes",
                                               {kDimRegion, kDimElement, kDimYear},
                                               "Element content of packs leaving second life"};
inline constexpr TableSpec kEndOfLifeT{
    "end_of_life_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Element content of waste batteries (end of life not repurposed, plus second-life outflow)"};
inline constexpr TableSpec kCollectedT{"waste_to_collection_t",
                                       "mass_tonnes",
                                       {kDimRegion, kDimElement, kDimYear},
                                       "Waste batteries collected for recycling"};
inline constexpr TableSpec kLostOrExportedT{"waste_to_lost_or_exported_t",
                                            "mass_tonnes",
                                            {kDimRegion, kDimElement, kDimYear},
                                            "Waste batteries not collected (lost or exported)"};
inline constexpr TableSpec kRecycledT{"collection_to_recycling_t",
                                      "mass_tonnes",
                                      {kDimRegion, kDimElement, kDimRoute, kDimYear},
                                      "Collected batteries recycled within capacity, by route"};
inline constexpr TableSpec kRecoveredT{"recycling_to_secondary_metal_t",
                                       "mass_tonnes",
                                       {kDimRegion, kDimElement, kDimRoute, kDimYear},
                                       "Metal recovered by recycling (secondary supply), by route"};
inline constexpr TableSpec kRecyclingResidueT{
    "recycling_to_residue_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimRoute, kDimYear},
    "Element mass entering recycling but not recovered (slag, residues), by route"};
inline constexpr TableSpec kUnrecycledT{
    "collection_to_black_mass_surplus_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Stranded feedstock: collected batteries and production scrap that neither home capacity nor "
    "any capacity it may legally be shipped to takes (a plant to build)"};
// Production scrap and trade (docs/model.md, "Production scrap" and "Trade").
inline constexpr TableSpec kProductionScrapKwh{
    "production_scrap_kwh",
    "capacity_kwh",
    {kDimRegion, kDimChemistry, kDimYear},
    "Cell manufacturing scrap: the world's new pack kWh x the scrap rate, placed by the region's "
    "share of world cell capacity"};
inline constexpr TableSpec kProductionScrapT{
    "cell_manufacturing_to_recycling_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Element mass in production scrap, fed to recycling with collected batteries"};
inline constexpr TableSpec kFeedstockAvailableT{
    "feedstock_available_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Available for recycling in the region: collected waste batteries plus production scrap"};
inline constexpr TableSpec kRecycledAtHomeT{
    "feedstock_recycled_at_home_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Available feedstock recycled by the region's own capacity pool"};
inline constexpr TableSpec kFeedstockExportedT{
    "feedstock_exported_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Feedstock shipped to spare capacity in another region (waste batteries or black mass)"};
inline constexpr TableSpec kFeedstockImportedT{
    "feedstock_imported_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Feedstock shipped in from other regions and recycled here"};
inline constexpr TableSpec kFeedstockShipmentsT{
    "feedstock_shipments_t",
    "mass_tonnes",
    {kDimRegion, kDimDestination, kDimYear},
    "Shipments of feedstock, tonnes of battery, from a region to a capacity pool (a region or an "
    "aggregate): the least-cost legal allocation of surplus to spare capacity"};
inline constexpr TableSpec kFeedstockStrandedBatteryT{
    "feedstock_stranded_t",
    "mass_tonnes",
    {kDimRegion, kDimYear},
    "Feedstock, tonnes of battery, beyond home capacity that no legal route to spare capacity "
    "takes"};
inline constexpr TableSpec kTransportCostUsd{
    "feedstock_transport_cost_usd",
    "cost_usd",
    {kDimRegion, kDimYear},
    "Transport cost of the region's feedstock exports (great-circle distance x cost per t-km)"};
inline constexpr TableSpec kTransportCo2T{
    "feedstock_transport_co2_t",
    "co2_tonnes",
    {kDimRegion, kDimYear},
    "Transport CO2 of the region's feedstock exports (great-circle distance x CO2 per t-km)"};
inline constexpr TableSpec kUsedVehicleExportT{
    "use_to_used_vehicle_export_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Element content of packs in used vehicles exported to another region"};
inline constexpr TableSpec kUsedVehicleImportT{
    "used_vehicle_import_to_use_t",
    "mass_tonnes",
    {kDimRegion, kDimElement, kDimYear},
    "Element content of packs in used vehicles imported from another region"};
// Battery mass balance [region, year], tonnes of battery.
inline constexpr TableSpec kCollectedBatteryT{"collected_battery_t",
                                              "mass_tonnes",
                                              {kDimRegion, kDimYear},
                                              "Collected battery (cell) mass, tonnes of battery"};
inline constexpr TableSpec kRecyclingCapacityT{
    "recycling_capacity_t",
    "mass_tonnes",
    {kDimRegion, kDimYear},
    "Recycling capacity available to the region, tonnes of battery per year"};
inline constexpr TableSpec kFeedstockSurplusT{
    "feedstock_surplus_t",
    "mass_tonnes",
    {kDimRegion, kDimYear},
    "Collected battery and production scrap mass minus home recycling capacity, before trade: "
    "positive = surplus, negative = idle capacity"};
// Secondary supply share of material demand [region, element, year], a fraction.
inline constexpr TableSpec kSecondaryShare{
    "secondary_supply_share",
    "share_fraction",
    {kDimRegion, kDimElement, kDimYear},
    "Recovered metal as a share of material demand for new batteries"};
// The recycling plant model per region and year (docs/plant.md).
inline constexpr TableSpec kRecyclingProductsT{
    "recycling_to_products_t",
    "mass_tonnes",
    {kDimRegion, kDimProduct, kDimYear},
    "Products of recycling by region and year (compounds such as Li2CO3 and NiSO4·6H2O in tonnes "
    "of product; other materials as sold), from the plant model with EverBatt defaults."};
inline constexpr TableSpec kRecyclingRevenueUsd{"recycling_revenue_usd",
                                                "revenue_usd",
                                                {kDimRegion, kDimYear},
                                                "Revenue of recycling products"};
inline constexpr TableSpec kRecyclingCo2eAvoidedT{
    "recycling_co2e_avoided_t",
    "co2e_tonnes",
    {kDimRegion, kDimYear},
    "Primary-production CO2e avoided by the recycled products (GREET 2022 factors in EverBatt "
    "2023, co2_factors.csv)."};
inline constexpr TableSpec kRecyclingCo2eEmittedT{
    "recycling_co2e_emitted_t",
    "co2e_tonnes",
    {kDimRegion, kDimYear},
    "Process CO2e of recycling reagents with a factor in co2_factors.csv"};

// The table names as strings (derived from the specs above, not declared again).
inline constexpr std::string_view kTableBatteryInflowKwh = kBatteryInflowKwh.name;
inline constexpr std::string_view kTableInUseStockKwh = kInUseStockKwh.name;
inline constexpr std::string_view kTableEndOfLifeKwh = kEndOfLifeKwh.name;
inline constexpr std::string_view kTableSecondLifeInflowKwh = kSecondLifeInflowKwh.name;
inline constexpr std::string_view kTableSecondLifeStockKwh = kSecondLifeStockKwh.name;
inline constexpr std::string_view kTableSecondLifeOutflowKwh = kSecondLifeOutflowKwh.name;
inline constexpr std::string_view kTableSalesVehicles = kSalesVehicles.name;
inline constexpr std::string_view kTableReplacementPacks = kReplacementPacks.name;
inline constexpr std::string_view kTableInUseVehicles = kInUseVehicles.name;
inline constexpr std::string_view kTableBatteryInflowT = kBatteryInflowT.name;
inline constexpr std::string_view kTableEndOfLifeDetailT = kEndOfLifeDetailT.name;
inline constexpr std::string_view kTableMaterialDemandT = kMaterialDemandT.name;
inline constexpr std::string_view kTableInUseStockT = kInUseStockT.name;
inline constexpr std::string_view kTableUseToEndOfLifeT = kUseToEndOfLifeT.name;
inline constexpr std::string_view kTableSecondLifeInflowT = kSecondLifeInflowT.name;
inline constexpr std::string_view kTableSecondLifeStockT = kSecondLifeStockT.name;
inline constexpr std::string_view kTableSecondLifeOutflowT = kSecondLifeOutflowT.name;
inline constexpr std::string_view kTableEndOfLifeT = kEndOfLifeT.name;
inline constexpr std::string_view kTableCollectedT = kCollectedT.name;
inline constexpr std::string_view kTableLostOrExportedT = kLostOrExportedT.name;
inline constexpr std::string_view kTableRecycledT = kRecycledT.name;
inline constexpr std::string_view kTableRecoveredT = kRecoveredT.name;
inline constexpr std::string_view kTableRecyclingResidueT = kRecyclingResidueT.name;
inline constexpr std::string_view kTableUnrecycledT = kUnrecycledT.name;
inline constexpr std::string_view kTableCollectedBatteryT = kCollectedBatteryT.name;
inline constexpr std::string_view kTableRecyclingCapacityT = kRecyclingCapacityT.name;
inline constexpr std::string_view kTableFeedstockSurplusT = kFeedstockSurplusT.name;
inline constexpr std::string_view kTableSecondaryShare = kSecondaryShare.name;
inline constexpr std::string_view kTableProductionScrapKwh = kProductionScrapKwh.name;
inline constexpr std::string_view kTableProductionScrapT = kProductionScrapT.name;
inline constexpr std::string_view kTableFeedstockAvailableT = kFeedstockAvailableT.name;
inline constexpr std::string_view kTableRecycledAtHomeT = kRecycledAtHomeT.name;
inline constexpr std::string_view kTableFeedstockExportedT = kFeedstockExportedT.name;
inline constexpr std::string_view kTableFeedstockImportedT = kFeedstockImportedT.name;
inline constexpr std::string_view kTableFeedstockShipmentsT = kFeedstockShipmentsT.name;
inline constexpr std::string_view kTableFeedstockStrandedT = kFeedstockStrandedBatteryT.name;
inline constexpr std::string_view kTableTransportCostUsd = kTransportCostUsd.name;
inline constexpr std::string_view kTableTransportCo2T = kTransportCo2T.name;
inline constexpr std::string_view kTableRecyclingProductsT = kRecyclingProductsT.name;
inline constexpr std::string_view kTableRecyclingRevenueUsd = kRecyclingRevenueUsd.name;
inline constexpr std::string_view kTableRecyclingCo2eAvoidedT = kRecyclingCo2eAvoidedT.name;
inline constexpr std::string_view kTableRecyclingCo2eEmittedT = kRecyclingCo2eEmittedT.name;

// Every result table a run may produce, in output order.
std::span<const TableSpec* const> run_table_specs();
const TableSpec* find_table_spec(std::string_view name);

// A table of `spec` holding `values`; an Internal error when the array's dimensions are not the
// declared ones (a model bug). `note` is appended to the description (e.g. the price year).
core::Result<ResultTable> make_table(const TableSpec& spec, core::DimArray values,
                                     std::string_view note = {});

// Record tables (heterogeneous rows) a run produces: name and title, declared once.
struct RecordSpec {
  std::string_view name;
  std::string_view title;
};
inline constexpr RecordSpec kRecordsRegions{"regions", "Model regions"};
inline constexpr RecordSpec kRecordsDemandCheck{
    "battery_demand_check", "EV battery demand: model against IEA (validation case B)"};
inline constexpr RecordSpec kRecordsReplacementPerVehicle{"replacement_packs_per_vehicle",
                                                          "Replacement packs per vehicle sold"};
inline constexpr RecordSpec kRecordsDataFiles{"data_files",
                                              "Data files this run read, with their SHA-256"};
inline constexpr RecordSpec kRecordsHhi{
    "hhi", "Supply concentration (Herfindahl-Hirschman index) by element and stage"};
inline constexpr RecordSpec kRecordsHhiContributions{"hhi_contributions",
                                                     "Producer shares and HHI contributions"};
inline constexpr RecordSpec kRecordsSupplyRisk{
    "supply_risk", "Import reliance and EU supply risk with and without the run's recycling"};
inline constexpr RecordSpec kRecordsPolicyChecks{"policy_checks",
                                                 "Policy rules checked against this run"};
inline constexpr RecordSpec kRecordsMarketRanking{
    "market_ranking", "Country opportunities for a recycler (ranking with its parts)"};
inline constexpr RecordSpec kRecordsSupplyDisruption{
    "supply_disruption", "Supply disruption: demand covered when the largest supplier drops out"};
inline constexpr RecordSpec kRecordsRecyclingBuys{
    "recycling_buys", "What recycling buys: recycled tonnes against the disruption gap"};
inline constexpr RecordSpec kRecordsMarketSensitivity{
    "market_sensitivity", "Ranking sensitivity to each weight (+/-20%)"};
// Passports laid over the fleet (scenario [[passport_fleet]]; model/passport_fleet.h): only
// in runs that have such entries.
inline constexpr RecordSpec kRecordsPassportFleetCoverage{
    "passport_fleet_coverage",
    "Battery passports as fleet data: coverage and pack size by model year"};
inline constexpr RecordSpec kRecordsPassportFleetChemistry{
    "passport_fleet_chemistry", "Battery passports as fleet data: chemistry mix by model year"};
inline constexpr RecordSpec kRecordsPassportFleetIntensity{
    "passport_fleet_intensity", "Battery passports: element content per kWh against the model's"};
// Record tables of `urbanmine backtest` (studies/backtest.h), not part of a run.
inline constexpr RecordSpec kRecordsBacktestSummary{
    "backtest_summary", "Backtest: projection error of each sales rule (MAPE, WAPE, bias)"};
inline constexpr RecordSpec kRecordsBacktest{
    "backtest", "Backtest: projected against actual, by region, segment and year"};
std::span<const RecordSpec* const> run_record_specs();
const RecordSpec* find_record_spec(std::string_view name);

}  // namespace urbanmine::results
