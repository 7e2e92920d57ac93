// SPDX-License-Identifier: Apache-2.0
// The fleet and recycling model (see run_model.h and docs/model.md). All flows are linear in the
// cohort inflow, so one unit response per segment serves every region and chemistry; survival
// matrices are made once per distinct lifetime set and shared.
#include "engine/run_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "core/tolerance.h"
#include "core/units.h"
#include "engine/plant.h"
#include "mfa/dsm.h"

namespace urbanmine::engine {

namespace {

// Horizon of the lifetime replacement count per vehicle (long enough for every default curve).
constexpr std::size_t kReplacementHorizonYears = 100;

std::string fmt(double v, int precision = 3) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(precision);
  os << v;
  return os.str();
}

std::string fmt_t(double tonnes) {
  std::ostringstream os;
  if (tonnes >= 1e6) {
    os << fmt(tonnes / 1e6, 2) << " Mt";
  } else if (tonnes >= 1e3) {
    os << fmt(tonnes / 1e3, 1) << " kt";
  } else {
    os << fmt(tonnes, 0) << " t";
  }
  return os.str();
}

core::Dimension year_dim(const ModelInputs& in) {
  return core::Dimension::years(std::string(kDimYear), in.first_year, in.last_year);
}

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
  std::size_t rst(std::size_t r, std::size_t s, std::size_t t) const { return (r * S + s) * T + t; }
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

void add_check(std::vector<BalanceCheck>& out, const char* process, const std::string& region,
               const std::string& element, int year, double inputs, double outputs,
               double stock_change) {
  BalanceCheck b;
  b.process = process;
  b.region = region;
  b.element = element;
  b.year = year;
  b.inputs = inputs;
  b.outputs = outputs;
  b.stock_change = stock_change;
  b.residual = inputs - outputs - stock_change;
  const double scale = std::max({std::fabs(inputs), std::fabs(outputs), std::fabs(stock_change)});
  b.ok = std::isfinite(b.residual) &&
         core::within_scaled(b.residual, scale, core::kMassBalanceTolerance);
  out.push_back(std::move(b));
}

}  // namespace

UnitResponse vehicle_pack_response(const std::vector<mfa::LifetimeParams>& vehicle_lifetime,
                                   const std::vector<mfa::LifetimeParams>& battery_lifetime) {
  const std::size_t T = vehicle_lifetime.size();
  const mfa::SurvivalMatrix sv = mfa::make_survival_matrix(vehicle_lifetime, 0.0);
  const mfa::SurvivalMatrix sb = mfa::make_survival_matrix(battery_lifetime, 0.0);
  UnitResponse u;
  u.years = T;
  u.vehicles.assign(T * T, 0.0);
  u.replacements.assign(T * T, 0.0);
  std::vector<double> packs(T, 0.0);  // packs in use by installation year
  for (std::size_t c = 0; c < T; ++c) {
    std::fill(packs.begin(), packs.end(), 0.0);
    double vehicles_before = 1.0;  // the vehicle sold in year c
    for (std::size_t t = c; t < T; ++t) {
      const double vehicles_now = sv(t, c);
      const double keep = vehicles_before > 0.0 ? vehicles_now / vehicles_before : 0.0;
      double failed = 0.0;
      if (t == c) {
        packs[c] = keep;  // new pack; scrapped with its vehicle in year c at most
      } else {
        for (std::size_t tau = c; tau < t; ++tau) {
          const double alive = packs[tau] * keep;
          const double before = sb(t - 1, tau);
          const double hazard = before > 0.0 ? 1.0 - sb(t, tau) / before : 1.0;
          const double fail = alive * hazard;
          packs[tau] = alive - fail;
          failed += fail;
        }
        packs[t] = failed;  // replacements, installed in running vehicles
      }
      u.vehicles[c * T + t] = vehicles_now;
      u.replacements[c * T + t] = failed;
      vehicles_before = vehicles_now;
    }
  }
  return u;
}

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

core::Result<RunResults> compute_run(const ModelInputs& in,
                                     const core::ProgressCallback& progress) {
  const Shape sh{in.regions.size(), in.segments.size(), in.chemistries.size(),
                 kElementCount,     kRouteCount,        in.years};
  const std::size_t R = sh.R, S = sh.S, K = sh.K, E = sh.E, Q = sh.Q, T = sh.T;
  auto report = [&](double f, const char* stage) {
    if (progress) progress(f, stage);
  };
  RunResults res;

  const core::Dimension d_region(std::string(kDimRegion), in.regions);
  const core::Dimension d_segment(std::string(kDimSegment), in.segments);
  const core::Dimension d_chem(std::string(kDimChemistry), in.chemistries);
  std::vector<std::string> element_items(kElementCodes.begin(), kElementCodes.end());
  const core::Dimension d_element(std::string(kDimElement), element_items);
  std::vector<std::string> route_items(io::kRouteCodes.begin(), io::kRouteCodes.end());
  const core::Dimension d_route(std::string(kDimRoute), route_items);
  const core::Dimension d_year = year_dim(in);

  // --- vehicles and packs in use -----------------------------------------------------------
  report(0.05, "fleet");
  std::vector<UnitResponse> response;
  std::vector<const UnitResponse*> response_of(S, nullptr);
  response.reserve(S);
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t o = 0; o < s; ++o) {
      if (in.vehicle_lifetime[o] == in.vehicle_lifetime[s] &&
          in.battery_lifetime[o] == in.battery_lifetime[s]) {
        response_of[s] = response_of[o];
        break;
      }
    }
    if (response_of[s] == nullptr) {
      response.push_back(vehicle_pack_response(in.vehicle_lifetime[s], in.battery_lifetime[s]));
      response_of[s] = &response.back();
    }
  }

  auto sales_tab = zeros({d_region, d_segment, d_year});
  auto repl_tab = zeros({d_region, d_segment, d_year});
  auto vehicles_tab = zeros({d_region, d_segment, d_year});
  auto new_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto stock_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto eol_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto sl_in_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto sl_stock_kwh = zeros({d_region, d_segment, d_chem, d_year});
  auto sl_out_kwh = zeros({d_region, d_segment, d_chem, d_year});

  const mfa::SurvivalMatrix sl_matrix =
      mfa::make_survival_matrix(std::vector<mfa::LifetimeParams>(T, in.second_life_lifetime), 0.0);

  std::vector<double> cohort_kwh(T), scrap(T), sl_in(T);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t s = 0; s < S; ++s) {
      const UnitResponse& u = *response_of[s];
      const auto& sales = in.sales_vehicles[r][s];
      for (std::size_t t = 0; t < T; ++t) {
        sales_tab.data()[sh.rst(r, s, t)] = sales[t];
        double repl = 0.0;
        double veh = 0.0;
        for (std::size_t c = 0; c <= t; ++c) {
          repl += sales[c] * u.replacements[c * T + t];
          veh += sales[c] * u.vehicles[c * T + t];
        }
        repl_tab.data()[sh.rst(r, s, t)] = repl;
        vehicles_tab.data()[sh.rst(r, s, t)] = veh;
      }
      for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t c = 0; c < T; ++c) {
          cohort_kwh[c] = sales[c] * in.pack_kwh[r][s][c] * in.chemistry_share[r][c][k];
        }
        for (std::size_t t = 0; t < T; ++t) {
          double stock = 0.0, replaced = 0.0, scrapped = 0.0;
          for (std::size_t c = 0; c <= t; ++c) {
            const double before = c == t ? 1.0 : u.vehicles[c * T + t - 1];
            const double now = u.vehicles[c * T + t];
            stock += cohort_kwh[c] * now;
            replaced += cohort_kwh[c] * u.replacements[c * T + t];
            scrapped += cohort_kwh[c] * (before - now);
          }
          const std::size_t i = sh.rskt(r, s, k, t);
          new_kwh.data()[i] = cohort_kwh[t] + replaced;
          stock_kwh.data()[i] = stock;
          eol_kwh.data()[i] = scrapped + replaced;  // failed packs equal their replacements
          scrap[t] = scrapped;
          sl_in[t] = scrapped * in.second_life_share[s];
          sl_in_kwh.data()[i] = sl_in[t];
        }
        const mfa::DsmResult sl = mfa::solve_inflow_driven(sl_matrix, sl_in);
        for (std::size_t t = 0; t < T; ++t) {
          const std::size_t i = sh.rskt(r, s, k, t);
          sl_stock_kwh.data()[i] = sl.stock[t];
          sl_out_kwh.data()[i] = sl.outflow[t];
        }
      }
    }
  }
  report(0.4, "materials");

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

  // Collected battery mass and capacity allocation (pools).
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      double mass = 0.0;
      for (std::size_t k = 0; k < K; ++k) {
        mass += waste_rk[sh.rkt(r, k, t)] * in.collection_fraction[r][t] * in.battery_t_per_kwh[k];
      }
      collected_battery.data()[sh.rt(r, t)] = mass;
    }
  }
  std::vector<double> utilisation(R * T, 0.0);
  std::vector<std::array<double, kRouteCount>> routes_of(R, {0.0, 1.0, 0.0});
  for (const auto& pool : in.pools) {
    for (std::size_t t = 0; t < T; ++t) {
      double feed = 0.0;
      for (std::size_t r : pool.regions) feed += collected_battery.data()[sh.rt(r, t)];
      const double cap = pool.capacity_t[t];
      const double u = feed > 0.0 ? std::min(1.0, cap / feed) : 0.0;
      for (std::size_t r : pool.regions) {
        const double coll = collected_battery.data()[sh.rt(r, t)];
        const double share =
            feed > 0.0 ? coll / feed : 1.0 / static_cast<double>(pool.regions.size());
        utilisation[sh.rt(r, t)] = u;
        capacity_t.data()[sh.rt(r, t)] = cap * share;
        routes_of[r] = pool.route_shares;
      }
    }
  }
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      surplus_t.data()[sh.rt(r, t)] =
          collected_battery.data()[sh.rt(r, t)] - capacity_t.data()[sh.rt(r, t)];
    }
  }

  report(0.6, "recycling");
  // Recycling through the plant model (docs/plant.md) when its data is loaded: one balance per
  // region, year and route, with this run's recovery fractions as the route recoveries.
  std::optional<PlantRunCollector> plant_run;
  std::array<std::size_t, kElementCount> plant_material{};
  std::array<plant::Route, kRouteCount> plant_route{};
  if (in.plant_defaults) {
    std::array<plant::RouteParams, plant::kRouteCount> params;
    for (std::size_t e = 0; e < E; ++e) {
      const auto m = plant::parse_material(kElementCodes[e]);
      if (!m) return core::Error::internal(std::string("no plant material ") + kElementCodes[e]);
      plant_material[e] = plant::index(*m);
    }
    for (std::size_t q = 0; q < Q; ++q) {
      const auto route = plant::parse_route(io::kRouteCodes[q]);
      if (!route) return core::Error::internal(std::string("no plant route ") + io::kRouteCodes[q]);
      plant_route[q] = *route;
      for (std::size_t e = 0; e < E; ++e) {
        params[plant::index(*route)].recovery[plant_material[e]] = in.recovery_fraction[q][e];
      }
    }
    plant_run.emplace(*in.plant_defaults, params);
  }
  auto& balance = res.balance;
  balance.reserve(R * T * (4 * (E + 1) + 2 * E));
  for (std::size_t r = 0; r < R; ++r) {
    const std::string& code = in.regions[r];
    for (std::size_t t = 0; t < T; ++t) {
      const int year = in.first_year + static_cast<int>(t);
      const double coll_rate = in.collection_fraction[r][t];
      const double u = utilisation[sh.rt(r, t)];
      // Capacity balances in kWh.
      auto kwh_sum = [&](const std::vector<double>& a, std::size_t tt) {
        double v = 0.0;
        for (std::size_t k = 0; k < K; ++k) v += a[sh.rkt(r, k, tt)];
        return v;
      };
      {
        const double stock_prev = t > 0 ? kwh_sum(stock_rk, t - 1) : 0.0;
        const double sl_prev = t > 0 ? kwh_sum(sl_stock_rk, t - 1) : 0.0;
        const double eol = kwh_sum(eol_rk, t);
        const double sl_i = kwh_sum(sl_in_rk, t);
        const double direct = kwh_sum(eol_direct_rk, t);
        const double sl_o = kwh_sum(sl_out_rk, t);
        const double waste = kwh_sum(waste_rk, t);
        add_check(balance, "use", code, "kwh", year, kwh_sum(new_rk, t), eol,
                  kwh_sum(stock_rk, t) - stock_prev);
        add_check(balance, "end_of_life", code, "kwh", year, eol, sl_i + direct, 0.0);
        add_check(balance, "second_life", code, "kwh", year, sl_i, sl_o,
                  kwh_sum(sl_stock_rk, t) - sl_prev);
        add_check(balance, "collection", code, "kwh", year, waste,
                  waste * coll_rate + waste * (1.0 - coll_rate), 0.0);
      }
      // Plant balances of this region and year, one per route with feed.
      std::array<std::array<double, kElementCount>, kRouteCount> plant_recovered{};
      if (plant_run) {
        const double battery_t = collected_battery.data()[sh.rt(r, t)] * u;
        for (std::size_t q = 0; q < Q; ++q) {
          const double share = routes_of[r][q];
          if (!(share > 0.0)) continue;
          RecyclingInput rin;
          rin.region = code;
          rin.year = year;
          rin.route = plant_route[q];
          double total = 0.0;
          for (std::size_t e = 0; e < E; ++e) {
            // The same arithmetic as below (waste x collection x utilisation x route share).
            const double feed_e = to_tonnes(waste_rk, r, e, t) * coll_rate * u * share;
            rin.feed_t[plant_material[e]] = feed_e;
            total += feed_e;
          }
          if (!(total > 0.0)) continue;
          rin.battery_t = battery_t * share;
          auto recovered = plant_run->add(rin);
          if (!recovered) return recovered.error();
          for (std::size_t e = 0; e < E; ++e) {
            plant_recovered[q][e] = (*recovered)[plant_material[e]];
          }
        }
      }
      for (std::size_t e = 0; e < E; ++e) {
        const std::string el = kElementCodes[e];
        const double demand = to_tonnes(new_rk, r, e, t);
        const double eol = to_tonnes(eol_rk, r, e, t);
        const double stock = to_tonnes(stock_rk, r, e, t);
        const double stock_prev = t > 0 ? to_tonnes(stock_rk, r, e, t - 1) : 0.0;
        const double sl_i = to_tonnes(sl_in_rk, r, e, t);
        const double direct = to_tonnes(eol_direct_rk, r, e, t);
        const double sl_o = to_tonnes(sl_out_rk, r, e, t);
        const double sl_s = to_tonnes(sl_stock_rk, r, e, t);
        const double sl_prev = t > 0 ? to_tonnes(sl_stock_rk, r, e, t - 1) : 0.0;
        const double waste = to_tonnes(waste_rk, r, e, t);
        const double collected = waste * coll_rate;
        const double lost = waste * (1.0 - coll_rate);
        const double feed = collected * u;
        const double surplus = collected * (1.0 - u);
        RecyclingOutcome rec = recycle_element(feed, routes_of[r], e, in.recovery_fraction);
        if (plant_run) {
          for (std::size_t q = 0; q < Q; ++q) rec.recovered_t[q] = plant_recovered[q][e];
        }
        double recycled_sum = 0.0, recovered_sum = 0.0, residue_sum = 0.0;
        for (std::size_t q = 0; q < Q; ++q) {
          const double residue = rec.recycled_t[q] - rec.recovered_t[q];
          recycled_t.data()[sh.reqt(r, e, q, t)] = rec.recycled_t[q];
          recovered_t.data()[sh.reqt(r, e, q, t)] = rec.recovered_t[q];
          residue_t.data()[sh.reqt(r, e, q, t)] = residue;
          recycled_sum += rec.recycled_t[q];
          recovered_sum += rec.recovered_t[q];
          residue_sum += residue;
        }
        demand_t.data()[sh.ret(r, e, t)] = demand;
        stock_t.data()[sh.ret(r, e, t)] = stock;
        eol_elem_t.data()[sh.ret(r, e, t)] = eol;
        sl_in_t.data()[sh.ret(r, e, t)] = sl_i;
        sl_stock_t.data()[sh.ret(r, e, t)] = sl_s;
        sl_out_t.data()[sh.ret(r, e, t)] = sl_o;
        waste_t.data()[sh.ret(r, e, t)] = waste;
        collected_t.data()[sh.ret(r, e, t)] = collected;
        lost_t.data()[sh.ret(r, e, t)] = lost;
        unrecycled_t.data()[sh.ret(r, e, t)] = surplus;
        secondary_share.data()[sh.ret(r, e, t)] = demand > 0.0 ? recovered_sum / demand : 0.0;

        add_check(balance, "use", code, el, year, demand, eol, stock - stock_prev);
        add_check(balance, "end_of_life", code, el, year, eol, sl_i + direct, 0.0);
        add_check(balance, "second_life", code, el, year, sl_i, sl_o, sl_s - sl_prev);
        add_check(balance, "collection", code, el, year, direct + sl_o, collected + lost, 0.0);
        add_check(balance, "black_mass_allocation", code, el, year, collected,
                  recycled_sum + surplus, 0.0);
        add_check(balance, "recycling", code, el, year, recycled_sum, recovered_sum + residue_sum,
                  0.0);
      }
    }
  }

  report(0.8, "tables");
  std::vector<std::string> plant_assumptions;
  auto add = [&](std::string_view name, const char* value_column, const char* description,
                 core::DimArray values) {
    res.tables.push_back(
        ResultTable{std::string(name), value_column, description, std::move(values)});
  };
  add(kTableSalesVehicles, "vehicles", "EV sales by region, segment and year (history, projection)",
      std::move(sales_tab));
  add(kTableReplacementPacks, "packs",
      "Replacement packs installed in running vehicles whose pack failed", std::move(repl_tab));
  add(kTableInUseVehicles, "vehicles", "EVs in use at the end of each year",
      std::move(vehicles_tab));
  add(kTableBatteryInflowKwh, "capacity_kwh",
      "New battery packs (sales plus replacements), kWh by region, segment, chemistry and year",
      std::move(new_kwh));
  add(kTableInUseStockKwh, "capacity_kwh", "Battery packs in use in vehicles at year end",
      std::move(stock_kwh));
  add(kTableEndOfLifeKwh, "capacity_kwh",
      "Packs leaving vehicles: failed packs and packs of scrapped vehicles", std::move(eol_kwh));
  add(kTableSecondLifeInflowKwh, "capacity_kwh",
      "Packs of scrapped vehicles repurposed for stationary storage", std::move(sl_in_kwh));
  add(kTableSecondLifeStockKwh, "capacity_kwh", "Repurposed packs in second-life use at year end",
      std::move(sl_stock_kwh));
  add(kTableSecondLifeOutflowKwh, "capacity_kwh", "Packs leaving second life as waste",
      std::move(sl_out_kwh));
  add(kTableBatteryInflowT, "mass_tonnes",
      "Element content of new packs by region, segment, chemistry, element and year",
      std::move(new_t));
  add(kTableEndOfLifeDetailT, "mass_tonnes",
      "Element content of packs leaving vehicles by region, segment, chemistry, element and year",
      std::move(eol_t));
  add(kTableMaterialDemandT, "mass_tonnes", "Element content of new packs (material demand)",
      std::move(demand_t));
  add(kTableInUseStockT, "mass_tonnes", "Element content of packs in use at year end",
      std::move(stock_t));
  add(kTableUseToEndOfLifeT, "mass_tonnes",
      "Element content of packs leaving vehicles (failed or with a scrapped vehicle)",
      std::move(eol_elem_t));
  add(kTableSecondLifeInflowT, "mass_tonnes", "Element content of packs entering second life",
      std::move(sl_in_t));
  add(kTableSecondLifeStockT, "mass_tonnes", "Element content of packs in second life at year end",
      std::move(sl_stock_t));
  add(kTableSecondLifeOutflowT, "mass_tonnes", "Element content of packs leaving second life",
      std::move(sl_out_t));
  add(kTableEndOfLifeT, "mass_tonnes",
      "Element content of waste batteries (end of life not repurposed, plus second-life "
      "outflow)",
      std::move(waste_t));
  add(kTableCollectedT, "mass_tonnes", "Waste batteries collected for recycling",
      std::move(collected_t));
  add(kTableLostOrExportedT, "mass_tonnes", "Waste batteries not collected (lost or exported)",
      std::move(lost_t));
  add(kTableRecycledT, "mass_tonnes", "Collected batteries recycled within capacity, by route",
      std::move(recycled_t));
  add(kTableRecoveredT, "mass_tonnes", "Metal recovered by recycling (secondary supply), by route",
      std::move(recovered_t));
  add(kTableRecyclingResidueT, "mass_tonnes",
      "Element mass entering recycling but not recovered (slag, residues), by route",
      std::move(residue_t));
  add(kTableUnrecycledT, "mass_tonnes",
      "Collected batteries beyond local recycling capacity (black mass to export or a plant to "
      "build)",
      std::move(unrecycled_t));
  add(kTableCollectedBatteryT, "mass_tonnes", "Collected battery (cell) mass, tonnes of battery",
      std::move(collected_battery));
  add(kTableRecyclingCapacityT, "mass_tonnes",
      "Recycling capacity available to the region, tonnes of battery per year",
      std::move(capacity_t));
  add(kTableFeedstockSurplusT, "mass_tonnes",
      "Collected battery mass minus recycling capacity: positive = surplus, negative = idle "
      "capacity",
      std::move(surplus_t));
  add(kTableSecondaryShare, "share_fraction",
      "Recovered metal as a share of material demand for new batteries",
      std::move(secondary_share));
  if (plant_run) {
    auto plant_tables = plant_run->finish();
    if (!plant_tables) return plant_tables.error();
    for (auto& tab : plant_tables->tables) res.tables.push_back(std::move(tab));
    for (const auto& check : plant_tables->balance) res.balance.push_back(check);
    plant_assumptions = std::move(plant_tables->assumptions);
  }

  // --- checks ---------------------------------------------------------------------------------
  const BalanceCheck* worst = nullptr;
  for (const auto& b : res.balance) {
    if (!b.ok && (worst == nullptr || std::fabs(b.residual) > std::fabs(worst->residual))) {
      worst = &b;
    }
  }
  if (worst != nullptr) {
    return core::Error::internal("mass balance broken: process " + worst->process + ", region " +
                                 worst->region + ", element " + worst->element + ", year " +
                                 std::to_string(worst->year) + ", residual " +
                                 std::to_string(worst->residual));
  }

  // --- records --------------------------------------------------------------------------------
  {
    RecordTable regions{std::string(kRecordsRegions),
                        "Model regions",
                        "The model's regions (countries and residual groups) and the aggregates "
                        "each belongs to (data/regions.csv). Result tables hold model regions "
                        "only; sum them over an aggregate's members for its total.",
                        {"region", "name", "aggregates"},
                        {}};
    for (std::size_t r = 0; r < R; ++r) {
      std::string aggs;
      for (const auto& a : in.region_aggregates[r]) aggs += (aggs.empty() ? "" : ";") + a;
      regions.rows.push_back(
          {Cell::of(in.regions[r]), Cell::of(in.region_names[r]), Cell::of(aggs)});
    }
    res.records.push_back(std::move(regions));
  }
  const ResultTable* inflow = res.find(kTableBatteryInflowKwh);
  auto gwh_of = [&](const std::string& code, int year) -> std::optional<double> {
    if (year < in.first_year || year > in.last_year) return std::nullopt;
    const bool is_aggregate =
        std::find(in.regions.begin(), in.regions.end(), code) == in.regions.end();
    if (is_aggregate && std::find(in.complete_aggregates.begin(), in.complete_aggregates.end(),
                                  code) == in.complete_aggregates.end()) {
      return std::nullopt;
    }
    const std::size_t t = static_cast<std::size_t>(year - in.first_year);
    double kwh = 0.0;
    bool any = false;
    for (std::size_t r = 0; r < R; ++r) {
      const auto& aggs = in.region_aggregates[r];
      if (in.regions[r] != code && std::find(aggs.begin(), aggs.end(), code) == aggs.end()) {
        continue;
      }
      any = true;
      for (std::size_t s = 0; s < S; ++s)
        for (std::size_t k = 0; k < K; ++k) kwh += inflow->values.data()[sh.rskt(r, s, k, t)];
    }
    if (!any) return std::nullopt;
    return kwh / core::kKwhPerGwh;
  };
  {
    RecordTable check{std::string(kRecordsDemandCheck),
                      "EV battery demand: model against IEA (validation case B)",
                      "New battery capacity (sales plus replacements) from the model against the "
                      "EV battery demand IEA reports (data/battery_demand.csv). Only regions whose "
                      "members are all in the run are shown.",
                      {"region", "year", "model_gwh", "reported_gwh", "deviation_fraction"},
                      {}};
    for (const auto& d : in.demand_checks) {
      auto model = gwh_of(d.region, d.year);
      if (!model) continue;
      check.rows.push_back({Cell::of(d.region), Cell::of(static_cast<double>(d.year)),
                            Cell::of(*model), Cell::of(d.reported_gwh),
                            Cell::of(*model / d.reported_gwh - 1.0)});
    }
    res.records.push_back(std::move(check));
  }
  {
    RecordTable per_vehicle{
        std::string(kRecordsReplacementPerVehicle),
        "Replacement packs per vehicle sold",
        "Expected number of replacement packs a vehicle sold in the first model year receives "
        "over its life (vehicle and pack lifetimes independent; a pack that fails in a running "
        "vehicle is replaced), and replacements installed during the run per vehicle sold.",
        {"segment", "vehicle_mean_years", "battery_mean_years", "lifetime_replacements_per_vehicle",
         "run_replacements_per_vehicle_sold"},
        {}};
    const ResultTable* repl = res.find(kTableReplacementPacks);
    const ResultTable* sales = res.find(kTableSalesVehicles);
    for (std::size_t s = 0; s < S; ++s) {
      const UnitResponse life = vehicle_pack_response(
          std::vector<mfa::LifetimeParams>(kReplacementHorizonYears, in.vehicle_lifetime[s][0]),
          std::vector<mfa::LifetimeParams>(kReplacementHorizonYears, in.battery_lifetime[s][0]));
      double lifetime_repl = 0.0;
      for (std::size_t t = 0; t < kReplacementHorizonYears; ++t)
        lifetime_repl += life.replacements[t];
      double repl_sum = 0.0, sales_sum = 0.0;
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t < T; ++t) {
          repl_sum += repl->values.data()[sh.rst(r, s, t)];
          sales_sum += sales->values.data()[sh.rst(r, s, t)];
        }
      per_vehicle.rows.push_back({Cell::of(in.segments[s]),
                                  Cell::of(in.vehicle_lifetime[s][0].mean),
                                  Cell::of(in.battery_lifetime[s][0].mean), Cell::of(lifetime_repl),
                                  Cell::of(sales_sum > 0.0 ? repl_sum / sales_sum : 0.0)});
    }
    res.records.push_back(std::move(per_vehicle));
  }

  // --- findings -------------------------------------------------------------------------------
  report(0.9, "findings");
  const int focus_year = std::min(in.last_year, std::max(in.first_year, 2040));
  const std::size_t ft = static_cast<std::size_t>(focus_year - in.first_year);
  const ResultTable* waste_tab = res.find(kTableEndOfLifeT);
  const ResultTable* recovered_tab = res.find(kTableRecoveredT);
  const ResultTable* demand_tab = res.find(kTableMaterialDemandT);
  const ResultTable* surplus_tab = res.find(kTableFeedstockSurplusT);
  auto elem_total = [&](const ResultTable* tab, std::size_t e, std::size_t t,
                        std::optional<std::size_t> only_r) {
    double v = 0.0;
    for (std::size_t r = 0; r < R; ++r) {
      if (only_r && *only_r != r) continue;
      v += tab->values.data()[sh.ret(r, e, t)];
    }
    return v;
  };
  auto recovered_total = [&](std::size_t e, std::size_t t) {
    double v = 0.0;
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t q = 0; q < Q; ++q) v += recovered_tab->values.data()[sh.reqt(r, e, q, t)];
    return v;
  };
  constexpr std::size_t kLi = 0, kNi = 1, kCo = 2;
  {
    const double li = elem_total(waste_tab, kLi, ft, std::nullopt);
    const double ni = elem_total(waste_tab, kNi, ft, std::nullopt);
    const double co = elem_total(waste_tab, kCo, ft, std::nullopt);
    std::size_t top = 0;
    for (std::size_t r = 1; r < R; ++r) {
      if (elem_total(waste_tab, kLi, ft, r) > elem_total(waste_tab, kLi, ft, top)) top = r;
    }
    std::string text = "In " + std::to_string(focus_year) +
                       ", waste batteries in the modelled regions hold " + fmt_t(li) +
                       " of lithium, " + fmt_t(ni) + " of nickel and " + fmt_t(co) + " of cobalt";
    if (li > 0.0) {
      const double top_li = elem_total(waste_tab, kLi, ft, top);
      text += "; " + in.region_names[top] + " has the most lithium (" + fmt_t(top_li) + ", " +
              fmt(100.0 * top_li / li, 0) + " %)";
    }
    res.findings.push_back(Finding{"end_of_life", text + "."});
  }
  {
    std::size_t top = 0, idle = 0;
    for (std::size_t r = 1; r < R; ++r) {
      const double v = surplus_tab->values.data()[sh.rt(r, ft)];
      if (v > surplus_tab->values.data()[sh.rt(top, ft)]) top = r;
      if (v < surplus_tab->values.data()[sh.rt(idle, ft)]) idle = r;
    }
    const double top_v = surplus_tab->values.data()[sh.rt(top, ft)];
    const double idle_v = surplus_tab->values.data()[sh.rt(idle, ft)];
    std::string text;
    if (top_v > 0.0) {
      text = "In " + std::to_string(focus_year) + ", " + in.region_names[top] +
             " has the largest black-mass surplus: " + fmt_t(top_v) +
             " of collected batteries beyond local recycling capacity (export feedstock or a "
             "plant to build)";
    } else {
      text = "In " + std::to_string(focus_year) +
             ", no modelled region collects more batteries than its recycling capacity";
    }
    if (idle_v < 0.0) {
      text += "; " + in.region_names[idle] + " has the most idle capacity (" + fmt_t(-idle_v) + ")";
    }
    res.findings.push_back(Finding{"recycling", text + "."});
  }
  {
    // The regions with the most feedstock beyond local capacity over the whole run.
    std::vector<std::pair<double, std::size_t>> cumulative;
    for (std::size_t r = 0; r < R; ++r) {
      double v = 0.0;
      for (std::size_t t = 0; t < T; ++t)
        v += std::max(0.0, surplus_tab->values.data()[sh.rt(r, t)]);
      if (v > 0.0) cumulative.emplace_back(v, r);
    }
    std::sort(cumulative.begin(), cumulative.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    if (!cumulative.empty()) {
      std::string text = "Over " + std::to_string(in.first_year) + "-" +
                         std::to_string(in.last_year) +
                         ", the most collected batteries beyond local recycling capacity are in ";
      const std::size_t n = std::min<std::size_t>(3, cumulative.size());
      for (std::size_t i = 0; i < n; ++i) {
        text += (i == 0 ? "" : (i + 1 == n ? " and " : ", ")) +
                in.region_names[cumulative[i].second] + " (" + fmt_t(cumulative[i].first) + ")";
      }
      res.findings.push_back(Finding{"recycling", text + "."});
    }
  }
  {
    std::string text = "In " + std::to_string(focus_year) + ", recycled metal meets ";
    bool first = true;
    for (std::size_t e : {kLi, kNi, kCo}) {
      const double d = elem_total(demand_tab, e, ft, std::nullopt);
      const double share = d > 0.0 ? recovered_total(e, ft) / d : 0.0;
      text += std::string(first ? "" : ", ") + fmt(100.0 * share, 1) + " % of " +
              (e == kLi   ? "lithium"
               : e == kNi ? "nickel"
                          : "cobalt");
      first = false;
    }
    res.findings.push_back(
        Finding{"recycling", text + " demand for new batteries in the modelled regions."});
  }
  {
    const RecordTable* pv = res.find_records(kRecordsReplacementPerVehicle);
    std::string text = "Replacement packs per vehicle over its life: ";
    for (std::size_t i = 0; i < pv->rows.size(); ++i) {
      text += (i == 0 ? "" : ", ") + pv->rows[i][0].text + " " + fmt(pv->rows[i][3].number, 2);
    }
    res.findings.push_back(Finding{"fleet", text + "."});
  }
  {
    const RecordTable* check = res.find_records(kRecordsDemandCheck);
    for (const auto& row : check->rows) {
      if (row[0].text != "WORLD" || static_cast<int>(row[1].number) != 2023) continue;
      res.findings.push_back(Finding{
          "validation", "Modelled world EV battery demand in 2023 is " + fmt(row[2].number, 0) +
                            " GWh against " + fmt(row[3].number, 0) + " GWh reported by IEA (" +
                            fmt(100.0 * row[4].number, 1) + " %)."});
    }
  }

  // --- assumptions ------------------------------------------------------------------------------
  res.assumptions = in.assumptions;
  for (auto& a : plant_assumptions) res.assumptions.push_back(std::move(a));
  res.assumptions.push_back(
      "model rule: vehicles and packs age separately (vehicle lifetime by sales year, pack "
      "lifetime by installation year, independent); a pack that fails while its vehicle runs is "
      "replaced by a new pack of the same size and chemistry (new-battery demand) and goes to "
      "end of life; a pack whose vehicle is scrapped first goes to second life (the second-life "
      "share) or to end of life; a pack never fails in its installation year");
  res.assumptions.push_back(
      "model rule: collection and recycling happen in the year a battery becomes waste (Busch "
      "et al.'s 1-year recycling delay is not applied); recycled feed is split by the capacity "
      "pool's route mix");
  report(1.0, "done");
  return res;
}

}  // namespace urbanmine::engine
