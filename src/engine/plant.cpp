// SPDX-License-Identifier: Apache-2.0
// Plant facade: settings -> plant spec -> balance / inverse problem -> table, CSV or JSON.
#include "engine/plant.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "core/tolerance.h"
#include "engine/run.h"
#include "io/csv.h"

namespace urbanmine::engine {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream is(s);
  while (std::getline(is, cur, sep)) {
    cur = trim(cur);
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

core::Result<double> parse_number(const std::string& text, const std::string& location) {
  const std::string t = trim(text);
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end == nullptr || *end != '\0' || !std::isfinite(v)) {
    return core::Error::invalid_input("'" + text + "' is not a number", location,
                                      "write a plain number, e.g. 0.9 or 1500");
  }
  return v;
}

struct Assignment {
  std::string key;
  std::string value;
};

// "A=1,B=2" (possibly several flag occurrences) -> assignments.
core::Result<std::vector<Assignment>> parse_assignments(const std::vector<std::string>& items,
                                                        const std::string& flag) {
  std::vector<Assignment> out;
  for (const auto& item : items) {
    for (const auto& part : split(item, ',')) {
      const auto eq = part.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
        return core::Error::invalid_input("'" + part + "' is not KEY=VALUE", flag,
                                          "write e.g. " + flag + " Li=0.9,Ni=0.95");
      }
      out.push_back({trim(part.substr(0, eq)), trim(part.substr(eq + 1))});
    }
  }
  return out;
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

core::Result<double> parse_fraction(const std::string& text, const std::string& location) {
  auto v = parse_number(text, location);
  if (!v) return v.error();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", *v);
  if (*v > 1.0) {
    return core::Error::invalid_input(std::string(buf) + " is above 1", location,
                                      "give a fraction between 0 and 1 (0.9 = 90 %)");
  }
  if (*v < 0.0) {
    return core::Error::invalid_input(std::string(buf) + " is negative", location,
                                      "give a fraction between 0 and 1");
  }
  return *v;
}

core::Result<plant::MaterialTonnes> parse_material_values(const std::string& text,
                                                          const std::string& flag, bool fraction) {
  auto items = parse_assignments({text}, flag);
  if (!items) return items.error();
  plant::MaterialTonnes out{};
  for (const auto& a : *items) {
    const std::string loc = flag + " " + a.key;
    auto m = parse_material_key(a.key, loc);
    if (!m) return m.error();
    auto v = fraction ? parse_fraction(a.value, loc) : parse_number(a.value, loc);
    if (!v) return v.error();
    if (*v < 0.0) {
      return core::Error::invalid_input(a.value + " is negative", loc, "give zero or more tonnes");
    }
    out[plant::index(*m)] = *v;
  }
  return out;
}

// "300@2019" -> a price per tonne with its price year.
core::Result<plant::Price> parse_price(const std::string& text, const std::string& location,
                                       bool allow_negative) {
  const auto at = text.find('@');
  if (at == std::string::npos) {
    return core::Error::invalid_input(
        "'" + text + "' has no price year", location,
        "write USD per tonne and the dollar year, e.g. 16814@2024 (prices of different years "
        "are never added)");
  }
  auto amount = parse_number(text.substr(0, at), location);
  if (!amount) return amount.error();
  auto year = parse_number(text.substr(at + 1), location);
  if (!year) return year.error();
  if (!allow_negative && *amount < 0.0) {
    return core::Error::invalid_input(text + " is negative", location, "give a price of 0 or more");
  }
  if (*year < 1900.0 || *year > 2200.0 || std::floor(*year) != *year) {
    return core::Error::invalid_input("'" + text + "' has no valid price year", location,
                                      "write e.g. 16814@2024");
  }
  return plant::Price{core::Money{*amount, "USD", static_cast<int>(*year)},
                      "user (" + location + ")"};
}

// "mass_tonnes" -> "--mass-tonnes"; "composition.Li" -> "--black-mass-composition Li".
std::string flag_of(const std::string& field) {
  if (field.rfind("composition.", 0) == 0) return "--black-mass-composition " + field.substr(12);
  if (field.rfind("tonnes.", 0) == 0) return "--elements " + field.substr(7);
  std::string f = "--" + field;
  for (char& c : f) {
    if (c == '_') c = '-';
  }
  return f;
}

core::Result<plant::FeedComponent> with_flag_location(core::Result<plant::FeedComponent> r) {
  if (r) return r;
  core::Error e = r.error();
  e.location = flag_of(e.location);
  return e;
}

core::Status apply_route_settings(plant::RouteParams& route, const std::string& route_text,
                                  const std::vector<std::string>& recovery,
                                  const std::vector<std::string>& yields) {
  if (!route_text.empty()) {
    auto r = plant::parse_route(route_text);
    if (!r) {
      return core::Error::invalid_input("unknown route '" + route_text + "'", "--route",
                                        "use pyrometallurgy, hydrometallurgy or direct");
    }
    route.route = *r;
  }
  auto rec = parse_assignments(recovery, "--recovery");
  if (!rec) return rec.error();
  for (const auto& a : *rec) {
    const std::string loc = "--recovery " + a.key;
    auto v = parse_fraction(a.value, loc);
    if (!v) return v.error();
    if (a.key == "cathode_active_material") {
      route.cathode_recovery = *v;
      continue;
    }
    auto m = parse_material_key(a.key, loc);
    if (!m) return m.error();
    route.recovery[plant::index(*m)] = *v;
  }
  auto ys = parse_assignments(yields, "--pretreatment-yield");
  if (!ys) return ys.error();
  for (const auto& a : *ys) {
    const std::string loc = "--pretreatment-yield " + a.key;
    auto v = parse_fraction(a.value, loc);
    if (!v) return v.error();
    auto m = parse_material_key(a.key, loc);
    if (!m) return m.error();
    route.pretreatment_yield[plant::index(*m)] = *v;
  }
  return {};
}

std::string num(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string opt_num(const std::optional<double>& v, int decimals = 3) {
  return v ? num(*v, decimals) : std::string("n/a");
}

std::string money(const std::optional<core::Money>& m) {
  if (!m) return "not evaluable";
  return num(m->amount, 0) + " " + m->currency + " (" + std::to_string(m->price_year) + ")";
}

// A plain text table: first column left-aligned, the rest right-aligned.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& r : rows_) {
      for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
    }
    std::string out;
    for (const auto& r : rows_) {
      std::string line;
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::string pad(width[c] - r[c].size(), ' ');
        line += c == 0 ? r[c] + pad : "  " + pad + r[c];
      }
      out += "  " + line + "\n";
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

class CsvOut {
 public:
  CsvOut() { text_ = "section,item,field,value,unit,note\n"; }
  void add(const std::string& section, const std::string& item, const std::string& field,
           const std::string& value, const std::string& unit, const std::string& note = "") {
    text_ += io::csv_escape(section) + "," + io::csv_escape(item) + "," + io::csv_escape(field) +
             "," + io::csv_escape(value) + "," + io::csv_escape(unit) + "," + io::csv_escape(note) +
             "\n";
  }
  void add_num(const std::string& section, const std::string& item, const std::string& field,
               const std::optional<double>& value, const std::string& unit,
               const std::string& note = "") {
    char buf[64];
    if (value) std::snprintf(buf, sizeof buf, "%.10g", *value);
    add(section, item, field, value ? buf : "", unit, note);
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace

std::string plant_data_dir(const std::string& override_dir) {
  return override_dir.empty() ? default_data_dir() : override_dir;
}

core::Result<plant::PlantDefaults> load_plant_defaults(const std::string& data_dir) {
  return io::load_plant_defaults(data_dir);
}

core::Result<io::PlantSpec> plant_spec_from_settings(const PlantSettings& s,
                                                     const plant::PlantDefaults& defaults) {
  io::PlantSpec spec;
  if (!s.plant_file.empty()) {
    auto file = io::read_plant_toml(s.plant_file, defaults);
    if (!file) return file.error();
    spec = std::move(*file);
  } else {
    spec.route.route = plant::Route::kHydrometallurgy;
  }
  URBANMINE_TRY_STATUS(apply_route_settings(spec.route, s.route, s.recovery, s.pretreatment_yield));

  // Feed from flags.
  if (!s.chemistry.empty() && !s.mass_tonnes && !s.capacity_kwh) {
    return core::Error::invalid_input(
        "--chemistry needs --mass-tonnes (cells) or --capacity-kwh "
        "(packs)",
        "--chemistry", "e.g. --chemistry NMC622 --mass-tonnes 1000");
  }
  if ((s.mass_tonnes || s.capacity_kwh) && s.chemistry.empty()) {
    return core::Error::invalid_input("--mass-tonnes and --capacity-kwh need --chemistry",
                                      "--chemistry", "e.g. --chemistry NMC622 --mass-tonnes 1000");
  }
  if (s.mass_tonnes) {
    auto c = with_flag_location(plant::cell_feed(defaults, s.chemistry, *s.mass_tonnes));
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  if (s.capacity_kwh) {
    auto c = with_flag_location(plant::pack_feed(defaults, s.chemistry, *s.capacity_kwh));
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  if (!s.elements.empty()) {
    auto t = parse_material_values(s.elements, "--elements", false);
    if (!t) return t.error();
    auto c = with_flag_location(plant::element_feed(*t, "element composition"));
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  if (s.black_mass_tonnes || !s.black_mass_composition.empty()) {
    if (!s.black_mass_tonnes || s.black_mass_composition.empty()) {
      return core::Error::invalid_input(
          "black mass needs both --black-mass-tonnes and --black-mass-composition",
          "--black-mass-tonnes",
          "e.g. --black-mass-tonnes 500 --black-mass-composition "
          "Li=0.04,Ni=0.2,Co=0.06,Mn=0.06,graphite=0.4");
    }
    if (*s.black_mass_tonnes < 0.0) {
      return core::Error::invalid_input(num(*s.black_mass_tonnes) + " is negative",
                                        "--black-mass-tonnes", "give zero or more tonnes");
    }
    auto f = parse_material_values(s.black_mass_composition, "--black-mass-composition", true);
    if (!f) return f.error();
    auto c = with_flag_location(plant::black_mass_feed(*s.black_mass_tonnes, *f, "black mass"));
    if (!c) return c.error();
    spec.feed.components.push_back(std::move(*c));
  }
  for (const auto& c : s.extra_feed) spec.feed.components.push_back(c);
  if (spec.feed.components.empty()) {
    return core::Error::invalid_input(
        "no feed given", "--chemistry",
        "give --chemistry with --mass-tonnes or --capacity-kwh, --elements, --black-mass-tonnes, "
        "or --plant FILE.toml");
  }

  // Economics and CO2 overrides.
  auto prices = parse_assignments(s.prices, "--price");
  if (!prices) return prices.error();
  for (const auto& a : *prices) {
    const std::string loc = "--price " + a.key;
    if (!plant::parse_material(a.key) && a.key.rfind("cathode_powder:", 0) != 0) {
      return core::Error::invalid_input("unknown product '" + a.key + "'", loc,
                                        "use a material code (Ni, Li, ...) or "
                                        "cathode_powder:CHEMISTRY");
    }
    auto p = parse_price(a.value, loc, false);
    if (!p) return p.error();
    spec.route.prices[a.key] = *p;
  }
  auto factors = parse_assignments(s.co2_factors, "--co2-factor");
  if (!factors) return factors.error();
  for (const auto& a : *factors) {
    const std::string loc = "--co2-factor " + a.key;
    auto v = parse_number(a.value, loc);
    if (!v) return v.error();
    if (*v < 0.0) {
      return core::Error::invalid_input(a.value + " is negative", loc,
                                        "give kg CO2e per unit of the input");
    }
    spec.route.co2_kg_per_unit[a.key] = plant::Sourced{*v, "user (" + loc + ")"};
  }
  if (s.price_year) spec.route.price_year = *s.price_year;
  if (!s.opex.empty()) {
    auto p = parse_price(s.opex, "--opex-usd-per-t", false);
    if (!p) return p.error();
    spec.route.opex_per_t_feed = *p;
  }
  if (!s.gate_fee.empty()) {
    auto p = parse_price(s.gate_fee, "--gate-fee-usd-per-t", true);
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

core::Result<PlantOutcome> run_plant_balance(const PlantSettings& settings,
                                             const plant::PlantDefaults& defaults) {
  auto spec = plant_spec_from_settings(settings, defaults);
  if (!spec) return spec.error();
  auto b = plant::balance(spec->feed, spec->route, defaults);
  if (!b) return b.error();
  return PlantOutcome{std::move(*spec), std::move(*b)};
}

std::string plant_balance_json(const PlantOutcome& outcome) {
  return io::plant_balance_json(outcome.spec.name, outcome.balance);
}

std::string plant_balance_table(const PlantOutcome& outcome) {
  const plant::PlantBalance& b = outcome.balance;
  std::string out = "Plant balance: " + outcome.spec.name + "\n";
  out += "  route " + std::string(plant::route_code(b.route)) + ", feed " + num(b.feed_t) + " t";
  if (b.feed_kwh) out += " (" + num(*b.feed_kwh, 0) + " kWh)";
  out += ", black mass " + num(b.black_mass_t) + " t, mass balance residual " +
         num(b.max_balance_residual_t(), 12) + " t\n\nMaterial flows (t)\n";
  TextTable flows({"material", "feed_t", "pretreat_loss_t", "recovered_t", "in_powder_t",
                   "residue_t", "recovery"});
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const auto& f = b.materials[i];
    if (!(f.feed_t > 0.0)) continue;
    flows.add({std::string(plant::material_code(plant::material_at(i))), num(f.feed_t),
               num(f.pretreatment_loss_t), num(f.recovered_t), num(f.in_cathode_powder_t),
               num(f.residue_t), opt_num(f.overall_recovery())});
  }
  out += flows.render() + "\nProducts\n";
  TextTable products({"product", "contained_t", "product_t", "revenue", "avoided_co2e_t"});
  for (const auto& p : b.products) {
    products.add({p.product, num(p.contained_t), opt_num(p.product_t), money(p.revenue),
                  opt_num(p.avoided_co2e_t)});
  }
  out += products.render() + "\nReagents and energy (EverBatt, per kg of battery x " +
         num(b.process_basis_t) + " t)\n";
  TextTable inputs({"input", "amount", "unit", "co2e_t"});
  for (const auto& in : b.inputs) {
    inputs.add({in.name, num(in.amount, 0), in.unit, opt_num(in.co2e_t)});
  }
  out += inputs.render();
  out += "\nCO2e: avoided " + num(b.co2.avoided_t) + " t (primary production replaced), process " +
         num(b.co2.process_t) + " t" + (b.co2.process_complete ? "" : " (incomplete)") +
         ", net avoided " + num(b.co2.net_avoided_t()) + " t\n";
  out += "\nEconomics\n";
  std::string revenue;
  for (const auto& m : b.economics.revenue_by_year) {
    revenue += (revenue.empty() ? "" : " + ") + money(m);
  }
  out += "  revenue: " + (revenue.empty() ? std::string("none priced") : revenue) + "\n";
  if (!b.economics.unpriced.empty()) {
    std::string list;
    for (const auto& u : b.economics.unpriced) list += (list.empty() ? "" : ", ") + u;
    out += "  unpriced products: " + list + "\n";
  }
  out += "  battery fee paid by the recycler: " + money(b.economics.feed_fee) + "\n";
  out += "  operating cost: " + money(b.economics.opex) + "\n";
  out += "  margin: " + money(b.economics.margin);
  if (b.economics.margin_usd_per_t_feed) {
    out += ", " + num(*b.economics.margin_usd_per_t_feed, 2) + " USD per t feed";
  }
  if (b.economics.margin_usd_per_kwh) {
    out += ", " + num(*b.economics.margin_usd_per_kwh, 4) + " USD per kWh";
  }
  out += "\n";
  if (!b.economics.margin_note.empty()) out += "  (" + b.economics.margin_note + ")\n";
  out += "\nEU Regulation 2023/1542 material recovery targets\n";
  TextTable targets({"material", "year", "target", "achieved", "status", "gap"});
  for (const auto& t : b.targets) {
    targets.add({std::string(plant::material_code(t.material)), std::to_string(t.year),
                 num(t.target_fraction, 2), opt_num(t.achieved_fraction),
                 t.achieved_fraction ? (t.pass ? "pass" : "FAIL") : "n/a (not in feed)",
                 t.achieved_fraction ? num(t.gap, 3) : ""});
  }
  out += targets.render();
  if (!b.notes.empty()) {
    out += "\nNotes\n";
    for (const auto& n : b.notes) out += "  - " + n + "\n";
  }
  return out;
}

std::string plant_balance_csv(const PlantOutcome& outcome) {
  const plant::PlantBalance& b = outcome.balance;
  CsvOut csv;
  csv.add("plant", outcome.spec.name, "route", std::string(plant::route_code(b.route)), "");
  csv.add_num("plant", outcome.spec.name, "feed", b.feed_t, "t");
  csv.add_num("plant", outcome.spec.name, "feed_capacity", b.feed_kwh, "kWh");
  csv.add_num("plant", outcome.spec.name, "black_mass", b.black_mass_t, "t");
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const auto& f = b.materials[i];
    if (!(f.feed_t > 0.0)) continue;
    const std::string m(plant::material_code(plant::material_at(i)));
    csv.add_num("material", m, "feed", f.feed_t, "t");
    csv.add_num("material", m, "pretreatment_loss", f.pretreatment_loss_t, "t");
    csv.add_num("material", m, "recovered", f.recovered_t, "t");
    csv.add_num("material", m, "in_cathode_powder", f.in_cathode_powder_t, "t");
    csv.add_num("material", m, "residue", f.residue_t, "t");
    csv.add_num("material", m, "overall_recovery", f.overall_recovery(), "fraction");
  }
  for (const auto& p : b.products) {
    csv.add_num("product", p.product, "contained", p.contained_t, "t", p.note);
    csv.add_num("product", p.product, "product", p.product_t, "t", p.formula);
    csv.add_num("product", p.product, "revenue",
                p.revenue ? std::optional<double>(p.revenue->amount) : std::nullopt,
                p.revenue ? "USD " + std::to_string(p.revenue->price_year) : "", p.price_source);
    csv.add_num("product", p.product, "avoided_co2e", p.avoided_co2e_t, "t", p.co2_source);
  }
  for (const auto& in : b.inputs) {
    csv.add_num("input", in.name, "amount", in.amount, in.unit, in.source);
    csv.add_num("input", in.name, "co2e", in.co2e_t, "t", in.co2_source);
  }
  csv.add_num("co2", "total", "avoided", b.co2.avoided_t, "t");
  csv.add_num("co2", "total", "process", b.co2.process_t, "t",
              b.co2.process_complete ? "" : "incomplete");
  for (const auto& m : b.economics.revenue_by_year) {
    csv.add_num("economics", "revenue", std::to_string(m.price_year), m.amount, m.currency);
  }
  auto money_row = [&](const std::string& item, const std::optional<core::Money>& m,
                       const std::string& note) {
    csv.add_num("economics", item, m ? std::to_string(m->price_year) : "",
                m ? std::optional<double>(m->amount) : std::nullopt, m ? m->currency : "", note);
  };
  money_row("battery_fee", b.economics.feed_fee, "");
  money_row("opex", b.economics.opex, "");
  money_row("margin", b.economics.margin, b.economics.margin_note);
  csv.add_num("economics", "margin_per_t_feed", "", b.economics.margin_usd_per_t_feed, "USD/t");
  csv.add_num("economics", "margin_per_kwh", "", b.economics.margin_usd_per_kwh, "USD/kWh");
  for (const auto& t : b.targets) {
    const std::string m(plant::material_code(t.material));
    csv.add_num("eu_target", m + " " + std::to_string(t.year), "target", t.target_fraction,
                "fraction", t.source);
    csv.add_num("eu_target", m + " " + std::to_string(t.year), "achieved", t.achieved_fraction,
                "fraction", t.achieved_fraction ? (t.pass ? "pass" : "fail") : "not applicable");
  }
  for (const auto& n : b.notes) csv.add("note", "", "", "", "", n);
  return csv.text();
}

core::Result<plant::InferResult> run_plant_infer(const InferSettings& s,
                                                 const plant::PlantDefaults& defaults) {
  plant::InferRequest req;
  req.mode = s.target ? plant::InferMode::kTarget : plant::InferMode::kFit;
  URBANMINE_TRY_STATUS(apply_route_settings(req.route, s.route, s.recovery, {}));
  auto outputs = parse_assignments({s.output}, s.target ? "--target" : "--output");
  if (!outputs) return outputs.error();
  for (const auto& a : *outputs) {
    const std::string loc = (s.target ? "--target " : "--output ") + a.key;
    auto m = parse_material_key(a.key, loc);
    if (!m) return m.error();
    auto v = parse_number(a.value, loc);
    if (!v) return v.error();
    if (*v < 0.0) {
      return core::Error::invalid_input(a.value + " is negative", loc, "give zero or more tonnes");
    }
    req.output_t.emplace_back(*m, *v);
  }
  if (req.output_t.empty()) {
    return core::Error::invalid_input("no output given", s.target ? "--target" : "--output",
                                      "e.g. --output Co=1500,Ni=2900,Li=1700");
  }
  std::optional<plant::Price> opex;
  if (!s.opex.empty()) {
    auto p = parse_price(s.opex, "--opex-usd-per-t", false);
    if (!p) return p.error();
    opex = *p;
  }
  std::optional<plant::Price> gate_fee;
  if (!s.gate_fee.empty()) {
    auto p = parse_price(s.gate_fee, "--gate-fee-usd-per-t", true);
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
  std::vector<std::string> chems = split(s.candidates, ',');
  if (chems.empty()) {
    for (const auto& c : defaults.chemistries) {
      if (c.cell_free_fraction) chems.push_back(c.code);
    }
  }
  for (const auto& code : chems) {
    auto c = plant::cell_feed(defaults, code, kOneTonne);
    if (!c) {
      core::Error e = c.error();
      e.location = "--candidates";
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
    const auto colon = extra.find(':');
    if (colon == std::string::npos || colon == 0) {
      return core::Error::invalid_input("'" + extra + "' is not LABEL:Li=0.05,Ni=0.3,...",
                                        "--candidate",
                                        "e.g. --candidate scrap:Li=0.07,Ni=0.36,Co=0.12,Mn=0.11");
    }
    const std::string label = extra.substr(0, colon);
    auto f = parse_material_values(extra.substr(colon + 1), "--candidate " + label, true);
    if (!f) return f.error();
    auto c = plant::black_mass_feed(kOneTonne, *f, label);
    if (!c) {
      core::Error e = c.error();
      e.location = "--candidate " + label;
      return e;
    }
    req.candidates.push_back(std::move(*c));
    req.cost_per_t.push_back(
        add_cost(gate_fee ? std::optional<core::Money>(gate_fee->usd_per_t) : std::nullopt));
  }
  if (s.target) {
    if (s.max_feed_tonnes) {
      if (*s.max_feed_tonnes <= 0.0) {
        return core::Error::invalid_input("must be positive", "--max-feed-tonnes",
                                          "give the plant's feed capacity in tonnes per year");
      }
      req.max_feed_t = *s.max_feed_tonnes;
    } else if (defaults.max_feed_t) {
      req.max_feed_t = defaults.max_feed_t->value;
    }
  }
  return plant::infer_feed(req, defaults);
}

std::string plant_infer_table(const plant::InferResult& r) {
  std::string out =
      std::string(r.mode == plant::InferMode::kFit ? "Feed that best explains the "
                                                     "stated output"
                                                   : "Least-cost feed for the target") +
      " (route " + std::string(plant::route_code(r.route)) + ")\n\n";
  TextTable feed({"candidate", "feed_t", "min_t", "max_t", "cost"});
  for (const auto& c : r.candidates) {
    feed.add({c.label, num(c.feed_t, 1), num(c.min_t, 1), c.max_t ? num(*c.max_t, 1) : "unbounded",
              c.cost ? money(c.cost) : ""});
  }
  feed.add({"total", num(r.total_feed_t, 1), "", "", r.total_cost ? money(r.total_cost) : ""});
  out += feed.render() + "\n";
  TextTable outs({"element", r.mode == plant::InferMode::kFit ? "stated_t" : "target_t",
                  "modelled_t", "residual_t", "relative"});
  for (const auto& o : r.outputs) {
    outs.add({std::string(plant::material_code(o.material)), num(o.stated_t, 1),
              num(o.modelled_t, 1), num(o.residual_t, 1),
              o.relative_residual ? num(*o.relative_residual * 100.0, 2) + " %" : "n/a"});
  }
  out += outs.render() + "\n";
  if (!r.fit_quality.empty()) out += "Fit: " + r.fit_quality + "\n";
  out += r.explanation + "\n";
  return out;
}

std::string plant_infer_csv(const plant::InferResult& r) {
  CsvOut csv;
  for (const auto& c : r.candidates) {
    csv.add_num("feed", c.label, "feed", c.feed_t, "t");
    csv.add_num("feed", c.label, "min", c.min_t, "t");
    csv.add_num("feed", c.label, "max", c.max_t, "t", c.max_t ? "" : "unbounded");
  }
  for (const auto& o : r.outputs) {
    const std::string m(plant::material_code(o.material));
    csv.add_num("output", m, "stated", o.stated_t, "t");
    csv.add_num("output", m, "modelled", o.modelled_t, "t");
    csv.add_num("output", m, "residual", o.residual_t, "t");
    csv.add_num("output", m, "relative_residual", o.relative_residual, "fraction");
  }
  csv.add_num("summary", "total", "feed", r.total_feed_t, "t");
  csv.add("summary", "explanation", "", "", "", r.explanation);
  return csv.text();
}

std::string plant_infer_json(const plant::InferResult& result) {
  return io::plant_infer_json(result);
}

}  // namespace urbanmine::engine
