// SPDX-License-Identifier: Apache-2.0
// Engine facade for the recycling plant model (`urbanmine plant balance|infer`,
// `POST /api/plant/balance|infer`): typed requests -> plant spec -> balance or inverse problem.
// Each front end parses its own language into these requests once (the CLI its flags and their
// KEY=VALUE lists, cli/plant_args.h; the server its JSON objects) and says where every value came
// from, so that an error names the flag ("--recovery Li: 1.2 is above 1") or the JSON path
// ("request body: $.recovery.Li: 1.2 is above 1"). Rendering is in report/plant_text.h.
//
// Example: auto d = load_plant_defaults(plant_data_dir(""));
//          PlantRequest r; r.chemistry = "NMC622"; r.mass_tonnes = 1000;
//          r.recovery = {{"Li", 0.9, "recovery.Li"}};
//          auto out = run_plant_balance(r, *d);  // then report::plant_balance_table(...)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/plant_data.h"
#include "io/plant_request.h"
#include "plant/infer.h"
#include "plant/plant.h"

namespace urbanmine::engine {

// The data folder for plant defaults: `override_dir` if not empty, else default_data_dir()
// ($URBANMINE_DATA_DIR, the source tree's data/, or the installed copy).
std::string plant_data_dir(const std::string& override_dir);
core::Result<plant::PlantDefaults> load_plant_defaults(const std::string& data_dir);

// The typed requests (io/plant_request.h), under their engine names.
using io::FieldLocation;
using io::GivenPrice;
using io::InferCandidate;
using io::KeyedPrice;
using io::KeyedValue;
using io::plant_spec_from_request;
using io::PlantInferRequest;
using io::PlantRequest;

struct PlantOutcome {
  io::PlantSpec spec;
  plant::PlantBalance balance;
};

core::Result<PlantOutcome> run_plant_balance(const PlantRequest& request,
                                             const plant::PlantDefaults& defaults);

core::Result<plant::InferResult> run_plant_infer(const PlantInferRequest& request,
                                                 const plant::PlantDefaults& defaults);

}  // namespace urbanmine::engine
