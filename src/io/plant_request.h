// SPDX-License-Identifier: Apache-2.0
// Typed requests to the recycling plant model, as the front ends give them (`urbanmine plant
// balance|infer` flags, `POST /api/plant/balance|infer` bodies), checked and turned into a plant
// spec or an inverse-problem request against the plant defaults. Each front end parses its own
// language into these requests once and says where every value came from (`location`, `where`),
// so that an error names the flag ("--recovery Li: 1.2 is above 1") or the JSON path
// ("request body: $.recovery.Li: 1.2 is above 1"). The sibling of read_plant_toml (a spec from a
// file); the engine runs the model on what these return (engine/plant.h).
//
// Example: PlantRequest r; r.chemistry = "NMC622"; r.mass_tonnes = 1000;
//          r.recovery = {{"Li", 0.9, "recovery.Li"}};
//          auto spec = plant_spec_from_request(r, defaults);  // then plant::balance(...)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "io/plant_data.h"
#include "plant/infer.h"
#include "plant/plant.h"

namespace urbanmine::io {

// A keyed number as given (a material and its tonnes, fraction or factor), with where it came
// from in the front end's terms, for errors.
struct KeyedValue {
  std::string key;
  double value = 0.0;
  std::string location;
};

// USD per tonne in the dollars of `price_year` (prices of different years are never added).
struct GivenPrice {
  double usd_per_t = 0.0;
  int price_year = 0;
  std::string location;
};

struct KeyedPrice {
  std::string key;  // a material code or "cathode_powder:CHEMISTRY"
  GivenPrice price;
};

// Maps a request field ("mass_tonnes", "chemistry", "black_mass_composition.Li", "elements.Li")
// to the front end's name for it ("--mass-tonnes", "request body: $.mass_tonnes"). Empty: the
// field name itself.
using FieldLocation = std::function<std::string(const std::string& field)>;

struct PlantRequest {
  std::string plant_file;  // TOML; the fields below then override the file's route and economics
  std::string chemistry;
  std::optional<double> mass_tonnes;               // cells of `chemistry`
  std::optional<double> capacity_kwh;              // packs of `chemistry`
  std::vector<KeyedValue> element_tonnes;          // feed as tonnes per material
  std::optional<double> black_mass_tonnes;         // with black_mass_composition
  std::vector<KeyedValue> black_mass_composition;  // mass fractions per material
  std::string route;                               // empty: hydrometallurgy (or the file's)
  std::vector<KeyedValue> recovery;  // fractions per material, or "cathode_active_material"
  std::vector<KeyedValue> pretreatment_yield;    // fractions per material
  std::vector<KeyedPrice> prices;                // product price overrides
  std::vector<KeyedValue> co2_factors;           // kg CO2e per unit of a process input
  std::optional<int> price_year;                 // data prices of this year
  std::optional<GivenPrice> opex;                // per t of feed
  std::optional<GivenPrice> gate_fee;            // per t of feed paid by the recycler (may be <0)
  std::vector<plant::FeedComponent> extra_feed;  // built elsewhere, e.g. from passports
  FieldLocation where;
};

core::Result<PlantSpec> plant_spec_from_request(const PlantRequest& request,
                                                const plant::PlantDefaults& defaults);

struct InferCandidate {
  std::string label;
  std::vector<KeyedValue> composition;  // black-mass mass fractions
  std::string location;
};

struct PlantInferRequest {
  std::vector<KeyedValue> output_tonnes;  // recovered tonnes per year by element
  bool target = false;                    // least-cost feed reaching at least output_tonnes
  std::string route;                      // default hydrometallurgy
  std::vector<std::string> candidates;    // cell chemistries; empty = every cell chemistry
  std::vector<InferCandidate> extra_candidates;
  std::vector<KeyedValue> recovery;
  std::optional<double> max_feed_tonnes;  // target mode; default EverBatt's plant limit
  std::optional<GivenPrice> opex;         // added to every candidate's cost (target mode)
  std::optional<GivenPrice> gate_fee;     // cost of every candidate (target mode)
  FieldLocation where;
};

// The inverse problem's request: outputs, route, candidates (cell chemistries at one tonne and
// given black masses) with their cost per tonne where known, and the feed limit in target mode.
core::Result<plant::InferRequest> infer_request_from(const PlantInferRequest& request,
                                                     const plant::PlantDefaults& defaults);

// The same requests from JSON objects: the fields of `POST /api/plant/balance|infer`
// (docs/api.md; the CLI's flags with underscores, prices as {usd_per_t, price_year}). Errors
// and the requests' `where` name `source` and the JSON path ("request body: $.recovery.Li").
core::Result<PlantRequest> plant_request_from_json(const nlohmann::json& body,
                                                   const std::string& source);
core::Result<PlantInferRequest> plant_infer_request_from_json(const nlohmann::json& body,
                                                              const std::string& source);

}  // namespace urbanmine::io
