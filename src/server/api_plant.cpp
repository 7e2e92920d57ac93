// SPDX-License-Identifier: Apache-2.0
// Plant endpoints: POST /api/plant/balance (like `urbanmine plant balance`) and POST
// /api/plant/infer (like `urbanmine plant infer`), through the engine's plant facade
// (engine/plant.h). JSON fields are the CLI's flags with underscores; the plant defaults (data/)
// are loaded once.
#include <mutex>
#include <optional>
#include <string>

#include "core/units.h"
#include "engine/plant.h"
#include "io/plant_request.h"
#include "server/api.h"

#include "report/plant_text.h"

namespace urbanmine::server {

namespace {

// The plant defaults, loaded on first use and kept (they are read-only).
core::Result<const plant::PlantDefaults*> defaults() {
  static std::once_flag once;
  static std::optional<core::Result<plant::PlantDefaults>> loaded;
  std::call_once(once,
                 [] { loaded.emplace(engine::load_plant_defaults(engine::plant_data_dir(""))); });
  if (!*loaded) return loaded->error();
  return &loaded->value();
}

bool wants_csv(const ApiRequest& request) { return request.query("format") == "csv"; }

}  // namespace

void add_plant_routes(RouteTable& routes, ApiState& /*state*/) {
  routes.add(
      {"POST",
       "/api/plant/balance",
       "plant",
       "Recycling plant mass balance, products, economics and CO2 of one feed (like `urbanmine "
       "plant balance`); JSON, or CSV with format=csv",
       false,
       "{\"chemistry\": \"NMC622\", \"mass_tonnes\": 1000, \"route\": \"hydrometallurgy\", "
       "\"recovery\": {\"Li\": 0.9}}; also capacity_kwh, elements {material: t}, "
       "black_mass_tonnes, black_mass_composition {material: fraction}, pretreatment_yield "
       "{material: fraction}, prices {product: {usd_per_t, price_year}}, co2_factors {input: "
       "kg}, price_year, opex and gate_fee {usd_per_t, price_year}",
       {{"format", "json (default) or csv"}},
       {kJsonType, kCsvType},
       [](const ApiRequest& request) -> core::Result<Reply> {
         auto body = parse_body(request);
         if (!body) return body.error();
         auto parsed = io::plant_request_from_json(*body, "request body");
         if (!parsed) return parsed.error();
         const engine::PlantRequest& s = *parsed;
         auto d = defaults();
         if (!d) return d.error();
         auto outcome = engine::run_plant_balance(s, **d);
         if (!outcome) return outcome.error();
         if (wants_csv(request)) {
           return Reply::content(kCsvType,
                                 report::plant_balance_csv(outcome->spec.name, outcome->balance),
                                 "plant_balance.csv");
         }
         return Reply::json(report::plant_balance_json(outcome->spec.name, outcome->balance));
       }});
  routes.add(
      {"POST",
       "/api/plant/infer",
       "plant",
       "The feed that explains (fit) or least-cost reaches (target) a plant's recovered output "
       "(like `urbanmine plant infer`); JSON, or CSV with format=csv",
       false,
       "{\"output\": {\"Co\": 1500, \"Ni\": 2900, \"Li\": 1700}, \"target\": false, "
       "\"route\": \"hydrometallurgy\", \"candidates\": [\"NMC622\", \"LFP\"]}; also "
       "extra_candidates {label: {material: fraction}}, recovery {material: fraction}, "
       "max_feed_tonnes, opex and gate_fee {usd_per_t, price_year}",
       {{"format", "json (default) or csv"}},
       {kJsonType, kCsvType},
       [](const ApiRequest& request) -> core::Result<Reply> {
         auto body = parse_body(request);
         if (!body) return body.error();
         auto parsed = io::plant_infer_request_from_json(*body, "request body");
         if (!parsed) return parsed.error();
         const engine::PlantInferRequest& s = *parsed;
         auto d = defaults();
         if (!d) return d.error();
         auto result = engine::run_plant_infer(s, **d);
         if (!result) return result.error();
         if (wants_csv(request)) {
           return Reply::content(kCsvType, report::plant_infer_csv(*result), "plant_infer.csv");
         }
         return Reply::json(report::plant_infer_json(*result));
       }});
}

}  // namespace urbanmine::server
