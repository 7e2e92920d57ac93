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
#include "io/json_reader.h"
#include "server/api.h"

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

// A CLI flag in an engine error ("--mass-tonnes", "--recovery Li") becomes the JSON path of the
// request field it came from ("request body: $.mass_tonnes").
core::Error with_body_location(core::Error error) {
  if (error.location.rfind("--", 0) == 0) {
    std::string field = error.location.substr(2);
    const auto space = field.find(' ');
    std::string rest;
    if (space != std::string::npos) {
      rest = " (" + field.substr(space + 1) + ")";
      field = field.substr(0, space);
    }
    for (auto& c : field) {
      if (c == '-') c = '_';
    }
    error.location = "request body: $." + field + rest;
  }
  return error;
}

// Optional typed members; a wrong type is an error naming the JSON path.
core::Status read_string(const io::JsonReader& r, const char* key, std::string& out) {
  if (!r.has(key)) return {};
  auto v = r.string(key);
  if (!v) return v.error();
  out = *v;
  return {};
}
core::Status read_number(const io::JsonReader& r, const char* key, std::optional<double>& out) {
  if (!r.has(key)) return {};
  auto v = r.number(key);
  if (!v) return v.error();
  out = *v;
  return {};
}
core::Status read_list(const io::JsonReader& r, const char* key, std::vector<std::string>& out) {
  if (!r.has(key)) return {};
  auto v = r.string_array(key);
  if (!v) return v.error();
  out = *v;
  return {};
}

core::Status check_object(const nlohmann::json& body) {
  if (body.is_object()) return {};
  return core::Error::invalid_input("expected a JSON object", "request body: $",
                                    "send an object such as {\"chemistry\": \"NMC622\", "
                                    "\"mass_tonnes\": 1000}");
}

bool wants_csv(const ApiRequest& request) { return request.query("format") == "csv"; }

nlohmann::json money_json(const std::optional<core::Money>& m) {
  if (!m) return nullptr;
  return {{"amount", m->amount}, {"currency", m->currency}, {"price_year", m->price_year}};
}

nlohmann::json infer_json(const plant::InferResult& r) {
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& c : r.candidates) {
    candidates.push_back({{"label", c.label},
                          {"feed_tonnes", c.feed_t},
                          {"min_tonnes", c.min_t},
                          {"max_tonnes", c.max_t ? nlohmann::json(*c.max_t) : nullptr},
                          {"cost", money_json(c.cost)}});
  }
  nlohmann::json outputs = nlohmann::json::array();
  for (const auto& o : r.outputs) {
    outputs.push_back({{"material", std::string(plant::material_code(o.material))},
                       {"stated_tonnes", o.stated_t},
                       {"modelled_tonnes", o.modelled_t},
                       {"residual_tonnes", o.residual_t},
                       {"relative_residual_fraction",
                        o.relative_residual ? nlohmann::json(*o.relative_residual) : nullptr}});
  }
  return {{"mode", r.mode == plant::InferMode::kFit ? "fit" : "target"},
          {"route", std::string(plant::route_code(r.route))},
          {"candidates", candidates},
          {"outputs", outputs},
          {"total_feed_tonnes", r.total_feed_t},
          {"objective", r.objective},
          {"total_cost", money_json(r.total_cost)},
          {"unique", r.unique},
          {"fit_quality", r.fit_quality},
          {"explanation", r.explanation}};
}

}  // namespace

void add_plant_routes(RouteTable& routes, ApiState& /*state*/) {
  routes.add(
      {"POST",
       "/api/plant/balance",
       "plant",
       "Recycling plant mass balance, products, economics and CO2 of one feed (like `urbanmine "
       "plant balance`); JSON, or CSV with format=csv",
       false,
       "{\"chemistry\": \"NMC622\", \"mass_tonnes\": 1000, \"route\": \"hydrometallurgy\"}; also "
       "capacity_kwh, elements, black_mass_tonnes, black_mass_composition, recovery [..], "
       "pretreatment_yield [..], prices [..], co2_factors [..], price_year, opex, gate_fee (the "
       "CLI's flags)",
       {{"format", "json (default) or csv"}},
       {kJsonType, kCsvType},
       [](const ApiRequest& request) -> core::Result<Reply> {
         auto body = parse_body(request);
         if (!body) return body.error();
         URBANMINE_TRY_STATUS(check_object(*body));
         io::JsonReader r(*body, "request body");
         engine::PlantSettings s;
         std::optional<double> price_year;
         URBANMINE_TRY_STATUS(read_string(r, "chemistry", s.chemistry));
         URBANMINE_TRY_STATUS(read_number(r, "mass_tonnes", s.mass_tonnes));
         URBANMINE_TRY_STATUS(read_number(r, "capacity_kwh", s.capacity_kwh));
         URBANMINE_TRY_STATUS(read_string(r, "elements", s.elements));
         URBANMINE_TRY_STATUS(read_number(r, "black_mass_tonnes", s.black_mass_tonnes));
         URBANMINE_TRY_STATUS(read_string(r, "black_mass_composition", s.black_mass_composition));
         URBANMINE_TRY_STATUS(read_string(r, "route", s.route));
         URBANMINE_TRY_STATUS(read_list(r, "recovery", s.recovery));
         URBANMINE_TRY_STATUS(read_list(r, "pretreatment_yield", s.pretreatment_yield));
         URBANMINE_TRY_STATUS(read_list(r, "prices", s.prices));
         URBANMINE_TRY_STATUS(read_list(r, "co2_factors", s.co2_factors));
         URBANMINE_TRY_STATUS(read_number(r, "price_year", price_year));
         URBANMINE_TRY_STATUS(read_string(r, "opex", s.opex));
         URBANMINE_TRY_STATUS(read_string(r, "gate_fee", s.gate_fee));
         if (price_year) {
           auto year = core::calendar_year(*price_year, r.location("price_year"));
           if (!year) return year.error();
           s.price_year = *year;
         }
         auto d = defaults();
         if (!d) return d.error();
         auto outcome = engine::run_plant_balance(s, **d);
         if (!outcome) return with_body_location(outcome.error());
         if (wants_csv(request)) {
           return Reply::content(kCsvType, engine::plant_balance_csv(*outcome),
                                 "plant_balance.csv");
         }
         return Reply::json(engine::plant_balance_json(*outcome));
       }});
  routes.add(
      {"POST",
       "/api/plant/infer",
       "plant",
       "The feed that explains (fit) or least-cost reaches (target) a plant's recovered output "
       "(like `urbanmine plant infer`); JSON, or CSV with format=csv",
       false,
       "{\"output\": \"Co=1500,Ni=2900,Li=1700\", \"target\": false, \"route\": "
       "\"hydrometallurgy\", \"candidates\": \"NMC622,LFP\"}; also extra_candidates [..], "
       "recovery [..], max_feed_tonnes, opex, gate_fee",
       {{"format", "json (default) or csv"}},
       {kJsonType, kCsvType},
       [](const ApiRequest& request) -> core::Result<Reply> {
         auto body = parse_body(request);
         if (!body) return body.error();
         URBANMINE_TRY_STATUS(check_object(*body));
         io::JsonReader r(*body, "request body");
         engine::InferSettings s;
         auto output = r.string("output");
         if (!output) return output.error();
         s.output = *output;
         if (r.has("target")) {
           auto target = r.boolean("target");
           if (!target) return target.error();
           s.target = *target;
         }
         URBANMINE_TRY_STATUS(read_string(r, "route", s.route));
         URBANMINE_TRY_STATUS(read_string(r, "candidates", s.candidates));
         URBANMINE_TRY_STATUS(read_list(r, "extra_candidates", s.extra_candidates));
         URBANMINE_TRY_STATUS(read_list(r, "recovery", s.recovery));
         URBANMINE_TRY_STATUS(read_number(r, "max_feed_tonnes", s.max_feed_tonnes));
         URBANMINE_TRY_STATUS(read_string(r, "opex", s.opex));
         URBANMINE_TRY_STATUS(read_string(r, "gate_fee", s.gate_fee));
         auto d = defaults();
         if (!d) return d.error();
         auto result = engine::run_plant_infer(s, **d);
         if (!result) return with_body_location(result.error());
         if (wants_csv(request)) {
           return Reply::content(kCsvType, engine::plant_infer_csv(*result), "plant_infer.csv");
         }
         return Reply::json(to_json_text(infer_json(*result)));
       }});
}

}  // namespace urbanmine::server
