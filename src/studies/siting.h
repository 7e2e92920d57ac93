// SPDX-License-Identifier: Apache-2.0
// `urbanmine plan`: builds the plant-siting MILP (plan/plan.h) from a run's feedstock tables and
// the plan data files (io/plan_data.h), solves it, and renders the result as record tables
// (plan_builds, plan_flows, plan_utilisation, plan_summary, plan_pareto). docs/plan.md.
//
// Example:
//   auto run = engine::run_scenario_file(engine::default_scenario_path(), {});
//   studies::PlanRequest req;  req.first_year = 2025;  req.last_year = 2050;
//   auto report = studies::run_plan(*run, req);   // Result<PlanReport>
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/plan_data.h"

#include "plan/plan.h"
#include "results/run_results.h"

namespace urbanmine::studies {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

struct PlanRequest {
  std::string data_dir;  // empty = default_data_dir()
  plan::Objective objective = plan::Objective::kMaxNpv;
  int first_year = 2025;
  int last_year = 2050;
  std::optional<double> discount_rate;  // overrides plan_parameters.csv
  std::vector<std::string> sites;       // candidate sites; empty = every row of plan_sites.csv
  int max_builds_per_site_year = 1;
  double co2_price_usd_per_t = 0.0;
  std::optional<double> co2_cap_t;
  int pareto_points = 0;  // 0 = no front; otherwise >= 2
  double relative_gap = 0.01;
  double time_limit_seconds = 10.0;
};

struct PlanReport {
  plan::PlanInput input;
  plan::PlanSolution solution;
  std::vector<plan::ParetoPoint> pareto;
  std::vector<RecordTable> tables;
  std::vector<std::string> assumptions;
};

// The MILP input from a run (feedstock_stranded_t, or feedstock_surplus_t for runs made before
// trade, and collection_to_black_mass_surplus_t) and data.
// Errors: InvalidInput (a site in a region the run does not have, years outside the run).
core::Result<plan::PlanInput> build_plan_input(const RunResults& run, const io::PlanData& data,
                                               const PlanRequest& request,
                                               std::vector<std::string>* assumptions);

// Cost to process one tonne of battery at each site with one module of `module_size` used at
// full capacity, and its CO2: the "cost to process there" and "grid CO2" criteria of the
// country ranking (docs/market.md). capital = capex x site factor / capex-country factor x
// annuity(rate, life) / capacity; labour = jobs x USD/h x hours per job-year / capacity;
// electricity = kWh per t x USD/kWh; processing = capital + labour + electricity.
struct SiteEconomics {
  std::string site;
  std::string region;
  double capital_usd_per_t = 0.0;
  double labour_usd_per_t = 0.0;
  double electricity_usd_per_t = 0.0;
  double processing_usd_per_t = 0.0;
  double grid_kg_co2_per_kwh = 0.0;
};
core::Result<std::vector<SiteEconomics>> site_economics(const io::PlanData& data,
                                                        const std::string& module_size,
                                                        double discount_rate);

// The request's own checks, which need no run: discount rate in [0, 1), no Pareto front of one
// point. Locations name the CLI's flags. The CLI calls it before it loads (or runs) the run.
core::Status check_plan_request(const PlanRequest& request);

// Checks the request (check_plan_request), loads the data, builds the input, solves (and the
// Pareto front when asked) and renders. Locations name the CLI's flags.
core::Result<PlanReport> run_plan(const RunResults& run, const PlanRequest& request);

}  // namespace urbanmine::studies
