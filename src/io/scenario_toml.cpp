// SPDX-License-Identifier: Apache-2.0
// Scenario TOML parsing with toml++ (exceptions caught here, never passed on). Each table is
// checked for unknown keys and each value for type and range; every problem is collected.
#include "io/scenario_toml.h"

#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "io/files.h"
#include "io/json_reader.h"
#include "io/run_data.h"

namespace urbanmine::io {

namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

// Physical upper bounds of scenario numbers (docs/formats/scenario.md, "Bounds"). They are far
// above any published value, so that no real scenario meets them, and low enough that a run
// stays finite (issue 19: 1e60 or 1e300 passed validation and then broke the mass balance).
// Growth: the fastest national EV sales growth IEA reports is about +200 %/yr (early markets);
// pack: the largest vehicle packs (mining trucks) are about 1.4 MWh; sales: world vehicle sales
// are about 90 million a year; capacity: world battery production is about 2 Mt a year;
// lifetimes: no vehicle or pack lives 200 years.
constexpr double kMaxGrowthRatePerYear = 3.0;      // +300 %/yr
constexpr double kMaxPackKwhPerVehicle = 5000.0;   // kWh
constexpr double kMaxSalesVehiclesPerYear = 1e9;   // vehicles per region and segment
constexpr double kMaxCapacityTonnesPerYear = 1e9;  // tonnes of battery per year
constexpr double kMaxFollowShare = 2.0;  // capacity at most twice the feedstock it follows
constexpr int kMaxFollowLagYears = 30;   // years between feedstock and the capacity it calls for
constexpr double kMaxLifetimeYears = 200.0;  // mean, sd, Weibull scale
constexpr double kMaxWeibullShape = 100.0;
constexpr double kMaxSecondLifeCapGwhPerYear = 1e6;  // 1,000 TWh/yr; stationary storage ~0.1 TWh

std::string num(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Walker {
 public:
  Walker(std::string source, core::Diagnostics& diags)
      : source_(std::move(source)), diags_(diags) {}

  std::string loc(const toml::node* node, const std::string& key) const {
    std::string out = source_;
    if (node != nullptr && node->source().begin.line > 0) {
      out += ":" + std::to_string(node->source().begin.line);
    }
    if (!key.empty()) out += ": " + key;
    return out;
  }

  void error(const toml::node* node, const std::string& key, std::string message,
             std::string hint) {
    diags_.add_error(
        core::Error::invalid_input(std::move(message), loc(node, key), std::move(hint)));
  }

  // Reports every key of `table` not in `allowed`, with a unit hint where one fits.
  void check_keys(const toml::table& table, const std::set<std::string>& allowed,
                  const std::string& path) {
    for (const auto& [key, value] : table) {
      const std::string k(key.str());
      if (allowed.count(k) != 0) continue;
      std::string hint = "allowed keys here: ";
      bool first = true;
      for (const auto& a : allowed) {
        hint += (first ? "" : ", ") + a;
        first = false;
      }
      std::string message = "unknown key '" + k + "'";
      static const std::vector<std::pair<std::string, std::string>> kUnitHints = {
          {"_gwh", "capacities and pack sizes use tonnes (_t_per_year) or kWh (kwh_per_vehicle)"},
          {"_mwh", "pack sizes are kWh per vehicle: kwh_per_vehicle"},
          {"_kt", "masses are in tonnes: multiply by 1000 and use the _t key"},
          {"_mt", "masses are in tonnes: multiply by 1e6 and use the _t key"},
          {"_kg", "masses are in tonnes"},
          {"_percent", "fractions are 0-1 (write 0.9 for 90 %)"},
          {"_pct", "fractions are 0-1 (write 0.9 for 90 %)"},
          {"_months", "lifetimes are in years: mean_years, sd_years"},
          {"_days", "lifetimes are in years: mean_years, sd_years"},
          {"_wh", "pack sizes are kWh per vehicle: kwh_per_vehicle"},
      };
      for (const auto& [suffix, unit_hint] : kUnitHints) {
        if (ends_with(k, suffix)) {
          message = "key '" + k + "' has the wrong unit";
          hint = unit_hint + std::string("; ") + hint;
          break;
        }
      }
      error(&value, path.empty() ? k : path + "." + k, message, hint);
    }
  }

  bool get_string(const toml::table& t, const char* key, const std::string& path, std::string& out,
                  bool required) {
    const toml::node* n = t.get(key);
    const std::string p = path.empty() ? key : path + "." + key;
    if (n == nullptr) {
      if (required) error(&t, p, "missing key", std::string("add ") + key + " = \"...\"");
      return false;
    }
    if (const auto* s = n->as_string()) {
      out = s->get();
      return true;
    }
    error(n, p, "expected a string", std::string("write ") + key + " = \"...\"");
    return false;
  }

  bool get_int(const toml::table& t, const char* key, const std::string& path, int& out,
               bool required, int min_value, int max_value) {
    const toml::node* n = t.get(key);
    const std::string p = path.empty() ? key : path + "." + key;
    if (n == nullptr) {
      if (required) error(&t, p, "missing key", std::string("add ") + key + " = <whole number>");
      return false;
    }
    const auto* i = n->as_integer();
    if (i == nullptr) {
      error(n, p, "expected a whole number",
            "write a number without quotes or decimals, e.g. 2030");
      return false;
    }
    const auto v = i->get();
    if (v < min_value || v > max_value) {
      error(n, p,
            "value " + std::to_string(v) + " is outside " + std::to_string(min_value) + "-" +
                std::to_string(max_value),
            "give a value in range");
      return false;
    }
    out = static_cast<int>(v);
    return true;
  }

  bool get_year(const toml::table& t, const char* key, const std::string& path, int& out,
                bool required) {
    return get_int(t, key, path, out, required, kMinYear, kMaxYear);
  }

  bool number_of(const toml::node* n, const std::string& p, double& out) {
    if (const auto* f = n->as_floating_point()) {
      out = f->get();
    } else if (const auto* i = n->as_integer()) {
      out = static_cast<double>(i->get());
    } else {
      std::string hint = "write a plain number without quotes or units";
      if (n->is_string()) hint += " (the unit is in the key name)";
      error(n, p, "expected a number", hint);
      return false;
    }
    if (!std::isfinite(out)) {
      error(n, p, "expected a finite number", "write a plain number");
      return false;
    }
    return true;
  }

  // A number >= min_value (and <= max_value when given).
  bool get_number(const toml::table& t, const char* key, const std::string& path, double& out,
                  bool required, double min_value, std::optional<double> max_value,
                  const std::string& range_hint) {
    const toml::node* n = t.get(key);
    const std::string p = path.empty() ? key : path + "." + key;
    if (n == nullptr) {
      if (required) error(&t, p, "missing key", std::string("add ") + key + " = <number>");
      return false;
    }
    double v = 0.0;
    if (!number_of(n, p, v)) return false;
    return check_range(n, p, v, min_value, max_value, range_hint, out);
  }

  bool check_range(const toml::node* n, const std::string& p, double v, double min_value,
                   std::optional<double> max_value, const std::string& range_hint, double& out) {
    if (v < min_value || (max_value && v > *max_value)) {
      std::string range = ">= " + num(min_value);
      if (max_value) range = num(min_value) + " to " + num(*max_value);
      error(n, p, "value " + num(v) + " is out of range (" + range + ")", range_hint);
      return false;
    }
    out = v;
    return true;
  }

  bool get_fraction(const toml::table& t, const char* key, const std::string& path, double& out,
                    bool required) {
    return get_number(t, key, path, out, required, 0.0, 1.0,
                      "fractions are 0-1 (write 0.9 for 90 %)");
  }

  bool get_bool(const toml::table& t, const char* key, const std::string& path, bool& out) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const std::string p = path.empty() ? key : path + "." + key;
    if (const auto* b = n->as_boolean()) {
      out = b->get();
      return true;
    }
    error(n, p, "expected true or false", std::string("write ") + key + " = true (no quotes)");
    return false;
  }

  // A table of name -> number (e.g. shares = { LFP = 0.5, NMC811 = 0.5 }).
  bool get_number_map(const toml::table& t, const char* key, const std::string& path,
                      std::vector<std::pair<std::string, double>>& out, bool required,
                      double max_value) {
    const toml::node* n = t.get(key);
    const std::string p = path.empty() ? key : path + "." + key;
    if (n == nullptr) {
      if (required) error(&t, p, "missing key", std::string("add ") + key + " = { NAME = value }");
      return false;
    }
    const auto* tbl = n->as_table();
    if (tbl == nullptr) {
      error(n, p, "expected a table", std::string("write ") + key + " = { NAME = value, ... }");
      return false;
    }
    bool ok = true;
    for (const auto& [k, v] : *tbl) {
      double x = 0.0;
      const std::string kp = p + "." + std::string(k.str());
      if (!number_of(&v, kp, x) ||
          !check_range(&v, kp, x, 0.0, max_value, "shares and fractions are 0-1", x)) {
        ok = false;
        continue;
      }
      out.emplace_back(std::string(k.str()), x);
    }
    return ok;
  }

  LifetimeSpec get_lifetime(const toml::table& t, const char* key, const std::string& path) {
    LifetimeSpec spec;
    const toml::node* n = t.get(key);
    if (n == nullptr) return spec;
    const std::string p = path.empty() ? key : path + "." + key;
    spec.location = loc(n, p);
    const auto* tbl = n->as_table();
    if (tbl == nullptr) {
      error(n, p, "expected a table",
            "write " + std::string(key) +
                " = { distribution = \"Normal\", mean_years = 15, sd_years = 4 }");
      return spec;
    }
    spec.present = true;
    parse_lifetime_fields(*tbl, p, spec);
    return spec;
  }

  void parse_lifetime_fields(const toml::table& tbl, const std::string& p, LifetimeSpec& spec) {
    check_keys(tbl,
               {"distribution", "mean_years", "sd_years", "weibull_shape", "weibull_scale_years",
                "from_year"},
               p);
    std::string dist;
    if (get_string(tbl, "distribution", p, dist, false)) spec.distribution = dist;
    double v = 0.0;
    const std::string hint = "lifetimes are in years and cannot be negative";
    if (get_number(tbl, "mean_years", p, v, false, 0.0, kMaxLifetimeYears, hint)) {
      spec.mean_years = v;
    }
    if (get_number(tbl, "sd_years", p, v, false, 0.0, kMaxLifetimeYears, hint)) spec.sd_years = v;
    if (get_number(tbl, "weibull_shape", p, v, false, 0.0, kMaxWeibullShape, hint)) {
      spec.weibull_shape = v;
    }
    if (get_number(tbl, "weibull_scale_years", p, v, false, 0.0, kMaxLifetimeYears, hint)) {
      spec.weibull_scale_years = v;
    }
  }

  // Each element of an array of tables; reports a non-table element.
  template <typename F>
  void for_each_table(const toml::table& root, const char* key, const std::string& path, F f) {
    const toml::node* n = root.get(key);
    if (n == nullptr) return;
    const std::string p = path.empty() ? key : path + "." + key;
    const auto* arr = n->as_array();
    if (arr == nullptr) {
      error(n, p, "expected an array of tables",
            "write [[" + p + "]] before each entry (see docs/formats/scenario.md)");
      return;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const auto* tbl = arr->get(i)->as_table();
      const std::string ip = p + "[" + std::to_string(i) + "]";
      if (tbl == nullptr) {
        error(arr->get(i), ip, "expected a table", "write [[" + p + "]] before each entry");
        continue;
      }
      f(*tbl, ip);
    }
  }

  const toml::table* sub_table(const toml::table& root, const char* key) {
    const toml::node* n = root.get(key);
    if (n == nullptr) return nullptr;
    const auto* t = n->as_table();
    if (t == nullptr) {
      error(n, key, "expected a table", std::string("write [") + key + "] on its own line");
    }
    return t;
  }

 private:
  std::string source_;
  core::Diagnostics& diags_;
};

void parse_scenario_table(Walker& w, const toml::table& t, ScenarioSpec& spec) {
  const std::string p = "scenario";
  w.check_keys(t,
               {"name", "description", "first_year", "last_year", "regions",
                "lifetime_data_scenario", "seed"},
               p);
  w.get_string(t, "name", p, spec.name, false);
  w.get_string(t, "description", p, spec.description, false);
  spec.years_location = w.loc(t.get("first_year") ? t.get("first_year") : &t, p + ".first_year");
  w.get_year(t, "first_year", p, spec.first_year, false);
  w.get_year(t, "last_year", p, spec.last_year, false);
  if (spec.first_year > spec.last_year) {
    w.error(t.get("last_year") ? t.get("last_year") : &t, p + ".last_year",
            "year range is reversed: first_year " + std::to_string(spec.first_year) +
                " > last_year " + std::to_string(spec.last_year),
            "make first_year <= last_year");
  }
  int seed = 0;
  if (w.get_int(t, "seed", p, seed, false, 0, 2147483647)) {
    spec.seed = static_cast<unsigned long long>(seed);
  }
  if (const toml::node* n = t.get("lifetime_data_scenario")) {
    spec.lifetime_data_scenario_location = w.loc(n, p + ".lifetime_data_scenario");
    w.get_string(t, "lifetime_data_scenario", p, spec.lifetime_data_scenario, false);
  }
  if (const toml::node* n = t.get("regions")) {
    spec.regions_location = w.loc(n, p + ".regions");
    const auto* arr = n->as_array();
    if (arr == nullptr) {
      w.error(n, p + ".regions", "expected an array of region codes",
              "write regions = [\"all\"] or regions = [\"KOR\", \"EU27\"]");
    } else {
      spec.regions.clear();
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const auto* s = arr->get(i)->as_string();
        if (s == nullptr) {
          w.error(arr->get(i), p + ".regions[" + std::to_string(i) + "]", "expected a string",
                  "write region codes in quotes");
          continue;
        }
        spec.regions.push_back(s->get());
      }
      if (spec.regions.empty()) {
        w.error(n, p + ".regions", "no regions", "list at least one region code or \"all\"");
      }
    }
  }
}

void parse_sales(Walker& w, const toml::table& t, ScenarioSpec& spec) {
  w.check_keys(t, {"backcast_growth", "projection", "growth", "target"}, "sales");
  if (const toml::node* n = t.get("projection")) {
    std::string projection;
    if (w.get_string(t, "projection", "sales", projection, false)) {
      if (projection == "iea_steps" || projection == "growth") {
        spec.sales_projection = projection;
        spec.sales_projection_location = w.loc(n, "sales.projection");
      } else {
        w.error(n, "sales.projection", "unknown projection '" + projection + "'",
                "use \"iea_steps\" (IEA Stated Policies sales to 2030, then growth rates) or "
                "\"growth\" (growth rates only)");
      }
    }
  }
  double v = 0.0;
  if (w.get_number(t, "backcast_growth", "sales", v, false, 0.0, kMaxGrowthRatePerYear,
                   "a yearly growth rate >= 0, e.g. 0.4")) {
    spec.backcast_growth = v;
  }
  w.for_each_table(t, "growth", "sales", [&](const toml::table& e, const std::string& p) {
    w.check_keys(e, {"region", "segment", "from_year", "to_year", "growth_rate_per_year"}, p);
    GrowthSpec g;
    g.location = w.loc(&e, p);
    w.get_string(e, "region", p, g.region, false);
    w.get_string(e, "segment", p, g.segment, false);
    bool ok = w.get_year(e, "from_year", p, g.from_year, true);
    ok = w.get_year(e, "to_year", p, g.to_year, true) && ok;
    ok = w.get_number(e, "growth_rate_per_year", p, g.growth_rate_per_year, true, -0.999999,
                      kMaxGrowthRatePerYear, "a yearly rate above -1, e.g. 0.05 for +5 %") &&
         ok;
    if (ok && g.to_year < g.from_year) {
      w.error(e.get("to_year"), p + ".to_year", "to_year is before from_year",
              "make from_year <= to_year");
      ok = false;
    }
    if (ok) spec.growth.push_back(std::move(g));
  });
  w.for_each_table(t, "target", "sales", [&](const toml::table& e, const std::string& p) {
    w.check_keys(e, {"region", "segment", "year", "sales_vehicles"}, p);
    SalesTargetSpec s;
    s.location = w.loc(&e, p);
    bool ok = w.get_string(e, "region", p, s.region, true);
    ok = w.get_string(e, "segment", p, s.segment, true) && ok;
    ok = w.get_year(e, "year", p, s.year, true) && ok;
    ok = w.get_number(e, "sales_vehicles", p, s.sales_vehicles, true, 0.0, kMaxSalesVehiclesPerYear,
                      "vehicle sales cannot be negative") &&
         ok;
    if (ok) spec.targets.push_back(std::move(s));
  });
}

void parse_lifetimes(Walker& w, const toml::table& t, ScenarioSpec& spec) {
  for (const auto& [key, node] : t) {
    const std::string seg(key.str());
    const std::string p = "lifetime." + seg;
    const auto* e = node.as_table();
    if (e == nullptr) {
      w.error(&node, p, "expected a table", "write [lifetime." + seg + "]");
      continue;
    }
    w.check_keys(*e, {"vehicle", "battery", "battery_by_cohort"}, p);
    SegmentLifetimeSpec s;
    s.segment = seg;
    s.location = w.loc(e, p);
    s.vehicle = w.get_lifetime(*e, "vehicle", p);
    s.battery = w.get_lifetime(*e, "battery", p);
    w.for_each_table(*e, "battery_by_cohort", p, [&](const toml::table& c, const std::string& cp) {
      CohortLifetimeSpec cl;
      cl.lifetime.present = true;
      cl.lifetime.location = w.loc(&c, cp);
      w.parse_lifetime_fields(c, cp, cl.lifetime);
      if (w.get_year(c, "from_year", cp, cl.from_year, true)) {
        s.battery_by_cohort.push_back(std::move(cl));
      }
    });
    spec.lifetimes.push_back(std::move(s));
  }
}

void parse_document(Walker& w, const toml::table& root, ScenarioSpec& spec) {
  w.check_keys(root,
               {"scenario",
                "sales",
                "pack_size",
                "chemistry_share",
                "material_intensity_kg_per_kwh",
                "lifetime",
                "second_life",
                "replacement",
                "collection",
                "recycling_capacity",
                "recovery_fraction",
                "market",
                "uncertainty",
                "production_scrap",
                "trade",
                "capacity_follows_feedstock",
                "recycling_plants",
                "pack_size_path",
                "used_vehicle_export",
                "passport_fleet",
                "recovery_path"},
               "");
  if (const auto* t = w.sub_table(root, "market")) {
    w.check_keys(*t, {"weights", "year"}, "market");
    if (const toml::node* n = t->get("weights"); n != nullptr && n->as_table() != nullptr) {
      w.check_keys(*n->as_table(), {"feedstock", "policy", "risk", "growth"}, "market.weights");
    }
    w.get_number_map(*t, "weights", "market", spec.market_weights, false, 1.0);
    int year = 0;
    if (w.get_year(*t, "year", "market", year, false)) spec.market_year = year;
  }
  if (const auto* t = w.sub_table(root, "scenario")) parse_scenario_table(w, *t, spec);
  if (const auto* t = w.sub_table(root, "sales")) parse_sales(w, *t, spec);
  if (const auto* t = w.sub_table(root, "pack_size_path")) {
    w.check_keys(*t, {"projection"}, "pack_size_path");
    std::string projection;
    if (w.get_string(*t, "projection", "pack_size_path", projection, false)) {
      if (projection == "iea_steps" || projection == "hold") {
        spec.pack_size_projection = projection;
      } else {
        w.error(t->get("projection"), "pack_size_path.projection",
                "unknown projection '" + projection + "'",
                "use \"iea_steps\" (scaled to IEA's STEPS battery demand in 2030) or \"hold\" "
                "(2024 pack sizes held)");
      }
    }
  }

  w.for_each_table(root, "pack_size", "", [&](const toml::table& e, const std::string& p) {
    w.check_keys(e, {"region", "segment", "year", "kwh_per_vehicle"}, p);
    PackSizeSpec s;
    s.location = w.loc(&e, p);
    w.get_string(e, "region", p, s.region, false);
    bool ok = w.get_string(e, "segment", p, s.segment, true);
    ok = w.get_year(e, "year", p, s.year, true) && ok;
    ok = w.get_number(e, "kwh_per_vehicle", p, s.kwh_per_vehicle, true, 1e-9, kMaxPackKwhPerVehicle,
                      "pack size is a positive number of kWh per vehicle") &&
         ok;
    if (ok) spec.pack_sizes.push_back(std::move(s));
  });

  w.for_each_table(root, "chemistry_share", "", [&](const toml::table& e, const std::string& p) {
    w.check_keys(e, {"region", "segment", "year", "shares"}, p);
    ChemistryShareSpec s;
    s.location = w.loc(e.get("shares") ? e.get("shares") : &e, p + ".shares");
    w.get_string(e, "region", p, s.region, false);
    w.get_string(e, "segment", p, s.segment, false);
    bool ok = w.get_year(e, "year", p, s.year, true);
    ok = w.get_number_map(e, "shares", p, s.shares, true, 1.0) && ok;
    if (ok) spec.chemistry_shares.push_back(std::move(s));
  });

  if (const auto* t = w.sub_table(root, "material_intensity_kg_per_kwh")) {
    for (const auto& [key, node] : *t) {
      const std::string chem(key.str());
      const std::string p = "material_intensity_kg_per_kwh." + chem;
      const auto* e = node.as_table();
      if (e == nullptr) {
        w.error(&node, p, "expected a table", "write [" + p + "] then element = kg_per_kwh");
        continue;
      }
      for (const auto& [ek, ev] : *e) {
        IntensitySpec s;
        s.chemistry = chem;
        s.element = std::string(ek.str());
        s.location = w.loc(&ev, p + "." + s.element);
        double x = 0.0;
        if (w.number_of(&ev, p + "." + s.element, x) &&
            w.check_range(&ev, p + "." + s.element, x, 0.0, std::nullopt,
                          "kg per kWh cannot be negative", x)) {
          s.kg_per_kwh = x;
          spec.intensities.push_back(std::move(s));
        }
      }
    }
  }

  if (const auto* t = w.sub_table(root, "lifetime")) parse_lifetimes(w, *t, spec);

  if (const auto* t = w.sub_table(root, "replacement")) {
    const std::string p = "replacement";
    w.check_keys(*t,
                 {"probability", "max_vehicle_age_years", "probability_by_segment",
                  "max_vehicle_age_years_by_segment"},
                 p);
    spec.replacement_location = w.loc(t, p);
    double v = 0.0;
    if (w.get_fraction(*t, "probability", p, v, false)) spec.replacement_probability = v;
    if (w.get_number(*t, "max_vehicle_age_years", p, v, false, 0.0, kMaxLifetimeYears,
                     "a vehicle age in years, e.g. 8")) {
      spec.replacement_max_vehicle_age_years = v;
    }
    w.get_number_map(*t, "probability_by_segment", p, spec.replacement_probability_by_segment,
                     false, 1.0);
    w.get_number_map(*t, "max_vehicle_age_years_by_segment", p,
                     spec.replacement_max_vehicle_age_years_by_segment, false, kMaxLifetimeYears);
  }

  if (const auto* t = w.sub_table(root, "second_life")) {
    const std::string p = "second_life";
    w.check_keys(*t,
                 {"share", "share_by_segment", "lifetime", "cap_gwh_per_year",
                  "max_vehicle_age_years", "max_vehicle_age_years_by_segment"},
                 p);
    double v = 0.0;
    if (w.get_number(*t, "max_vehicle_age_years", p, v, false, 0.0, kMaxLifetimeYears,
                     "the oldest vehicle age in years whose pack may be repurposed, e.g. 12")) {
      spec.second_life_max_vehicle_age_years = v;
    }
    w.get_number_map(*t, "max_vehicle_age_years_by_segment", p,
                     spec.second_life_max_vehicle_age_years_by_segment, false, kMaxLifetimeYears);
    if (w.get_number(*t, "cap_gwh_per_year", p, v, false, 0.0, kMaxSecondLifeCapGwhPerYear,
                     "GWh of packs per year that stationary storage can take, e.g. 50")) {
      spec.second_life_cap_gwh_per_year = v;
    }
    spec.second_life_location = w.loc(t, p);
    if (w.get_fraction(*t, "share", p, v, false)) spec.second_life_share = v;
    w.get_number_map(*t, "share_by_segment", p, spec.second_life_share_by_segment, false, 1.0);
    spec.second_life_lifetime = w.get_lifetime(*t, "lifetime", p);
  }

  w.for_each_table(root, "collection", "", [&](const toml::table& e, const std::string& p) {
    w.check_keys(e, {"region", "year", "collection_fraction"}, p);
    CollectionSpec s;
    s.location = w.loc(&e, p);
    w.get_string(e, "region", p, s.region, false);
    bool ok = w.get_year(e, "year", p, s.year, true);
    ok = w.get_fraction(e, "collection_fraction", p, s.collection_fraction, true) && ok;
    if (ok) spec.collection.push_back(std::move(s));
  });

  w.for_each_table(root, "used_vehicle_export", "",
                   [&](const toml::table& e, const std::string& p) {
                     w.check_keys(e, {"from", "to", "segment", "share", "age_years"}, p);
                     UsedExportSpec s;
                     s.location = w.loc(&e, p);
                     bool ok = w.get_string(e, "from", p, s.from, true);
                     ok = w.get_string(e, "to", p, s.to, true) && ok;
                     w.get_string(e, "segment", p, s.segment, false);
                     ok = w.get_fraction(e, "share", p, s.share, true) && ok;
                     ok = w.get_int(e, "age_years", p, s.age_years, true, 1, 100) && ok;
                     if (ok) spec.used_exports.push_back(std::move(s));
                   });

  w.for_each_table(root, "recycling_capacity", "", [&](const toml::table& e, const std::string& p) {
    w.check_keys(e, {"region", "year", "capacity_t_per_year", "routes"}, p);
    CapacitySpec s;
    s.location = w.loc(&e, p);
    bool ok = w.get_string(e, "region", p, s.region, true);
    ok = w.get_year(e, "year", p, s.year, true) && ok;
    ok = w.get_number(e, "capacity_t_per_year", p, s.capacity_t_per_year, true, 0.0,
                      kMaxCapacityTonnesPerYear,
                      "capacity is tonnes of battery per year and cannot be negative") &&
         ok;
    w.get_number_map(e, "routes", p, s.routes, false, 1.0);
    if (ok) spec.capacity.push_back(std::move(s));
  });

  if (const auto* t = w.sub_table(root, "production_scrap")) {
    const std::string p = "production_scrap";
    w.check_keys(*t, {"enabled", "rate"}, p);
    spec.production_scrap_location = w.loc(t, p);
    bool on = false;
    if (w.get_bool(*t, "enabled", p, on)) spec.production_scrap_enabled = on;
    w.for_each_table(*t, "rate", p, [&](const toml::table& e, const std::string& ep) {
      w.check_keys(e, {"year", "scrap_fraction"}, ep);
      ScrapRateSpec s;
      s.location = w.loc(&e, ep);
      bool ok = w.get_year(e, "year", ep, s.year, true);
      ok = w.get_number(e, "scrap_fraction", ep, s.scrap_fraction, true, 0.0, kMaxScrapFraction,
                        "the share of cell production scrapped, 0-0.9 (write 0.05 for 5 %)") &&
           ok;
      if (ok) spec.scrap_rates.push_back(std::move(s));
    });
  }

  if (const auto* t = w.sub_table(root, "capacity_follows_feedstock")) {
    const std::string p = "capacity_follows_feedstock";
    w.check_keys(*t, {"share", "lag_years", "from_year"}, p);
    spec.capacity_follow_location = w.loc(t, p);
    double share = 0.0;
    if (w.get_number(*t, "share", p, share, true, 0.0, kMaxFollowShare,
                     "capacity as a share of the feedstock, 0-2 (1 = all of it)")) {
      spec.capacity_follow_share = share;
    }
    w.get_int(*t, "lag_years", p, spec.capacity_follow_lag_years, false, 0, kMaxFollowLagYears);
    w.get_year(*t, "from_year", p, spec.capacity_follow_from_year, false);
  }

  if (const auto* t = w.sub_table(root, "recycling_plants")) {
    w.check_keys(*t, {"include_announced"}, "recycling_plants");
    w.get_bool(*t, "include_announced", "recycling_plants", spec.include_announced_plants);
  }

  if (const auto* t = w.sub_table(root, "trade")) {
    const std::string p = "trade";
    w.check_keys(*t, {"enabled", "block"}, p);
    spec.trade_location = w.loc(t, p);
    bool on = false;
    if (w.get_bool(*t, "enabled", p, on)) spec.trade_enabled = on;
    w.for_each_table(*t, "block", p, [&](const toml::table& e, const std::string& ep) {
      w.check_keys(e, {"origin", "destination", "first_year", "last_year", "reason"}, ep);
      TradeBlockSpec s;
      s.location = w.loc(&e, ep);
      bool ok = w.get_string(e, "origin", ep, s.origin, true);
      ok = w.get_string(e, "destination", ep, s.destination, true) && ok;
      if (e.get("first_year") != nullptr)
        ok = w.get_year(e, "first_year", ep, s.first_year, true) && ok;
      if (e.get("last_year") != nullptr)
        ok = w.get_year(e, "last_year", ep, s.last_year, true) && ok;
      w.get_string(e, "reason", ep, s.reason, false);
      if (ok && s.first_year != 0 && s.last_year != 0 && s.last_year < s.first_year) {
        w.error(&e, ep + ".last_year", "last_year is before first_year",
                "give first_year <= last_year, or leave one out for an open range");
        ok = false;
      }
      if (ok) spec.trade_blocks.push_back(std::move(s));
    });
  }

  if (const auto* t = w.sub_table(root, "recovery_path")) {
    const std::string p = "recovery_path";
    w.check_keys(*t, {"policy", "regions"}, p);
    spec.recovery_policy_location = w.loc(t, p);
    std::string policy;
    if (w.get_string(*t, "policy", p, policy, true)) {
      if (policy == "eu_2023_1542" || policy == "none") {
        spec.recovery_policy = policy == "none" ? "" : policy;
      } else {
        w.error(t->get("policy"), p + ".policy", "'" + policy + "' is not a recovery policy",
                "write policy = \"eu_2023_1542\" (Regulation (EU) 2023/1542 Annex XII targets) "
                "or \"none\"");
      }
    }
    if (const toml::node* n = t->get("regions")) {
      const auto* arr = n->as_array();
      std::vector<std::string> regions;
      bool ok = arr != nullptr && !arr->empty();
      if (arr != nullptr) {
        for (const auto& item : *arr) {
          if (const auto* v = item.as_string()) {
            regions.push_back(v->get());
          } else {
            ok = false;
          }
        }
      }
      if (ok) {
        spec.recovery_policy_regions = regions;
      } else {
        w.error(n, p + ".regions", "expected a non-empty list of region codes",
                "write regions = [\"EU27\"] (model regions or aggregates, or \"all\")");
      }
    }
  }

  w.for_each_table(root, "passport_fleet", "", [&](const toml::table& e, const std::string& ep) {
    w.check_keys(e, {"path", "region", "segment", "mode"}, ep);
    PassportFleetSpec s;
    s.location = w.loc(&e, ep);
    bool ok = w.get_string(e, "path", ep, s.path, true);
    ok = w.get_string(e, "region", ep, s.region, true) && ok;
    w.get_string(e, "segment", ep, s.segment, false);
    if (w.get_string(e, "mode", ep, s.mode, false) && s.mode != "coverage" && s.mode != "sample") {
      w.error(e.get("mode"), ep + ".mode", "'" + s.mode + "' is not a mode",
              "write mode = \"coverage\" (passports for the batteries they describe) or "
              "\"sample\" (their mix for the whole cohort)");
      ok = false;
    }
    if (ok) spec.passport_fleets.push_back(std::move(s));
  });

  if (const auto* t = w.sub_table(root, "recovery_fraction")) {
    for (const auto& [key, node] : *t) {
      const std::string route(key.str());
      const std::string p = "recovery_fraction." + route;
      const auto* e = node.as_table();
      if (e == nullptr) {
        w.error(&node, p, "expected a table", "write [" + p + "] then element = fraction");
        continue;
      }
      for (const auto& [ek, ev] : *e) {
        RecoverySpec s;
        s.route = route;
        s.element = std::string(ek.str());
        s.location = w.loc(&ev, p + "." + s.element);
        double x = 0.0;
        if (w.number_of(&ev, p + "." + s.element, x) &&
            w.check_range(&ev, p + "." + s.element, x, 0.0, 1.0,
                          "recovery fractions are 0-1 (write 0.95 for 95 %)", x)) {
          s.recovery_fraction = x;
          spec.recovery.push_back(std::move(s));
        }
      }
    }
  }
}

}  // namespace

ScenarioSpec parse_scenario_toml(const std::string& text, const std::string& source,
                                 core::Diagnostics& diags) {
  ScenarioSpec spec;
  spec.source = source;
  spec.text = text;
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& pos = e.source().begin;
    diags.add_error(core::Error::invalid_input(
        "TOML syntax error: " + std::string(e.description()),
        source + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column),
        "fix the TOML syntax (see docs/formats/scenario.md)"));
    return spec;
  } catch (const std::exception& e) {
    diags.add_error(core::Error::invalid_input(std::string("cannot parse scenario: ") + e.what(),
                                               source, "check the file is TOML text"));
    return spec;
  }
  Walker w(source, diags);
  parse_document(w, root, spec);
  return spec;
}

ScenarioSpec read_scenario_file(const std::string& path, core::Diagnostics& diags) {
  auto text = read_text_file(path);
  if (!text) {
    ScenarioSpec spec;
    spec.source = path;
    diags.add_error(core::Error::invalid_input(
        "cannot read scenario file: " + text.error().message, path,
        "check the path; run `urbanmine validate` with no argument to check the shipped "
        "baseline examples/global.toml"));
    return spec;
  }
  return parse_scenario_toml(*text, path, diags);
}

namespace {

using NodePtr = std::unique_ptr<toml::node>;

// One JSON value as a TOML node; `path` names it in errors.
core::Result<NodePtr> toml_node_of(const nlohmann::json& v, const std::string& source,
                                   const std::string& path) {
  const auto bad = [&](const std::string& what) {
    return core::Error::invalid_input(what, source + ": " + path,
                                      "give numbers, strings, booleans, lists or dicts");
  };
  if (v.is_boolean()) return NodePtr(std::make_unique<toml::value<bool>>(v.get<bool>()));
  if (v.is_number_integer())
    return NodePtr(std::make_unique<toml::value<std::int64_t>>(v.get<std::int64_t>()));
  if (v.is_number_unsigned()) {
    if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      return bad("integer too large for TOML");
    }
    return NodePtr(std::make_unique<toml::value<std::int64_t>>(
        static_cast<std::int64_t>(v.get<std::uint64_t>())));
  }
  if (v.is_number_float()) return NodePtr(std::make_unique<toml::value<double>>(v.get<double>()));
  if (v.is_string())
    return NodePtr(std::make_unique<toml::value<std::string>>(v.get<std::string>()));
  if (v.is_object()) {
    auto table = std::make_unique<toml::table>();
    for (const auto& [key, item] : v.items()) {
      auto node = toml_node_of(item, source, path + "." + key);
      if (!node) return node.error();
      table->insert(key, std::move(**node));
    }
    return NodePtr(std::move(table));
  }
  if (v.is_array()) {
    auto array = std::make_unique<toml::array>();
    for (std::size_t i = 0; i < v.size(); ++i) {
      auto node = toml_node_of(v[i], source, path + "[" + std::to_string(i) + "]");
      if (!node) return node.error();
      array->push_back(std::move(**node));
    }
    return NodePtr(std::move(array));
  }
  return bad(v.is_null() ? "null has no TOML form" : "value has no TOML form");
}

}  // namespace

core::Result<std::string> scenario_toml_from_json(const std::string& json_text,
                                                  const std::string& source) {
  auto doc = parse_json(json_text, source);
  if (!doc) return doc.error();
  if (!doc->is_object()) {
    return core::Error::invalid_input("a scenario must be a dict of sections", source + ": $",
                                      "e.g. {\"scenario\": {\"name\": \"x\"}}");
  }
  auto node = toml_node_of(*doc, source, "$");
  if (!node) return node.error();
  std::ostringstream out;
  out << toml::toml_formatter(*(*node)->as_table());
  return out.str() + "\n";
}

}  // namespace urbanmine::io
