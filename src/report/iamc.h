// SPDX-License-Identifier: Apache-2.0
// One run, or several, as a single IAMC-format table (the long-standing exchange format of the
// integrated-assessment community, read by pyam.IamDataFrame and the IIASA scenario explorers):
// one row per model, scenario, region, variable and unit, one column per year. Regions are the
// run's model regions (ISO alpha-3 or a residual group) and the aggregates it holds whole (EU27,
// EUROPE, NORTH_AMERICA, WORLD: sums over their members). Variables are hierarchical
// ("Recycling|Recovered Metal|Lithium"); every additive result table that has region and year
// dimensions is there, summed over segment, chemistry and route (vehicle tables also by
// segment). docs/formats/iamc.md lists the variables.
//
//   auto csv = report::iamc_csv({&baseline, &eu});  // Model,Scenario,Region,Variable,Unit,2010,...
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::report {

// The IAMC variable name and unit of a table (element appended by the writer), for docs and
// tests: {"Recycling|Recovered Metal", "t"}; empty variable for a table that is left out.
struct IamcVariable {
  std::string variable;
  std::string unit;
};
IamcVariable iamc_variable(const results::ResultTable& table);

// CSV with header Model,Scenario,Region,Variable,Unit,<first year>,...,<last year> over the union
// of the runs' years (an empty cell where a run lacks a year). Rows whose values are all 0 are
// left out. Model is "urbanmine <version>"; Scenario is the run's scenario name, made unique.
core::Result<std::string> iamc_csv(const std::vector<const results::RunResults*>& runs);

}  // namespace urbanmine::report
