// SPDX-License-Identifier: Apache-2.0
// Plant data loaders, the TOML plant file and JSON rendering (see plant_data.h).
#include "io/plant_data.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "core/units.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/json_reader.h"

namespace urbanmine::io {
namespace {

using plant::Material;
using plant::MaterialTonnes;

// EverBatt Table 4 lists 12 fractions rounded to 0.001: their sum may miss 1 by up to 12 x 0.0005.
constexpr double kBomSumTolerance = 0.006;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string join_path(const std::string& dir, const std::string& file) {
  if (dir.empty()) return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

// Element symbols of the cathode formulas and products that map to plant materials.
std::optional<Material> material_of_symbol(const std::string& symbol) {
  static const std::map<std::string, Material> kSymbols = {
      {"Li", Material::kLi}, {"Ni", Material::kNi}, {"Co", Material::kCo},
      {"Mn", Material::kMn}, {"Al", Material::kAl}, {"Cu", Material::kCu},
      {"Fe", Material::kFe}, {"P", Material::kP},   {"O", Material::kO}};
  auto it = kSymbols.find(symbol);
  if (it == kSymbols.end()) return std::nullopt;
  return it->second;
}

// Cell BOM components (everbatt_cell_bom.csv) -> plant materials.
std::optional<Material> material_of_bom_component(const std::string& c) {
  if (c == "graphite") return Material::kGraphite;
  if (c == "carbon_black" || c == "binder_PVDF") return Material::kBinderCarbon;
  if (c == "copper") return Material::kCu;
  if (c == "aluminum") return Material::kAl;
  if (c == "electrolyte_LiPF6") return Material::kElectrolyteSalt;
  if (c == "electrolyte_EC" || c == "electrolyte_DMC") return Material::kElectrolyteSolvents;
  if (c.rfind("plastic_", 0) == 0) return Material::kPlastics;
  return std::nullopt;
}

// material_intensity.csv materials -> plant materials.
std::optional<Material> material_of_intensity(const std::string& m) {
  if (m == "stainless_steel" || m == "steel") return Material::kSteel;
  return plant::parse_material(m);
}

struct PriceBook {
  // item -> price year -> price
  std::map<std::string, std::map<int, plant::Price>> items;
};

core::Result<PriceBook> load_prices(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"item", "usd_per_t", "price_year", "source"}));
  PriceBook book;
  for (std::size_t i = 0; i < table->size(); ++i) {
    auto row = table->row(i);
    auto item = row.required_text("item");
    if (!item) return item.error();
    auto usd = row.optional_number("usd_per_t");
    if (!usd) return usd.error();
    auto year = row.optional_number("price_year");
    if (!year) return year.error();
    auto source = row.text("source");
    if (!source) return source.error();
    if (!*usd || !*year) continue;  // gaps stay gaps
    auto price_year = core::calendar_year(**year, row.location("price_year"));
    if (!price_year) return price_year.error();
    plant::Price p;
    p.usd_per_t = core::Money{**usd, "USD", *price_year};
    p.source = *source + " (prices.csv line " + std::to_string(row.line()) + ")";
    book.items[*item][*price_year] = p;
  }
  return book;
}

struct Co2Book {
  std::map<std::string, plant::Sourced> by_lower_name;  // primary factors only
};

core::Result<Co2Book> load_co2(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"material", "origin", "kg_co2e_per_kg", "source"}));
  Co2Book book;
  for (std::size_t i = 0; i < table->size(); ++i) {
    auto row = table->row(i);
    auto material = row.required_text("material");
    if (!material) return material.error();
    auto origin = row.text("origin");
    if (!origin) return origin.error();
    auto value = row.optional_number("kg_co2e_per_kg");
    if (!value) return value.error();
    auto source = row.text("source");
    if (!source) return source.error();
    if (!*value || origin->rfind("primary", 0) != 0) continue;
    book.by_lower_name[lower(*material)] =
        plant::Sourced{**value, *source + " (co2_factors.csv line " + std::to_string(row.line()) +
                                    "; kg CO2e per kg, GREET ton read as US short ton)"};
  }
  return book;
}

core::Result<plant::AtomicWeights> load_atomic_weights(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"symbol", "atomic_weight_g_per_mol", "source"}));
  plant::AtomicWeights w;
  for (std::size_t i = 0; i < table->size(); ++i) {
    auto row = table->row(i);
    auto symbol = row.required_text("symbol");
    if (!symbol) return symbol.error();
    auto value = row.number("atomic_weight_g_per_mol");
    if (!value) return value.error();
    if (!(*value > 0.0)) {
      return core::Error::invalid_input("atomic weight must be positive",
                                        row.location("atomic_weight_g_per_mol"));
    }
    w[*symbol] = *value;
  }
  return w;
}

// Product tonnes per tonne of the element `symbol` in `formula`.
core::Result<double> compound_per_element(const std::string& formula, const std::string& symbol,
                                          const plant::AtomicWeights& weights,
                                          const std::string& location) {
  auto counts = plant::parse_formula(formula, location);
  if (!counts) return counts.error();
  auto mm = plant::molar_mass(*counts, weights, location);
  if (!mm) return mm.error();
  auto it = counts->find(symbol);
  if (it == counts->end()) {
    return core::Error::invalid_input("formula '" + formula + "' does not contain " + symbol,
                                      location);
  }
  return *mm / (it->second * weights.at(symbol));
}

}  // namespace

core::Result<plant::PlantDefaults> load_plant_defaults(const std::string& data_dir) {
  plant::PlantDefaults d;
  auto weights = load_atomic_weights(join_path(data_dir, "atomic_weights.csv"));
  if (!weights) return weights.error();
  d.atomic_weights = *weights;
  auto prices = load_prices(join_path(data_dir, "prices.csv"));
  if (!prices) return prices.error();
  auto co2 = load_co2(join_path(data_dir, "co2_factors.csv"));
  if (!co2) return co2.error();

  // Plant assumptions.
  std::map<std::string, plant::Sourced> assumption_values;
  {
    const std::string path = join_path(data_dir, "plant_assumptions.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(
        table->require_columns({"parameter", "value", "unit", "status", "source", "notes"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto name = row.required_text("parameter");
      if (!name) return name.error();
      auto value = row.optional_number("value");
      if (!value) return value.error();
      auto status = row.required_text("status");
      if (!status) return status.error();
      auto source = row.text("source");
      if (!source) return source.error();
      auto unit = row.text("unit");
      if (!unit) return unit.error();
      if (*value) assumption_values[*name] = plant::Sourced{**value, *source};
      if (*status == "assumption") {
        d.assumptions.push_back(*name + " = " + (*value ? std::to_string(**value) : "") + " " +
                                *unit + ": " + *source);
      }
    }
    for (const char* required : {"pretreatment_yield", "unlisted_material_recovery",
                                 "cell_energy_kwh", "default_price_year"}) {
      if (!assumption_values.count(required)) {
        return core::Error::invalid_input(std::string("missing parameter ") + required, path,
                                          "restore the row from the shipped data/");
      }
    }
  }
  const plant::Sourced yield = assumption_values["pretreatment_yield"];
  if (!(yield.value >= 0.0 && yield.value <= 1.0)) {
    return core::Error::invalid_input("pretreatment_yield must be between 0 and 1",
                                      join_path(data_dir, "plant_assumptions.csv"));
  }
  d.pretreatment_yield.fill(plant::Sourced{yield.value, yield.source});
  auto default_price_year =
      core::calendar_year(assumption_values["default_price_year"].value,
                          join_path(data_dir, "plant_assumptions.csv") + " row default_price_year");
  if (!default_price_year) return default_price_year.error();
  d.default_price_year = *default_price_year;
  if (assumption_values.count("max_feed_tonnes_per_year")) {
    d.max_feed_t = assumption_values["max_feed_tonnes_per_year"];
  }
  const plant::Sourced unlisted = assumption_values["unlisted_material_recovery"];
  for (auto& route_row : d.recovery) route_row.fill(unlisted);
  for (auto& cam : d.cathode_recovery) cam = unlisted;

  // Cathode formulas.
  {
    const std::string path = join_path(data_dir, "cathode_formulas.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(table->require_columns(
        {"chemistry", "formula", "powder_price_item", "co2_material", "fee_item", "source"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      plant::Chemistry chem;
      auto code = row.required_text("chemistry");
      if (!code) return code.error();
      auto formula = row.required_text("formula");
      if (!formula) return formula.error();
      chem.code = *code;
      chem.formula = *formula;
      const std::string loc = row.location("formula");
      auto counts = plant::parse_formula(*formula, loc);
      if (!counts) return counts.error();
      auto mm = plant::molar_mass(*counts, d.atomic_weights, loc);
      if (!mm) return mm.error();
      for (const auto& [symbol, n] : *counts) {
        auto mat = material_of_symbol(symbol);
        if (!mat) {
          return core::Error::invalid_input("element " + symbol + " is not tracked by the plant",
                                            loc, "use Li, Ni, Co, Mn, Al, Fe, P, O");
        }
        chem.cathode_mass_fraction[plant::index(*mat)] += n * d.atomic_weights.at(symbol) / *mm;
      }
      auto price_item = row.text("powder_price_item");
      if (!price_item) return price_item.error();
      if (auto it = prices->items.find(*price_item);
          !price_item->empty() && it != prices->items.end()) {
        chem.powder_price = it->second;
      }
      auto co2_material = row.text("co2_material");
      if (!co2_material) return co2_material.error();
      if (auto it = co2->by_lower_name.find(lower(*co2_material));
          !co2_material->empty() && it != co2->by_lower_name.end()) {
        chem.powder_co2_kg_per_kg = it->second;
      }
      auto fee_item = row.text("fee_item");
      if (!fee_item) return fee_item.error();
      if (auto it = prices->items.find(*fee_item);
          !fee_item->empty() && it != prices->items.end()) {
        if (it->second.size() != 1) {
          return core::Error::invalid_input(
              "battery fee '" + *fee_item + "' has more than one price year",
              row.location("fee_item"));
        }
        chem.fee = it->second.begin()->second;
      }
      d.chemistries.push_back(std::move(chem));
    }
  }

  // Cell bill of materials.
  {
    const std::string path = join_path(data_dir, "everbatt_cell_bom.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(
        table->require_columns({"chemistry", "component", "mass_fraction_or_value", "source"}));
    std::map<std::string, double> cell_mass_kg;
    std::map<std::string, double> fraction_sum;
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto code = row.required_text("chemistry");
      if (!code) return code.error();
      auto component = row.required_text("component");
      if (!component) return component.error();
      auto value = row.number("mass_fraction_or_value");
      if (!value) return value.error();
      auto idx = d.find_chemistry(*code);
      if (!idx) {
        return core::Error::invalid_input("chemistry " + *code + " has no cathode formula",
                                          row.location("chemistry"),
                                          "add it to data/cathode_formulas.csv");
      }
      plant::Chemistry& chem = d.chemistries[*idx];
      if (!chem.cell_free_fraction) chem.cell_free_fraction = MaterialTonnes{};
      if (*component == "cell_mass_kg") {
        cell_mass_kg[*code] = *value;
        continue;
      }
      if (*value < 0.0 || *value > 1.0) {
        return core::Error::invalid_input("mass fraction outside 0..1",
                                          row.location("mass_fraction_or_value"));
      }
      fraction_sum[*code] += *value;
      if (*component == "active_cathode_material") {
        chem.cell_cathode_fraction = *value;
        continue;
      }
      auto mat = material_of_bom_component(*component);
      if (!mat) {
        return core::Error::invalid_input("unknown cell component '" + *component + "'",
                                          row.location("component"),
                                          "map it to a plant material in io/plant_data.cpp");
      }
      (*chem.cell_free_fraction)[plant::index(*mat)] += *value;
    }
    for (const auto& [code, sum] : fraction_sum) {
      if (std::fabs(sum - 1.0) > kBomSumTolerance) {
        return core::Error::invalid_input(
            "cell mass fractions of " + code + " sum to " + std::to_string(sum) + ", not 1", path);
      }
      // A rounding shortfall is kept as unspecified material so that the cell mass is conserved.
      if (sum < 1.0) {
        plant::Chemistry& chem = d.chemistries[*d.find_chemistry(code)];
        (*chem.cell_free_fraction)[plant::index(Material::kOther)] += 1.0 - sum;
      }
    }
    const double cell_kwh = assumption_values["cell_energy_kwh"].value;
    for (const auto& [code, kg] : cell_mass_kg) {
      if (kg > 0.0) {
        d.chemistries[*d.find_chemistry(code)].cell_kwh_per_t = cell_kwh / (kg / core::kKgPerTonne);
      }
    }
  }

  // Pack material intensity.
  {
    const std::string path = join_path(data_dir, "material_intensity.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(table->require_columns({"chemistry", "material", "kg_per_kwh"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto code = row.required_text("chemistry");
      if (!code) return code.error();
      auto material = row.required_text("material");
      if (!material) return material.error();
      auto kg = row.number("kg_per_kwh");
      if (!kg) return kg.error();
      auto mat = material_of_intensity(*material);
      if (!mat) {
        return core::Error::invalid_input("unknown material '" + *material + "'",
                                          row.location("material"));
      }
      auto idx = d.find_chemistry(*code);
      if (!idx) {
        plant::Chemistry chem;
        chem.code = *code;
        d.chemistries.push_back(std::move(chem));
        idx = d.chemistries.size() - 1;
      }
      plant::Chemistry& chem = d.chemistries[*idx];
      if (!chem.pack_t_per_kwh) chem.pack_t_per_kwh = MaterialTonnes{};
      (*chem.pack_t_per_kwh)[plant::index(*mat)] += *kg / core::kKgPerTonne;
    }
  }

  // Recovery rates (EverBatt routes only; company claims and other models are not defaults).
  {
    const std::string path = join_path(data_dir, "recovery_rates.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(
        table->require_columns({"route", "element", "recovery_fraction", "source", "notes"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto route_text = row.required_text("route");
      if (!route_text) return route_text.error();
      auto route = plant::parse_route(*route_text);
      if (!route || *route_text != plant::route_code(*route)) continue;
      auto element = row.required_text("element");
      if (!element) return element.error();
      auto value = row.optional_number("recovery_fraction");
      if (!value) return value.error();
      auto source = row.text("source");
      if (!source) return source.error();
      const std::string where = " (recovery_rates.csv line " + std::to_string(row.line()) + ")";
      plant::Sourced s{value->value_or(0.0),
                       *source + where + (*value ? "" : "; blank there (N/A): not recovered")};
      if (*value && (**value < 0.0 || **value > 1.0)) {
        return core::Error::invalid_input("recovery fraction outside 0..1",
                                          row.location("recovery_fraction"));
      }
      const std::size_t r = plant::index(*route);
      if (*element == "cathode_active_material") {
        d.cathode_recovery[r] = s;
      } else if (*element == "plastics") {
        d.recovery[r][plant::index(Material::kPlastics)] = s;
      } else if (auto mat = plant::parse_material(*element)) {
        d.recovery[r][plant::index(*mat)] = s;
      } else {
        return core::Error::invalid_input("unknown element '" + *element + "'",
                                          row.location("element"));
      }
    }
  }

  // Products.
  {
    const std::string path = join_path(data_dir, "plant_products.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(
        table->require_columns({"material", "product", "formula", "price_item", "price_basis",
                                "co2_material", "co2_basis", "source", "notes"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto material = row.required_text("material");
      if (!material) return material.error();
      auto mat = plant::parse_material(*material);
      if (!mat) {
        return core::Error::invalid_input("unknown material '" + *material + "'",
                                          row.location("material"));
      }
      plant::ProductSpec spec;
      spec.material = *mat;
      auto product = row.required_text("product");
      if (!product) return product.error();
      spec.product = *product;
      auto formula = row.text("formula");
      if (!formula) return formula.error();
      spec.formula = *formula;
      if (!formula->empty()) {
        auto conv =
            compound_per_element(*formula, *material, d.atomic_weights, row.location("formula"));
        if (!conv) return conv.error();
        spec.product_t_per_material_t = *conv;
      }
      auto basis = row.text("price_basis");
      if (!basis) return basis.error();
      spec.price_per_product = *basis == "product";
      // One or more prices.csv items separated by " | " (the same product under the item names
      // of different sources and price years); a price year may appear in only one of them.
      auto price_items = row.text("price_item");
      if (!price_items) return price_items.error();
      std::size_t start = 0;
      while (!price_items->empty() && start <= price_items->size()) {
        const std::size_t bar = price_items->find(" | ", start);
        const std::string item =
            price_items->substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        auto it = prices->items.find(item);
        if (it == prices->items.end()) {
          return core::Error::invalid_input("price item '" + item + "' not in prices.csv",
                                            row.location("price_item"));
        }
        for (const auto& [year, price] : it->second) {
          if (!spec.price.emplace(year, price).second) {
            return core::Error::invalid_input(
                "two price items for " + std::to_string(year) + " ('" + item + "')",
                row.location("price_item"), "list one item per price year");
          }
        }
        if (bar == std::string::npos) break;
        start = bar + 3;
      }
      auto co2_material = row.text("co2_material");
      if (!co2_material) return co2_material.error();
      auto co2_basis = row.text("co2_basis");
      if (!co2_basis) return co2_basis.error();
      if (!co2_material->empty()) {
        auto it = co2->by_lower_name.find(lower(*co2_material));
        if (it == co2->by_lower_name.end()) {
          return core::Error::invalid_input(
              "CO2 material '" + *co2_material + "' not in co2_factors.csv",
              row.location("co2_material"));
        }
        plant::Sourced factor = it->second;
        if (*co2_basis == "product") {
          factor.value *= spec.product_t_per_material_t;
          factor.source += "; per kg of " + spec.formula + " (x " +
                           std::to_string(spec.product_t_per_material_t) + " kg per kg " +
                           *material + ")";
        } else if (*co2_basis != "element") {
          auto conv = compound_per_element(*co2_basis, *material, d.atomic_weights,
                                           row.location("co2_basis"));
          if (!conv) return conv.error();
          factor.value *= *conv;
          factor.source += "; per kg of " + *co2_basis + " (x " + std::to_string(*conv) +
                           " kg per kg " + *material + ")";
        }
        spec.avoided_co2_kg_per_kg_material = factor;
      }
      auto notes = row.text("notes");
      if (!notes) return notes.error();
      spec.note = *notes;
      d.products[plant::index(*mat)] = std::move(spec);
    }
  }

  // Process inputs (reagents and energy per kg of battery).
  {
    const std::string path = join_path(data_dir, "recycling_process_inputs.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(table->require_columns(
        {"input", "unit", "pyrometallurgy", "hydrometallurgy", "direct", "source"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto unit = row.required_text("unit");
      if (!unit) return unit.error();
      if (*unit != "kg" && *unit != "gal" && *unit != "MJ") continue;  // plant operation rows
      auto name = row.required_text("input");
      if (!name) return name.error();
      auto source = row.text("source");
      if (!source) return source.error();
      for (plant::Route route : plant::kAllRoutes) {
        const std::string column(plant::route_code(route));
        auto value = row.optional_number(column);
        if (!value) return value.error();
        if (!*value) continue;
        plant::ProcessInput in;
        in.name = *name;
        in.unit = *unit;
        in.per_kg_battery = **value;
        in.source =
            *source + " (recycling_process_inputs.csv line " + std::to_string(row.line()) + ")";
        if (*unit == "kg") {
          if (auto it = co2->by_lower_name.find(lower(*name)); it != co2->by_lower_name.end()) {
            in.co2_kg_per_unit = it->second;
          }
        }
        d.process_inputs[plant::index(route)].push_back(std::move(in));
      }
    }
  }

  // EU material recovery targets.
  {
    const std::string path = join_path(data_dir, "eu_battery_regulation_targets.csv");
    auto table = CsvTable::read_file(path);
    if (!table) return table.error();
    URBANMINE_TRY_STATUS(
        table->require_columns({"target_type", "element", "year", "value_fraction", "source"}));
    for (std::size_t i = 0; i < table->size(); ++i) {
      auto row = table->row(i);
      auto type = row.required_text("target_type");
      if (!type) return type.error();
      if (*type != "material_recovery") continue;
      auto element = row.required_text("element");
      if (!element) return element.error();
      auto mat = plant::parse_material(*element);
      if (!mat) continue;  // e.g. Pb: not in lithium-ion feeds
      auto year = row.integer("year");
      if (!year) return year.error();
      auto value = row.optional_number("value_fraction");
      if (!value) return value.error();
      if (!*value) continue;
      auto source = row.text("source");
      if (!source) return source.error();
      d.targets.push_back(plant::RecoveryTarget{*mat, static_cast<int>(*year), **value,
                                                *source +
                                                    " (eu_battery_regulation_targets.csv line " +
                                                    std::to_string(row.line()) + ")"});
    }
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// TOML plant file.

namespace {

struct TomlContext {
  std::string source;
  core::Error error(const std::string& path, const std::string& message,
                    const std::string& hint = {}) const {
    return core::Error::invalid_input(message, source + ": " + path, hint);
  }
};

core::Status check_keys(const TomlContext& ctx, const toml::table& table, const std::string& path,
                        const std::set<std::string>& allowed) {
  for (auto&& [key, node] : table) {
    (void)node;
    const std::string k(key.str());
    if (!allowed.count(k)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return ctx.error(path.empty() ? k : path + "." + k, "unknown key", "allowed: " + list);
    }
  }
  return {};
}

core::Result<std::optional<double>> toml_number(const TomlContext& ctx, const toml::table& table,
                                                const std::string& key, const std::string& path) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<double>();
  auto v = node->value<double>();
  if (!v || !std::isfinite(*v)) {
    return ctx.error(path, "expected a number", "write e.g. " + key + " = 1000");
  }
  return std::optional<double>(*v);
}

core::Result<std::optional<std::string>> toml_string(const TomlContext& ctx,
                                                     const toml::table& table,
                                                     const std::string& key,
                                                     const std::string& path) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<std::string>();
  auto v = node->value<std::string>();
  if (!v) return ctx.error(path, "expected a string", "write e.g. " + key + " = \"...\"");
  return std::optional<std::string>(*v);
}

// A table of material -> number (fractions or tonnes).
core::Result<MaterialTonnes> material_table(const TomlContext& ctx, const toml::table& table,
                                            const std::string& path, bool fraction,
                                            std::optional<double>* cathode = nullptr) {
  MaterialTonnes out{};
  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    const std::string field = path + "." + k;
    auto v = node.value<double>();
    if (!v || !std::isfinite(*v)) return ctx.error(field, "expected a number");
    if (*v < 0.0) {
      return ctx.error(field, std::to_string(*v) + " is negative",
                       fraction ? "give a fraction between 0 and 1" : "give zero or more tonnes");
    }
    if (fraction && *v > 1.0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g is above 1", *v);
      return ctx.error(field, buf, "give a fraction between 0 and 1 (0.9 = 90 %)");
    }
    if (cathode != nullptr && k == "cathode_active_material") {
      *cathode = *v;
      continue;
    }
    auto mat = plant::parse_material(k);
    if (!mat) {
      return ctx.error(field, "unknown material '" + k + "'",
                       "use Li, Ni, Co, Mn, Al, Cu, graphite, Fe, P, O, steel, plastics, "
                       "electrolyte_solvents, electrolyte_salt, binder_carbon, other");
    }
    out[plant::index(*mat)] = *v;
  }
  return out;
}

core::Result<plant::Price> toml_price(const TomlContext& ctx, const toml::table& table,
                                      const std::string& path) {
  URBANMINE_TRY_STATUS(check_keys(ctx, table, path, {"usd_per_t", "price_year"}));
  auto usd = toml_number(ctx, table, "usd_per_t", path + ".usd_per_t");
  if (!usd) return usd.error();
  auto year = toml_number(ctx, table, "price_year", path + ".price_year");
  if (!year) return year.error();
  if (!*usd) return ctx.error(path + ".usd_per_t", "missing");
  if (!*year) return ctx.error(path + ".price_year", "missing", "give the dollar year, e.g. 2019");
  auto price_year = core::calendar_year(**year, ctx.source + ": " + path + ".price_year");
  if (!price_year) return price_year.error();
  return plant::Price{core::Money{**usd, "USD", *price_year}, "user (" + path + ")"};
}

core::Result<PlantSpec> parse_plant_table(const toml::table& root, const TomlContext& ctx,
                                          const plant::PlantDefaults& defaults) {
  PlantSpec spec;
  URBANMINE_TRY_STATUS(
      check_keys(ctx, root, "", {"name", "route", "feed", "economics", "co2_factors"}));
  auto name = toml_string(ctx, root, "name", "name");
  if (!name) return name.error();
  spec.name = name->value_or("");

  // Route.
  const toml::table* route = root["route"].as_table();
  if (route == nullptr) {
    return ctx.error("route", "missing [route] table",
                     "add [route] with name = \"hydrometallurgy\"");
  }
  URBANMINE_TRY_STATUS(
      check_keys(ctx, *route, "route", {"name", "recovery", "pretreatment_yield"}));
  auto route_name = toml_string(ctx, *route, "name", "route.name");
  if (!route_name) return route_name.error();
  if (!*route_name)
    return ctx.error("route.name", "missing", "pyrometallurgy, hydrometallurgy or direct");
  auto r = plant::parse_route(**route_name);
  if (!r) {
    return ctx.error("route.name", "unknown route '" + **route_name + "'",
                     "use pyrometallurgy, hydrometallurgy or direct");
  }
  spec.route.route = *r;
  if (const toml::table* rec = (*route)["recovery"].as_table()) {
    std::optional<double> cam;
    auto t = material_table(ctx, *rec, "route.recovery", true, &cam);
    if (!t) return t.error();
    for (auto&& [key, node] : *rec) {
      (void)node;
      if (auto mat = plant::parse_material(key.str())) {
        spec.route.recovery[plant::index(*mat)] = (*t)[plant::index(*mat)];
      }
    }
    spec.route.cathode_recovery = cam;
  }
  if (const toml::table* y = (*route)["pretreatment_yield"].as_table()) {
    auto t = material_table(ctx, *y, "route.pretreatment_yield", true);
    if (!t) return t.error();
    for (auto&& [key, node] : *y) {
      (void)node;
      if (auto mat = plant::parse_material(key.str())) {
        spec.route.pretreatment_yield[plant::index(*mat)] = (*t)[plant::index(*mat)];
      }
    }
  }

  // Economics.
  if (const toml::table* econ = root["economics"].as_table()) {
    URBANMINE_TRY_STATUS(
        check_keys(ctx, *econ, "economics", {"price_year", "prices", "opex", "gate_fee"}));
    auto year = toml_number(ctx, *econ, "price_year", "economics.price_year");
    if (!year) return year.error();
    if (*year) {
      auto price_year = core::calendar_year(**year, ctx.source + ": economics.price_year");
      if (!price_year) return price_year.error();
      spec.route.price_year = *price_year;
    }
    if (const toml::table* prices = (*econ)["prices"].as_table()) {
      for (auto&& [key, node] : *prices) {
        const std::string k(key.str());
        const toml::table* p = node.as_table();
        const std::string path = "economics.prices." + k;
        if (p == nullptr) {
          return ctx.error(path, "expected a table",
                           "write [economics.prices." + k + "] usd_per_t = ..., price_year = ...");
        }
        if (!plant::parse_material(k) && k.rfind("cathode_powder:", 0) != 0) {
          return ctx.error(path, "unknown product '" + k + "'",
                           "use a material code (Ni, Li, ...) or cathode_powder:CHEMISTRY");
        }
        auto price = toml_price(ctx, *p, path);
        if (!price) return price.error();
        if (price->usd_per_t.amount < 0.0) return ctx.error(path + ".usd_per_t", "is negative");
        spec.route.prices[k] = *price;
      }
    }
    if (const toml::table* opex = (*econ)["opex"].as_table()) {
      auto price = toml_price(ctx, *opex, "economics.opex");
      if (!price) return price.error();
      if (price->usd_per_t.amount < 0.0)
        return ctx.error("economics.opex.usd_per_t", "is negative");
      spec.route.opex_per_t_feed = *price;
    }
    if (const toml::table* fee = (*econ)["gate_fee"].as_table()) {
      auto price = toml_price(ctx, *fee, "economics.gate_fee");
      if (!price) return price.error();
      spec.route.fee_per_t_feed = *price;
    }
  }
  if (const toml::table* co2 = root["co2_factors"].as_table()) {
    for (auto&& [key, node] : *co2) {
      const std::string k(key.str());
      auto v = node.value<double>();
      if (!v || !std::isfinite(*v) || *v < 0.0) {
        return ctx.error("co2_factors." + k, "expected kg CO2e per unit, zero or more");
      }
      spec.route.co2_kg_per_unit[k] = plant::Sourced{*v, "user (co2_factors." + k + ")"};
    }
  }

  // Feed.
  const toml::array* feeds = root["feed"].as_array();
  if (feeds == nullptr || feeds->empty()) {
    return ctx.error("feed", "no [[feed]] given",
                     "add [[feed]] kind = \"cells\", chemistry = \"NMC622\", mass_tonnes = 1000");
  }
  for (std::size_t k = 0; k < feeds->size(); ++k) {
    const std::string path = "feed[" + std::to_string(k) + "]";
    const toml::table* f = (*feeds)[k].as_table();
    if (f == nullptr) return ctx.error(path, "expected a table");
    URBANMINE_TRY_STATUS(check_keys(
        ctx, *f, path,
        {"kind", "chemistry", "mass_tonnes", "capacity_kwh", "composition", "tonnes", "label"}));
    auto kind = toml_string(ctx, *f, "kind", path + ".kind");
    if (!kind) return kind.error();
    auto label = toml_string(ctx, *f, "label", path + ".label");
    if (!label) return label.error();
    auto chemistry = toml_string(ctx, *f, "chemistry", path + ".chemistry");
    if (!chemistry) return chemistry.error();
    auto mass = toml_number(ctx, *f, "mass_tonnes", path + ".mass_tonnes");
    if (!mass) return mass.error();
    auto kwh = toml_number(ctx, *f, "capacity_kwh", path + ".capacity_kwh");
    if (!kwh) return kwh.error();
    const std::string k_text = kind->value_or("");
    core::Result<plant::FeedComponent> component = core::Error::internal("unset");
    auto need = [&](bool ok, const std::string& key, const std::string& hint) -> core::Status {
      if (!ok) return ctx.error(path + "." + key, "missing for kind = \"" + k_text + "\"", hint);
      return {};
    };
    if (k_text == "cells") {
      URBANMINE_TRY_STATUS(
          need(chemistry->has_value(), "chemistry", "e.g. chemistry = \"NMC622\""));
      URBANMINE_TRY_STATUS(need(mass->has_value(), "mass_tonnes", "e.g. mass_tonnes = 1000"));
      component = plant::cell_feed(defaults, **chemistry, **mass);
    } else if (k_text == "packs") {
      URBANMINE_TRY_STATUS(need(chemistry->has_value(), "chemistry", "e.g. chemistry = \"LFP\""));
      URBANMINE_TRY_STATUS(need(kwh->has_value(), "capacity_kwh", "e.g. capacity_kwh = 1e6"));
      component = plant::pack_feed(defaults, **chemistry, **kwh);
    } else if (k_text == "black_mass") {
      URBANMINE_TRY_STATUS(need(mass->has_value(), "mass_tonnes", "e.g. mass_tonnes = 500"));
      const toml::table* comp = (*f)["composition"].as_table();
      URBANMINE_TRY_STATUS(need(comp != nullptr, "composition",
                                "add [feed.composition] with mass fractions, e.g. Li = 0.04"));
      auto fractions = material_table(ctx, *comp, path + ".composition", true);
      if (!fractions) return fractions.error();
      component = plant::black_mass_feed(**mass, *fractions, label->value_or("black mass"));
    } else if (k_text == "elements") {
      const toml::table* tonnes = (*f)["tonnes"].as_table();
      URBANMINE_TRY_STATUS(
          need(tonnes != nullptr, "tonnes", "add [feed.tonnes] with tonnes per element"));
      auto t = material_table(ctx, *tonnes, path + ".tonnes", false);
      if (!t) return t.error();
      component = plant::element_feed(*t, label->value_or("element composition"));
    } else {
      return ctx.error(path + ".kind",
                       kind->has_value() ? "unknown feed kind '" + k_text + "'" : "missing",
                       "use cells, packs, black_mass or elements");
    }
    if (!component) {
      core::Error e = component.error();
      e.location = ctx.source + ": " + path + "." + e.location;
      return e;
    }
    if (*label) component->label = **label;
    spec.feed.components.push_back(std::move(*component));
  }
  auto valid = plant::validate(spec.route);
  if (!valid) {
    core::Error e = valid.error();
    e.location = ctx.source + ": " + e.location;
    return e;
  }
  return spec;
}

}  // namespace

core::Result<PlantSpec> parse_plant_toml(const std::string& text, const std::string& source,
                                         const plant::PlantDefaults& defaults) {
  TomlContext ctx{source};
  try {
    toml::table root = toml::parse(text, source);
    return parse_plant_table(root, ctx, defaults);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return core::Error::invalid_input(
        std::string(e.description()),
        source + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column),
        "fix the TOML syntax");
  } catch (const std::exception& e) {
    return core::Error::internal(std::string("TOML: ") + e.what());
  }
}

core::Result<PlantSpec> read_plant_toml(const std::string& path,
                                        const plant::PlantDefaults& defaults) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return parse_plant_toml(*text, path, defaults);
}

// ---------------------------------------------------------------------------------------------
// JSON.

namespace {

nlohmann::json money_json(const std::optional<core::Money>& m) {
  if (!m) return nullptr;
  return {{"amount", m->amount}, {"currency", m->currency}, {"price_year", m->price_year}};
}

template <typename T>
nlohmann::json opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}

}  // namespace

std::string plant_balance_json(const std::string& name, const plant::PlantBalance& b) {
  nlohmann::json j;
  j["format"] = "plant-balance/2";
  j["name"] = name;
  j["route"] = std::string(plant::route_code(b.route));
  j["feed_tonnes"] = b.feed_t;
  j["feed_kwh"] = opt(b.feed_kwh);
  j["black_mass_tonnes"] = b.black_mass_t;
  j["max_balance_residual_tonnes"] = b.max_balance_residual_t();
  nlohmann::json materials = nlohmann::json::array();
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const auto& f = b.materials[i];
    if (!(f.feed_t > 0.0)) continue;
    materials.push_back({{"material", std::string(plant::material_code(plant::material_at(i)))},
                         {"feed_tonnes", f.feed_t},
                         {"pretreatment_loss_tonnes", f.pretreatment_loss_t},
                         {"recovered_tonnes", f.recovered_t},
                         {"in_cathode_powder_tonnes", f.in_cathode_powder_t},
                         {"residue_tonnes", f.residue_t},
                         {"pretreatment_yield_fraction", f.yield_fraction},
                         {"recovery_fraction", f.recovery_fraction},
                         {"overall_recovery_fraction", opt(f.overall_recovery())}});
  }
  j["materials"] = materials;
  nlohmann::json products = nlohmann::json::array();
  for (const auto& p : b.products) {
    products.push_back({{"product", p.product},
                        {"material", p.material},
                        {"formula", p.formula},
                        {"contained_tonnes", p.contained_t},
                        {"product_tonnes", opt(p.product_t)},
                        {"revenue", money_json(p.revenue)},
                        {"price_source", p.price_source},
                        {"avoided_co2e_tonnes", opt(p.avoided_co2e_t)},
                        {"co2_source", p.co2_source},
                        {"note", p.note}});
  }
  j["products"] = products;
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : b.inputs) {
    inputs.push_back({{"input", in.name},
                      {"unit", in.unit},
                      {"amount", in.amount},
                      {"co2e_tonnes", opt(in.co2e_t)},
                      {"source", in.source},
                      {"co2_source", in.co2_source}});
  }
  j["process_inputs"] = inputs;
  j["process_basis_tonnes"] = b.process_basis_t;
  j["process_basis_assumed"] = b.process_basis_assumed;
  j["co2"] = {{"avoided_co2e_tonnes", b.co2.avoided_t},
              {"process_co2e_tonnes", b.co2.process_t},
              {"process_complete", b.co2.process_complete},
              {"net_avoided_co2e_tonnes", b.co2.net_avoided_t()},
              {"inputs_without_factor", b.co2.inputs_without_factor},
              {"products_without_factor", b.co2.products_without_factor}};
  nlohmann::json revenue = nlohmann::json::array();
  for (const auto& m : b.economics.revenue_by_year) revenue.push_back(money_json(m));
  j["economics"] = {{"revenue_by_price_year", revenue},
                    {"unpriced_products", b.economics.unpriced},
                    {"feed_fee", money_json(b.economics.feed_fee)},
                    {"opex", money_json(b.economics.opex)},
                    {"margin", money_json(b.economics.margin)},
                    {"margin_note", b.economics.margin_note},
                    {"margin_usd_per_t_feed", opt(b.economics.margin_usd_per_t_feed)},
                    {"margin_usd_per_kwh", opt(b.economics.margin_usd_per_kwh)}};
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : b.targets) {
    targets.push_back(
        {{"material", std::string(plant::material_code(t.material))},
         {"year", t.year},
         {"target_fraction", t.target_fraction},
         {"achieved_fraction", opt(t.achieved_fraction)},
         {"status", t.achieved_fraction ? (t.pass ? "pass" : "fail") : "not_applicable"},
         {"gap_fraction", t.achieved_fraction ? nlohmann::json(t.gap) : nullptr},
         {"source", t.source}});
  }
  j["eu_recovery_targets"] = targets;
  j["notes"] = b.notes;
  return dump_json(j, 2) + "\n";
}

std::string plant_infer_json(const plant::InferResult& r) {
  nlohmann::json j;
  j["format"] = "plant-infer/2";
  j["mode"] = r.mode == plant::InferMode::kFit ? "fit" : "target";
  j["route"] = std::string(plant::route_code(r.route));
  nlohmann::json cands = nlohmann::json::array();
  for (const auto& c : r.candidates) {
    cands.push_back({{"candidate", c.label},
                     {"feed_tonnes", c.feed_t},
                     {"min_tonnes", c.min_t},
                     {"max_tonnes", opt(c.max_t)},
                     {"cost", money_json(c.cost)}});
  }
  j["feed"] = cands;
  nlohmann::json outs = nlohmann::json::array();
  for (const auto& o : r.outputs) {
    outs.push_back({{"material", std::string(plant::material_code(o.material))},
                    {"stated_tonnes", o.stated_t},
                    {"modelled_tonnes", o.modelled_t},
                    {"residual_tonnes", o.residual_t},
                    {"relative_residual", opt(o.relative_residual)}});
  }
  j["outputs"] = outs;
  nlohmann::json all = nlohmann::json::object();
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    if (r.modelled_all_t[i] > 0.0) {
      all[std::string(plant::material_code(plant::material_at(i)))] = r.modelled_all_t[i];
    }
  }
  j["recovered_tonnes"] = all;
  j["total_feed_tonnes"] = r.total_feed_t;
  j["objective"] = r.objective;
  j["total_cost"] = money_json(r.total_cost);
  j["unique"] = r.unique;
  j["fit_quality"] = r.fit_quality;
  j["explanation"] = r.explanation;
  return dump_json(j, 2) + "\n";
}

}  // namespace urbanmine::io
