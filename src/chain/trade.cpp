// SPDX-License-Identifier: Apache-2.0
// The feedstock transport LP (see trade.h).
#include "chain/trade.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <coin/ClpSimplex.hpp>

namespace urbanmine::chain {

namespace {

// Shipments below this are solver noise (a gram), not trade.
constexpr double kNoiseT = 1e-6;

core::Status check(const TransportProblem& p) {
  const std::size_t O = p.supply_t.size(), D = p.capacity_t.size();
  if (p.cost_usd_per_t.size() != O * D || p.allowed.size() != O * D) {
    return core::Error::invalid_input("transport problem: cost and allowed routes need " +
                                      std::to_string(O * D) + " entries (origins x destinations)");
  }
  auto bad = [](double v) { return !std::isfinite(v) || v < 0.0; };
  for (std::size_t o = 0; o < O; ++o) {
    if (bad(p.supply_t[o])) {
      return core::Error::invalid_input("transport problem: supply of origin " + std::to_string(o) +
                                        " is negative or not finite");
    }
  }
  for (std::size_t d = 0; d < D; ++d) {
    if (bad(p.capacity_t[d])) {
      return core::Error::invalid_input("transport problem: capacity of destination " +
                                        std::to_string(d) + " is negative or not finite");
    }
  }
  for (std::size_t i = 0; i < O * D; ++i) {
    if (p.allowed[i] != 0 && bad(p.cost_usd_per_t[i])) {
      return core::Error::invalid_input("transport problem: cost of route " + std::to_string(i) +
                                        " is negative or not finite");
    }
  }
  return {};
}

}  // namespace

core::Result<TransportSolution> solve_transport(const TransportProblem& p) {
  URBANMINE_TRY_STATUS(check(p));
  const std::size_t O = p.supply_t.size(), D = p.capacity_t.size();
  TransportSolution out;
  out.shipped_t.assign(O * D, 0.0);
  out.stranded_t = p.supply_t;

  // Columns: the allowed routes that can carry anything.
  std::vector<std::size_t> routes;
  for (std::size_t o = 0; o < O; ++o) {
    if (!(p.supply_t[o] > kNoiseT)) continue;
    for (std::size_t d = 0; d < D; ++d) {
      if (p.allowed[o * D + d] != 0 && p.capacity_t[d] > kNoiseT) routes.push_back(o * D + d);
    }
  }
  if (routes.empty()) return out;

  // Rows 0..O-1: shipped from an origin <= its supply; O..O+D-1: shipped to a destination <= its
  // spare capacity; row O+D (phase 2 only): total shipped >= the phase-1 maximum.
  const int rows = static_cast<int>(O + D + 1);
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> indices;
  std::vector<double> elements, col_lower, col_upper, move_most, cost;
  for (std::size_t i : routes) {
    indices.push_back(static_cast<int>(i / D));
    indices.push_back(static_cast<int>(O + i % D));
    indices.push_back(static_cast<int>(O + D));
    elements.insert(elements.end(), {1.0, 1.0, 1.0});
    starts.push_back(static_cast<CoinBigIndex>(indices.size()));
    col_lower.push_back(0.0);
    col_upper.push_back(COIN_DBL_MAX);
    move_most.push_back(-1.0);
    cost.push_back(p.cost_usd_per_t[i]);
  }
  std::vector<double> row_lower(static_cast<std::size_t>(rows), 0.0);
  std::vector<double> row_upper;
  row_upper.insert(row_upper.end(), p.supply_t.begin(), p.supply_t.end());
  row_upper.insert(row_upper.end(), p.capacity_t.begin(), p.capacity_t.end());
  row_upper.push_back(COIN_DBL_MAX);

  ClpSimplex clp;
  clp.setLogLevel(0);
  clp.loadProblem(static_cast<int>(routes.size()), rows, starts.data(), indices.data(),
                  elements.data(), col_lower.data(), col_upper.data(), move_most.data(),
                  row_lower.data(), row_upper.data());
  clp.primal();
  if (!clp.isProvenOptimal()) {
    return core::Error::internal("CLP did not solve the feedstock transport LP (phase 1)");
  }
  double most = 0.0;
  for (int c = 0; c < clp.numberColumns(); ++c) most += clp.primalColumnSolution()[c];
  // Phase 2: the least cost among the allocations that move (all but a rounding of) the most:
  // CLP's primal tolerance (1e-7), or 1e-12 of the total for very large totals.
  clp.setRowLower(rows - 1, most - std::max(1e-7, 1e-12 * most));
  for (int c = 0; c < clp.numberColumns(); ++c) {
    clp.setObjectiveCoefficient(c, cost[static_cast<std::size_t>(c)]);
  }
  clp.primal();
  if (!clp.isProvenOptimal()) {
    return core::Error::internal("CLP did not solve the feedstock transport LP (phase 2)");
  }
  const double* x = clp.primalColumnSolution();
  for (std::size_t c = 0; c < routes.size(); ++c) {
    const std::size_t i = routes[c];
    const double v = x[c] > kNoiseT ? x[c] : 0.0;
    out.shipped_t[i] = v;
  }
  // Rounding inside the solver must not ship more than an origin has.
  for (std::size_t o = 0; o < O; ++o) {
    double sent = 0.0;
    for (std::size_t d = 0; d < D; ++d) sent += out.shipped_t[o * D + d];
    if (sent > p.supply_t[o]) {
      const double scale = p.supply_t[o] / sent;
      for (std::size_t d = 0; d < D; ++d) out.shipped_t[o * D + d] *= scale;
      sent = p.supply_t[o];
    }
    out.stranded_t[o] = p.supply_t[o] - sent;
    out.moved_t += sent;
    for (std::size_t d = 0; d < D; ++d) {
      out.cost_usd += out.shipped_t[o * D + d] * p.cost_usd_per_t[o * D + d];
    }
  }
  return out;
}

}  // namespace urbanmine::chain
