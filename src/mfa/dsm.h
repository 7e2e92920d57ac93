// SPDX-License-Identifier: Apache-2.0
// Dynamic (cohort) stock model: inflow-driven and stock-driven solves over one survival matrix,
// with ODYM's negative-inflow correction, and the mass-balance check every solve runs.
//
// Timing: stocks at the end of each year, flows during the year; the inflow of year c creates
// cohort c. Matrices are T x T, row t (year), column c (cohort), row-major, zero for c > t.
// Units: whatever the caller's series are in (kWh, tonnes, vehicles); the model is linear.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "mfa/lifetime.h"

namespace urbanmine::mfa {

enum class DsmMode { kInflowDriven, kStockDriven };

struct DsmResult {
  std::size_t years = 0;
  std::vector<double> stock_by_cohort;    // T*T, [t * T + c]
  std::vector<double> outflow_by_cohort;  // T*T, [t * T + c]
  std::vector<double> stock;              // T, end-of-year stock
  std::vector<double> outflow;            // T
  std::vector<double> inflow;             // T (solved in stock-driven mode; may be negative
                                          //    there without the correction)
  std::vector<double> stock_change;       // T, ds[0] = stock[0]
  std::vector<std::size_t> negative_inflow_years;  // indices where the correction triggered
  // Stock-driven: years whose prescribed stock the model does not hold, because the new cohort
  // has S[m][m] == 0 (the rule then sets its inflow to 0). Empty for valid, holdable stocks.
  std::vector<std::size_t> stock_shortfall_years;
};

// Longest time axis solve_case accepts (each matrix has years^2 entries).
inline constexpr std::size_t kMaxYears = 1000;

// Inflow-driven: s_c[t][c] = inflow[c] * S[t][c]; o_c[t][c] = inflow[c] * (S[t-1][c] - S[t][c])
// (and inflow[c] * (1 - S[c][c]) for t == c).
// Precondition: inflow.size() == survival.years().
DsmResult solve_inflow_driven(const SurvivalMatrix& survival, std::span<const double> inflow);
// The same into `out`, whose vectors are resized and fully overwritten: reusing one DsmResult
// across solves of the same size allocates nothing (what a hot loop should do).
void solve_inflow_driven(const SurvivalMatrix& survival, std::span<const double> inflow,
                         DsmResult& out);

// Stock-driven, solved forward year by year (forward substitution of S * inflow = stock). With
// `correct_negative_inflow`, a year whose stock would need negative inflow gets zero inflow and
// the surplus leaves early from all older cohorts in proportion to their size (ODYM).
DsmResult solve_stock_driven(const SurvivalMatrix& survival, std::span<const double> stock,
                             bool correct_negative_inflow);
void solve_stock_driven(const SurvivalMatrix& survival, std::span<const double> stock,
                        bool correct_negative_inflow, DsmResult& out);

// Residual inflow - outflow - (stock[t] - stock[t-1]) per year, with the model's own stock (the
// row sums of stock_by_cohort), compared with the largest of the series. In stock-driven mode the
// model's stock equals the prescribed one except in stock_shortfall_years.
struct MassBalance {
  double max_abs_residual = 0.0;
  double scale = 0.0;  // max |stock|, |inflow|, |outflow| over the series
  std::size_t worst_year = 0;
  bool ok = true;
};
MassBalance check_mass_balance(const DsmResult& result);

// One complete model case (what `urbanmine mfa dsm` reads).
struct DsmCase {
  std::string case_id;
  DsmMode mode = DsmMode::kInflowDriven;
  bool negative_inflow_correction = false;
  double age_offset = 0.0;
  std::vector<int> time;                 // year labels, length T
  std::vector<LifetimeParams> lifetime;  // one per cohort, length T
  std::vector<double> inflow;            // inflow-driven input, length T
  std::vector<double> stock;             // stock-driven input, length T
};

struct DsmSolution {
  SurvivalMatrix survival;
  DsmResult result;
  MassBalance balance;
};

// Validates the case (increasing years, at most kMaxYears; lengths; finite and non-negative
// series; lifetime parameters), solves it and checks its mass balance. Errors name `location` plus
// the JSON-style path of the field. A broken mass balance is an Internal error (a bug, not bad
// input).
core::Result<DsmSolution> solve_case(const DsmCase& dsm_case, const std::string& location);

}  // namespace urbanmine::mfa
