// SPDX-License-Identifier: Apache-2.0
// The plant step of `urbanmine run` (docs/model.md): each region's collected batteries through
// the recycling plant model (plant/plant.h, docs/plant.md), giving the recovered tonnes the chain
// uses, the recycling result tables (products, revenue, CO2e) and one balance check per region,
// year, route and material fed (process "recycling_plant").
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "plant/plant.h"

#include "results/balance.h"
#include "results/registry.h"
#include "results/run_results.h"

namespace urbanmine::chain {

// One region-year of recycling: tonnes per material sent to one route (element tonnes of the
// collected batteries; Li, Ni, Co, Mn count as cathode-bound).
struct RecyclingInput {
  std::string region;
  int year = 0;
  plant::Route route = plant::Route::kHydrometallurgy;
  plant::MaterialTonnes feed_t{};
  // Optional, in addition: end-of-life packs by chemistry code and kWh (material_intensity.csv).
  std::vector<std::pair<std::string, double>> pack_kwh_by_chemistry;
  // Battery tonnes behind feed_t when known (the per-kg-of-battery reagents and energy apply
  // to it); otherwise the element tonnes are used and flagged as an assumption.
  std::optional<double> battery_t;
  // Route recoveries of this input that differ from the collector's route settings (a recovery
  // policy path by region and year); empty = the route's settings.
  std::vector<std::pair<plant::Material, double>> recovery_override;
};

struct PlantRunTables {
  // kTableRecyclingProductsT [region, product, year] (mass_tonnes),
  // kTableRecyclingRevenueUsd [region, year] (revenue_usd, default price year),
  // kTableRecyclingCo2eAvoidedT and kTableRecyclingCo2eEmittedT [region, year] (co2e_tonnes).
  std::vector<results::ResultTable> tables;
  // One check per region, year, route and material fed: process "recycling_plant".
  std::vector<results::BalanceCheck> balance;
  // Assumptions and caveats the figures rely on (for RunResults::assumptions).
  std::vector<std::string> assumptions;
};

// Collects plant balances region-year by region-year (the run model calls add() inside its
// loop and uses the recovered tonnes), then builds the run tables. Not thread-safe.
class PlantRunCollector {
 public:
  // `params_by_route[index(route)]` are the route settings (its `route` field is set here).
  PlantRunCollector(const plant::PlantDefaults& defaults,
                    std::array<plant::RouteParams, plant::kRouteCount> params_by_route);
  // Balances one input; returns recovered tonnes per material (own product + cathode powder).
  core::Result<plant::MaterialTonnes> add(const RecyclingInput& input);
  // Regions keep their first-seen order; years are sorted.
  core::Result<PlantRunTables> finish() const;

 private:
  struct RegionYear {
    std::map<std::string, double> product_t;
    double revenue_usd = 0.0;
    double avoided_t = 0.0;
    double emitted_t = 0.0;
  };
  const plant::PlantDefaults& defaults_;
  std::array<plant::RouteParams, plant::kRouteCount> params_;
  std::vector<std::string> regions_;
  std::set<int> years_;
  std::vector<std::string> products_;
  std::map<std::pair<std::string, int>, RegionYear> cells_;
  std::set<std::string> unpriced_;
  std::set<std::string> missing_factors_;
  bool basis_assumed_ = false;
  std::vector<results::BalanceCheck> balance_;
};

// Runs every input through plant::balance (several inputs of one region and year, e.g. one per
// route, add up) with `route_params` (its `route` is replaced by each input's).
core::Result<PlantRunTables> plant_run_tables(const std::vector<RecyclingInput>& inputs,
                                              const plant::PlantDefaults& defaults,
                                              const plant::RouteParams& route_params = {});

}  // namespace urbanmine::chain
