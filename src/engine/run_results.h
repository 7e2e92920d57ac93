// SPDX-License-Identifier: Apache-2.0
// RunResults: everything one `urbanmine run` produces, as named long-form tables over named
// dimensions, plus run metadata and the mass-balance report. This is the contract between the
// model (engine/run.*), the writers (CSV, summary.json, sankey.json, report.html, SQLite), the
// cooperation modules (risk, policy, market) and the HTTP server.
//
// Table names follow flodym's `from => to` flow naming in docs/glossary.md; each table states its
// unit in `value_column` (mass_tonnes, capacity_kwh, vehicles, share_fraction, ...). Dimension
// names are the ones in the kDim* constants; their items are region codes (ISO 3166 alpha-3 or
// an aggregate code from data/regions.csv), segment codes, chemistry codes, element codes,
// route codes and years as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/dim_array.h"

namespace urbanmine::engine {

// Dimension names (never renamed: they are CSV column names and SQL columns).
inline constexpr std::string_view kDimRegion = "region";
inline constexpr std::string_view kDimSegment = "segment";
inline constexpr std::string_view kDimChemistry = "chemistry";
inline constexpr std::string_view kDimElement = "element";
inline constexpr std::string_view kDimRoute = "route";
inline constexpr std::string_view kDimYear = "year";

// Table names produced by every run (the model may add more). Dimensions in brackets.
// Battery flows in kWh [region, segment, chemistry, year]:
inline constexpr std::string_view kTableBatteryInflowKwh =
    "new_batteries_kwh";  // sales + replacements
inline constexpr std::string_view kTableInUseStockKwh = "in_use_stock_kwh";
inline constexpr std::string_view kTableEndOfLifeKwh = "use_to_end_of_life_kwh";
inline constexpr std::string_view kTableSecondLifeInflowKwh = "end_of_life_to_second_life_kwh";
inline constexpr std::string_view kTableSecondLifeStockKwh = "second_life_stock_kwh";
inline constexpr std::string_view kTableSecondLifeOutflowKwh = "second_life_to_waste_kwh";
// Vehicles [region, segment, year]:
inline constexpr std::string_view kTableSalesVehicles = "sales_vehicles";
inline constexpr std::string_view kTableReplacementPacks = "replacement_packs";
// Element masses in tonnes [region, element, year] unless noted:
inline constexpr std::string_view kTableMaterialDemandT = "material_demand_t";  // new batteries
inline constexpr std::string_view kTableEndOfLifeT = "end_of_life_t";           // waste batteries
inline constexpr std::string_view kTableCollectedT = "waste_to_collection_t";
inline constexpr std::string_view kTableLostOrExportedT = "waste_to_lost_or_exported_t";
inline constexpr std::string_view kTableRecycledT = "collection_to_recycling_t";        // + [route]
inline constexpr std::string_view kTableRecoveredT = "recycling_to_secondary_metal_t";  // + [route]
inline constexpr std::string_view kTableUnrecycledT = "collection_to_black_mass_surplus_t";
// Black mass balance [region, year]: collected feedstock minus recycling capacity (tonnes of
// battery); positive = surplus for export or a new plant, negative = idle capacity.
inline constexpr std::string_view kTableFeedstockSurplusT = "feedstock_surplus_t";
inline constexpr std::string_view kTableRecyclingCapacityT = "recycling_capacity_t";
// Secondary supply share of material demand [region, element, year], a fraction.
inline constexpr std::string_view kTableSecondaryShare = "secondary_supply_share";
// Element masses of the capacity flows and stocks above [region, element, year], for Sankey
// diagrams and stock reports (added by the main-job model):
inline constexpr std::string_view kTableInUseStockT = "in_use_stock_t";
inline constexpr std::string_view kTableUseToEndOfLifeT = "use_to_end_of_life_by_element_t";
inline constexpr std::string_view kTableSecondLifeInflowT = "end_of_life_to_second_life_t";
inline constexpr std::string_view kTableSecondLifeStockT = "second_life_stock_t";
inline constexpr std::string_view kTableSecondLifeOutflowT = "second_life_to_waste_t";
// Recycling plant model per region and year (plant module, docs/plant.md; built by
// engine::plant_run_tables). Products [region, product, year] in tonnes of product (compounds
// such as NiSO4·6H2O, or the material as sold); revenue [region, year] in USD of the default
// price year (stated in the table description); CO2e [region, year] in tonnes.
inline constexpr std::string_view kDimProduct = "product";
inline constexpr std::string_view kTableRecyclingProductsT = "recycling_to_products_t";
inline constexpr std::string_view kTableRecyclingRevenueUsd = "recycling_revenue_usd";
inline constexpr std::string_view kTableRecyclingCo2eAvoidedT = "recycling_co2e_avoided_t";
inline constexpr std::string_view kTableRecyclingCo2eEmittedT = "recycling_co2e_emitted_t";

struct ResultTable {
  std::string name;          // e.g. "use_to_end_of_life_kwh"
  std::string value_column;  // unit-suffixed value column, e.g. "capacity_kwh", "mass_tonnes"
  std::string description;   // one sentence for people (CSV header comment, report, API docs)
  core::DimArray values;
};

// One mass-balance check: a process (e.g. "use", "second_life", "collection", "recycling"),
// region, year and element, with inputs, outputs and stock change.
struct BalanceCheck {
  std::string process;
  std::string region;
  std::string element;  // "kwh" for capacity balances
  int year = 0;
  double inputs = 0.0;
  double outputs = 0.0;
  double stock_change = 0.0;
  double residual = 0.0;  // inputs - outputs - stock_change
  bool ok = true;
};

// A table of heterogeneous records (policy checks, country rankings with their parts, supply-risk
// indicators): named columns, unit-suffixed where numeric, and rows of cells. Writers render any
// RecordTable generically (CSV, summary.json, report.html, SQLite, HTTP), so a module adds its
// results to a run by appending RecordTables, without changing the writers.
struct Cell {
  enum class Kind { kEmpty, kText, kNumber };
  Kind kind = Kind::kEmpty;
  std::string text;
  double number = 0.0;

  static Cell empty() { return Cell{}; }
  static Cell of(std::string t) { return Cell{Kind::kText, std::move(t), 0.0}; }
  static Cell of(double v) { return Cell{Kind::kNumber, {}, v}; }
};

struct RecordTable {
  std::string name;         // file and API name, e.g. "policy_checks"
  std::string title;        // heading for people, e.g. "Policy rules checked against this run"
  std::string description;  // what the table shows, its conventions and sources
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
};

// A sentence a policy analyst can read, with the section it belongs to ("end_of_life",
// "recycling", "supply_risk", "policy", "market", ...). Shown in summary.json and report.html.
struct Finding {
  std::string section;
  std::string text;
};

struct RunMetadata {
  std::string scenario_name;
  std::string scenario_path;
  std::string scenario_hash;  // hex SHA-256 of the scenario text plus the data files it read
  std::string code_version;   // core::version() and git hash
  int first_year = 0;
  int last_year = 0;
  unsigned long long seed = 0;
  double elapsed_seconds = 0.0;
};

struct RunResults {
  RunMetadata meta;
  std::vector<ResultTable> tables;
  std::vector<RecordTable> records;
  std::vector<Finding> findings;
  std::vector<BalanceCheck> balance;     // every check made; the run fails if any is not ok
  std::vector<std::string> assumptions;  // defaults and assumptions the run relied on, for reports

  const ResultTable* find(std::string_view name) const {
    for (const auto& t : tables) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  const RecordTable* find_records(std::string_view name) const {
    for (const auto& t : records) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  bool balance_ok() const {
    for (const auto& b : balance) {
      if (!b.ok) return false;
    }
    return true;
  }
};

}  // namespace urbanmine::engine
