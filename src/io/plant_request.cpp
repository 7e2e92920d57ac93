// SPDX-License-Identifier: Apache-2.0
// Plant requests checked and turned into a plant spec or an inverse-problem request (see
// plant_request.h).
#include "io/plant_request.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "core/units.h"
#include "io/json_reader.h"

namespace urbanmine::io {
namespace {

std::string g_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string located(const FieldLocation& where, const std::string& field) {
  return where ? where(field) : field;
}

core::Result<plant::Material> parse_material_key(const std::string& key,
                                                 const std::string& location) {
  auto m = plant::parse_material(key);
  if (!m) {
    return core::Error::invalid_input(
        "unknown material '" + key + "'", location,
        "use Li, Ni, Co, Mn, Al, Cu, graphite, Fe, P, O, steel, plastics, electrolyte_solvents, "
        "electrolyte_salt, binder_carbon, other");
  }
  return *m;
}

core::Result<double> checked_fraction(double v, const std::string& location) {
  if (!std::isfinite(v)) {
    return core::Error::invalid_input("not a number", location, "give a fraction between 0 and 1");
  }
  if (v > 1.0) {
    return core::Error::invalid_input(g_text(v) + " is above 1", location,
                                      "give a fraction between 0 and 1 (0.9 = 90 %)");
  }
  if (v < 0.0) {
    return core::Error::invalid_input(g_text(v) + " is negative", location,
                                      "give a fraction between 0 and 1");
  }
  return v;
}

core::Result<double> checked_amount(double v, const std::string& location,
                                    const std::string& hint) {
  if (!std::isfinite(v)) return core::Error::invalid_input("not a number", location, hint);
  if (v < 0.0) return core::Error::invalid_input(g_text(v) + " is negative", location, hint);
  return v;
}

core::Result<plant::MaterialTonnes> material_values(const std::vector<KeyedValue>& items,
                                                    bool fraction) {
  plant::MaterialTonnes out{};
  for (const auto& a : items) {
    auto m = parse_material_key(a.key, a.location);
    if (!m) return m.error();
    auto v = fraction ? checked_fraction(a.value, a.location)
                      : checked_amount(a.value, a.location, "give zero or more tonnes");
    if (!v) return v.error();
    out[plant::index(*m)] = *v;
  }
  return out;
}

core::Result<plant::Price> checked_price(const GivenPrice& p, bool allow_negative) {
  if (!std::isfinite(p.usd_per_t)) {
    return core::Error::invalid_input(
        "not a number", p.location,
        "give US dollars per tonne with their price year (e.g. 16814 in 2024 dollars)");
  }
  if (!allow_negative && p.usd_per_t < 0.0) {
    return core::Error::invalid_input(
        g_text(p.usd_per_t) + "@" + std::to_string(p.price_year) + " is negative", p.location,
        "give a price of 0 or more");
  }
  if (p.price_year < core::kMinCalendarYear || p.price_year > core::kMaxCalendarYear) {
    return core::Error::invalid_input(
        "price year " + std::to_string(p.price_year) + " is not a calendar year", p.location,
        "give US dollars per tonne with their price year (e.g. 16814 in 2024 dollars)");
  }
  return plant::Price{core::Money{p.usd_per_t, "USD", p.price_year}, "user (" + p.location + ")"};
}

// The plant model names the field of a feed error ("mass_tonnes", "composition.Li",
// "tonnes.Li"); the request's fields are "mass_tonnes", "black_mass_composition.Li" and
// "elements.Li".
core::Result<plant::FeedComponent> at_field(core::Result<plant::FeedComponent> r,
                                            const FieldLocation& where) {
  if (r) return r;
  core::Error e = r.error();
  std::string field = e.location;
  if (field.rfind("composition.", 0) == 0) field = "black_mass_" + field;
  if (field.rfind("tonnes.", 0) == 0) field = "elements." + field.substr(7);
  e.location = located(where, field);
  return e;
}

core::Status apply_route_settings(plant::RouteParams& route, const std::string& route_text,
                                  const std::vector<KeyedValue>& recovery,
                                  const std::vector<KeyedValue>& yields,
                                  const FieldLocation& where) {
  if (!route_text.empty()) {
    auto r = plant::parse_route(route_text);
    if (!r) {
      return core::Error::invalid_input("unknown route '" + route_text + "'",
                                        located(where, "route"),
                                        "use pyrometallurgy, hydrometallurgy or direct");
    }
    route.route = *r;
  }
  for (const auto& a : recovery) {
    auto v = checked_fraction(a.value, a.location);
    if (!v) return v.error();
    if (a.key == "cathode_active_material") {
      route.cathode_recovery = *v;
      continue;
    }
    auto m = parse_material_key(a.key, a.location);
    if (!m) return m.error();
    route.recovery[plant::index(*m)] = *v;
  }
  for (const auto& a : yields) {
    auto v = checked_fraction(a.value, a.location);
    if (!v) return v.error();
    auto m = parse_material_key(a.key, a.location);
    if (!m) return m.error();
    route.pretreatment_yield[plant::index(*m)] = *v;
  }
  return {};
}

}  // namespace

core::Result<PlantSpec> plant_spec_from_request(const PlantRequest& s,
                                                const plant::PlantDefaults& defaults) {
  const auto& where = s.where;
  PlantSpec spec;
  if (!s.plant_file.empty()) {
    auto file = read_plant_toml(s.plant_file, defaults);
    if (!file) return file.error();
    spec = std::move(*file);
  } else {
    spec.route.route = plant::Route::kHydrometallurgy;
  }
  URBANMINE_TRY_STATUS(
      apply_route_settings(spec.route, s.route, s.recovery, s.pretreatment_yield, where));

  // Feed.
  if (!s.chemistry.empty() && !s.mass_tonnes && !s.capacity_kwh) {
    return core::Error::invalid_input(
        "a chemistry needs mass_tonnes (cells) or capacity_kwh (packs)",
        located(where, "chemistry"), "e.g. chemistry NMC622 with mass_tonnes 1000");
  }
  if ((s.mass_tonnes || s.capacity_kwh) && s.chemistry.empty()) {
    return core::Error::invalid_input("mass_tonnes and capacity_kwh need a chemistry",
                                      located(where, "chemistry"),
                                      "e.g. chemistry NMC622 with mass_tonnes 1000");
  }
  if (s.mass_tonnes) {
    auto c = at_field(plant::cell_feed(defaults, s.chemistry, *s.mass_tonnes), where);
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  if (s.capacity_kwh) {
    auto c = at_field(plant::pack_feed(defaults, s.chemistry, *s.capacity_kwh), where);
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  if (!s.element_tonnes.empty()) {
    auto t = material_values(s.element_tonnes, false);
    if (!t) return t.error();
    auto c = at_field(plant::element_feed(*t, "element composition"), where);
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  if (s.black_mass_tonnes || !s.black_mass_composition.empty()) {
    if (!s.black_mass_tonnes || s.black_mass_composition.empty()) {
      return core::Error::invalid_input(
          "black mass needs both black_mass_tonnes and black_mass_composition",
          located(where, "black_mass_tonnes"),
          "e.g. black_mass_tonnes 500 with a black_mass_composition of Li 0.04, Ni 0.2, Co 0.06, "
          "Mn 0.06, graphite 0.4");
    }
    auto tonnes = checked_amount(*s.black_mass_tonnes, located(where, "black_mass_tonnes"),
                                 "give zero or more tonnes");
    if (!tonnes) return tonnes.error();
    auto f = material_values(s.black_mass_composition, true);
    if (!f) return f.error();
    auto c = at_field(plant::black_mass_feed(*tonnes, *f, "black mass"), where);
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  for (const auto& c : s.extra_feed) spec.feed.components.push_back(c);
  if (spec.feed.components.empty()) {
    return core::Error::invalid_input(
        "no feed given", located(where, "chemistry"),
        "give a chemistry with mass_tonnes or capacity_kwh, elements, black_mass_tonnes with its "
        "composition, or a plant file");
  }

  // Economics and CO2 overrides.
  for (const auto& [key, given] : s.prices) {
    if (!plant::parse_material(key) && key.rfind("cathode_powder:", 0) != 0) {
      return core::Error::invalid_input("unknown product '" + key + "'", given.location,
                                        "use a material code (Ni, Li, ...) or "
                                        "cathode_powder:CHEMISTRY");
    }
    auto p = checked_price(given, false);
    if (!p) return p.error();
    spec.route.prices[key] = *p;
  }
  for (const auto& a : s.co2_factors) {
    auto v = checked_amount(a.value, a.location, "give kg CO2e per unit of the input");
    if (!v) return v.error();
    spec.route.co2_kg_per_unit[a.key] = plant::Sourced{*v, "user (" + a.location + ")"};
  }
  if (s.price_year) spec.route.price_year = *s.price_year;
  if (s.opex) {
    auto p = checked_price(*s.opex, false);
    if (!p) return p.error();
    spec.route.opex_per_t_feed = *p;
  }
  if (s.gate_fee) {
    auto p = checked_price(*s.gate_fee, true);
    if (!p) return p.error();
    spec.route.fee_per_t_feed = *p;
  }
  if (spec.name.empty()) {
    for (const auto& c : spec.feed.components) {
      spec.name += (spec.name.empty() ? "" : " + ") + c.label;
    }
  }
  return spec;
}

core::Result<plant::InferRequest> infer_request_from(const PlantInferRequest& s,
                                                     const plant::PlantDefaults& defaults) {
  const auto& where = s.where;
  const std::string output_field = s.target ? "target" : "output";
  plant::InferRequest req;
  req.mode = s.target ? plant::InferMode::kTarget : plant::InferMode::kFit;
  URBANMINE_TRY_STATUS(apply_route_settings(req.route, s.route, s.recovery, {}, where));
  for (const auto& a : s.output_tonnes) {
    auto m = parse_material_key(a.key, a.location);
    if (!m) return m.error();
    auto v = checked_amount(a.value, a.location, "give zero or more tonnes");
    if (!v) return v.error();
    req.output_t.emplace_back(*m, *v);
  }
  if (req.output_t.empty()) {
    return core::Error::invalid_input(
        "no output given", located(where, output_field),
        "give recovered tonnes per year by element, e.g. Co 1500, Ni 2900, Li 1700");
  }
  std::optional<plant::Price> opex;
  if (s.opex) {
    auto p = checked_price(*s.opex, false);
    if (!p) return p.error();
    opex = *p;
  }
  std::optional<plant::Price> gate_fee;
  if (s.gate_fee) {
    auto p = checked_price(*s.gate_fee, true);
    if (!p) return p.error();
    gate_fee = *p;
  }
  auto add_cost = [&](std::optional<core::Money> fee) -> std::optional<core::Money> {
    if (!fee) return std::nullopt;
    if (opex) {
      if (opex->usd_per_t.price_year != fee->price_year) return std::nullopt;
      fee->amount += opex->usd_per_t.amount;
    }
    return fee;
  };
  constexpr double kOneTonne = 1.0;
  std::vector<std::string> chems = s.candidates;
  if (chems.empty()) {
    for (const auto& c : defaults.chemistries) {
      if (c.cell_free_fraction) chems.push_back(c.code);
    }
  }
  for (const auto& code : chems) {
    auto c = plant::cell_feed(defaults, code, kOneTonne);
    if (!c) {
      core::Error e = c.error();
      e.location = located(where, "candidates");
      return e;
    }
    std::optional<core::Money> fee;
    if (gate_fee) {
      fee = gate_fee->usd_per_t;
    } else if (defaults.chemistries[*c->chemistry].fee) {
      fee = defaults.chemistries[*c->chemistry].fee->usd_per_t;
    }
    req.candidates.push_back(std::move(*c));
    req.cost_per_t.push_back(add_cost(fee));
  }
  for (const auto& extra : s.extra_candidates) {
    auto f = material_values(extra.composition, true);
    if (!f) return f.error();
    auto c = plant::black_mass_feed(kOneTonne, *f, extra.label);
    if (!c) {
      core::Error e = c.error();
      e.location = extra.location;
      return e;
    }
    req.candidates.push_back(std::move(*c));
    req.cost_per_t.push_back(
        add_cost(gate_fee ? std::optional<core::Money>(gate_fee->usd_per_t) : std::nullopt));
  }
  if (s.target) {
    if (s.max_feed_tonnes) {
      if (!(*s.max_feed_tonnes > 0.0)) {
        return core::Error::invalid_input("must be positive", located(where, "max_feed_tonnes"),
                                          "give the plant's feed capacity in tonnes per year");
      }
      req.max_feed_t = *s.max_feed_tonnes;
    } else if (defaults.max_feed_t) {
      req.max_feed_t = defaults.max_feed_t->value;
    }
  }
  return req;
}

// --- From JSON objects (the HTTP API's bodies, the Python module's dicts) ---------------------

namespace {

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
core::Status read_keyed(const io::JsonReader& r, const char* key, std::vector<KeyedValue>& out) {
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
core::Result<GivenPrice> price_at(const io::JsonReader& price) {
  auto amount = price.number("usd_per_t");
  if (!amount) return amount.error();
  auto year = price.number("price_year");
  if (!year) return year.error();
  auto calendar = core::calendar_year(*year, price.location("price_year"));
  if (!calendar) return calendar.error();
  return GivenPrice{*amount, *calendar, price.location()};
}

core::Status read_price(const io::JsonReader& r, const char* key, std::optional<GivenPrice>& out) {
  if (!r.has(key)) return {};
  auto object = r.object(key);
  if (!object) return object.error();
  auto p = price_at(*object);
  if (!p) return p.error();
  out = *p;
  return {};
}

// {"Ni": {"usd_per_t": 16814, "price_year": 2024}, ...}
core::Status read_prices(const io::JsonReader& r, const char* key, std::vector<KeyedPrice>& out) {
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

// An object whose keys are all in `allowed`; a misspelt key is an error naming it.
core::Status check_object(const nlohmann::json& body, const std::string& source,
                          std::initializer_list<std::string_view> allowed) {
  if (!body.is_object()) {
    return core::Error::invalid_input("expected a JSON object", source + ": $",
                                      "send an object such as {\"chemistry\": \"NMC622\", "
                                      "\"mass_tonnes\": 1000}");
  }
  for (const auto& item : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    std::string list;
    for (auto key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
    return core::Error::invalid_input("unknown key '" + item.key() + "'",
                                      source + ": $." + item.key(), "allowed: " + list);
  }
  return {};
}

}  // namespace

core::Result<PlantRequest> plant_request_from_json(const nlohmann::json& body,
                                                   const std::string& source) {
  URBANMINE_TRY_STATUS(
      check_object(body, source,
                   {"chemistry", "mass_tonnes", "capacity_kwh", "elements", "black_mass_tonnes",
                    "black_mass_composition", "route", "recovery", "pretreatment_yield", "prices",
                    "co2_factors", "price_year", "opex", "gate_fee"}));
  JsonReader r(body, source);
  PlantRequest s;
  s.where = [source](const std::string& field) { return source + ": $." + field; };
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
  return s;
}

core::Result<PlantInferRequest> plant_infer_request_from_json(const nlohmann::json& body,
                                                              const std::string& source) {
  URBANMINE_TRY_STATUS(check_object(body, source,
                                    {"output", "target", "route", "candidates", "extra_candidates",
                                     "recovery", "max_feed_tonnes", "opex", "gate_fee"}));
  JsonReader r(body, source);
  PlantInferRequest s;
  s.where = [source](const std::string& field) { return source + ": $." + field; };
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
      InferCandidate c;
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
  return s;
}

}  // namespace urbanmine::io
