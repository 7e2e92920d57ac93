// SPDX-License-Identifier: Apache-2.0
// One dataset, one digest: load_dataset() reads every data file a run depends on (the fleet and
// recycling model's files, the plant model's, and the cooperation files: country codes, mine
// production and refining, reserves, WGI, policy rules, element groups, regions), collects every
// problem with file, row and column into a Diagnostics, and records the size and SHA-256 of each
// file it read. `urbanmine run`, `urbanmine validate` and the cooperation commands all load
// through it, so whatever validates is what runs, and the run hash covers every file read.
//
//   core::Diagnostics diags;
//   io::Dataset data = io::load_dataset("data", diags);
//   if (diags.has_errors()) ...;          // every problem, file:row:column
//   data.files;                            // name (relative to the folder), bytes, sha256
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/risk_data.h"
#include "io/run_data.h"
#include "plant/plant.h"
#include "policy/checker.h"
#include "policy/rules.h"
#include "risk/supply_risk.h"

#include "results/run_results.h"

namespace urbanmine::io {

// The files of supply risk, policy checks and the market ranking.
struct CooperationInputs {
  CountryCodes codes;
  SupplyData supply;
  std::map<std::string, risk::GovernanceScore> wgi;
  std::vector<policy::PolicyRule> rules;
  policy::ElementGroups element_groups;
  std::map<std::string, RegionMembers> regions;  // data/regions.csv (may be empty)
  std::string data_dir;
  std::string rules_path;
};

// Loads the cooperation files of `data_dir`; `rules_path` empty = <data_dir>/policy_rules.csv.
// Stops at the first file with errors (the error names file, row and column).
core::Result<CooperationInputs> load_cooperation_inputs(const std::string& data_dir,
                                                        const std::string& rules_path = {});

struct DatasetOptions {
  std::string rules_path;  // empty = <data_dir>/policy_rules.csv
};

struct Dataset {
  std::string data_dir;
  RunData run;
  std::optional<plant::PlantDefaults> plant;     // empty when its files have errors
  std::optional<CooperationInputs> cooperation;  // empty when its files have errors
  std::vector<results::DataFile> files;          // every file read, in the order first read
};

// Every file a run reads, validated; problems go to `diags` (the dataset is then incomplete and
// must not be run).
Dataset load_dataset(const std::string& data_dir, core::Diagnostics& diags,
                     const DatasetOptions& options = {});

// SHA-256 (hex) of the scenario text and every file of the dataset (name, size and digest):
// the run hash.
std::string run_hash(const std::string& scenario_text, const std::vector<results::DataFile>& files);

}  // namespace urbanmine::io
