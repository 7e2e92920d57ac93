// SPDX-License-Identifier: Apache-2.0
// Engine facade for the recycling plant model (`urbanmine plant balance|infer`, and later
// `/api/plant/...`): loads the plant defaults once, builds a plant from command-line style
// settings or a TOML file, runs the balance or the inverse problem, and renders results as a
// table, CSV or JSON. Errors name the flag ("--recovery Li: 1.2 is above 1") or the file key
// ("plant.toml: route.recovery.Li: 1.2 is above 1").
//
// Example: auto d = load_plant_defaults(plant_data_dir(""));
//          PlantSettings s; s.chemistry = "NMC622"; s.mass_tonnes = 1000;
//          auto out = run_plant_balance(s, *d);  // then plant_balance_table(*out)
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "engine/run_results.h"
#include "io/plant_data.h"
#include "plant/infer.h"
#include "plant/plant.h"

namespace urbanmine::engine {

// The data folder for plant defaults: `override_dir` if not empty, else the run's
// default_data_dir() ($URBANMINE_DATA_DIR, the source tree's data/, or the installed copy).
std::string plant_data_dir(const std::string& override_dir);
core::Result<plant::PlantDefaults> load_plant_defaults(const std::string& data_dir);

// Settings as typed on the command line (each list item "KEY=VALUE[,KEY=VALUE...]").
struct PlantSettings {
  std::string plant_file;  // TOML; flags below then override the file's route and economics
  std::string chemistry;
  std::optional<double> mass_tonnes;   // cells of `chemistry`
  std::optional<double> capacity_kwh;  // packs of `chemistry`
  std::string elements;                // "Li=23.2,Ni=117.7" tonnes
  std::optional<double> black_mass_tonnes;
  std::string black_mass_composition;           // "Li=0.05,Ni=0.25" mass fractions
  std::string route;                            // empty: hydrometallurgy (or the file's route)
  std::vector<std::string> recovery;            // "Li=0.9", "cathode_active_material=0.85"
  std::vector<std::string> pretreatment_yield;  // "Li=0.95"
  std::vector<std::string> prices;              // "Ni=16814@2024" USD per t, price year
  std::vector<std::string> co2_factors;         // "Electricity=0.12" kg CO2e per unit
  std::optional<int> price_year;
  std::string opex;      // "300@2019" USD per t of feed
  std::string gate_fee;  // "-1000@2019" USD per t of feed paid by the recycler
  std::vector<plant::FeedComponent> extra_feed;  // built elsewhere, e.g. from passports
};

struct PlantOutcome {
  io::PlantSpec spec;
  plant::PlantBalance balance;
};

core::Result<io::PlantSpec> plant_spec_from_settings(const PlantSettings& settings,
                                                     const plant::PlantDefaults& defaults);
core::Result<PlantOutcome> run_plant_balance(const PlantSettings& settings,
                                             const plant::PlantDefaults& defaults);

std::string plant_balance_table(const PlantOutcome& outcome);
std::string plant_balance_csv(const PlantOutcome& outcome);
std::string plant_balance_json(const PlantOutcome& outcome);

struct InferSettings {
  std::string output;      // "Co=1500,Ni=2900,Li=1700" tonnes recovered per year
  bool target = false;     // least-cost feed reaching at least `output`
  std::string route;       // default hydrometallurgy
  std::string candidates;  // cell chemistries "NMC622,LFP"; empty = every cell chemistry
  // Extra candidates "LABEL:Li=0.05,Ni=0.3,..." as black mass (mass fractions).
  std::vector<std::string> extra_candidates;
  std::vector<std::string> recovery;
  std::optional<double> max_feed_tonnes;  // target mode; default EverBatt's plant limit
  std::string opex;      // "300@2019" added to every candidate's cost (target mode)
  std::string gate_fee;  // "0@2019" cost of extra candidates (target mode)
};

core::Result<plant::InferResult> run_plant_infer(const InferSettings& settings,
                                                 const plant::PlantDefaults& defaults);
std::string plant_infer_table(const plant::InferResult& result);
std::string plant_infer_csv(const plant::InferResult& result);

std::string plant_infer_json(const plant::InferResult& result);

}  // namespace urbanmine::engine
