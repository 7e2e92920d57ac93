// SPDX-License-Identifier: Apache-2.0
// The fleet and recycling model of `urbanmine run` (docs/model.md): vehicles and their packs
// age separately (a pack that fails in a running vehicle is replaced and goes to end of life; a
// pack whose vehicle is scrapped first goes to second life (a share) or to end of life), second
// life with its own lifetime, collection, recycling capacity pools, routes and recovery. Fills
// the result tables of run_results.h, one balance check per process x region x year x element,
// records, findings and assumptions.
#pragma once

#include <array>
#include <vector>

#include "core/logger.h"
#include "core/result.h"
#include "engine/run_results.h"
#include "engine/scenario.h"

namespace urbanmine::engine {

// Its tables and record tables are declared in results/registry.h.

// Per vehicle sold in cohort c (row) and year t (column), for one segment: vehicles still in
// use and replacement packs installed. T x T, row-major, zero for t < c.
struct UnitResponse {
  std::size_t years = 0;
  std::vector<double> vehicles;      // [c * T + t]
  std::vector<double> replacements;  // [c * T + t]
};

// The vehicle-pack model for one segment: vehicle survival by sales cohort and pack survival
// by installation year (ODYM convention, age offset 0). A pack never fails in the year it is
// installed; a replacement pack has the size and chemistry of the vehicle's original pack.
UnitResponse vehicle_pack_response(const std::vector<mfa::LifetimeParams>& vehicle_lifetime,
                                   const std::vector<mfa::LifetimeParams>& battery_lifetime);

// The recycling step, kept in one place so that the plant model can replace it: collected
// element tonnes fed to recycling split by route, and recovered tonnes by route.
struct RecyclingOutcome {
  std::array<double, kRouteCount> recycled_t{};
  std::array<double, kRouteCount> recovered_t{};
};
RecyclingOutcome recycle_element(
    double feed_t, const std::array<double, kRouteCount>& route_shares, std::size_t element,
    const std::array<std::array<double, kElementCount>, kRouteCount>& recovery_fraction);

// Runs the model; an Internal error when any balance check fails.
core::Result<RunResults> compute_run(const ModelInputs& in, const core::ProgressCallback& progress);

}  // namespace urbanmine::engine
