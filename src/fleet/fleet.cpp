// SPDX-License-Identifier: Apache-2.0
// The fleet model (see fleet.h and docs/model.md).
#include "fleet/fleet.h"

#include <algorithm>
#include <limits>
#include <span>
#include <string>
#include <utility>

namespace urbanmine::fleet {

namespace {

core::Status check_shape(const FleetInputs& in) {
  const std::size_t R = in.regions, S = in.segments, K = in.chemistries, T = in.years;
  auto bad = [](const std::string& what) {
    return core::Error::invalid_input("fleet inputs: " + what + " does not match the sizes");
  };
  if (in.sales_vehicles.size() != R || in.pack_kwh.size() != R || in.chemistry_share.size() != R) {
    return bad("region count");
  }
  for (std::size_t r = 0; r < R; ++r) {
    if (in.sales_vehicles[r].size() != S || in.pack_kwh[r].size() != S ||
        in.chemistry_share[r].size() != S) {
      return bad("segments");
    }
    for (std::size_t s = 0; s < S; ++s) {
      if (in.sales_vehicles[r][s].size() != T || in.pack_kwh[r][s].size() != T) {
        return bad("years of sales or pack size");
      }
      if (in.chemistry_share[r][s].size() != T) return bad("years of chemistry shares");
      for (const auto& year : in.chemistry_share[r][s]) {
        if (year.size() != K) return bad("chemistries");
      }
    }
  }
  if (in.vehicle_lifetime.size() != S || in.battery_lifetime.size() != S) {
    return bad("segments of lifetimes");
  }
  if ((!in.replacement_probability.empty() && in.replacement_probability.size() != S) ||
      (!in.replacement_max_vehicle_age_years.empty() &&
       in.replacement_max_vehicle_age_years.size() != S)) {
    return bad("segments of replacement rules");
  }
  if (!in.eligible_max_vehicle_age_years.empty()) {
    if (in.eligible_max_vehicle_age_years.size() != S) return bad("segments of eligibility ages");
    for (const double a : in.eligible_max_vehicle_age_years) {
      if (!(a >= 0.0)) {
        return core::Error::invalid_input("fleet inputs: an eligibility age is negative or NaN");
      }
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> groups;  // (from, segment)
  std::vector<int> group_age;
  std::vector<double> group_share;
  for (std::size_t i = 0; i < in.used_exports.size(); ++i) {
    const UsedExport& x = in.used_exports[i];
    const std::string at = "fleet inputs: used export " + std::to_string(i) + ": ";
    if (x.from >= R || x.to >= R || x.segment >= S) {
      return core::Error::invalid_input(at + "region or segment out of range");
    }
    if (x.from == x.to) return core::Error::invalid_input(at + "origin and destination are one");
    if (!(x.share >= 0.0 && x.share <= 1.0)) {
      return core::Error::invalid_input(at + "share outside 0-1");
    }
    if (x.age_years < 1) return core::Error::invalid_input(at + "age below 1 year");
    const std::pair<std::size_t, std::size_t> key{x.from, x.segment};
    const auto it = std::find(groups.begin(), groups.end(), key);
    if (it == groups.end()) {
      groups.push_back(key);
      group_age.push_back(x.age_years);
      group_share.push_back(x.share);
      continue;
    }
    const auto g = static_cast<std::size_t>(it - groups.begin());
    if (group_age[g] != x.age_years) {
      return core::Error::invalid_input(at +
                                        "another entry of the same origin and segment has "
                                        "another age");
    }
    group_share[g] += x.share;
    if (group_share[g] > 1.0 + 1e-9) {
      return core::Error::invalid_input(at + "shares of one origin and segment sum above 1");
    }
  }
  return {};
}

// out[t] = sum over cohorts c with age t - c in [from_age, to_age] of input[c] * kernel[c, t].
void respond(const std::vector<double>& kernel, std::span<const double> input, double from_age,
             double to_age, std::vector<double>& out) {
  const std::size_t T = input.size();
  out.assign(T, 0.0);
  for (std::size_t c = 0; c < T; ++c) {
    if (input[c] == 0.0) continue;
    for (std::size_t t = c; t < T; ++t) {
      const auto age = static_cast<double>(t - c);
      if (age < from_age || age > to_age) continue;
      out[t] += input[c] * kernel[c * T + t];
    }
  }
}

}  // namespace

UnitResponse vehicle_pack_response(const mfa::LifetimeTable& table, mfa::LifetimeId vehicle,
                                   mfa::LifetimeId battery, const ReplacementRule& rule) {
  const std::size_t T = table.years();
  UnitResponse u;
  u.years = T;
  u.vehicles.assign(T * T, 0.0);
  u.replacements.assign(T * T, 0.0);
  u.scrapped.assign(T * T, 0.0);
  u.retired.assign(T * T, 0.0);
  std::vector<double> packs(T, 0.0);  // packs in use by installation year
  for (std::size_t c = 0; c < T; ++c) {
    std::fill(packs.begin(), packs.end(), 0.0);
    double survival_before = 1.0;  // the vehicle sold in year c
    double vehicles_before = 1.0;
    bool any_retired = false;  // until a vehicle is retired, vehicles = survival exactly
    for (std::size_t t = c; t < T; ++t) {
      const double survival_now = table.survival(vehicle, t, c);
      const double keep = survival_before > 0.0 ? survival_now / survival_before : 0.0;
      double failed = 0.0;
      double replaced = 0.0;
      if (t == c) {
        packs[c] = keep;  // new pack; scrapped with its vehicle in year c at most
      } else {
        for (std::size_t tau = c; tau < t; ++tau) {
          const double alive = packs[tau] * keep;
          const double before = table.survival(battery, t - 1, tau);
          const double hazard = before > 0.0 ? 1.0 - table.survival(battery, t, tau) / before : 1.0;
          const double fail = alive * hazard;
          packs[tau] = alive - fail;
          failed += fail;
        }
        const bool young_enough = static_cast<double>(t - c) <= rule.max_vehicle_age_years;
        replaced = young_enough ? failed * rule.probability : 0.0;
        packs[t] = replaced;  // replacements, installed in running vehicles
      }
      const double retired = failed - replaced;
      any_retired = any_retired || retired > 0.0;
      const double vehicles_now = any_retired ? vehicles_before * keep - retired : survival_now;
      u.vehicles[c * T + t] = vehicles_now;
      u.replacements[c * T + t] = replaced;
      u.scrapped[c * T + t] = vehicles_before * (1.0 - keep);
      u.retired[c * T + t] = retired;
      survival_before = survival_now;
      vehicles_before = vehicles_now;
    }
  }
  return u;
}

core::Result<UnitResponse> vehicle_pack_response(
    const std::vector<mfa::LifetimeParams>& vehicle_lifetime,
    const std::vector<mfa::LifetimeParams>& battery_lifetime, const ReplacementRule& rule) {
  mfa::LifetimeTable table(vehicle_lifetime.size());
  auto v = table.add(vehicle_lifetime, 0.0, "vehicle lifetime");
  if (!v) return v.error();
  auto b = table.add(battery_lifetime, 0.0, "battery lifetime");
  if (!b) return b.error();
  return vehicle_pack_response(table, *v, *b, rule);
}

core::Result<double> lifetime_replacements_per_vehicle(const mfa::LifetimeParams& vehicle,
                                                       const mfa::LifetimeParams& battery,
                                                       std::size_t horizon_years,
                                                       const ReplacementRule& rule) {
  auto u = vehicle_pack_response(std::vector<mfa::LifetimeParams>(horizon_years, vehicle),
                                 std::vector<mfa::LifetimeParams>(horizon_years, battery), rule);
  if (!u) return u.error();
  double total = 0.0;
  for (std::size_t t = 0; t < horizon_years; ++t) total += u->replacements[t];
  return total;
}

core::Result<FleetResult> run_fleet(const FleetInputs& in) {
  URBANMINE_TRY_STATUS(check_shape(in));
  const std::size_t R = in.regions, S = in.segments, K = in.chemistries, T = in.years;
  FleetResult res;
  res.regions = R;
  res.segments = S;
  res.chemistries = K;
  res.years = T;

  // One lifetime table per run; one response per distinct (vehicle, pack, rule).
  mfa::LifetimeTable table(T);
  std::vector<mfa::LifetimeId> vehicle_id(S);
  std::vector<std::size_t> response_of(S);
  std::vector<ReplacementRule> rule(S);
  for (std::size_t s = 0; s < S; ++s) {
    if (!in.replacement_probability.empty()) rule[s].probability = in.replacement_probability[s];
    if (!in.replacement_max_vehicle_age_years.empty()) {
      rule[s].max_vehicle_age_years = in.replacement_max_vehicle_age_years[s];
    }
  }
  struct Key {
    mfa::LifetimeId vehicle, battery;
    double probability, max_age;
    bool operator==(const Key&) const = default;
  };
  std::vector<Key> pairs;
  std::vector<UnitResponse> responses;
  for (std::size_t s = 0; s < S; ++s) {
    auto v =
        table.add(in.vehicle_lifetime[s], 0.0, "vehicle lifetime, segment " + std::to_string(s));
    if (!v) return v.error();
    auto b =
        table.add(in.battery_lifetime[s], 0.0, "battery lifetime, segment " + std::to_string(s));
    if (!b) return b.error();
    vehicle_id[s] = *v;
    const Key key{*v, *b, rule[s].probability, rule[s].max_vehicle_age_years};
    const auto it = std::find(pairs.begin(), pairs.end(), key);
    if (it != pairs.end()) {
      response_of[s] = static_cast<std::size_t>(it - pairs.begin());
    } else {
      response_of[s] = pairs.size();
      pairs.push_back(key);
    }
  }
  responses.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const ReplacementRule r{pairs[i].probability, pairs[i].max_age};
    responses.push_back(vehicle_pack_response(table, pairs[i].vehicle, pairs[i].battery, r));
  }
  // Kernels: replacements of every response, then (for responses whose rule retires vehicles)
  // vehicles, scrapped and retired.
  std::vector<std::span<const double>> kernels;
  for (const auto& u : responses) kernels.emplace_back(u.replacements);
  std::vector<std::size_t> extra_of(responses.size(), 0);
  bool any_retiring = false;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (ReplacementRule{pairs[i].probability, pairs[i].max_age}.replaces_all()) continue;
    any_retiring = true;
    extra_of[i] = kernels.size();
    kernels.emplace_back(responses[i].vehicles);
    kernels.emplace_back(responses[i].scrapped);
    kernels.emplace_back(responses[i].retired);
  }

  // Series: vehicles by region x segment, then pack kWh by region x segment x chemistry.
  const std::size_t n_vehicle = R * S;
  const std::size_t n_kwh = R * S * K;
  res.sales_vehicles.assign(n_vehicle * T, 0.0);
  std::vector<double> cohort_kwh(n_kwh * T, 0.0);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t s = 0; s < S; ++s) {
      const auto& sales = in.sales_vehicles[r][s];
      std::copy(sales.begin(), sales.end(), res.sales_vehicles.begin() + res.rst(r, s, 0));
      for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t c = 0; c < T; ++c) {
          cohort_kwh[res.rskt(r, s, k, c)] =
              sales[c] * in.pack_kwh[r][s][c] * in.chemistry_share[r][s][c][k];
        }
      }
    }
  }
  std::vector<mfa::InflowSeries> inflow;
  std::vector<mfa::ResponseSeries> response;
  inflow.reserve(n_vehicle + n_kwh);
  response.reserve(n_vehicle + n_kwh);
  const std::span<const double> sales_all(res.sales_vehicles);
  const std::span<const double> kwh_all(cohort_kwh);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t s = 0; s < S; ++s) {
      const auto row = sales_all.subspan(res.rst(r, s, 0), T);
      inflow.push_back({vehicle_id[s], row});
      response.push_back({response_of[s], row});
    }
  }
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t k = 0; k < K; ++k) {
        const auto row = kwh_all.subspan(res.rskt(r, s, k, 0), T);
        inflow.push_back({vehicle_id[s], row});
        response.push_back({response_of[s], row});
      }
    }
  }
  const std::size_t n = inflow.size();
  std::vector<double> stock(n * T), outflow(n * T), replaced(n * T);
  mfa::BatchOptions options;
  URBANMINE_TRY_STATUS(mfa::solve_inflow_driven_batch(
      table, inflow, options, mfa::BatchBuffers{stock, outflow, {}, {}, {}, {}}));
  URBANMINE_TRY_STATUS(mfa::apply_cohort_response_batch(kernels, T, response, replaced, options));
  std::vector<double> retired(n * T, 0.0);
  if (any_retiring) {
    // Segments whose failed packs can retire their vehicle: stocks and exits from the
    // responses (the survival-curve solve above does not know about early retirement).
    std::vector<mfa::ResponseSeries> extra;
    std::vector<std::size_t> target;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t resp = response[k].response;
      if (ReplacementRule{pairs[resp].probability, pairs[resp].max_age}.replaces_all()) continue;
      for (std::size_t j = 0; j < 3; ++j) extra.push_back({extra_of[resp] + j, response[k].input});
      target.push_back(k);
    }
    std::vector<double> values(extra.size() * T);
    URBANMINE_TRY_STATUS(mfa::apply_cohort_response_batch(kernels, T, extra, values, options));
    for (std::size_t i = 0; i < target.size(); ++i) {
      const std::size_t k = target[i];
      for (std::size_t t = 0; t < T; ++t) {
        stock[k * T + t] = values[(3 * i) * T + t];
        outflow[k * T + t] = values[(3 * i + 1) * T + t];
        retired[k * T + t] = values[(3 * i + 2) * T + t];
      }
    }
  }

  const auto vehicle_part = [&](const std::vector<double>& v) {
    return std::vector<double>(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n_vehicle * T));
  };
  res.in_use_vehicles = vehicle_part(stock);
  res.replacement_packs = vehicle_part(replaced);
  const std::size_t base = n_vehicle * T;
  res.new_kwh.resize(n_kwh * T);
  res.in_use_kwh.assign(stock.begin() + static_cast<std::ptrdiff_t>(base), stock.end());
  res.scrapped_kwh.assign(outflow.begin() + static_cast<std::ptrdiff_t>(base), outflow.end());
  res.end_of_life_kwh.resize(n_kwh * T);
  for (std::size_t i = 0; i < n_kwh * T; ++i) {
    const double repl = replaced[base + i];
    res.new_kwh[i] = cohort_kwh[i] + repl;
    // Failed packs: the replaced ones plus those that retired their vehicle.
    res.end_of_life_kwh[i] = res.scrapped_kwh[i] + repl + retired[base + i];
  }

  // Second-life eligibility by vehicle age: the scrapped response with the ages above each
  // segment's limit masked out, one kernel per (response, limit), one batch over the kWh series.
  res.scrapped_eligible_kwh = res.scrapped_kwh;
  if (!in.eligible_max_vehicle_age_years.empty()) {
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::vector<std::pair<std::size_t, double>> masked_keys;
    std::vector<std::vector<double>> masked;
    std::vector<std::size_t> masked_of(S, kNone);
    for (std::size_t s = 0; s < S; ++s) {
      const double limit = in.eligible_max_vehicle_age_years[s];
      if (!(limit < static_cast<double>(T))) continue;  // no scrapped vehicle is older
      const std::pair<std::size_t, double> key{response_of[s], limit};
      const auto it = std::find(masked_keys.begin(), masked_keys.end(), key);
      if (it != masked_keys.end()) {
        masked_of[s] = static_cast<std::size_t>(it - masked_keys.begin());
        continue;
      }
      masked_of[s] = masked.size();
      masked_keys.push_back(key);
      std::vector<double> kernel = responses[response_of[s]].scrapped;
      for (std::size_t c = 0; c < T; ++c) {
        for (std::size_t t = c; t < T; ++t) {
          if (static_cast<double>(t - c) > limit) kernel[c * T + t] = 0.0;
        }
      }
      masked.push_back(std::move(kernel));
    }
    if (!masked.empty()) {
      const std::vector<std::span<const double>> masked_kernels(masked.begin(), masked.end());
      std::vector<mfa::ResponseSeries> series;
      std::vector<std::size_t> target;
      for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t s = 0; s < S; ++s) {
          if (masked_of[s] == kNone) continue;
          for (std::size_t k = 0; k < K; ++k) {
            series.push_back({masked_of[s], kwh_all.subspan(res.rskt(r, s, k, 0), T)});
            target.push_back(res.rskt(r, s, k, 0));
          }
        }
      }
      std::vector<double> eligible(series.size() * T);
      URBANMINE_TRY_STATUS(
          mfa::apply_cohort_response_batch(masked_kernels, T, series, eligible, options));
      for (std::size_t i = 0; i < target.size(); ++i) {
        std::copy_n(eligible.begin() + static_cast<std::ptrdiff_t>(i * T), T,
                    res.scrapped_eligible_kwh.begin() + static_cast<std::ptrdiff_t>(target[i]));
      }
    }
  }

  // Used-vehicle exports: from the export age on, the exported share of a cohort's flows and
  // stocks (vehicles, packs, replacements, scrapped and failed packs) belongs to the destination.
  // Survival does not depend on where a vehicle runs, so the moved part is the cohort response
  // restricted to ages >= A; the export itself is the cohort's running vehicles at the end of
  // the year before (age A - 1).
  if (!in.used_exports.empty()) {
    res.used_trade_vehicles.assign(R * R * S * T, 0.0);
    res.used_export_kwh.assign(n_kwh * T, 0.0);
    res.used_import_kwh.assign(n_kwh * T, 0.0);
    constexpr double kAll = std::numeric_limits<double>::infinity();
    std::vector<double> stock_m, repl_m, scrapped_m, retired_m, eligible_m, shipped;
    for (const UsedExport& x : in.used_exports) {
      if (x.share == 0.0) continue;
      const std::size_t s = x.segment;
      const UnitResponse& u = responses[response_of[s]];
      const auto age = static_cast<double>(x.age_years);
      const double limit =
          in.eligible_max_vehicle_age_years.empty() ? kAll : in.eligible_max_vehicle_age_years[s];
      // The export at age A: vehicles running at the end of age A - 1, shifted one year on.
      const auto ship = [&](std::span<const double> input) {
        shipped.assign(T, 0.0);
        for (std::size_t c = 0; c + x.age_years < T; ++c) {
          const std::size_t t = c + static_cast<std::size_t>(x.age_years);
          shipped[t] = input[c] * u.vehicles[c * T + t - 1];
        }
      };
      const auto move = [&](std::vector<double>& v, std::size_t from_at, std::size_t to_at,
                            const std::vector<double>& part) {
        for (std::size_t t = 0; t < T; ++t) {
          v[from_at + t] -= x.share * part[t];
          v[to_at + t] += x.share * part[t];
        }
      };
      // Vehicles.
      const std::span<const double> sold = sales_all.subspan(res.rst(x.from, s, 0), T);
      respond(u.vehicles, sold, age, kAll, stock_m);
      respond(u.replacements, sold, age, kAll, repl_m);
      ship(sold);
      move(res.in_use_vehicles, res.rst(x.from, s, 0), res.rst(x.to, s, 0), stock_m);
      move(res.replacement_packs, res.rst(x.from, s, 0), res.rst(x.to, s, 0), repl_m);
      const std::size_t pair_at = ((x.from * R + x.to) * S + s) * T;
      for (std::size_t t = 0; t < T; ++t)
        res.used_trade_vehicles[pair_at + t] += x.share * shipped[t];
      // Pack capacity, chemistry by chemistry.
      for (std::size_t k = 0; k < K; ++k) {
        const std::span<const double> kwh = kwh_all.subspan(res.rskt(x.from, s, k, 0), T);
        respond(u.vehicles, kwh, age, kAll, stock_m);
        respond(u.replacements, kwh, age, kAll, repl_m);
        respond(u.scrapped, kwh, age, kAll, scrapped_m);
        respond(u.retired, kwh, age, kAll, retired_m);
        respond(u.scrapped, kwh, age, limit, eligible_m);
        ship(kwh);
        const std::size_t from_at = res.rskt(x.from, s, k, 0);
        const std::size_t to_at = res.rskt(x.to, s, k, 0);
        move(res.in_use_kwh, from_at, to_at, stock_m);
        move(res.new_kwh, from_at, to_at, repl_m);
        move(res.scrapped_kwh, from_at, to_at, scrapped_m);
        move(res.scrapped_eligible_kwh, from_at, to_at, eligible_m);
        for (std::size_t t = 0; t < T; ++t) retired_m[t] += scrapped_m[t] + repl_m[t];
        move(res.end_of_life_kwh, from_at, to_at, retired_m);  // failed + scrapped
        for (std::size_t t = 0; t < T; ++t) {
          res.used_export_kwh[from_at + t] += x.share * shipped[t];
          res.used_import_kwh[to_at + t] += x.share * shipped[t];
        }
      }
    }
  }
  return res;
}

}  // namespace urbanmine::fleet
