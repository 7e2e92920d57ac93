// SPDX-License-Identifier: Apache-2.0
// The plant mass balance, products, inputs, CO2, economics and target checks (see plant.h and
// docs/plant.md for the equations).
#include "plant/plant.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace urbanmine::plant {
namespace {

constexpr std::array<std::string_view, kMaterialCount> kMaterialCodes = {"Li",
                                                                         "Ni",
                                                                         "Co",
                                                                         "Mn",
                                                                         "Al",
                                                                         "Cu",
                                                                         "graphite",
                                                                         "Fe",
                                                                         "P",
                                                                         "O",
                                                                         "steel",
                                                                         "plastics",
                                                                         "electrolyte_solvents",
                                                                         "electrolyte_salt",
                                                                         "binder_carbon",
                                                                         "other"};
constexpr std::array<std::string_view, kRouteCount> kRouteCodes = {"pyrometallurgy",
                                                                   "hydrometallurgy", "direct"};
// Materials that end up in black mass after shredding and separation (with the whole cathode
// active material): anode graphite, binder and carbon black, unspecified remainder.
constexpr std::array<Material, 3> kBlackMassFreeMaterials = {
    Material::kGraphite, Material::kBinderCarbon, Material::kOther};
// Materials counted as cathode-bound in pack, black-mass and element feeds (the elements of
// NMC/NCA/LMO/LFP cathodes other than Al, which is mostly foil and housing).
constexpr std::array<Material, 7> kCathodeMetals = {Material::kLi, Material::kNi, Material::kCo,
                                                    Material::kMn, Material::kFe, Material::kP,
                                                    Material::kO};

std::string format_number(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

core::Status check_fraction(const std::optional<double>& v, const std::string& field) {
  if (!v) return {};
  if (!std::isfinite(*v)) {
    return core::Error::invalid_input("not a finite number", field,
                                      "give a fraction between 0 and 1");
  }
  if (*v > 1.0) {
    return core::Error::invalid_input(format_number(*v) + " is above 1", field,
                                      "give a fraction between 0 and 1 (0.9 = 90 %)");
  }
  if (*v < 0.0) {
    return core::Error::invalid_input(format_number(*v) + " is negative", field,
                                      "give a fraction between 0 and 1");
  }
  return {};
}

core::Status check_price(const Price& p, const std::string& field, bool allow_negative) {
  if (!std::isfinite(p.usd_per_t.amount) || (!allow_negative && p.usd_per_t.amount < 0.0)) {
    return core::Error::invalid_input(
        format_number(p.usd_per_t.amount) + " is not a valid price", field,
        allow_negative ? "give a finite amount in USD per tonne"
                       : "give a non-negative amount in USD per tonne");
  }
  if (p.usd_per_t.price_year <= 0) {
    return core::Error::invalid_input("price year missing", field,
                                      "give the dollar year of the price, e.g. 16814@2024");
  }
  return {};
}

core::Status check_feed_mass(double v, const std::string& what) {
  if (!std::isfinite(v) || v < 0.0) {
    return core::Error::invalid_input(format_number(v) + " is negative or not finite", what,
                                      "give a mass of zero or more tonnes");
  }
  return {};
}

// Flows of one component through pretreatment and the route.
struct ComponentFlows {
  std::array<MaterialFlow, kMaterialCount> m{};
  MaterialTonnes powder_t{};  // per material inside cathode powder
  double black_mass_t = 0.0;
};

ComponentFlows route_flows(const FeedComponent& c, const RouteParams& params,
                           const PlantDefaults& d) {
  ComponentFlows out;
  const std::size_t r = index(params.route);
  const double cam_recovery = params.cathode_recovery.value_or(d.cathode_recovery[r].value);
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    MaterialFlow& f = out.m[i];
    const double y = params.pretreatment_yield[i].value_or(d.pretreatment_yield[i].value);
    const double rec = params.recovery[i].value_or(d.recovery[r][i].value);
    const double free_t = c.free_t[i];
    const double cathode_t = c.cathode_t[i];
    f.feed_t = free_t + cathode_t;
    f.yield_fraction = y;
    f.recovery_fraction = rec;
    f.to_route_t = f.feed_t * y;
    f.pretreatment_loss_t = f.feed_t * (1.0 - y);
    if (params.route == Route::kDirect) {
      // Direct recycling keeps the cathode active material intact: its elements are recovered
      // together at the cathode recovery; other materials at their own recovery.
      f.recovered_t = free_t * y * rec;
      // A per-material override (e.g. --recovery Li=0.8) also sets that material's share of
      // the cathode kept in the powder.
      const double cam = params.recovery[i].value_or(cam_recovery);
      f.in_cathode_powder_t = cathode_t * y * cam;
      f.residue_t = free_t * y * (1.0 - rec) + cathode_t * y * (1.0 - cam);
      out.powder_t[i] = f.in_cathode_powder_t;
    } else {
      f.recovered_t = f.to_route_t * rec;
      f.residue_t = f.to_route_t * (1.0 - rec);
    }
    const bool free_in_black_mass =
        c.kind == FeedKind::kBlackMass ||
        std::find(kBlackMassFreeMaterials.begin(), kBlackMassFreeMaterials.end(), material_at(i)) !=
            kBlackMassFreeMaterials.end();
    out.black_mass_t += (cathode_t + (free_in_black_mass ? free_t : 0.0)) * y;
  }
  return out;
}

void add_money(std::vector<core::Money>& by_year, const core::Money& m) {
  for (auto& existing : by_year) {
    if (existing.currency == m.currency && existing.price_year == m.price_year) {
      existing.amount += m.amount;
      return;
    }
  }
  by_year.push_back(m);
}

std::string money_text(const core::Money& m) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", m.amount);
  return std::string(buf) + " " + m.currency + " (" + std::to_string(m.price_year) + " prices)";
}

bool same_basis(const core::Money& a, const core::Money& b) {
  return a.currency == b.currency && a.price_year == b.price_year;
}

}  // namespace

std::string_view route_code(Route route) { return kRouteCodes[index(route)]; }

std::optional<Route> parse_route(std::string_view code) {
  for (Route r : kAllRoutes) {
    if (route_code(r) == code) return r;
  }
  if (code == "pyro") return Route::kPyrometallurgy;
  if (code == "hydro") return Route::kHydrometallurgy;
  return std::nullopt;
}

std::string_view material_code(Material m) { return kMaterialCodes[index(m)]; }

std::optional<Material> parse_material(std::string_view code) {
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    if (kMaterialCodes[i] == code) return material_at(i);
  }
  return std::nullopt;
}

std::string_view feed_kind_code(FeedKind kind) {
  switch (kind) {
    case FeedKind::kCells:
      return "cells";
    case FeedKind::kPacks:
      return "packs";
    case FeedKind::kBlackMass:
      return "black_mass";
    case FeedKind::kElements:
      return "elements";
  }
  return "elements";
}

std::optional<std::size_t> PlantDefaults::find_chemistry(std::string_view code) const {
  for (std::size_t i = 0; i < chemistries.size(); ++i) {
    if (chemistries[i].code == code) return i;
  }
  return std::nullopt;
}

std::optional<double> MaterialFlow::overall_recovery() const {
  if (!(feed_t > 0.0)) return std::nullopt;
  return (recovered_t + in_cathode_powder_t) / feed_t;
}

double PlantBalance::max_balance_residual_t() const {
  double worst = 0.0;
  for (const auto& f : materials) {
    const double residual =
        f.feed_t - f.pretreatment_loss_t - f.recovered_t - f.in_cathode_powder_t - f.residue_t;
    worst = std::max(worst, std::fabs(residual));
  }
  return worst;
}

namespace {

core::Error unknown_chemistry(const PlantDefaults& d, std::string_view code, bool need_cells) {
  std::string known;
  for (const auto& c : d.chemistries) {
    if (need_cells ? c.cell_free_fraction.has_value() : c.pack_t_per_kwh.has_value()) {
      known += (known.empty() ? "" : ", ") + c.code;
    }
  }
  return core::Error::invalid_input("unknown " + std::string(need_cells ? "cell" : "pack") +
                                        " chemistry '" + std::string(code) + "'",
                                    "chemistry", "use one of " + known);
}

}  // namespace

core::Result<FeedComponent> cell_feed(const PlantDefaults& defaults, std::string_view chemistry,
                                      double mass_t) {
  URBANMINE_TRY_STATUS(check_feed_mass(mass_t, "mass_tonnes"));
  auto idx = defaults.find_chemistry(chemistry);
  if (!idx || !defaults.chemistries[*idx].cell_free_fraction) {
    return unknown_chemistry(defaults, chemistry, true);
  }
  const Chemistry& chem = defaults.chemistries[*idx];
  FeedComponent c;
  c.label = chem.code + " cells";
  c.kind = FeedKind::kCells;
  c.chemistry = idx;
  c.mass_t = mass_t;
  c.battery_mass_known = true;
  if (chem.cell_kwh_per_t) c.capacity_kwh = mass_t * *chem.cell_kwh_per_t;
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    c.free_t[i] = (*chem.cell_free_fraction)[i] * mass_t;
    c.cathode_t[i] = chem.cell_cathode_fraction * mass_t * chem.cathode_mass_fraction[i];
  }
  c.cathode_complete = true;
  return c;
}

core::Result<FeedComponent> pack_feed(const PlantDefaults& defaults, std::string_view chemistry,
                                      double capacity_kwh) {
  URBANMINE_TRY_STATUS(check_feed_mass(capacity_kwh, "capacity_kwh"));
  auto idx = defaults.find_chemistry(chemistry);
  if (!idx || !defaults.chemistries[*idx].pack_t_per_kwh) {
    return unknown_chemistry(defaults, chemistry, false);
  }
  const Chemistry& chem = defaults.chemistries[*idx];
  FeedComponent c;
  c.label = chem.code + " packs";
  c.kind = FeedKind::kPacks;
  c.chemistry = idx;
  c.capacity_kwh = capacity_kwh;
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    const double t = (*chem.pack_t_per_kwh)[i] * capacity_kwh;
    const bool cathode = std::find(kCathodeMetals.begin(), kCathodeMetals.end(), material_at(i)) !=
                         kCathodeMetals.end();
    (cathode ? c.cathode_t : c.free_t)[i] = t;
    c.mass_t += t;
  }
  return c;
}

core::Result<FeedComponent> black_mass_feed(double mass_t, const MaterialTonnes& mass_fraction,
                                            std::string label) {
  URBANMINE_TRY_STATUS(check_feed_mass(mass_t, "mass_tonnes"));
  double sum = 0.0;
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    URBANMINE_TRY_STATUS(check_fraction(
        mass_fraction[i], "composition." + std::string(material_code(material_at(i)))));
    sum += mass_fraction[i];
  }
  if (sum > 1.0 + 1e-9) {
    return core::Error::invalid_input(
        "mass fractions sum to " + format_number(sum) + ", above 1", "composition",
        "give mass fractions of the black mass that sum to 1 or less");
  }
  FeedComponent c;
  c.label = std::move(label);
  c.kind = FeedKind::kBlackMass;
  c.mass_t = mass_t;
  MaterialTonnes f = mass_fraction;
  f[index(Material::kOther)] += std::max(0.0, 1.0 - sum);
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    const bool cathode = std::find(kCathodeMetals.begin(), kCathodeMetals.end(), material_at(i)) !=
                         kCathodeMetals.end();
    (cathode ? c.cathode_t : c.free_t)[i] = f[i] * mass_t;
  }
  return c;
}

core::Result<FeedComponent> element_feed(const MaterialTonnes& tonnes, std::string label) {
  FeedComponent c;
  c.label = std::move(label);
  c.kind = FeedKind::kElements;
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    URBANMINE_TRY_STATUS(
        check_feed_mass(tonnes[i], "tonnes." + std::string(material_code(material_at(i)))));
    const bool cathode = std::find(kCathodeMetals.begin(), kCathodeMetals.end(), material_at(i)) !=
                         kCathodeMetals.end();
    (cathode ? c.cathode_t : c.free_t)[i] = tonnes[i];
    c.mass_t += tonnes[i];
  }
  return c;
}

core::Status validate(const RouteParams& p) {
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    const std::string code(material_code(material_at(i)));
    URBANMINE_TRY_STATUS(check_fraction(p.recovery[i], "route.recovery." + code));
    URBANMINE_TRY_STATUS(
        check_fraction(p.pretreatment_yield[i], "route.pretreatment_yield." + code));
  }
  URBANMINE_TRY_STATUS(
      check_fraction(p.cathode_recovery, "route.recovery.cathode_active_material"));
  for (const auto& [key, price] : p.prices) {
    URBANMINE_TRY_STATUS(check_price(price, "prices." + key, false));
  }
  if (p.opex_per_t_feed) {
    URBANMINE_TRY_STATUS(check_price(*p.opex_per_t_feed, "economics.opex_usd_per_t", false));
  }
  if (p.fee_per_t_feed) {
    URBANMINE_TRY_STATUS(check_price(*p.fee_per_t_feed, "economics.gate_fee_usd_per_t", true));
  }
  for (const auto& [name, factor] : p.co2_kg_per_unit) {
    if (!std::isfinite(factor.value) || factor.value < 0.0) {
      return core::Error::invalid_input(format_number(factor.value) + " is not a valid factor",
                                        "co2_factors." + name,
                                        "give kg CO2e per unit of the input, zero or more");
    }
  }
  return {};
}

MaterialTonnes recovered_per_tonne(const FeedComponent& component, const RouteParams& params,
                                   const PlantDefaults& defaults) {
  MaterialTonnes out{};
  if (!(component.mass_t > 0.0)) return out;
  const ComponentFlows flows = route_flows(component, params, defaults);
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    out[i] = (flows.m[i].recovered_t + flows.m[i].in_cathode_powder_t) / component.mass_t;
  }
  return out;
}

core::Result<PlantBalance> balance(const Feed& feed, const RouteParams& params,
                                   const PlantDefaults& d) {
  URBANMINE_TRY_STATUS(validate(params));
  if (feed.components.empty()) {
    return core::Error::invalid_input("no feed given", "feed",
                                      "give cells, packs, black mass or an element composition");
  }
  PlantBalance out;
  out.route = params.route;
  const std::size_t r = index(params.route);
  const int price_year = params.price_year.value_or(d.default_price_year);

  // Cathode powder (direct route), grouped by chemistry; key -1 = unspecified.
  struct PowderGroup {
    long chemistry = -1;
    double contained_t = 0.0;
    bool complete = true;
  };
  std::vector<PowderGroup> powders;
  double kwh = 0.0;
  bool kwh_known = true;
  std::optional<core::Money> fee;
  bool fee_ok = true;
  std::string fee_note;

  for (std::size_t k = 0; k < feed.components.size(); ++k) {
    const FeedComponent& c = feed.components[k];
    URBANMINE_TRY_STATUS(check_feed_mass(c.mass_t, "feed[" + std::to_string(k) + "].mass_tonnes"));
    const ComponentFlows flows = route_flows(c, params, d);
    for (std::size_t i = 0; i < kMaterialCount; ++i) {
      MaterialFlow& f = out.materials[i];
      const MaterialFlow& g = flows.m[i];
      f.feed_t += g.feed_t;
      f.pretreatment_loss_t += g.pretreatment_loss_t;
      f.to_route_t += g.to_route_t;
      f.recovered_t += g.recovered_t;
      f.in_cathode_powder_t += g.in_cathode_powder_t;
      f.residue_t += g.residue_t;
      f.recovery_fraction = g.recovery_fraction;
      f.yield_fraction = g.yield_fraction;
    }
    out.black_mass_t += flows.black_mass_t;
    out.feed_t += c.mass_t;
    if (c.capacity_kwh) {
      kwh += *c.capacity_kwh;
    } else {
      kwh_known = false;
    }
    out.process_basis_t += c.mass_t;
    if (!c.battery_mass_known) out.process_basis_assumed = true;

    if (params.route == Route::kDirect) {
      double powder = 0.0;
      for (double t : flows.powder_t) powder += t;
      if (powder > 0.0) {
        const long key = c.chemistry ? static_cast<long>(*c.chemistry) : -1;
        auto it = std::find_if(powders.begin(), powders.end(),
                               [key](const PowderGroup& g) { return g.chemistry == key; });
        if (it == powders.end()) {
          powders.push_back(PowderGroup{key, 0.0, true});
          it = powders.end() - 1;
        }
        it->contained_t += powder;
        it->complete = it->complete && c.cathode_complete;
      }
    }

    // Battery fee paid by the recycler for this component.
    std::optional<core::Money> component_fee;
    if (params.fee_per_t_feed) {
      component_fee = params.fee_per_t_feed->usd_per_t;
      component_fee->amount *= c.mass_t;
    } else if (c.kind == FeedKind::kCells && c.chemistry && d.chemistries[*c.chemistry].fee) {
      component_fee = d.chemistries[*c.chemistry].fee->usd_per_t;
      component_fee->amount *= c.mass_t;
    }
    if (!component_fee) {
      fee_ok = false;
      fee_note = "no battery fee for " + c.label + " (give --gate-fee-usd-per-t)";
    } else if (!fee) {
      fee = component_fee;
    } else if (same_basis(*fee, *component_fee)) {
      fee->amount += component_fee->amount;
    } else {
      fee_ok = false;
      fee_note = "battery fees in different price years";
    }
  }
  if (kwh_known) out.feed_kwh = kwh;
  if (!fee_ok) fee.reset();

  // Products of each material's own route (compounds or as is).
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    const MaterialFlow& f = out.materials[i];
    if (!(f.recovered_t > 0.0)) continue;
    ProductLine line;
    const std::string code(material_code(material_at(i)));
    line.material = code;
    line.contained_t = f.recovered_t;
    const auto& spec = d.products[i];
    if (!spec) {
      line.product = code;
      line.note = "no product defined for this material; revenue and avoided CO2 not evaluable";
      out.economics.unpriced.push_back(code);
      out.co2.products_without_factor.push_back(code);
      out.products.push_back(std::move(line));
      continue;
    }
    line.product = spec->product;
    line.formula = spec->formula;
    line.product_t = f.recovered_t * spec->product_t_per_material_t;
    const double basis_t = spec->price_per_product ? *line.product_t : f.recovered_t;
    std::optional<Price> price;
    if (auto it = params.prices.find(code); it != params.prices.end()) {
      price = it->second;
    } else if (auto it2 = spec->price.find(price_year); it2 != spec->price.end()) {
      price = it2->second;
    }
    if (price) {
      core::Money revenue = price->usd_per_t;
      revenue.amount *= basis_t;
      line.revenue = revenue;
      line.price_source = price->source;
      add_money(out.economics.revenue_by_year, revenue);
    } else {
      line.note = "no " + std::to_string(price_year) + " price in the data: revenue not evaluable";
      out.economics.unpriced.push_back(spec->product);
    }
    if (spec->avoided_co2_kg_per_kg_material) {
      line.avoided_co2e_t = f.recovered_t * spec->avoided_co2_kg_per_kg_material->value;
      line.co2_source = spec->avoided_co2_kg_per_kg_material->source;
      out.co2.avoided_t += *line.avoided_co2e_t;
    } else {
      out.co2.products_without_factor.push_back(spec->product);
    }
    out.products.push_back(std::move(line));
  }

  // Cathode powder (direct route).
  for (const PowderGroup& g : powders) {
    ProductLine line;
    const Chemistry* chem =
        g.chemistry >= 0 ? &d.chemistries[static_cast<std::size_t>(g.chemistry)] : nullptr;
    line.material = chem ? chem->code : "unspecified";
    line.product = "cathode_powder:" + line.material;
    line.formula = chem ? chem->formula : "";
    line.contained_t = g.contained_t;
    if (!g.complete || !chem) {
      line.note =
          "powder mass not known: the feed lists only the cathode metals (no oxygen), so "
          "contained_t counts those metals; revenue and avoided CO2 not evaluable";
      out.economics.unpriced.push_back(line.product);
      out.co2.products_without_factor.push_back(line.product);
      out.products.push_back(std::move(line));
      continue;
    }
    line.product_t = g.contained_t;
    std::optional<Price> price;
    if (auto it = params.prices.find(line.product); it != params.prices.end()) {
      price = it->second;
    } else if (auto it2 = chem->powder_price.find(price_year); it2 != chem->powder_price.end()) {
      price = it2->second;
    }
    if (price) {
      core::Money revenue = price->usd_per_t;
      revenue.amount *= *line.product_t;
      line.revenue = revenue;
      line.price_source = price->source;
      add_money(out.economics.revenue_by_year, revenue);
    } else {
      line.note = "no " + std::to_string(price_year) +
                  " cathode powder price in the data: revenue not evaluable";
      out.economics.unpriced.push_back(line.product);
    }
    if (chem->powder_co2_kg_per_kg) {
      line.avoided_co2e_t = *line.product_t * chem->powder_co2_kg_per_kg->value;
      line.co2_source = chem->powder_co2_kg_per_kg->source;
      out.co2.avoided_t += *line.avoided_co2e_t;
    } else {
      out.co2.products_without_factor.push_back(line.product);
    }
    out.products.push_back(std::move(line));
  }

  // Reagents and energy (per kg of battery in EverBatt; amounts here per tonne x 1000).
  out.co2.process_complete = true;
  for (const ProcessInput& in : d.process_inputs[r]) {
    ProcessInputLine line;
    line.name = in.name;
    line.unit = in.unit;
    line.amount = in.per_kg_battery * out.process_basis_t * core::kKgPerTonne;
    line.source = in.source;
    std::optional<Sourced> factor;
    if (auto it = params.co2_kg_per_unit.find(in.name); it != params.co2_kg_per_unit.end()) {
      factor = it->second;
    } else {
      factor = in.co2_kg_per_unit;
    }
    if (factor) {
      line.co2e_t = line.amount * factor->value / core::kKgPerTonne;
      line.co2_source = factor->source;
      out.co2.process_t += *line.co2e_t;
    } else if (line.amount > 0.0) {
      out.co2.process_complete = false;
      out.co2.inputs_without_factor.push_back(in.name);
    }
    out.inputs.push_back(std::move(line));
  }

  // Economics.
  Economics& e = out.economics;
  e.feed_fee = fee;
  if (params.opex_per_t_feed) {
    core::Money opex = params.opex_per_t_feed->usd_per_t;
    opex.amount *= out.feed_t;
    e.opex = opex;
  }
  if (e.revenue_by_year.size() > 1) {
    e.margin_note =
        "not evaluable: revenue is in more than one price year; give all prices in "
        "one year (--price-year or --price)";
  } else if (!e.feed_fee) {
    e.margin_note = "not evaluable: " + (fee_note.empty() ? "no battery fee" : fee_note);
  } else if (!e.opex) {
    core::Money gross = e.revenue_by_year.empty()
                            ? core::Money{0.0, e.feed_fee->currency, e.feed_fee->price_year}
                            : e.revenue_by_year.front();
    if (!same_basis(gross, *e.feed_fee)) {
      e.margin_note = "not evaluable: revenue and battery fee are in different price years";
    } else {
      gross.amount -= e.feed_fee->amount;
      e.margin_note =
          "not evaluable: no operating cost in the data (give --opex-usd-per-t); "
          "revenue minus battery fee is " +
          money_text(gross);
    }
  } else {
    core::Money m = e.revenue_by_year.empty()
                        ? core::Money{0.0, e.feed_fee->currency, e.feed_fee->price_year}
                        : e.revenue_by_year.front();
    if (!same_basis(m, *e.feed_fee) || !same_basis(m, *e.opex)) {
      e.margin_note =
          "not evaluable: revenue, battery fee and operating cost are in different "
          "price years";
    } else {
      m.amount -= e.feed_fee->amount + e.opex->amount;
      e.margin = m;
      if (out.feed_t > 0.0) e.margin_usd_per_t_feed = m.amount / out.feed_t;
      if (out.feed_kwh && *out.feed_kwh > 0.0) e.margin_usd_per_kwh = m.amount / *out.feed_kwh;
      if (!e.unpriced.empty()) {
        std::string list;
        for (const auto& u : e.unpriced) list += (list.empty() ? "" : ", ") + u;
        e.margin_note = "excludes unpriced products: " + list;
      }
    }
  }

  // EU material recovery targets.
  for (const RecoveryTarget& t : d.targets) {
    TargetCheck check;
    check.material = t.material;
    check.year = t.year;
    check.target_fraction = t.fraction;
    check.source = t.source;
    check.achieved_fraction = out.materials[index(t.material)].overall_recovery();
    if (check.achieved_fraction) {
      check.gap = *check.achieved_fraction - t.fraction;
      check.pass = check.gap >= -1e-12;
    }
    out.targets.push_back(check);
  }

  // Notes.
  for (std::size_t i = 0; i < kMaterialCount; ++i) {
    if (!params.pretreatment_yield[i] && out.materials[i].feed_t > 0.0 &&
        d.pretreatment_yield[i].source.rfind("Assumption", 0) == 0) {
      out.notes.push_back("pretreatment yield " + format_number(d.pretreatment_yield[i].value) +
                          " for every material: " + d.pretreatment_yield[i].source);
      break;
    }
  }
  if (out.process_basis_assumed) {
    out.notes.push_back(
        "Assumption: reagents and energy are per kg of battery (EverBatt); for packs, black mass "
        "and element feeds they were applied to the tonnes fed (" +
        format_number(out.process_basis_t) + " t), not a known battery mass");
  }
  if (!out.co2.process_complete) {
    std::string list;
    for (const auto& u : out.co2.inputs_without_factor) list += (list.empty() ? "" : ", ") + u;
    out.notes.push_back("process CO2e is incomplete: no emission factor in co2_factors.csv for " +
                        list + " (give --co2-factor NAME=KG_PER_UNIT)");
  }
  return out;
}

}  // namespace urbanmine::plant
