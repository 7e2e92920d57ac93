// SPDX-License-Identifier: Apache-2.0
// `urbanmine source`: recycled-content sourcing for battery makers in the EU (plan/sourcing.h)
// from a run's recovered metal (supply, every region) and material demand (the makers, EU
// regions), with the EU Regulation 2023/1542 Art. 8 minimum recycled content of
// data/eu_battery_regulation_targets.csv. Renders source_summary, source_requirements and
// source_mix record tables. docs/plan.md.
//
// Example:
//   studies::SourceRequest req;  req.maker_shares = {{"HUN", 0.3}};
//   auto report = studies::run_source(run, req);   // Result<SourceReport>
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

#include "plan/sourcing.h"
#include "results/run_results.h"

namespace urbanmine::studies {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

struct SourceRequest {
  std::string data_dir;  // empty = default_data_dir()
  // The maker's share of a market region's battery material demand ("HUN" -> 0.3); the rest of
  // that region's demand is the competition. Empty: each EU region is one node.
  std::vector<std::pair<std::string, double>> maker_shares;
  plan::SourcingObjective objective = plan::SourcingObjective::kMinCost;
  std::vector<int> years = {2031, 2036};  // checked years (each takes the targets in force)
  // Supplier regions; "EU" stands for the EU model regions. Empty: every region of the run.
  std::vector<std::string> suppliers;
};

struct SourceReport {
  plan::SourcingInput input;
  plan::SourcingSolution solution;
  std::vector<RecordTable> tables;
  std::vector<std::string> notes;  // targets without data (Pb), assumptions
};

core::Result<SourceReport> run_source(const RunResults& run, const SourceRequest& request);

}  // namespace urbanmine::studies
