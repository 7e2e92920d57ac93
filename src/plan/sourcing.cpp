// SPDX-License-Identifier: Apache-2.0
// Recycled-content sourcing LP (see sourcing.h).
#include "plan/sourcing.h"

#include <algorithm>
#include <cmath>

#include <coin/ClpSimplex.hpp>

namespace urbanmine::plan {
namespace {

using core::Error;

constexpr double kReportT = 1e-9;  // flows and shortfalls below this are zero
// Shortfall weight: this many times the largest unit cost (so shortfall is minimised first).
constexpr double kShortfallWeight = 1e4;

}  // namespace

core::Status validate(const SourcingInput& in) {
  core::Diagnostics diag;
  auto bad = [&](const std::string& field, const std::string& what) {
    diag.add_error(Error::invalid_input("sourcing input: " + field + ": " + what, field));
  };
  const std::size_t I = in.suppliers.size(), J = in.makers.size(), E = in.elements.size(),
                    T = in.years.size();
  if (J == 0) bad("makers", "no maker");
  if (E == 0) bad("elements", "no element");
  if (T == 0) bad("years", "no year");
  auto check3 = [&](const std::vector<std::vector<std::vector<double>>>& a, std::size_t n,
                    std::size_t m, std::size_t k, const std::string& name) {
    bool ok = a.size() == n;
    for (std::size_t i = 0; ok && i < n; ++i) {
      ok = a[i].size() == m;
      for (std::size_t j = 0; ok && j < m; ++j) {
        ok = a[i][j].size() == k;
        for (double v : ok ? a[i][j] : std::vector<double>{})
          ok = ok && std::isfinite(v) && v >= 0.0;
      }
    }
    if (!ok) bad(name, "wrong shape or a negative or non-finite value");
  };
  check3(in.supply_t, I, E, T, "supply_t");
  check3(in.demand_t, J, E, T, "demand_t");
  check3(in.co2_t_per_t, I, J, T, "co2_t_per_t");
  bool ok = in.cost_usd_per_t.size() == I;
  for (std::size_t i = 0; ok && i < I; ++i) {
    ok = in.cost_usd_per_t[i].size() == J;
    for (double v : ok ? in.cost_usd_per_t[i] : std::vector<double>{}) ok = ok && v >= 0.0;
  }
  if (!ok) bad("cost_usd_per_t", "wrong shape or a negative value");
  ok = in.target_fraction.size() == E;
  for (std::size_t e = 0; ok && e < E; ++e) {
    ok = in.target_fraction[e].size() == T;
    for (const auto& f : ok ? in.target_fraction[e] : std::vector<std::optional<double>>{}) {
      ok = ok && (!f || (*f >= 0.0 && *f <= 1.0));
    }
  }
  if (!ok) bad("target_fraction", "wrong shape or a fraction outside [0, 1]");
  if (diag.has_errors()) return diag.to_error();
  return {};
}

core::Result<SourcingSolution> solve_sourcing(const SourcingInput& in) {
  URBANMINE_TRY_STATUS(validate(in));
  const std::size_t I = in.suppliers.size(), J = in.makers.size(), E = in.elements.size(),
                    T = in.years.size();
  // Rows: supply (I*E*T, <= supply), requirement (J*E*T, >= required).
  std::vector<double> row_lower, row_upper;
  for (std::size_t i = 0; i < I; ++i) {
    for (std::size_t e = 0; e < E; ++e) {
      for (std::size_t t = 0; t < T; ++t) {
        row_lower.push_back(-COIN_DBL_MAX);
        row_upper.push_back(in.supply_t[i][e][t]);
      }
    }
  }
  const int req_row0 = static_cast<int>(I * E * T);
  std::vector<double> required(J * E * T, 0.0);
  for (std::size_t j = 0; j < J; ++j) {
    for (std::size_t e = 0; e < E; ++e) {
      for (std::size_t t = 0; t < T; ++t) {
        const auto& f = in.target_fraction[e][t];
        required[(j * E + e) * T + t] = f ? *f * in.demand_t[j][e][t] : 0.0;
        row_lower.push_back(required[(j * E + e) * T + t]);
        row_upper.push_back(COIN_DBL_MAX);
      }
    }
  }
  double max_unit = 1.0;
  for (std::size_t i = 0; i < I; ++i) {
    for (std::size_t j = 0; j < J; ++j) {
      max_unit = std::max(max_unit, in.objective == SourcingObjective::kMinCost
                                        ? in.cost_usd_per_t[i][j]
                                        : *std::max_element(in.co2_t_per_t[i][j].begin(),
                                                            in.co2_t_per_t[i][j].end()));
    }
  }
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> indices;
  std::vector<double> elements, lower, upper, objective;
  struct Col {
    std::size_t i, j, e, t;
  };
  std::vector<Col> cols;
  for (std::size_t i = 0; i < I; ++i) {
    for (std::size_t j = 0; j < J; ++j) {
      for (std::size_t e = 0; e < E; ++e) {
        for (std::size_t t = 0; t < T; ++t) {
          if (required[(j * E + e) * T + t] <= 0.0 || in.supply_t[i][e][t] <= 0.0) continue;
          indices.push_back(static_cast<int>((i * E + e) * T + t));
          elements.push_back(1.0);
          indices.push_back(req_row0 + static_cast<int>((j * E + e) * T + t));
          elements.push_back(1.0);
          starts.push_back(static_cast<CoinBigIndex>(indices.size()));
          lower.push_back(0.0);
          upper.push_back(COIN_DBL_MAX);
          objective.push_back(in.objective == SourcingObjective::kMinCost
                                  ? in.cost_usd_per_t[i][j]
                                  : in.co2_t_per_t[i][j][t]);
          cols.push_back(Col{i, j, e, t});
        }
      }
    }
  }
  const std::size_t flow_cols = cols.size();
  for (std::size_t r = 0; r < J * E * T; ++r) {
    indices.push_back(req_row0 + static_cast<int>(r));
    elements.push_back(1.0);
    starts.push_back(static_cast<CoinBigIndex>(indices.size()));
    lower.push_back(0.0);
    upper.push_back(COIN_DBL_MAX);
    objective.push_back(kShortfallWeight * max_unit);
  }
  ClpSimplex clp;
  clp.setLogLevel(0);
  clp.loadProblem(static_cast<int>(objective.size()), static_cast<int>(row_lower.size()),
                  starts.data(), indices.data(), elements.data(), lower.data(), upper.data(),
                  objective.data(), row_lower.data(), row_upper.data());
  clp.dual();
  if (!clp.isProvenOptimal()) return Error::internal("CLP did not solve the sourcing LP");
  const double* x = clp.primalColumnSolution();
  SourcingSolution out;
  std::vector<double> supplied(J * E * T, 0.0);
  for (std::size_t c = 0; c < flow_cols; ++c) {
    if (x[c] <= kReportT) continue;
    const auto& col = cols[c];
    SourcingFlow f{in.suppliers[col.i],
                   in.makers[col.j],
                   in.elements[col.e],
                   in.years[col.t],
                   x[c],
                   x[c] * in.cost_usd_per_t[col.i][col.j],
                   x[c] * in.co2_t_per_t[col.i][col.j][col.t]};
    out.total_cost_usd += f.cost_usd;
    out.total_co2_t += f.co2_t;
    supplied[(col.j * E + col.e) * T + col.t] += x[c];
    out.flows.push_back(std::move(f));
  }
  for (std::size_t j = 0; j < J; ++j) {
    for (std::size_t e = 0; e < E; ++e) {
      for (std::size_t t = 0; t < T; ++t) {
        const auto& f = in.target_fraction[e][t];
        if (!f) continue;
        const std::size_t r = (j * E + e) * T + t;
        const double shortfall = x[flow_cols + r] > kReportT ? x[flow_cols + r] : 0.0;
        SourcingRequirement q{in.makers[j], in.elements[e], in.years[t], in.demand_t[j][e][t], *f,
                              required[r],  supplied[r],    shortfall,   shortfall <= 0.0};
        out.total_shortfall_t += shortfall;
        out.all_met = out.all_met && q.feasible;
        out.requirements.push_back(std::move(q));
      }
    }
  }
  return out;
}

}  // namespace urbanmine::plan
