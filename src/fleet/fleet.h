// SPDX-License-Identifier: Apache-2.0
// The fleet model (docs/model.md): vehicles and their packs age separately. A vehicle cohort
// follows its segment's vehicle lifetime by sales year; each pack follows the battery lifetime of
// its installation year. A pack that fails while its vehicle runs is replaced by a new pack of
// the same size and chemistry (new-battery demand) and goes to end of life; a pack whose vehicle
// is scrapped first leaves with it (the chain decides second life or waste). A pack never fails
// in its installation year (ODYM convention, age offset 0).
//
// All flows are linear in the cohort inflow, so one unit response per distinct (vehicle, pack)
// lifetime pair serves every region and chemistry. One mfa::LifetimeTable holds every lifetime of
// the run; vehicles and pack stocks and packs of scrapped vehicles are one inflow-driven batch
// solve (mfa/batch.h) over every region x segment (x chemistry) series, replacements one
// response batch over the same series.
//
// Inputs are plain arrays (no files, no scenario types): model/scenario.cpp resolves them.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "core/result.h"
#include "mfa/batch.h"
#include "mfa/lifetime.h"

namespace urbanmine::fleet {

// Used-vehicle exports: of the vehicles of segment `segment` sold in region `from` and still
// running at age `age_years` (years since the sales year), the share `share` leaves for region
// `to` at the start of that year, with its pack; from then on their replacements, scrapping and
// failed packs happen in `to` (same lifetimes: survival does not depend on where a vehicle runs).
// Entries of one origin and segment share one age and their shares sum to at most 1.
struct UsedExport {
  std::size_t from = 0, to = 0, segment = 0;
  double share = 0.0;
  int age_years = 1;  // >= 1
};

struct FleetInputs {
  std::size_t regions = 0;      // R
  std::size_t segments = 0;     // S
  std::size_t chemistries = 0;  // K
  std::size_t years = 0;        // T
  // [region][segment][year]: vehicles sold, and pack size in kWh of vehicles sold that year.
  std::vector<std::vector<std::vector<double>>> sales_vehicles;
  std::vector<std::vector<std::vector<double>>> pack_kwh;
  // [region][segment][year][chemistry]: share of new pack capacity, each year sums to 1.
  std::vector<std::vector<std::vector<std::vector<double>>>> chemistry_share;
  // [segment][year]: lifetime of vehicles sold in that year / of packs installed in that year.
  std::vector<std::vector<mfa::LifetimeParams>> vehicle_lifetime;
  std::vector<std::vector<mfa::LifetimeParams>> battery_lifetime;
  // [segment], optional (empty = every failed pack replaced): see ReplacementRule.
  std::vector<double> replacement_probability;
  std::vector<double> replacement_max_vehicle_age_years;
  // [segment], optional (empty = no limit): packs of vehicles scrapped more than this many years
  // after their sales year are not eligible for second life (FleetResult::scrapped_eligible_kwh);
  // infinity = no limit for that segment.
  std::vector<double> eligible_max_vehicle_age_years;
  std::vector<UsedExport> used_exports;  // none by default
};

// What happens to a pack that fails in a running vehicle: with `probability` it is replaced by a
// new pack of the same size and chemistry, provided the vehicle is at most
// `max_vehicle_age_years` old (age = years since the sales year); otherwise the vehicle is retired
// with its failed pack (which goes to end of life, not to second life). The defaults replace
// every failed pack.
struct ReplacementRule {
  double probability = 1.0;
  double max_vehicle_age_years = std::numeric_limits<double>::infinity();
  bool replaces_all() const { return probability >= 1.0 && !(max_vehicle_age_years < 1e300); }
};

// Flat arrays, row-major with year fastest: [r, s, t] at (r * S + s) * T + t and
// [r, s, k, t] at ((r * S + s) * K + k) * T + t.
struct FleetResult {
  std::size_t regions = 0, segments = 0, chemistries = 0, years = 0;
  std::vector<double> sales_vehicles;     // [r, s, t] vehicles sold
  std::vector<double> replacement_packs;  // [r, s, t] packs installed in running vehicles
  std::vector<double> in_use_vehicles;    // [r, s, t] at year end
  std::vector<double> new_kwh;            // [r, s, k, t] new packs (sales + replacements)
  std::vector<double> in_use_kwh;         // [r, s, k, t] packs in vehicles at year end
  std::vector<double> end_of_life_kwh;    // [r, s, k, t] failed packs + packs of scrapped vehicles
  std::vector<double> scrapped_kwh;  // [r, s, k, t] packs of vehicles scrapped at their end of life
                                     // (not of vehicles retired for a failed pack)
  std::vector<double> scrapped_eligible_kwh;  // [r, s, k, t] the part of scrapped_kwh from
                                              // vehicles at most eligible_max_vehicle_age_years
                                              // old (all of it without a limit)
  // Used-vehicle trade (empty when the inputs have no used exports): vehicles and pack kWh
  // leaving each region's use phase for another region's, and arriving there.
  std::vector<double> used_trade_vehicles;  // [from, to, s, t] at ((f * R + to) * S + s) * T + t
  std::vector<double> used_export_kwh;      // [r, s, k, t]
  std::vector<double> used_import_kwh;      // [r, s, k, t]

  std::size_t rst(std::size_t r, std::size_t s, std::size_t t) const {
    return (r * segments + s) * years + t;
  }
  std::size_t rskt(std::size_t r, std::size_t s, std::size_t k, std::size_t t) const {
    return ((r * segments + s) * chemistries + k) * years + t;
  }
};

// Per vehicle sold in cohort c (row) and year t (column), for one segment: vehicles still in
// use, replacement packs installed, vehicles scrapped at the end of their own life (their packs
// may go to second life) and vehicles retired because their failed pack was not replaced.
// T x T, row-major, zero for t < c.
struct UnitResponse {
  std::size_t years = 0;
  std::vector<double> vehicles;      // [c * T + t]
  std::vector<double> replacements;  // [c * T + t]
  std::vector<double> scrapped;      // [c * T + t]
  std::vector<double> retired;       // [c * T + t]
};

// The vehicle-pack response of one segment from profiles of `table` (age offset 0).
UnitResponse vehicle_pack_response(const mfa::LifetimeTable& table, mfa::LifetimeId vehicle,
                                   mfa::LifetimeId battery, const ReplacementRule& rule = {});
// The same from per-cohort parameters (one entry per year); fails on invalid parameters.
core::Result<UnitResponse> vehicle_pack_response(
    const std::vector<mfa::LifetimeParams>& vehicle_lifetime,
    const std::vector<mfa::LifetimeParams>& battery_lifetime, const ReplacementRule& rule = {});

// Expected replacement packs over the life of one vehicle with constant lifetimes, counted over
// `horizon_years` (long enough for every default curve at 100).
core::Result<double> lifetime_replacements_per_vehicle(const mfa::LifetimeParams& vehicle,
                                                       const mfa::LifetimeParams& battery,
                                                       std::size_t horizon_years,
                                                       const ReplacementRule& rule = {});

// Runs the fleet model. InvalidInput when the arrays do not match the sizes or a lifetime is
// invalid; Internal when a batch balance breaks.
core::Result<FleetResult> run_fleet(const FleetInputs& in);

}  // namespace urbanmine::fleet
