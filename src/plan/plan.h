// SPDX-License-Identifier: Apache-2.0
// Plant siting and investment: a multi-period facility-location MILP solved with COIN-OR CBC.
// Feedstock (tonnes of battery per origin region and year) is shipped to candidate sites, where
// modules of a few sizes may be built in any year; a module serves `life_years` years from
// `lead_years` after its build year. The model chooses builds (integers) and flows (tonnes) to
// maximise the net present value (revenue at the price path minus processing, labour,
// transport and the capital annuity), or to minimise the discounted cost of processing every
// tonne that can be served, optionally under a CO2 cap (epsilon constraint) or with a CO2
// price (weighted sum). Method, equations and data: docs/plan.md.
//
// Example (inputs built by engine::build_plan_input from a run and data/plan_*.csv):
//   plan::PlanInput in = ...;           // regions, years, sites, modules, coefficients
//   auto result = plan::solve_plan(in);  // Result<PlanSolution>: builds, flows, NPV, gap
//
// Pure (no files, no clock except CBC's own time limit); thread-safe for distinct inputs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::plan {

enum class Objective { kMaxNpv, kMinCost };
// "max_npv", "min_cost" (CLI and API codes; never renamed).
std::string_view objective_code(Objective objective);
std::optional<Objective> parse_objective(std::string_view code);

// A module size that can be built at any site (same technology everywhere; the site scales its
// capital cost and prices its labour).
struct Module {
  std::string size;                  // "small", "medium", "large"
  double capacity_t_per_year = 0.0;  // tonnes of battery feed per year
  double capex_usd = 0.0;            // at capex factor 1
  double jobs = 0.0;                 // full-time jobs per module
  int life_years = 10;               // years in service
};

// A candidate site. Costs are per tonne of battery feed unless named otherwise.
struct Site {
  std::string code;                      // "KOR" or a named site
  std::string region;                    // the model region it lies in
  double capex_factor = 1.0;             // multiplies Module::capex_usd
  double variable_cost_usd_per_t = 0.0;  // electricity and other variable costs
  double labour_usd_per_job_year = 0.0;
  double process_co2_t_per_t = 0.0;  // grid electricity and process inputs
};

struct PlanInput {
  std::vector<std::string> regions;  // feedstock origins
  std::vector<int> years;            // consecutive calendar years
  // [region][year] tonnes of battery available to new plants (>= 0).
  std::vector<std::vector<double>> feedstock_t;
  // [region][year] revenue per tonne of battery feed from that region (recovered metal at the
  // year's prices).
  std::vector<std::vector<double>> revenue_usd_per_t;
  std::vector<Site> sites;
  std::vector<Module> modules;
  // [region][site] one-way distance, km.
  std::vector<std::vector<double>> distance_km;
  // [region][site][year] whether the feedstock may legally go there; empty = always.
  std::vector<std::vector<std::vector<char>>> allowed;
  double transport_usd_per_tkm = 0.0;
  double transport_kg_co2_per_tkm = 0.0;
  double discount_rate = 0.08;       // per year, 0 <= r < 1; discounted to years.front()
  int lead_years = 1;                // build year -> first year in service
  int max_builds_per_site_year = 1;  // per module size
  Objective objective = Objective::kMaxNpv;
  std::optional<double> co2_cap_t;   // epsilon constraint on total CO2 (tonnes)
  double co2_price_usd_per_t = 0.0;  // weighted-sum CO2 term in the objective
  double relative_gap = 0.01;        // stop when the proven gap is below this
  double time_limit_seconds = 10.0;
};

// Every problem with the input (shape, ranges), each naming the field.
core::Status validate(const PlanInput& input);

struct Build {
  std::string site;
  std::string size;
  int year = 0;  // build year
  int first_service_year = 0;
  int last_service_year = 0;
  int count = 0;
  double capex_usd = 0.0;  // total for `count` modules, undiscounted
};

struct Flow {
  std::string region;
  std::string site;
  int year = 0;
  double mass_t = 0.0;
};

struct SiteYear {
  std::string site;
  int year = 0;
  double capacity_t = 0.0;
  double processed_t = 0.0;
  double utilisation_fraction = 0.0;  // processed / capacity (0 when no capacity)
};

struct PlanSolution {
  std::vector<Build> builds;
  std::vector<Flow> flows;
  std::vector<SiteYear> site_years;  // only years with capacity
  double npv_usd = 0.0;              // discounted revenue - discounted cost
  double discounted_revenue_usd = 0.0;
  double discounted_cost_usd = 0.0;  // capital annuity, labour, variable, transport
  double co2_t = 0.0;                // processing plus transport, all years
  double processed_t = 0.0;
  double unprocessed_t = 0.0;   // feedstock left unserved (before service is possible, or
                                // not worth processing under max_npv)
  double objective = 0.0;       // maximised value (npv, or -cost) less the CO2 term
  double best_bound = 0.0;      // proven upper bound of `objective`
  double relative_gap = 0.0;    // (best_bound - objective) / max(1, |objective|)
  bool proven_optimal = false;  // within the requested gap
  double seconds = 0.0;
  int integer_variables = 0;
  int continuous_variables = 0;
};

// Solves the MILP with CBC. Errors: InvalidInput (validate), Infeasible (min_cost with a CO2
// cap that no plan meets), Internal (solver failure).
core::Result<PlanSolution> solve_plan(const PlanInput& input);

// The same problem by enumerating every build decision (each LP solved exactly with CLP): for
// tests on small cases. Errors: InvalidInput when there are more than `max_cases` combinations.
core::Result<PlanSolution> solve_plan_brute_force(const PlanInput& input, long max_cases = 70000);

// Cost-CO2 Pareto front by the epsilon-constraint method: the min-cost plan, the min-CO2 plan
// (cost as tie-breaker) and `points - 2` plans with CO2 caps evenly between them.
struct ParetoPoint {
  double co2_cap_t = 0.0;  // the cap used (the unconstrained CO2 for the first point)
  PlanSolution solution;
};
core::Result<std::vector<ParetoPoint>> pareto_front(const PlanInput& input, int points);

// Capital recovery factor r (1+r)^n / ((1+r)^n - 1) (1/n when r = 0).
double annuity_factor(double rate, int years);

}  // namespace urbanmine::plan
