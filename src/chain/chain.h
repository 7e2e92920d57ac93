// SPDX-License-Identifier: Apache-2.0
// The recycling chain (docs/model.md): packs leaving vehicles go to second life (a share of the
// packs of scrapped vehicles, with its own lifetime) or become waste; waste batteries are
// collected (collection rate by region and year) or lost/exported; collected batteries and
// production scrap fill their home recycling capacity pool; what is beyond it goes, at least
// transport cost, to spare capacity elsewhere that it may legally reach (chain/trade.h), or is
// stranded; what is recycled is split by the pool's route mix and recovered by route
// (recycle_element, or the plant model through a PlantStep).
//
// The processes and flows are declared once (chain/system.h); the result tables and the mass
// balance checks are derived from that declaration. Inputs are plain arrays (no files, no
// scenario types): model/scenario.cpp resolves them.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "core/dim_array.h"
#include "core/result.h"
#include "mfa/lifetime.h"

#include "chain/system.h"
#include "fleet/fleet.h"
#include "results/registry.h"

namespace urbanmine::chain {

// A group of model regions sharing recycling capacity (a region code or an aggregate).
struct CapacityPool {
  std::string code;
  std::vector<std::size_t> regions;  // indices into ChainInputs::regions
  std::vector<double> capacity_t;    // per year, tonnes of battery per year
  std::array<double, kRouteCount> route_shares{};
};

// Production scrap (docs/model.md): scrap kWh of a region = the world's new pack kWh (all run
// regions, by chemistry) x scrap_fraction[year] x share[region][year] (its share of world cell
// capacity). It joins the collected batteries as recycling feedstock.
struct ProductionScrapInputs {
  bool enabled = false;
  std::vector<std::vector<double>> share;  // [region][year], sums to at most 1 over regions
  std::vector<double> scrap_fraction;      // [year]
};

// Trade (docs/model.md, chain/trade.h): each year, feedstock beyond a region's home capacity
// goes to spare capacity of other pools over allowed routes at least cost; the rest is stranded.
// Routes are [region * pools + pool]; a region never "ships" to its own pool.
struct TradeInputs {
  bool enabled = false;
  std::vector<double> cost_usd_per_t;      // [region * P + pool], per tonne of battery
  std::vector<double> co2_t_per_t;         // [region * P + pool], per tonne of battery
  std::vector<std::vector<char>> allowed;  // [year][region * P + pool]
};

// Capacity that follows feedstock (docs/model.md): from year index `from` on, a pool's capacity
// is at least `share` x the largest feedstock (collected + scrap, tonnes of battery) its regions
// had `lag_years` earlier or before (capacity once built stays).
struct CapacityGrowthInputs {
  bool enabled = false;
  double share = 1.0;
  std::size_t lag_years = 3;
  std::size_t from = 0;
};

struct ChainInputs {
  int first_year = 0;
  std::vector<std::string> regions;  // codes, for labels
  std::vector<std::string> segments;
  std::vector<std::string> chemistries;
  // [chemistry][element] kg per kWh of pack
  std::vector<std::array<double, kElementCount>> intensity_kg_per_kwh;
  // [chemistry] tonnes of battery (cells) per kWh, for comparison with recycling capacity
  std::vector<double> battery_t_per_kwh;
  std::vector<double> second_life_share;  // [segment], of eligible packs of scrapped vehicles
  mfa::LifetimeParams second_life_lifetime;
  // Cap on packs entering second life over all regions, kWh per year (+infinity = none): when
  // the eligible packs exceed it, every region's second-life inflow is scaled by the same
  // factor and the rest goes to waste.
  double second_life_cap_kwh_per_year = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> collection_fraction;  // [region][year]
  std::vector<CapacityPool> pools;
  // [route][element]
  std::array<std::array<double, kElementCount>, kRouteCount> recovery_fraction{};
  // Optional, [region * T + year]: the recoveries of each region and year (a recovery policy
  // path); empty = recovery_fraction everywhere.
  std::vector<std::array<std::array<double, kElementCount>, kRouteCount>> recovery_by_region_year;
  ProductionScrapInputs production_scrap;
  TradeInputs trade;
  CapacityGrowthInputs capacity_growth;
};

// The recycling step, kept in one place so that the plant model can replace it: collected
// element tonnes fed to recycling split by route, and recovered tonnes by route.
struct RecyclingOutcome {
  std::array<double, kRouteCount> recycled_t{};
  std::array<double, kRouteCount> recovered_t{};
};
RecyclingOutcome recycle_element(
    double feed_t, const std::array<double, kRouteCount>& route_shares, std::size_t element,
    const std::array<std::array<double, kElementCount>, kRouteCount>& recovery_fraction);

// One region, year and route's feed to a recycling plant.
struct PlantFeed {
  std::size_t region = 0;
  int year = 0;
  std::size_t route = 0;                       // index into kRouteCodes
  std::array<double, kElementCount> feed_t{};  // element tonnes
  double battery_t = 0.0;                      // tonnes of battery
};

// The plant step: when given, recovered tonnes come from it instead of recycle_element (the
// engine adapts the plant model, docs/plant.md, with the run's recovery fractions as route
// recoveries). Called once per region, year and route with feed, in that order.
class PlantStep {
 public:
  virtual ~PlantStep() = default;
  virtual core::Result<std::array<double, kElementCount>> recycle(const PlantFeed& feed) = 0;
};

// A result table of the model (engine adds these to RunResults unchanged), declared in
// results/registry.h.
using Table = results::ResultTable;

struct ChainResult {
  std::vector<Table> tables;  // the run's model tables (results/registry.h)
  std::vector<BalanceCheck> balance;
  FlowLayers flows;  // the flows and stocks the checks were made on
};

// Runs the chain on the fleet's packs. InvalidInput when sizes do not match; errors of the plant
// step are passed on. The balance checks are made (check_balances) but not judged here.
core::Result<ChainResult> run_chain(const fleet::FleetResult& fleet, const ChainInputs& in,
                                    PlantStep* plant);

}  // namespace urbanmine::chain
