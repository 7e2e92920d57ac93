// SPDX-License-Identifier: Apache-2.0
// Passports as fleet data (docs/passport.md, "Passports as fleet data"): the EV batteries of a
// passport sample laid over one model region's segment, model year by model year. In "coverage"
// mode the passports stand for the vehicles they describe and the data's pack size and
// chemistry mix for the rest of the cohort (kWh-weighted); in "sample" mode the passports' mix
// stands for the whole cohort. The vehicles sold stay the data's: passports never add sales.
// Material intensity stays the data's (one intensity per chemistry for every cohort); the
// passports' element content per kWh is set beside it in a record table.
//
// Example: auto rec = apply_passport_fleet(inputs, {{"DEU", "car_bev", "coverage", ...}});
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "io/scenario_toml.h"

#include "model/scenario.h"
#include "passport/fleet.h"
#include "results/run_results.h"

namespace urbanmine::model {

struct PassportFleet {
  std::string region;
  std::string segment;
  std::string mode;      // "coverage" or "sample"
  std::string path;      // where the passports were read, for the assumption text
  std::string location;  // the scenario entry, for errors
  passport::FleetSample sample;
};

// Record tables passport_fleet_coverage, passport_fleet_chemistry and passport_fleet_intensity
// (results/registry.h), and one assumption sentence per entry (also added to in.assumptions).
struct PassportFleetRecords {
  std::vector<results::RecordTable> tables;
};

// Every [[passport_fleet]] entry of `spec` read (io::read_passport_set against `data_dir`;
// relative paths from the scenario file's folder), grouped (passport::fleet_sample) and laid
// over `in` (apply_passport_fleet). `files` gets each passport file with its SHA-256 (the run
// hashes them). Every problem goes to `diags`; with `allow_local_files` false (a scenario sent
// to the service) any entry is an error.
struct ScenarioPassportFleets {
  PassportFleetRecords records;
  std::vector<results::DataFile> files;
};
ScenarioPassportFleets apply_scenario_passport_fleets(const io::ScenarioSpec& spec,
                                                      const std::string& data_dir,
                                                      bool allow_local_files, ModelInputs& in,
                                                      core::Diagnostics& diags);

// Changes in.pack_kwh and in.chemistry_share of each entry's region and segment in the model
// years its passports cover. Errors (invalid input, naming the entry): a region that is not a
// model region of the run, an unknown segment, a model year outside the run's years, a
// passport chemistry that is not a model chemistry.
core::Result<PassportFleetRecords> apply_passport_fleet(ModelInputs& in,
                                                        const std::vector<PassportFleet>& fleets);

}  // namespace urbanmine::model
