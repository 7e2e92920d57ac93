// SPDX-License-Identifier: Apache-2.0
// The recycling plant model: a feed (cells or packs by chemistry, black mass, or an element
// composition) passes pretreatment to black mass and one route (pyrometallurgy,
// hydrometallurgy or direct recycling) with a recovery fraction per material. It yields the mass
// balance per material, products (stoichiometric compounds, cathode powder for direct), reagents
// and energy, process and avoided CO2e, revenue, fees, operating cost and margin, and the EU
// 2023/1542 material-recovery target checks. Equations and defaults: docs/plant.md.
//
// Example (per region and year inside a run; `defaults` is loaded once by io::load_plant_defaults):
//   plant::MaterialTonnes t{};  t[plant::index(plant::Material::kNi)] = 117.7;  ...
//   auto feed = plant::Feed{{plant::element_feed(t, "end-of-life batteries")}};
//   plant::RouteParams route;  route.route = plant::Route::kHydrometallurgy;
//   auto result = plant::balance(feed, route, defaults);   // Result<PlantBalance>
//
// The model is linear in the feed, pure (no files, no clock) and allocation-light; balance() may
// be called concurrently on one shared const PlantDefaults.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/units.h"
#include "plant/formula.h"

namespace urbanmine::plant {

enum class Route { kPyrometallurgy, kHydrometallurgy, kDirect };
inline constexpr std::size_t kRouteCount = 3;
inline constexpr std::array<Route, kRouteCount> kAllRoutes = {
    Route::kPyrometallurgy, Route::kHydrometallurgy, Route::kDirect};
// "pyrometallurgy", "hydrometallurgy", "direct" (stored codes; never renamed).
std::string_view route_code(Route route);
std::optional<Route> parse_route(std::string_view code);
constexpr std::size_t index(Route route) { return static_cast<std::size_t>(route); }

// Materials tracked through the plant. Elements use their symbols; material groups use codes.
enum class Material : std::size_t {
  kLi,
  kNi,
  kCo,
  kMn,
  kAl,
  kCu,
  kGraphite,
  kFe,
  kP,
  kO,                    // oxygen bound in the cathode active material
  kSteel,                // steel and stainless steel (pack housings)
  kPlastics,             // PP, PE, PET
  kElectrolyteSolvents,  // EC, DMC
  kElectrolyteSalt,      // LiPF6 (its Li is not counted with Li, as in EverBatt case A)
  kBinderCarbon,         // PVDF binder and carbon black
  kOther,                // unspecified remainder of a black-mass composition
};
inline constexpr std::size_t kMaterialCount = 16;
constexpr std::size_t index(Material m) { return static_cast<std::size_t>(m); }
constexpr Material material_at(std::size_t i) { return static_cast<Material>(i); }
// "Li", "Ni", "Co", "Mn", "Al", "Cu", "graphite", "Fe", "P", "O", "steel", "plastics",
// "electrolyte_solvents", "electrolyte_salt", "binder_carbon", "other".
std::string_view material_code(Material m);
std::optional<Material> parse_material(std::string_view code);

// Tonnes (or fractions) per material, indexed by index(Material).
using MaterialTonnes = std::array<double, kMaterialCount>;

// A number with where it came from (a data file row, or "user").
struct Sourced {
  double value = 0.0;
  std::string source;
};

// A price per tonne of the product or of the contained material, with currency and price year.
struct Price {
  core::Money usd_per_t;
  std::string source;
};

struct Chemistry {
  std::string code;     // "NMC622"
  std::string formula;  // "LiNi0.6Mn0.2Co0.2O2"
  // Mass fraction of each element in the cathode active material (sums to 1).
  MaterialTonnes cathode_mass_fraction{};
  // Cell bill of materials (EverBatt Table 4): fraction of cell mass outside the cathode active
  // material per material, and the cathode active material fraction. Absent when the chemistry
  // has no cell BOM row.
  std::optional<MaterialTonnes> cell_free_fraction;
  double cell_cathode_fraction = 0.0;
  std::optional<double> cell_kwh_per_t;  // cell energy / cell mass
  // Pack material intensity (material_intensity.csv), tonnes per kWh of pack.
  std::optional<MaterialTonnes> pack_t_per_kwh;
  std::optional<Price> fee;           // battery fee paid by the recycler (negative: paid to it)
  std::map<int, Price> powder_price;  // by price year
  std::optional<Sourced> powder_co2_kg_per_kg;
};

// How one recovered material is sold: as a compound (Li2CO3, NiSO4·6H2O...) or as is.
struct ProductSpec {
  Material material = Material::kLi;
  std::string product;                    // "lithium_carbonate"
  std::string formula;                    // empty when sold as is
  double product_t_per_material_t = 1.0;  // stoichiometric conversion
  bool price_per_product = false;         // price quoted per t of product (else per t contained)
  std::map<int, Price> price;             // by price year
  std::optional<Sourced> avoided_co2_kg_per_kg_material;  // per kg of contained material
  std::string note;
};

struct ProcessInput {
  std::string name;  // "Sulfuric acid"
  std::string unit;  // "kg", "gal" or "MJ" per kg of battery
  double per_kg_battery = 0.0;
  std::string source;
  std::optional<Sourced> co2_kg_per_unit;  // only for kg inputs with a factor in co2_factors.csv
};

struct RecoveryTarget {
  Material material = Material::kLi;
  int year = 0;
  double fraction = 0.0;
  std::string source;
};

// Everything the model needs from data, loaded and validated once (io::load_plant_defaults).
struct PlantDefaults {
  AtomicWeights atomic_weights;
  std::vector<Chemistry> chemistries;
  // Recovery fraction per route and material (0 when EverBatt gives none), with source.
  std::array<std::array<Sourced, kMaterialCount>, kRouteCount> recovery{};
  std::array<Sourced, kRouteCount> cathode_recovery{};  // cathode active material (direct)
  std::array<Sourced, kMaterialCount> pretreatment_yield{};
  std::array<std::optional<ProductSpec>, kMaterialCount> products{};
  std::array<std::vector<ProcessInput>, kRouteCount> process_inputs;
  std::vector<RecoveryTarget> targets;
  int default_price_year = 0;
  std::optional<Sourced> max_feed_t;
  // Assumptions in force (data/plant_assumptions.csv rows marked "assumption").
  std::vector<std::string> assumptions;

  std::optional<std::size_t> find_chemistry(std::string_view code) const;
};

enum class FeedKind { kCells, kPacks, kBlackMass, kElements };
std::string_view feed_kind_code(FeedKind kind);  // "cells", "packs", "black_mass", "elements"

// One stream of feed. Build it with cell_feed, pack_feed, black_mass_feed or element_feed.
struct FeedComponent {
  std::string label;
  FeedKind kind = FeedKind::kElements;
  std::optional<std::size_t> chemistry;  // index into PlantDefaults::chemistries
  double mass_t = 0.0;                   // tonnes fed
  bool battery_mass_known = false;       // mass_t is battery mass (cells)
  std::optional<double> capacity_kwh;
  MaterialTonnes free_t{};        // material outside the cathode active material
  MaterialTonnes cathode_t{};     // material bound in the cathode active material
  bool cathode_complete = false;  // cathode_t holds the whole active material (O included)
};

struct Feed {
  std::vector<FeedComponent> components;
};

// `mass_t` tonnes of cells of `chemistry` (EverBatt cell BOM x cathode stoichiometry).
core::Result<FeedComponent> cell_feed(const PlantDefaults& defaults, std::string_view chemistry,
                                      double mass_t);
// Packs of `chemistry` holding `capacity_kwh` (material_intensity.csv, kg per kWh of pack).
core::Result<FeedComponent> pack_feed(const PlantDefaults& defaults, std::string_view chemistry,
                                      double capacity_kwh);
// `mass_t` tonnes of black mass with the given mass fractions (sum <= 1; the rest is "other").
core::Result<FeedComponent> black_mass_feed(double mass_t, const MaterialTonnes& mass_fraction,
                                            std::string label);
// Tonnes of each material; Li, Ni, Co, Mn, Fe, P and O count as cathode-bound (chemistry
// unspecified).
core::Result<FeedComponent> element_feed(const MaterialTonnes& tonnes, std::string label);

struct RouteParams {
  Route route = Route::kHydrometallurgy;
  // Overrides, 0..1. In the direct route an override for a cathode-bound material (Li, Ni,
  // Co, Mn, ...) also sets its share kept in the cathode powder.
  std::array<std::optional<double>, kMaterialCount> recovery{};
  std::optional<double> cathode_recovery;  // direct route: cathode active material, 0..1
  std::array<std::optional<double>, kMaterialCount> pretreatment_yield{};
  // Price overrides by product key: a material code ("Ni") or "cathode_powder:NMC622"; the
  // price basis is the one of the product (see plant_products.csv).
  std::map<std::string, Price> prices;
  std::optional<int> price_year;  // default data prices of this year (default: defaults')
  std::optional<Price> opex_per_t_feed;
  std::optional<Price> fee_per_t_feed;             // overrides every component's battery fee
  std::map<std::string, Sourced> co2_kg_per_unit;  // process input name -> factor override
};

// Checks ranges (fractions in [0, 1], prices finite); errors name the field.
core::Status validate(const RouteParams& params);

struct MaterialFlow {
  double feed_t = 0.0;
  double pretreatment_loss_t = 0.0;
  double to_route_t = 0.0;
  double recovered_t = 0.0;          // in the material's own product
  double in_cathode_powder_t = 0.0;  // direct route: inside recovered cathode powder
  double residue_t = 0.0;            // route residue, slag, losses
  double recovery_fraction = 0.0;    // applied route recovery
  double yield_fraction = 1.0;       // applied pretreatment yield
  // (recovered + in powder) / feed; nullopt when there is no feed of this material.
  std::optional<double> overall_recovery() const;
};

struct ProductLine {
  std::string product;   // "nickel_sulfate_hexahydrate", "cathode_powder:NMC622", "copper"
  std::string material;  // material code or chemistry code for cathode powder
  std::string formula;
  double contained_t = 0.0;            // material recovered in it
  std::optional<double> product_t;     // product mass (compound or powder)
  std::optional<core::Money> revenue;  // nullopt: not evaluable (see note)
  std::string price_source;
  std::optional<double> avoided_co2e_t;  // primary production it replaces
  std::string co2_source;
  std::string note;
};

struct ProcessInputLine {
  std::string name;
  std::string unit;  // of `amount`
  double amount = 0.0;
  std::optional<double> co2e_t;
  std::string source;
  std::string co2_source;
};

struct TargetCheck {
  Material material = Material::kLi;
  int year = 0;
  double target_fraction = 0.0;
  std::optional<double> achieved_fraction;  // nullopt: no such material in the feed
  bool pass = false;
  double gap = 0.0;  // achieved - target (negative when failing)
  std::string source;
};

struct Economics {
  std::vector<core::Money> revenue_by_year;  // one amount per price year, never mixed
  std::vector<std::string> unpriced;         // products without a price
  std::optional<core::Money> feed_fee;       // paid by the recycler (negative: earned)
  std::optional<core::Money> opex;
  std::optional<core::Money> margin;  // revenue - fee - opex when all evaluable
  std::string margin_note;            // why not evaluable, or what it excludes
  std::optional<double> margin_usd_per_t_feed;
  std::optional<double> margin_usd_per_kwh;
};

struct Co2Summary {
  double avoided_t = 0.0;         // over products with a factor
  double process_t = 0.0;         // over inputs with a factor
  bool process_complete = false;  // every input had a factor
  std::vector<std::string> inputs_without_factor;
  std::vector<std::string> products_without_factor;
  double net_avoided_t() const { return avoided_t - process_t; }
};

struct PlantBalance {
  Route route = Route::kHydrometallurgy;
  double feed_t = 0.0;
  std::optional<double> feed_kwh;
  double black_mass_t = 0.0;
  double process_basis_t = 0.0;  // battery tonnes the per-kg inputs were applied to
  bool process_basis_assumed = false;
  std::array<MaterialFlow, kMaterialCount> materials{};
  std::vector<ProductLine> products;
  std::vector<ProcessInputLine> inputs;
  Co2Summary co2;
  Economics economics;
  std::vector<TargetCheck> targets;
  std::vector<std::string> notes;  // assumptions and caveats that applied to this balance
  // Largest |feed - loss - recovered - powder - residue| over materials, tonnes.
  double max_balance_residual_t() const;
};

// The mass balance, products, inputs, CO2, economics and target checks of `feed` by `params`.
// Errors: invalid params (naming the field), an empty or negative feed.
core::Result<PlantBalance> balance(const Feed& feed, const RouteParams& params,
                                   const PlantDefaults& defaults);

// Recovered tonnes per material (own product + cathode powder) per tonne of `component` by
// `params`: the linear map used by the inverse problem. Cheap; no economics.
MaterialTonnes recovered_per_tonne(const FeedComponent& component, const RouteParams& params,
                                   const PlantDefaults& defaults);

}  // namespace urbanmine::plant
