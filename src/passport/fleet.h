// SPDX-License-Identifier: Apache-2.0
// Passports as fleet data (docs/passport.md, "Passports as fleet data"): the EV batteries of a
// set of valid passports grouped by model year (put into service, else made) and chemistry,
// with their count, rated energy and element content. model/passport_fleet.h lays such a sample
// over a run's cohorts.
//
// Example: auto sample = fleet_sample(files, aggregate, fractions, "scenario.toml:
// passport_fleet");
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

#include "passport/passport.h"

namespace urbanmine::passport {

// The passports of one model year and chemistry.
struct FleetCell {
  int batteries = 0;
  double rated_kwh = 0.0;
  double battery_mass_kg = 0.0;
  std::map<std::string, double> element_kg;  // element code -> kg
};

struct FleetSample {
  // model year -> batteryChemistry.shortName -> cell
  std::map<int, std::map<std::string, FleetCell>> cells;
  int ev_passports = 0;
  // Valid passports of another category (lmt, industrial, stationary): not vehicle fleet data.
  std::map<std::string, int> other_categories;
  std::set<std::string> unmapped_cas;  // materials left out of element_kg
};

// Groups the EV passports of `files` (read and aggregated: `aggregate` has run). Errors, each
// naming the file and JSON path, exit 3: any invalid passport (every one listed, as for the
// plant feed), an EV passport without ratedEnergy or without a date giving its model year, no
// EV passport at all (`where` names the scenario key then).
core::Result<FleetSample> fleet_sample(const std::vector<FileResult>& files,
                                       const Aggregate& aggregate,
                                       const std::map<std::string, ElementFractions>& fractions,
                                       const std::string& where);

}  // namespace urbanmine::passport
