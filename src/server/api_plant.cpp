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
// {"Li": 0.9, ...} at `key` -> keyed numbers located at their JSON paths.
core::Status read_keyed(const io::JsonReader& r, const char* key,
                        std::vector<engine::KeyedValue>& out) {
  if (!r.has(key)) return {};
  auto object = r.object(key);
  if (!object) return object.error();
  for (const auto& item : object->node().items()) {
    auto v = object->number(item.key());
    if (!v) return v.error();
    out.push_back({item.key(), *v, object->location(item.key())});
  }
  return {};
}

// {"usd_per_t": 16814, "price_year": 2024} -> a price with its dollar year.
core::Result<engine::GivenPrice> price_at(const io::JsonReader& price) {
  auto amount = price.number("usd_per_t");
  if (!amount) return amount.error();
  auto year = price.number("price_year");
  if (!year) return year.error();
  auto calendar = core::calendar_year(*year, price.location("price_year"));
  if (!calendar) return calendar.error();
  return engine::GivenPrice{*amount, *calendar, price.location()};
}

core::Status read_price(const io::JsonReader& r, const char* key,
                        std::optional<engine::GivenPrice>& out) {
  if (!r.has(key)) return {};
  auto object = r.object(key);
  if (!object) return object.error();
  auto p = price_at(*object);
  if (!p) return p.error();
  out = *p;
  return {};
}

// {"Ni": {"usd_per_t": 16814, "price_year": 2024}, ...}
core::Status read_prices(const io::JsonReader& r, const char* key,
                         std::vector<engine::KeyedPrice>& out) {
  if (!r.has(key)) return {};
  auto object = r.object(key);
  if (!object) return object.error();
  for (const auto& item : object->node().items()) {
    auto price = object->object(item.key());
    if (!price) return price.error();
    auto p = price_at(*price);
    if (!p) return p.error();
    out.push_back({item.key(), *p});
  }
  return {};
}

// The body's name for a request field: "request body: $.mass_tonnes".
std::string body_location(const std::string& field) { return "request body: $." + field; }

core::Status check_object(const nlohmann::json& body) {
  if (body.is_object()) return {};
  return core::Error::invalid_input("expected a JSON object", "request body: $",
                                    "send an object such as {\"chemistry\": \"NMC622\", "
                                    "\"mass_tonnes\": 1000}");
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
         URBANMINE_TRY_STATUS(check_object(*body));
         io::JsonReader r(*body, "request body");
         engine::PlantRequest s;
         s.where = body_location;
         std::optional<double> price_year;
         URBANMINE_TRY_STATUS(read_string(r, "chemistry", s.chemistry));
         URBANMINE_TRY_STATUS(read_number(r, "mass_tonnes", s.mass_tonnes));
         URBANMINE_TRY_STATUS(read_number(r, "capacity_kwh", s.capacity_kwh));
         URBANMINE_TRY_STATUS(read_keyed(r, "elements", s.element_tonnes));
         URBANMINE_TRY_STATUS(read_number(r, "black_mass_tonnes", s.black_mass_tonnes));
         URBANMINE_TRY_STATUS(read_keyed(r, "black_mass_composition", s.black_mass_composition));
         URBANMINE_TRY_STATUS(read_string(r, "route", s.route));
         URBANMINE_TRY_STATUS(read_keyed(r, "recovery", s.recovery));
         URBANMINE_TRY_STATUS(read_keyed(r, "pretreatment_yield", s.pretreatment_yield));
         URBANMINE_TRY_STATUS(read_prices(r, "prices", s.prices));
         URBANMINE_TRY_STATUS(read_keyed(r, "co2_factors", s.co2_factors));
         URBANMINE_TRY_STATUS(read_number(r, "price_year", price_year));
         URBANMINE_TRY_STATUS(read_price(r, "opex", s.opex));
         URBANMINE_TRY_STATUS(read_price(r, "gate_fee", s.gate_fee));
         if (price_year) {
           auto year = core::calendar_year(*price_year, r.location("price_year"));
           if (!year) return year.error();
           s.price_year = *year;
         }
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
         URBANMINE_TRY_STATUS(check_object(*body));
         io::JsonReader r(*body, "request body");
         engine::PlantInferRequest s;
         s.where = body_location;
         if (r.has("target")) {
           auto target = r.boolean("target");
           if (!target) return target.error();
           s.target = *target;
         }
         if (!r.has("output")) {
           return core::Error::invalid_input(
               "missing output", r.location("output"),
               "give the recovered tonnes per element, e.g. {\"output\": {\"Co\": 1500}}");
         }
         URBANMINE_TRY_STATUS(read_keyed(r, "output", s.output_tonnes));
         URBANMINE_TRY_STATUS(read_string(r, "route", s.route));
         if (r.has("candidates")) {
           auto candidates = r.string_array("candidates");
           if (!candidates) return candidates.error();
           s.candidates = *candidates;
         }
         if (r.has("extra_candidates")) {
           auto extra = r.object("extra_candidates");
           if (!extra) return extra.error();
           for (const auto& item : extra->node().items()) {
             engine::InferCandidate c;
             c.label = item.key();
             c.location = extra->location(item.key());
             URBANMINE_TRY_STATUS(read_keyed(*extra, item.key().c_str(), c.composition));
             s.extra_candidates.push_back(std::move(c));
           }
         }
         URBANMINE_TRY_STATUS(read_keyed(r, "recovery", s.recovery));
         URBANMINE_TRY_STATUS(read_number(r, "max_feed_tonnes", s.max_feed_tonnes));
         URBANMINE_TRY_STATUS(read_price(r, "opex", s.opex));
         URBANMINE_TRY_STATUS(read_price(r, "gate_fee", s.gate_fee));
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
