// SPDX-License-Identifier: Apache-2.0
// An in-memory builder of the model's inputs (model::ModelInputs), so that fleet and chain tests
// do not depend on the shipped data: a few regions, segments and chemistries with round numbers
// that a reader can follow by hand. Every setter returns the builder.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "mfa/lifetime.h"

#include "model/scenario.h"

namespace urbanmine::testing {

inline mfa::LifetimeParams fixed_years(double years) {
  mfa::LifetimeParams p;
  p.type = mfa::LifetimeType::kFixed;
  p.mean = years;
  return p;
}

class ModelBuilder {
 public:
  // Regions, segments and chemistries by code; years first..last. Defaults: no sales, 50 kWh
  // packs, the first chemistry only, 10-year vehicles and 20-year packs (no replacements), no
  // second life, everything collected, no capacity, 1 kg of each element per kWh, 5 kg of battery
  // per kWh, hydrometallurgy recovering 90 % of every element.
  ModelBuilder(std::vector<std::string> regions, std::vector<std::string> segments,
               std::vector<std::string> chemistries, int first_year, int last_year) {
    in_.scenario_name = "test";
    in_.first_year = first_year;
    in_.last_year = last_year;
    in_.years = static_cast<std::size_t>(last_year - first_year + 1);
    const std::size_t R = regions.size(), S = segments.size(), K = chemistries.size(),
                      T = in_.years;
    in_.regions = regions;
    in_.region_names = regions;
    in_.region_aggregates.assign(R, {});
    in_.segments = std::move(segments);
    in_.chemistries = std::move(chemistries);
    in_.sales_vehicles.assign(R, std::vector<std::vector<double>>(S, std::vector<double>(T, 0.0)));
    in_.pack_kwh.assign(R, std::vector<std::vector<double>>(S, std::vector<double>(T, 50.0)));
    std::vector<double> first_only(K, 0.0);
    first_only[0] = 1.0;
    in_.chemistry_share.assign(R, std::vector<std::vector<std::vector<double>>>(
                                      S, std::vector<std::vector<double>>(T, first_only)));
    std::array<double, model::kElementCount> one{};
    one.fill(1.0);
    in_.intensity_kg_per_kwh.assign(K, one);
    in_.battery_t_per_kwh.assign(K, 0.005);
    in_.vehicle_lifetime.assign(S, std::vector<mfa::LifetimeParams>(T, fixed_years(10)));
    in_.battery_lifetime.assign(S, std::vector<mfa::LifetimeParams>(T, fixed_years(20)));
    in_.second_life_share.assign(S, 0.0);
    in_.second_life_lifetime = fixed_years(5);
    in_.collection_fraction.assign(R, std::vector<double>(T, 1.0));
    in_.pool_of_region.assign(R, -1);
    for (auto& route : in_.recovery_fraction) route.fill(0.0);
    in_.recovery_fraction[1].fill(0.9);
  }

  ModelBuilder& sales(std::size_t r, std::size_t s, int year, double vehicles) {
    in_.sales_vehicles[r][s][t(year)] = vehicles;
    return *this;
  }
  ModelBuilder& pack_kwh(double kwh) {
    for (auto& region : in_.pack_kwh)
      for (auto& seg : region)
        for (auto& v : seg) v = kwh;
    return *this;
  }
  ModelBuilder& lifetimes(std::size_t s, mfa::LifetimeParams vehicle, mfa::LifetimeParams battery) {
    in_.vehicle_lifetime[s].assign(in_.years, vehicle);
    in_.battery_lifetime[s].assign(in_.years, battery);
    return *this;
  }
  ModelBuilder& second_life(std::size_t s, double share, mfa::LifetimeParams lifetime) {
    in_.second_life_share[s] = share;
    in_.second_life_lifetime = lifetime;
    return *this;
  }
  ModelBuilder& second_life_cap_kwh(double kwh_per_year) {
    in_.second_life_cap_kwh_per_year = kwh_per_year;
    return *this;
  }
  ModelBuilder& collection(double fraction) {
    for (auto& region : in_.collection_fraction)
      for (auto& v : region) v = fraction;
    return *this;
  }
  // One pool for every region with a constant capacity (tonnes of battery per year).
  ModelBuilder& capacity(double tonnes_per_year, std::array<double, model::kRouteCount> routes) {
    model::CapacityPool pool;
    pool.code = "ALL";
    for (std::size_t r = 0; r < in_.regions.size(); ++r) {
      pool.regions.push_back(r);
      in_.pool_of_region[r] = 0;
    }
    pool.capacity_t.assign(in_.years, tonnes_per_year);
    pool.route_shares = routes;
    in_.pools = {pool};
    return *this;
  }

  // A pool of its own for each region, with a constant capacity each (tonnes of battery a year).
  ModelBuilder& capacity_by_region(const std::vector<double>& tonnes_per_year,
                                   std::array<double, model::kRouteCount> routes) {
    in_.pools.clear();
    for (std::size_t r = 0; r < in_.regions.size(); ++r) {
      model::CapacityPool pool;
      pool.code = in_.regions[r];
      pool.regions = {r};
      pool.capacity_t.assign(in_.years, tonnes_per_year[r]);
      pool.route_shares = routes;
      in_.pool_of_region[r] = static_cast<int>(r);
      in_.pools.push_back(pool);
    }
    return *this;
  }

  // Production scrap at `scrap_fraction` of new kWh, placed by `share` (one per region).
  ModelBuilder& production_scrap(const std::vector<double>& share, double scrap_fraction) {
    auto& ps = in_.production_scrap;
    ps.enabled = true;
    ps.share.clear();
    for (double s : share) ps.share.emplace_back(in_.years, s);
    ps.scrap_fraction.assign(in_.years, scrap_fraction);
    return *this;
  }

  // Trade on, every route (region x pool) open at `usd_per_t` and `co2_t_per_t`.
  ModelBuilder& trade(double usd_per_t, double co2_t_per_t) {
    const std::size_t routes = in_.regions.size() * in_.pools.size();
    in_.trade.enabled = true;
    in_.trade.cost_usd_per_t.assign(routes, usd_per_t);
    in_.trade.co2_t_per_t.assign(routes, co2_t_per_t);
    in_.trade.allowed.assign(in_.years, std::vector<char>(routes, 1));
    return *this;
  }

  // Capacity that follows feedstock: `share` of the pool's feedstock `lag_years` earlier.
  ModelBuilder& capacity_growth(double share, std::size_t lag_years) {
    in_.capacity_growth.enabled = true;
    in_.capacity_growth.share = share;
    in_.capacity_growth.lag_years = lag_years;
    in_.capacity_growth.from = 0;
    return *this;
  }

  // Closes the route from region r to pool p in every year.
  ModelBuilder& close_route(std::size_t r, std::size_t p) {
    for (auto& year : in_.trade.allowed) year[r * in_.pools.size() + p] = 0;
    return *this;
  }

  const model::ModelInputs& inputs() const { return in_; }
  std::size_t t(int year) const { return static_cast<std::size_t>(year - in_.first_year); }

 private:
  model::ModelInputs in_;
};

}  // namespace urbanmine::testing
