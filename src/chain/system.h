// SPDX-License-Identifier: Apache-2.0
// The chain's processes and flows, declared once (in the spirit of flodym's process and flow
// lists): every flow names the process it leaves and the one it enters. The mass-balance checks
// are derived from this declaration (check_balances), so a flow added here is balanced without
// further code.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "results/registry.h"
#include "results/run_results.h"

namespace urbanmine::chain {

// Element and route codes of every element and route array, in this order (declared once in
// results/registry.h).
using results::kElementCodes;
using results::kElementCount;
using results::kRouteCodes;
using results::kRouteCount;

enum class Process : std::size_t {
  kNewBatteries,         // source: new packs (sales and replacements)
  kUse,                  // packs in vehicles (stock)
  kEndOfLife,            // packs leaving vehicles
  kSecondLife,           // stationary second life (stock)
  kCollection,           // waste batteries: collected or not
  kBlackMassAllocation,  // collected batteries: within capacity or surplus
  kRecycling,            // routes
  kLostOrExported,       // sink
  kBlackMassSurplus,     // sink
  kSecondaryMetal,       // sink
  kResidue,              // sink
  kCellManufacturing,    // source: production scrap of cell plants
  kExport,               // sink: feedstock shipped to another region's capacity
  kImport,               // source: feedstock shipped in from another region
  kUsedVehicleExport,    // sink: used vehicles (with their packs) leaving for another region
  kUsedVehicleImport,    // source: used vehicles arriving from another region
};
inline constexpr std::size_t kProcessCount = 16;

struct ProcessDef {
  std::string_view name;  // the balance check's process name
  bool has_stock = false;
  // True when the model computes one side from the other (a remainder), so that the balance
  // holds by construction and checking it proves nothing: such processes are not counted.
  bool identity = false;
  std::string_view why;  // for identities: which flow is the remainder
};

inline constexpr std::array<ProcessDef, kProcessCount> kProcesses = {{
    {"new_batteries", false, false, ""},
    {"use", true, false, ""},
    {"end_of_life", false, true, "end_of_life => waste is end of life minus second-life inflow"},
    {"second_life", true, false, ""},
    {"collection", false, true, "collected and lost are waste x rate and waste x (1 - rate)"},
    {"black_mass_allocation", false, false, ""},
    {"recycling", false, true, "residue is recycled minus recovered"},
    {"lost_or_exported", false, false, ""},
    {"black_mass_surplus", false, false, ""},
    {"secondary_metal", false, false, ""},
    {"residue", false, false, ""},
    {"cell_manufacturing", false, false, ""},
    {"export", false, false, ""},
    {"import", false, false, ""},
    {"used_vehicle_export", false, false, ""},
    {"used_vehicle_import", false, false, ""},
}};

enum class Flow : std::size_t {
  kDemand,            // new_batteries => use
  kEndOfLife,         // use => end_of_life
  kToSecondLife,      // end_of_life => second_life
  kDirectToWaste,     // end_of_life => collection (waste not repurposed)
  kSecondLifeOut,     // second_life => collection
  kCollected,         // collection => black_mass_allocation (waste batteries collected)
  kLost,              // collection => lost_or_exported
  kRecycled,          // black_mass_allocation => recycling (all routes)
  kSurplus,           // black_mass_allocation => black_mass_surplus (stranded: no legal capacity)
  kRecovered,         // recycling => secondary_metal
  kRecyclingResidue,  // recycling => residue
  kProductionScrap,   // cell_manufacturing => black_mass_allocation
  kShippedOut,        // black_mass_allocation => export
  kShippedIn,         // import => black_mass_allocation
  kUsedExported,      // use => used_vehicle_export (packs in exported used vehicles)
  kUsedImported,      // used_vehicle_import => use
};
inline constexpr std::size_t kFlowCount = 16;

struct FlowDef {
  Process from;
  Process to;
};

inline constexpr std::array<FlowDef, kFlowCount> kFlows = {{
    {Process::kNewBatteries, Process::kUse},
    {Process::kUse, Process::kEndOfLife},
    {Process::kEndOfLife, Process::kSecondLife},
    {Process::kEndOfLife, Process::kCollection},
    {Process::kSecondLife, Process::kCollection},
    {Process::kCollection, Process::kBlackMassAllocation},
    {Process::kCollection, Process::kLostOrExported},
    {Process::kBlackMassAllocation, Process::kRecycling},
    {Process::kBlackMassAllocation, Process::kBlackMassSurplus},
    {Process::kRecycling, Process::kSecondaryMetal},
    {Process::kRecycling, Process::kResidue},
    {Process::kCellManufacturing, Process::kBlackMassAllocation},
    {Process::kBlackMassAllocation, Process::kExport},
    {Process::kImport, Process::kBlackMassAllocation},
    {Process::kUse, Process::kUsedVehicleExport},
    {Process::kUsedVehicleImport, Process::kUse},
}};

constexpr std::size_t index(Process p) { return static_cast<std::size_t>(p); }
constexpr std::size_t index(Flow f) { return static_cast<std::size_t>(f); }

// The values of every flow and stock in one layer (an element in tonnes, or "kwh" for pack
// capacity), each [region * T + year]; an empty vector means the flow or stock is not tracked in
// this layer (kWh stops at collection).
struct FlowLayer {
  std::string name;  // element code or "kwh"
  std::array<std::vector<double>, kFlowCount> flows;
  std::array<std::vector<double>, kProcessCount> stocks;  // year-end stock of stock processes
};

struct FlowLayers {
  std::size_t regions = 0;
  std::size_t years = 0;
  // The run moves used vehicles between regions: the world's used-vehicle trade is checked.
  // (Without it the used-vehicle flows are tracked as zeros, so that the use phase stays checked.)
  bool used_vehicle_trade = false;
  std::vector<FlowLayer> layers;
};

// One mass-balance check (results::BalanceCheck): a process, region, year and layer, with
// inputs, outputs and stock change summed independently from the flows (residual = inputs -
// outputs - stock change).
using BalanceCheck = results::BalanceCheck;

// Name of the whole-horizon check (year = last year): everything that entered the system over
// the run equals what is still in stock at the end plus everything that left it.
inline constexpr std::string_view kHorizonProcess = "system_horizon";
// Name and region of the world trade check: per layer and year, what all regions export equals
// what all regions import.
inline constexpr std::string_view kTradeProcess = "trade";
inline constexpr std::string_view kWorldRegion = "WORLD";
// The same for used vehicles: what all regions export equals what all regions import.
inline constexpr std::string_view kUsedVehicleTradeProcess = "used_vehicle_trade";

// The checks derived from kProcesses and kFlows, region by region and year by year:
// - every process that has inflows and outflows all tracked in the layer and is not an identity:
//   inputs = sum of its inflows, outputs = sum of its outflows, stock change from its stock;
// - per layer and region, once: cumulative outflow of the sources = year-end stocks of the last
//   year + cumulative inflow of the sinks (processes whose outflows are not tracked in the layer).
// - per layer and year, when exports and imports are tracked: the sum over regions of exports
//   (inputs of the check) equals the sum of imports (outputs), region kWorldRegion, for
//   feedstock shipments (kTradeProcess) and for used vehicles (kUsedVehicleTradeProcess).
// A check is ok when its residual is finite and within core::kMassBalanceTolerance of the
// largest of its three terms.
std::vector<BalanceCheck> check_balances(const FlowLayers& flows,
                                         const std::vector<std::string>& regions, int first_year);

}  // namespace urbanmine::chain
