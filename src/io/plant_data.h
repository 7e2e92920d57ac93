// SPDX-License-Identifier: Apache-2.0
// Loaders for the plant model: the sourced CSVs in data/ (cell BOM, cathode formulas, atomic
// weights, material intensity, recovery rates, process inputs, CO2 factors, prices, products,
// EU targets, plant assumptions) into one validated plant::PlantDefaults, the TOML plant file,
// and JSON rendering of plant results. Errors name "file:line:column" or "file: key.path".
#pragma once

#include <string>

#include "core/result.h"
#include "plant/infer.h"
#include "plant/plant.h"

namespace urbanmine::io {

// Reads and validates every plant data file under `data_dir`. Call once and share the result.
core::Result<plant::PlantDefaults> load_plant_defaults(const std::string& data_dir);

// A plant described in a TOML file (see docs/plant.md, examples/plant/*.toml).
struct PlantSpec {
  std::string name;
  plant::Feed feed;
  plant::RouteParams route;
};

// Parses a plant TOML document; `source` names it in errors ("plant.toml: route.recovery.Li:
// 1.2 is above 1"). Unknown keys are errors too, so that typos do not pass silently.
core::Result<PlantSpec> parse_plant_toml(const std::string& text, const std::string& source,
                                         const plant::PlantDefaults& defaults);
core::Result<PlantSpec> read_plant_toml(const std::string& path,
                                        const plant::PlantDefaults& defaults);

// JSON documents ("plant-balance/2", "plant-infer/2").
std::string plant_balance_json(const std::string& name, const plant::PlantBalance& balance);
std::string plant_infer_json(const plant::InferResult& result);

}  // namespace urbanmine::io
