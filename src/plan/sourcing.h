// SPDX-License-Identifier: Apache-2.0
// Recycled-content sourcing: a linear program (COIN-OR CLP) that assigns recovered metal from
// supplier regions to battery makers so that each maker's recycled share of each element meets
// a minimum (EU Regulation 2023/1542 Art. 8) at the least transport cost or CO2. Makers share
// the supply, so a maker competes with every other one. Unmet requirements are not errors:
// they are shortfall variables, minimised first, and reported. docs/plan.md.
//
// Example:
//   plan::SourcingInput in = ...;            // suppliers, makers, supply, demand, targets
//   auto out = plan::solve_sourcing(in);     // Result<SourcingSolution>
//
// Pure; thread-safe for distinct inputs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::plan {

enum class SourcingObjective { kMinCost, kMinCo2 };

struct SourcingInput {
  std::vector<std::string> suppliers;  // regions with recovered metal
  std::vector<std::string> makers;     // demand nodes (a maker, or the rest of a market)
  std::vector<std::string> elements;   // "Co", "Li", "Ni"
  std::vector<int> years;              // the target years checked
  // [supplier][element][year] recovered metal available, tonnes.
  std::vector<std::vector<std::vector<double>>> supply_t;
  // [maker][element][year] metal in the maker's production, tonnes.
  std::vector<std::vector<std::vector<double>>> demand_t;
  // [element][year] minimum recycled share; nullopt = no requirement.
  std::vector<std::vector<std::optional<double>>> target_fraction;
  // [supplier][maker] USD and t CO2 per t of metal moved (transport; plus the supplier's
  // recycling CO2 in co2_t_per_t).
  std::vector<std::vector<double>> cost_usd_per_t;
  std::vector<std::vector<std::vector<double>>> co2_t_per_t;  // [supplier][maker][year]
  SourcingObjective objective = SourcingObjective::kMinCost;
};

core::Status validate(const SourcingInput& input);

struct SourcingFlow {
  std::string supplier, maker, element;
  int year = 0;
  double mass_t = 0.0;
  double cost_usd = 0.0;
  double co2_t = 0.0;
};

struct SourcingRequirement {
  std::string maker, element;
  int year = 0;
  double demand_t = 0.0;
  double target_fraction = 0.0;
  double required_t = 0.0;
  double supplied_t = 0.0;
  double shortfall_t = 0.0;  // required - supplied when the supply cannot cover it
  bool feasible = true;
};

struct SourcingSolution {
  std::vector<SourcingFlow> flows;
  std::vector<SourcingRequirement> requirements;
  double total_cost_usd = 0.0;
  double total_co2_t = 0.0;
  double total_shortfall_t = 0.0;
  bool all_met = true;
};

// Errors: InvalidInput (validate), Internal (solver failure). An unmeetable target is a result.
core::Result<SourcingSolution> solve_sourcing(const SourcingInput& input);

}  // namespace urbanmine::plan
