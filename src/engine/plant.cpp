// SPDX-License-Identifier: Apache-2.0
// Plant facade: typed request -> plant spec -> balance or inverse problem (see plant.h).
#include "engine/plant.h"

#include <utility>

#include "engine/run.h"

namespace urbanmine::engine {

std::string plant_data_dir(const std::string& override_dir) {
  return override_dir.empty() ? default_data_dir() : override_dir;
}

core::Result<plant::PlantDefaults> load_plant_defaults(const std::string& data_dir) {
  return io::load_plant_defaults(data_dir);
}

core::Result<PlantOutcome> run_plant_balance(const PlantRequest& request,
                                             const plant::PlantDefaults& defaults) {
  auto spec = plant_spec_from_request(request, defaults);
  if (!spec) return spec.error();
  auto b = plant::balance(spec->feed, spec->route, defaults);
  if (!b) return b.error();
  return PlantOutcome{std::move(*spec), std::move(*b)};
}

core::Result<plant::InferResult> run_plant_infer(const PlantInferRequest& request,
                                                 const plant::PlantDefaults& defaults) {
  auto req = io::infer_request_from(request, defaults);
  if (!req) return req.error();
  return plant::infer_feed(*req, defaults);
}

}  // namespace urbanmine::engine
