// SPDX-License-Identifier: Apache-2.0
// The recycling chain (see chain.h and docs/model.md).
#include "chain/chain.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/units.h"
#include "mfa/batch.h"

#include "chain/trade.h"

namespace urbanmine::chain {

namespace {

// Dimension names (never renamed: they are CSV column names and SQL columns).
constexpr const char* kDimRegion = "region";
constexpr const char* kDimSegment = "segment";
constexpr const char* kDimChemistry = "chemistry";
constexpr const char* kDimElement = "element";
constexpr const char* kDimRoute = "route";
constexpr const char* kDimYear = "year";

core::DimArray zeros(std::vector<core::Dimension> dims) {
  auto a = core::DimArray::zeros(std::move(dims));
  URBANMINE_ASSERT(a.has_value(), "result dimensions are unique by construction");
  return std::move(*a);
}

// Flat index helpers (row-major, last dimension fastest, as DimArray stores data).
struct Shape {
  std::size_t R, S, K, E, Q, T;
  std::size_t rskt(std::size_t r, std::size_t s, std::size_t k, std::size_t t) const {
    return ((r * S + s) * K + k) * T + t;
  }
  std::size_t rkt(std::size_t r, std::size_t k, std::size_t t) const { return (r * K + k) * T + t; }
  std::size_t ret(std::size_t r, std::size_t e, std::size_t t) const { return (r * E + e) * T + t; }
  std::size_t reqt(std::size_t r, std::size_t e, std::size_t q, std::size_t t) const {
    return ((r * E + e) * Q + q) * T + t;
  }
  std::size_t rsket(std::size_t r, std::size_t s, std::size_t k, std::size_t e,
                    std::size_t t) const {
    return (((r * S + s) * K + k) * E + e) * T + t;
  }
  std::size_t rt(std::size_t r, std::size_t t) const { return r * T + t; }
};

core::Status check_shape(const fleet::FleetResult& f, const ChainInputs& in) {
  auto bad = [](const char* what) {
    return core::Error::invalid_input(std::string("chain inputs: ") + what +
                                      " does not match the fleet");
  };
  if (in.regions.size() != f.regions || in.collection_fraction.size() != f.regions) {
    return bad("region count");
  }
  if (in.segments.size() != f.segments || in.second_life_share.size() != f.segments) {
    return bad("segment count");
  }
  if (in.chemistries.size() != f.chemistries || in.intensity_kg_per_kwh.size() != f.chemistries ||
      in.battery_t_per_kwh.size() != f.chemistries) {
    return bad("chemistry count");
  }
  for (const auto& row : in.collection_fraction) {
    if (row.size() != f.years) return bad("years of collection rates");
  }
  for (const auto& pool : in.pools) {
    if (pool.capacity_t.size() != f.years) return bad("years of capacity");
    for (std::size_t r : pool.regions) {
      if (r >= f.regions) return bad("capacity pool region");
    }
  }
  if (in.production_scrap.enabled) {
    if (in.production_scrap.share.size() != f.regions) return bad("regions of production scrap");
    for (const auto& row : in.production_scrap.share) {
      if (row.size() != f.years) return bad("years of production scrap shares");
    }
    if (in.production_scrap.scrap_fraction.size() != f.years) return bad("years of scrap rates");
  }
  if (in.trade.enabled) {
    const std::size_t routes = f.regions * in.pools.size();
    if (in.trade.cost_usd_per_t.size() != routes || in.trade.co2_t_per_t.size() != routes) {
      return bad("trade routes (regions x pools)");
    }
    if (in.trade.allowed.size() != f.years) return bad("years of trade routes");
    for (const auto& row : in.trade.allowed) {
      if (row.size() != routes) return bad("trade routes (regions x pools)");
    }
  }
  return {};
}

}  // namespace

RecyclingOutcome recycle_element(
    double feed_t, const std::array<double, kRouteCount>& route_shares, std::size_t element,
    const std::array<std::array<double, kElementCount>, kRouteCount>& recovery_fraction) {
  RecyclingOutcome out;
  for (std::size_t q = 0; q < kRouteCount; ++q) {
    out.recycled_t[q] = feed_t * route_shares[q];
    out.recovered_t[q] = out.recycled_t[q] * recovery_fraction[q][element];
  }
  return out;
}

core::Result<ChainResult> run_chain(const fleet::FleetResult& fl, const ChainInputs& in,
                                    PlantStep* plant) {
  URBANMINE_TRY_STATUS(check_shape(fl, in));
  const Shape sh{fl.regions, fl.segments, fl.chemistries, kElementCount, kRouteCount, fl.years};
  const std::size_t R = sh.R, S = sh.S, K = sh.K, E = sh.E, Q = sh.Q, T = sh.T;
  ChainResult res;

  const core::Dimension d_region(kDimRegion, in.regions);
  const core::Dimension d_segment(kDimSegment, in.segments);
  const core::Dimension d_chem(kDimChemistry, in.chemistries);
  const core::Dimension d_element(
      kDimElement, std::vector<std::string>(kElementCodes.begin(), kElementCodes.end()));
  const core::Dimension d_route(kDimRoute,
                                std::vector<std::string>(kRouteCodes.begin(), kRouteCodes.end()));
  const core::Dimension d_year =
      core::Dimension::years(kDimYear, in.first_year, in.first_year + static_cast<int>(T) - 1);

  auto from_flat = [&](std::vector<core::Dimension> dims, const std::vector<double>& values) {
    auto a = zeros(std::move(dims));
    std::copy(values.begin(), values.end(), a.data().begin());
    return a;
  };
  auto sales_tab = from_flat({d_region, d_segment, d_year}, fl.sales_vehicles);
  auto repl_tab = from_flat({d_region, d_segment, d_year}, fl.replacement_packs);
  auto vehicles_tab = from_flat({d_region, d_segment, d_year}, fl.in_use_vehicles);
  auto new_kwh = from_flat({d_region, d_segment, d_chem, d_year}, fl.new_kwh);
  auto stock_kwh = from_flat({d_region, d_segment, d_chem, d_year}, fl.in_use_kwh);
  auto eol_kwh = from_flat({d_region, d_segment, d_chem, d_year}, fl.end_of_life_kwh);
  auto sl_in_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto sl_stock_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto sl_out_kwh = zeros({d_region, d_segment, d_chem, d_year});
  // Used-vehicle trade (only when the fleet has used exports).
  const bool used_trade = !fl.used_export_kwh.empty();
  std::vector<double> used_out_rk, used_in_rk;

  // --- second life: one batch over every region x segment x chemistry series ----------------
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t s = 0; s < S; ++s)
      for (std::size_t k = 0; k < K; ++k)
        for (std::size_t t = 0; t < T; ++t) {
          const std::size_t i = sh.rskt(r, s, k, t);
          const double eligible =
              fl.scrapped_eligible_kwh.empty() ? fl.scrapped_kwh[i] : fl.scrapped_eligible_kwh[i];
          sl_in_kwh.data()[i] = eligible * in.second_life_share[s];
        }
  if (in.second_life_cap_kwh_per_year < std::numeric_limits<double>::infinity()) {
    std::vector<double> eligible(T, 0.0);
    for (std::size_t n = 0; n < R * S * K; ++n)
      for (std::size_t t = 0; t < T; ++t) eligible[t] += sl_in_kwh.data()[n * T + t];
    for (std::size_t t = 0; t < T; ++t) {
      if (!(eligible[t] > in.second_life_cap_kwh_per_year)) continue;
      const double factor = in.second_life_cap_kwh_per_year / eligible[t];
      for (std::size_t n = 0; n < R * S * K; ++n) sl_in_kwh.data()[n * T + t] *= factor;
    }
  }
  {
    mfa::LifetimeTable table(T);
    auto sl = table.add_uniform(in.second_life_lifetime, 0.0, "second-life lifetime");
    if (!sl) return sl.error();
    const std::span<const double> all = std::as_const(sl_in_kwh).data();
    std::vector<mfa::InflowSeries> series;
    series.reserve(R * S * K);
    for (std::size_t n = 0; n < R * S * K; ++n) series.push_back({*sl, all.subspan(n * T, T)});
    mfa::BatchOptions options;
    URBANMINE_TRY_STATUS(mfa::solve_inflow_driven_batch(
        table, series, options,
        mfa::BatchBuffers{sl_stock_kwh.data(), sl_out_kwh.data(), {}, {}, {}, {}}));
  }

  // --- kWh by region x chemistry, element tonnes -------------------------------------------
  auto sum_segments = [&](const core::DimArray& a) {
    std::vector<double> out(R * K * T, 0.0);
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t s = 0; s < S; ++s)
        for (std::size_t k = 0; k < K; ++k)
          for (std::size_t t = 0; t < T; ++t) out[sh.rkt(r, k, t)] += a.data()[sh.rskt(r, s, k, t)];
    return out;
  };
  const auto new_rk = sum_segments(new_kwh);
  const auto stock_rk = sum_segments(stock_kwh);
  const auto eol_rk = sum_segments(eol_kwh);
  const auto sl_in_rk = sum_segments(sl_in_kwh);
  const auto sl_stock_rk = sum_segments(sl_stock_kwh);
  const auto sl_out_rk = sum_segments(sl_out_kwh);
  std::optional<core::DimArray> used_out_kwh, used_in_kwh;
  if (used_trade) {
    used_out_kwh = from_flat({d_region, d_segment, d_chem, d_year}, fl.used_export_kwh);
    used_in_kwh = from_flat({d_region, d_segment, d_chem, d_year}, fl.used_import_kwh);
    used_out_rk = sum_segments(*used_out_kwh);
    used_in_rk = sum_segments(*used_in_kwh);
  }
  // Waste batteries: end of life not repurposed, plus packs leaving second life.
  std::vector<double> waste_rk(R * K * T, 0.0);
  std::vector<double> eol_direct_rk(R * K * T, 0.0);
  for (std::size_t i = 0; i < waste_rk.size(); ++i) {
    eol_direct_rk[i] = eol_rk[i] - sl_in_rk[i];
    waste_rk[i] = eol_direct_rk[i] + sl_out_rk[i];
  }
  // tonnes = kWh x kg/kWh / 1000, per element.
  auto to_tonnes = [&](const std::vector<double>& kwh_rk, std::size_t r, std::size_t e,
                       std::size_t t) {
    double v = 0.0;
    for (std::size_t k = 0; k < K; ++k) {
      v += core::tonnes_from_kwh(core::KilowattHours(kwh_rk[sh.rkt(r, k, t)]),
                                 core::KgPerKwh(in.intensity_kg_per_kwh[k][e]))
               .value();
    }
    return v;
  };

  auto demand_t = zeros({d_region, d_element, d_year});
  auto stock_t = zeros({d_region, d_element, d_year});
  auto eol_elem_t = zeros({d_region, d_element, d_year});
  auto sl_in_t = zeros({d_region, d_element, d_year});
  auto sl_stock_t = zeros({d_region, d_element, d_year});
  auto sl_out_t = zeros({d_region, d_element, d_year});
  auto waste_t = zeros({d_region, d_element, d_year});
  auto collected_t = zeros({d_region, d_element, d_year});
  auto lost_t = zeros({d_region, d_element, d_year});
  auto recycled_t = zeros({d_region, d_element, d_route, d_year});
  auto recovered_t = zeros({d_region, d_element, d_route, d_year});
  auto residue_t = zeros({d_region, d_element, d_route, d_year});
  auto unrecycled_t = zeros({d_region, d_element, d_year});
  auto surplus_t = zeros({d_region, d_year});
  auto capacity_t = zeros({d_region, d_year});
  auto collected_battery = zeros({d_region, d_year});
  auto secondary_share = zeros({d_region, d_element, d_year});
  auto new_t = zeros({d_region, d_segment, d_chem, d_element, d_year});
  std::optional<core::DimArray> used_out_t, used_in_t;
  if (used_trade) {
    used_out_t = zeros({d_region, d_element, d_year});
    used_in_t = zeros({d_region, d_element, d_year});
  }
  auto eol_t = zeros({d_region, d_segment, d_chem, d_element, d_year});

  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t s = 0; s < S; ++s)
      for (std::size_t k = 0; k < K; ++k)
        for (std::size_t e = 0; e < E; ++e) {
          const double f = in.intensity_kg_per_kwh[k][e] / core::kKgPerTonne;
          for (std::size_t t = 0; t < T; ++t) {
            new_t.data()[sh.rsket(r, s, k, e, t)] = new_kwh.data()[sh.rskt(r, s, k, t)] * f;
            eol_t.data()[sh.rsket(r, s, k, e, t)] = eol_kwh.data()[sh.rskt(r, s, k, t)] * f;
          }
        }

  // --- production scrap: the world's new kWh x scrap rate, placed by cell capacity ----------
  auto scrap_kwh = zeros({d_region, d_chem, d_year});  // same layout as the rkt vectors
  if (in.production_scrap.enabled) {
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t t = 0; t < T; ++t) {
        double world = 0.0;
        for (std::size_t r = 0; r < R; ++r) world += new_rk[sh.rkt(r, k, t)];
        const double scrap = world * in.production_scrap.scrap_fraction[t];
        for (std::size_t r = 0; r < R; ++r) {
          scrap_kwh.data()[sh.rkt(r, k, t)] = scrap * in.production_scrap.share[r][t];
        }
      }
    }
  }
  const std::vector<double> scrap_rk(scrap_kwh.data().begin(), scrap_kwh.data().end());

  // --- feedstock (collected + scrap) and home capacity pools --------------------------------
  std::vector<double> available_battery(R * T, 0.0);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      double collected = 0.0, scrap = 0.0;
      for (std::size_t k = 0; k < K; ++k) {
        collected +=
            waste_rk[sh.rkt(r, k, t)] * in.collection_fraction[r][t] * in.battery_t_per_kwh[k];
        scrap += scrap_rk[sh.rkt(r, k, t)] * in.battery_t_per_kwh[k];
      }
      collected_battery.data()[sh.rt(r, t)] = collected;
      available_battery[sh.rt(r, t)] = collected + scrap;
    }
  }
  const std::size_t P = in.pools.size();
  std::vector<double> utilisation(R * T, 0.0);  // share of available feedstock recycled at home
  std::vector<double> pool_share(R * T, 0.0);   // region's share of its pool (imports follow it)
  std::vector<double> spare(P * T, 0.0);        // pool capacity left after home feedstock
  std::vector<int> pool_of(R, -1);
  std::vector<std::array<double, kRouteCount>> routes_of(R, {0.0, 1.0, 0.0});
  for (std::size_t p = 0; p < P; ++p) {
    const auto& pool = in.pools[p];
    std::vector<double> pool_feed(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) {
      for (std::size_t r : pool.regions) pool_feed[t] += available_battery[sh.rt(r, t)];
    }
    // Capacity built to follow feedstock stays once built (plants are not closed when feedstock
    // dips).
    const auto& growth = in.capacity_growth;
    double built = 0.0;
    for (std::size_t t = 0; t < T; ++t) {
      const double feed = pool_feed[t];
      double cap = pool.capacity_t[t];
      if (growth.enabled && t >= growth.from && t >= growth.lag_years) {
        built = std::max(built, growth.share * pool_feed[t - growth.lag_years]);
        cap = std::max(cap, built);
      }
      const double u = feed > 0.0 ? std::min(1.0, cap / feed) : 0.0;
      spare[p * T + t] = std::max(0.0, cap - feed);
      for (std::size_t r : pool.regions) {
        const double share = feed > 0.0 ? available_battery[sh.rt(r, t)] / feed
                                        : 1.0 / static_cast<double>(pool.regions.size());
        utilisation[sh.rt(r, t)] = u;
        pool_share[sh.rt(r, t)] = share;
        capacity_t.data()[sh.rt(r, t)] = cap * share;
        routes_of[r] = pool.route_shares;
        pool_of[r] = static_cast<int>(p);
      }
    }
  }
  std::vector<double> surplus_battery(R * T, 0.0);  // beyond home capacity, before trade
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      surplus_t.data()[sh.rt(r, t)] =
          available_battery[sh.rt(r, t)] - capacity_t.data()[sh.rt(r, t)];
      surplus_battery[sh.rt(r, t)] =
          available_battery[sh.rt(r, t)] * (1.0 - utilisation[sh.rt(r, t)]);
    }
  }

  // --- trade: surplus to legal spare capacity at least cost (chain/trade.h) ----------------
  std::vector<std::string> pool_codes;
  for (const auto& pool : in.pools) pool_codes.push_back(pool.code);
  const core::Dimension d_destination(std::string(results::kDimDestination), pool_codes);
  auto shipments = zeros({d_region, d_destination, d_year});
  auto stranded_battery = zeros({d_region, d_year});
  auto transport_cost = zeros({d_region, d_year});
  auto transport_co2 = zeros({d_region, d_year});
  std::vector<double> export_fraction(R * T, 0.0);  // of the region's surplus
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t r = 0; r < R; ++r) {
      stranded_battery.data()[sh.rt(r, t)] = surplus_battery[sh.rt(r, t)];
    }
    if (!in.trade.enabled || P == 0) continue;
    TransportProblem problem;
    problem.capacity_t.resize(P);
    for (std::size_t p = 0; p < P; ++p) problem.capacity_t[p] = spare[p * T + t];
    problem.cost_usd_per_t = in.trade.cost_usd_per_t;
    problem.allowed = in.trade.allowed[t];
    for (std::size_t r = 0; r < R; ++r) {
      problem.supply_t.push_back(surplus_battery[sh.rt(r, t)]);
      if (pool_of[r] >= 0) problem.allowed[r * P + static_cast<std::size_t>(pool_of[r])] = 0;
    }
    auto solution = solve_transport(problem);
    if (!solution) return solution.error();
    for (std::size_t r = 0; r < R; ++r) {
      double sent = 0.0;
      for (std::size_t p = 0; p < P; ++p) {
        const double x = solution->shipped_t[r * P + p];
        if (!(x > 0.0)) continue;
        shipments.data()[(r * P + p) * T + t] = x;
        sent += x;
        transport_cost.data()[sh.rt(r, t)] += x * in.trade.cost_usd_per_t[r * P + p];
        transport_co2.data()[sh.rt(r, t)] += x * in.trade.co2_t_per_t[r * P + p];
      }
      const double surplus = surplus_battery[sh.rt(r, t)];
      export_fraction[sh.rt(r, t)] = surplus > 0.0 ? std::min(1.0, sent / surplus) : 0.0;
      stranded_battery.data()[sh.rt(r, t)] = solution->stranded_t[r];
    }
  }

  // --- element tonnes of feedstock: available, at home, exported, stranded, imported ---------
  auto scrap_t = zeros({d_region, d_element, d_year});
  auto available_t = zeros({d_region, d_element, d_year});
  auto home_t = zeros({d_region, d_element, d_year});
  auto exported_t = zeros({d_region, d_element, d_year});
  auto imported_t = zeros({d_region, d_element, d_year});
  std::vector<double> imported_battery(R * T, 0.0);
  {
    std::vector<double> pool_import_t(P * E * T, 0.0);
    for (std::size_t r = 0; r < R; ++r) {
      for (std::size_t t = 0; t < T; ++t) {
        const double coll_rate = in.collection_fraction[r][t];
        const double u = utilisation[sh.rt(r, t)];
        const double xf = export_fraction[sh.rt(r, t)];
        const double surplus_b = surplus_battery[sh.rt(r, t)];
        for (std::size_t e = 0; e < E; ++e) {
          const double scrap = to_tonnes(scrap_rk, r, e, t);
          const double available = to_tonnes(waste_rk, r, e, t) * coll_rate + scrap;
          const double surplus = available * (1.0 - u);
          scrap_t.data()[sh.ret(r, e, t)] = scrap;
          available_t.data()[sh.ret(r, e, t)] = available;
          home_t.data()[sh.ret(r, e, t)] = available * u;
          exported_t.data()[sh.ret(r, e, t)] = surplus * xf;
          unrecycled_t.data()[sh.ret(r, e, t)] = surplus * (1.0 - xf);
          if (!(surplus_b > 0.0)) continue;
          // Shipments carry the origin's feedstock composition.
          for (std::size_t p = 0; p < P; ++p) {
            const double x = shipments.data()[(r * P + p) * T + t];
            if (x > 0.0) pool_import_t[(p * E + e) * T + t] += surplus * x / surplus_b;
          }
        }
      }
    }
    for (std::size_t r = 0; r < R; ++r) {
      if (pool_of[r] < 0) continue;
      const std::size_t p = static_cast<std::size_t>(pool_of[r]);
      for (std::size_t t = 0; t < T; ++t) {
        const double share = pool_share[sh.rt(r, t)];
        double into_pool = 0.0;
        for (std::size_t o = 0; o < R; ++o) into_pool += shipments.data()[(o * P + p) * T + t];
        imported_battery[sh.rt(r, t)] = into_pool * share;
        for (std::size_t e = 0; e < E; ++e) {
          imported_t.data()[sh.ret(r, e, t)] = pool_import_t[(p * E + e) * T + t] * share;
        }
      }
    }
  }

  // --- recycling (the plant step when given) -------------------------------------------------
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      const int year = in.first_year + static_cast<int>(t);
      const double coll_rate = in.collection_fraction[r][t];
      auto feed_of = [&](std::size_t e) {
        return home_t.data()[sh.ret(r, e, t)] + imported_t.data()[sh.ret(r, e, t)];
      };
      std::array<std::array<double, kElementCount>, kRouteCount> plant_recovered{};
      if (plant != nullptr) {
        const double battery_t = available_battery[sh.rt(r, t)] * utilisation[sh.rt(r, t)] +
                                 imported_battery[sh.rt(r, t)];
        for (std::size_t q = 0; q < Q; ++q) {
          const double share = routes_of[r][q];
          if (!(share > 0.0)) continue;
          PlantFeed feed;
          feed.region = r;
          feed.year = year;
          feed.route = q;
          double total = 0.0;
          for (std::size_t e = 0; e < E; ++e) {
            // The same arithmetic as below (feed at home and imported x route share).
            feed.feed_t[e] = feed_of(e) * share;
            total += feed.feed_t[e];
          }
          if (!(total > 0.0)) continue;
          feed.battery_t = battery_t * share;
          auto recovered = plant->recycle(feed);
          if (!recovered) return recovered.error();
          plant_recovered[q] = *recovered;
        }
      }
      for (std::size_t e = 0; e < E; ++e) {
        const double demand = to_tonnes(new_rk, r, e, t);
        const double waste = to_tonnes(waste_rk, r, e, t);
        const double collected = waste * coll_rate;
        const double lost = waste * (1.0 - coll_rate);
        RecyclingOutcome rec = recycle_element(feed_of(e), routes_of[r], e,
                                               in.recovery_by_region_year.empty()
                                                   ? in.recovery_fraction
                                                   : in.recovery_by_region_year[r * T + t]);
        if (plant != nullptr) {
          for (std::size_t q = 0; q < Q; ++q) rec.recovered_t[q] = plant_recovered[q][e];
        }
        double recovered_sum = 0.0;
        for (std::size_t q = 0; q < Q; ++q) {
          recycled_t.data()[sh.reqt(r, e, q, t)] = rec.recycled_t[q];
          recovered_t.data()[sh.reqt(r, e, q, t)] = rec.recovered_t[q];
          residue_t.data()[sh.reqt(r, e, q, t)] = rec.recycled_t[q] - rec.recovered_t[q];
          recovered_sum += rec.recovered_t[q];
        }
        demand_t.data()[sh.ret(r, e, t)] = demand;
        stock_t.data()[sh.ret(r, e, t)] = to_tonnes(stock_rk, r, e, t);
        eol_elem_t.data()[sh.ret(r, e, t)] = to_tonnes(eol_rk, r, e, t);
        sl_in_t.data()[sh.ret(r, e, t)] = to_tonnes(sl_in_rk, r, e, t);
        sl_stock_t.data()[sh.ret(r, e, t)] = to_tonnes(sl_stock_rk, r, e, t);
        sl_out_t.data()[sh.ret(r, e, t)] = to_tonnes(sl_out_rk, r, e, t);
        if (used_trade) {
          used_out_t->data()[sh.ret(r, e, t)] = to_tonnes(used_out_rk, r, e, t);
          used_in_t->data()[sh.ret(r, e, t)] = to_tonnes(used_in_rk, r, e, t);
        }
        waste_t.data()[sh.ret(r, e, t)] = waste;
        collected_t.data()[sh.ret(r, e, t)] = collected;
        lost_t.data()[sh.ret(r, e, t)] = lost;
        secondary_share.data()[sh.ret(r, e, t)] = demand > 0.0 ? recovered_sum / demand : 0.0;
      }
    }
  }

  // --- flows for the balance checks (one kWh layer, one layer per element) ------------------
  {
    FlowLayers& fls = res.flows;
    fls.regions = R;
    fls.years = T;
    auto kwh_rt = [&](const std::vector<double>& a) {
      std::vector<double> out(R * T, 0.0);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t < T; ++t) {
          double v = 0.0;
          for (std::size_t k = 0; k < K; ++k) v += a[sh.rkt(r, k, t)];
          out[sh.rt(r, t)] = v;
        }
      return out;
    };
    FlowLayer kwh;
    kwh.name = "kwh";
    kwh.flows[index(Flow::kDemand)] = kwh_rt(new_rk);
    kwh.flows[index(Flow::kEndOfLife)] = kwh_rt(eol_rk);
    kwh.flows[index(Flow::kToSecondLife)] = kwh_rt(sl_in_rk);
    kwh.flows[index(Flow::kDirectToWaste)] = kwh_rt(eol_direct_rk);
    kwh.flows[index(Flow::kSecondLifeOut)] = kwh_rt(sl_out_rk);
    fls.used_vehicle_trade = used_trade;
    const std::vector<double> no_trade(R * T, 0.0);
    kwh.flows[index(Flow::kUsedExported)] = used_trade ? kwh_rt(used_out_rk) : no_trade;
    kwh.flows[index(Flow::kUsedImported)] = used_trade ? kwh_rt(used_in_rk) : no_trade;
    kwh.stocks[index(Process::kUse)] = kwh_rt(stock_rk);
    kwh.stocks[index(Process::kSecondLife)] = kwh_rt(sl_stock_rk);
    fls.layers.push_back(std::move(kwh));
    auto elem_rt = [&](const core::DimArray& a, std::size_t e) {
      std::vector<double> out(R * T);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t < T; ++t) out[sh.rt(r, t)] = a.data()[sh.ret(r, e, t)];
      return out;
    };
    auto route_sum_rt = [&](const core::DimArray& a, std::size_t e) {
      std::vector<double> out(R * T, 0.0);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t q = 0; q < Q; ++q)
          for (std::size_t t = 0; t < T; ++t) out[sh.rt(r, t)] += a.data()[sh.reqt(r, e, q, t)];
      return out;
    };
    for (std::size_t e = 0; e < E; ++e) {
      FlowLayer layer;
      layer.name = kElementCodes[e];
      layer.flows[index(Flow::kDemand)] = elem_rt(demand_t, e);
      layer.flows[index(Flow::kEndOfLife)] = elem_rt(eol_elem_t, e);
      layer.flows[index(Flow::kToSecondLife)] = elem_rt(sl_in_t, e);
      layer.flows[index(Flow::kSecondLifeOut)] = elem_rt(sl_out_t, e);
      std::vector<double> direct(R * T);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t < T; ++t) direct[sh.rt(r, t)] = to_tonnes(eol_direct_rk, r, e, t);
      layer.flows[index(Flow::kDirectToWaste)] = std::move(direct);
      layer.flows[index(Flow::kCollected)] = elem_rt(collected_t, e);
      layer.flows[index(Flow::kLost)] = elem_rt(lost_t, e);
      layer.flows[index(Flow::kRecycled)] = route_sum_rt(recycled_t, e);
      layer.flows[index(Flow::kSurplus)] = elem_rt(unrecycled_t, e);
      layer.flows[index(Flow::kRecovered)] = route_sum_rt(recovered_t, e);
      layer.flows[index(Flow::kRecyclingResidue)] = route_sum_rt(residue_t, e);
      layer.flows[index(Flow::kProductionScrap)] = elem_rt(scrap_t, e);
      layer.flows[index(Flow::kShippedOut)] = elem_rt(exported_t, e);
      layer.flows[index(Flow::kShippedIn)] = elem_rt(imported_t, e);
      layer.flows[index(Flow::kUsedExported)] = used_trade ? elem_rt(*used_out_t, e) : no_trade;
      layer.flows[index(Flow::kUsedImported)] = used_trade ? elem_rt(*used_in_t, e) : no_trade;
      layer.stocks[index(Process::kUse)] = elem_rt(stock_t, e);
      layer.stocks[index(Process::kSecondLife)] = elem_rt(sl_stock_t, e);
      fls.layers.push_back(std::move(layer));
    }
    res.balance = check_balances(fls, in.regions, in.first_year);
  }

  // --- tables: each is declared once, in results/registry.h -------------------------------
  core::Status table_status;
  auto add = [&](const results::TableSpec& spec, core::DimArray values) {
    auto table = results::make_table(spec, std::move(values));
    if (!table) {
      if (table_status) table_status = table.error();
      return;
    }
    res.tables.push_back(std::move(*table));
  };
  add(results::kSalesVehicles, std::move(sales_tab));
  add(results::kReplacementPacks, std::move(repl_tab));
  add(results::kInUseVehicles, std::move(vehicles_tab));
  add(results::kBatteryInflowKwh, std::move(new_kwh));
  add(results::kInUseStockKwh, std::move(stock_kwh));
  add(results::kEndOfLifeKwh, std::move(eol_kwh));
  add(results::kSecondLifeInflowKwh, std::move(sl_in_kwh));
  add(results::kSecondLifeStockKwh, std::move(sl_stock_kwh));
  add(results::kSecondLifeOutflowKwh, std::move(sl_out_kwh));
  if (used_trade) {
    const core::Dimension d_used_destination(std::string(results::kDimDestination), in.regions);
    add(results::kUsedVehicleTradeVehicles,
        from_flat({d_region, d_used_destination, d_segment, d_year}, fl.used_trade_vehicles));
    add(results::kUsedVehicleExportKwh, std::move(*used_out_kwh));
    add(results::kUsedVehicleImportKwh, std::move(*used_in_kwh));
  }
  add(results::kBatteryInflowT, std::move(new_t));
  add(results::kEndOfLifeDetailT, std::move(eol_t));
  add(results::kMaterialDemandT, std::move(demand_t));
  add(results::kInUseStockT, std::move(stock_t));
  add(results::kUseToEndOfLifeT, std::move(eol_elem_t));
  add(results::kSecondLifeInflowT, std::move(sl_in_t));
  add(results::kSecondLifeStockT, std::move(sl_stock_t));
  add(results::kSecondLifeOutflowT, std::move(sl_out_t));
  if (used_trade) {
    add(results::kUsedVehicleExportT, std::move(*used_out_t));
    add(results::kUsedVehicleImportT, std::move(*used_in_t));
  }
  add(results::kEndOfLifeT, std::move(waste_t));
  add(results::kCollectedT, std::move(collected_t));
  add(results::kLostOrExportedT, std::move(lost_t));
  add(results::kRecycledT, std::move(recycled_t));
  add(results::kRecoveredT, std::move(recovered_t));
  add(results::kRecyclingResidueT, std::move(residue_t));
  add(results::kUnrecycledT, std::move(unrecycled_t));
  add(results::kCollectedBatteryT, std::move(collected_battery));
  add(results::kRecyclingCapacityT, std::move(capacity_t));
  add(results::kFeedstockSurplusT, std::move(surplus_t));
  add(results::kProductionScrapKwh, std::move(scrap_kwh));
  add(results::kProductionScrapT, std::move(scrap_t));
  add(results::kFeedstockAvailableT, std::move(available_t));
  add(results::kRecycledAtHomeT, std::move(home_t));
  add(results::kFeedstockExportedT, std::move(exported_t));
  add(results::kFeedstockImportedT, std::move(imported_t));
  add(results::kFeedstockShipmentsT, std::move(shipments));
  add(results::kFeedstockStrandedBatteryT, std::move(stranded_battery));
  add(results::kTransportCostUsd, std::move(transport_cost));
  add(results::kTransportCo2T, std::move(transport_co2));
  add(results::kSecondaryShare, std::move(secondary_share));
  if (!table_status) return table_status.error();
  return res;
}

}  // namespace urbanmine::chain
