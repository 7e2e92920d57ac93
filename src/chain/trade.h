// SPDX-License-Identifier: Apache-2.0
// Feedstock trade between regions (docs/model.md, "Trade"): one year's surplus feedstock
// (tonnes of battery that no home capacity takes) goes to spare recycling capacity elsewhere,
// over allowed routes only, moving as much as can legally be moved and, among all allocations
// that move that much, at least transport cost. Solved as a transport LP with COIN-OR CLP in two
// phases (the most tonnes, then the least cost at that tonnage), so no weight has to trade one
// tonne stranded against dollars.
#pragma once

#include <cstddef>
#include <vector>

#include "core/result.h"

namespace urbanmine::chain {

struct TransportProblem {
  std::vector<double> supply_t;    // [origin] surplus to place, tonnes of battery
  std::vector<double> capacity_t;  // [destination] spare capacity, tonnes of battery
  // [origin * destinations + destination]: transport cost, USD per tonne, and whether the route
  // is allowed (0 = closed by a rule).
  std::vector<double> cost_usd_per_t;
  std::vector<char> allowed;
};

struct TransportSolution {
  std::vector<double> shipped_t;   // [origin * destinations + destination]
  std::vector<double> stranded_t;  // [origin]: supply with no legal spare capacity
  double moved_t = 0.0;
  double cost_usd = 0.0;
};

// InvalidInput when the sizes do not match or a value is negative or not finite; Internal when
// CLP does not prove a solution optimal.
core::Result<TransportSolution> solve_transport(const TransportProblem& problem);

}  // namespace urbanmine::chain
