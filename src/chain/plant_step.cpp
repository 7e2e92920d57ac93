// SPDX-License-Identifier: Apache-2.0
// The plant step of a run: each region-year's recycling through the plant model (plant/plant.h),
// with one mass-balance check per region, year, route and material fed (see plant_step.h).
#include "chain/plant_step.h"

#include <algorithm>
#include <utility>

#include "core/tolerance.h"

namespace urbanmine::chain {

using results::BalanceCheck;
using results::kDimProduct;
using results::kDimRegion;
using results::kDimYear;

PlantRunCollector::PlantRunCollector(const plant::PlantDefaults& defaults,
                                     std::array<plant::RouteParams, plant::kRouteCount> params)
    : defaults_(defaults), params_(std::move(params)) {
  for (plant::Route r : plant::kAllRoutes) params_[plant::index(r)].route = r;
}

core::Result<plant::MaterialTonnes> PlantRunCollector::add(const RecyclingInput& in) {
  const std::string where = "recycling " + in.region + " " + std::to_string(in.year) + ": ";
  auto located = [&](core::Error e) {
    e.location = where + e.location;
    return e;
  };
  plant::Feed feed;
  auto component = plant::element_feed(in.feed_t, "collected batteries");
  if (!component) return located(component.error());
  if (in.battery_t && *in.battery_t > 0.0) {
    component->mass_t = *in.battery_t;
    component->battery_mass_known = true;
  }
  feed.components.push_back(std::move(*component));
  for (const auto& [chemistry, kwh] : in.pack_kwh_by_chemistry) {
    auto packs = plant::pack_feed(defaults_, chemistry, kwh);
    if (!packs) return located(packs.error());
    feed.components.push_back(std::move(*packs));
  }
  const plant::RouteParams* params = &params_[plant::index(in.route)];
  plant::RouteParams overridden;
  if (!in.recovery_override.empty()) {
    overridden = *params;
    for (const auto& [material, fraction] : in.recovery_override) {
      overridden.recovery[plant::index(material)] = fraction;
    }
    params = &overridden;
  }
  auto b = plant::balance(feed, *params, defaults_);
  if (!b) return located(b.error());
  if (std::find(regions_.begin(), regions_.end(), in.region) == regions_.end()) {
    regions_.push_back(in.region);
  }
  years_.insert(in.year);
  const int price_year =
      params_[plant::index(in.route)].price_year.value_or(defaults_.default_price_year);
  RegionYear& cell = cells_[{in.region, in.year}];
  for (const auto& p : b->products) {
    if (std::find(products_.begin(), products_.end(), p.product) == products_.end()) {
      products_.push_back(p.product);
    }
    cell.product_t[p.product] += p.product_t.value_or(p.contained_t);
    if (p.revenue && p.revenue->price_year == price_year && p.revenue->currency == "USD") {
      cell.revenue_usd += p.revenue->amount;
    } else if (p.contained_t > 0.0) {
      unpriced_.insert(p.product);
    }
    if (p.avoided_co2e_t) cell.avoided_t += *p.avoided_co2e_t;
  }
  cell.emitted_t += b->co2.process_t;
  for (const auto& name : b->co2.inputs_without_factor) missing_factors_.insert(name);
  basis_assumed_ = basis_assumed_ || b->process_basis_assumed;
  plant::MaterialTonnes recovered{};
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const auto& f = b->materials[i];
    recovered[i] = f.recovered_t + f.in_cathode_powder_t;
    if (!(f.feed_t > 0.0)) continue;
    BalanceCheck check;
    check.process = "recycling_plant";
    check.region = in.region;
    check.element = std::string(plant::material_code(plant::material_at(i)));
    check.year = in.year;
    check.inputs = f.feed_t;
    check.outputs = f.pretreatment_loss_t + f.recovered_t + f.in_cathode_powder_t + f.residue_t;
    check.residual = check.inputs - check.outputs;
    check.ok = core::within_scaled(check.residual, check.inputs, core::kMassBalanceTolerance);
    balance_.push_back(check);
  }
  return recovered;
}

core::Result<PlantRunTables> PlantRunCollector::finish() const {
  PlantRunTables out;
  out.balance = balance_;
  std::vector<std::string> years;
  for (int y : years_) years.push_back(std::to_string(y));
  const core::Dimension region_dim(std::string(kDimRegion), regions_);
  const core::Dimension year_dim(std::string(kDimYear), years);
  const core::Dimension product_dim(std::string(kDimProduct), products_);
  auto products_arr = core::DimArray::zeros({region_dim, product_dim, year_dim});
  auto revenue_arr = core::DimArray::zeros({region_dim, year_dim});
  auto avoided_arr = core::DimArray::zeros({region_dim, year_dim});
  auto emitted_arr = core::DimArray::zeros({region_dim, year_dim});
  if (!products_arr || !revenue_arr || !avoided_arr || !emitted_arr) {
    return core::Error::internal("plant run tables: could not build result arrays");
  }
  for (const auto& [key, cell] : cells_) {
    const std::size_t r = *region_dim.index_of(key.first);
    const std::size_t y = *year_dim.index_of(std::to_string(key.second));
    for (const auto& [product, t] : cell.product_t) {
      products_arr->at({r, *product_dim.index_of(product), y}) = t;
    }
    revenue_arr->at({r, y}) = cell.revenue_usd;
    avoided_arr->at({r, y}) = cell.avoided_t;
    emitted_arr->at({r, y}) = cell.emitted_t;
  }
  auto join = [](const std::set<std::string>& items) {
    std::string list;
    for (const auto& i : items) list += (list.empty() ? "" : ", ") + i;
    return list;
  };
  const int price_year = params_[0].price_year.value_or(defaults_.default_price_year);
  auto products = results::make_table(results::kRecyclingProductsT, std::move(*products_arr));
  auto revenue = results::make_table(
      results::kRecyclingRevenueUsd, std::move(*revenue_arr),
      " in USD of " + std::to_string(price_year) + " prices (prices.csv)" +
          (unpriced_.empty() ? std::string(".")
                             : "; excludes products without a price: " + join(unpriced_) + "."));
  auto avoided = results::make_table(results::kRecyclingCo2eAvoidedT, std::move(*avoided_arr));
  auto emitted = results::make_table(
      results::kRecyclingCo2eEmittedT, std::move(*emitted_arr),
      missing_factors_.empty() ? std::string(".")
                               : "; incomplete: no factor for " + join(missing_factors_) + ".");
  for (auto* t : {&products, &revenue, &avoided, &emitted}) {
    if (!*t) return t->error();
    out.tables.push_back(std::move(**t));
  }
  for (const auto& a : defaults_.assumptions) out.assumptions.push_back("plant: " + a);
  if (basis_assumed_) {
    out.assumptions.push_back(
        "plant: reagents and energy per kg of battery (EverBatt Table 10) applied to the element "
        "tonnes recycled where the battery mass was not given, a lower bound of battery mass");
  }
  return out;
}

core::Result<PlantRunTables> plant_run_tables(const std::vector<RecyclingInput>& inputs,
                                              const plant::PlantDefaults& defaults,
                                              const plant::RouteParams& route_params) {
  std::array<plant::RouteParams, plant::kRouteCount> params;
  params.fill(route_params);
  PlantRunCollector collector(defaults, params);
  for (const auto& in : inputs) {
    auto r = collector.add(in);
    if (!r) return r.error();
  }
  return collector.finish();
}

}  // namespace urbanmine::chain
