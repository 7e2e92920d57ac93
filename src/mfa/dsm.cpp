// SPDX-License-Identifier: Apache-2.0
// Cohort stock model solves (ODYM/flodym conventions) and their mass-balance check.
#include "mfa/dsm.h"

#include <algorithm>
#include <cmath>

#include "core/assert.h"
#include "core/tolerance.h"
#include "mfa/cohort_kernels.h"
#include "mfa/number_text.h"

namespace urbanmine::mfa {

namespace {

// Sizes every series of `r` for `years`, keeping capacity (so a reused result does not
// allocate). The kernels overwrite every element, so nothing is cleared here.
void prepare(DsmResult& r, std::size_t years) {
  r.years = years;
  r.stock_by_cohort.resize(years * years);
  r.outflow_by_cohort.resize(years * years);
  r.stock.resize(years);
  r.outflow.resize(years);
  r.inflow.resize(years);
  r.stock_change.resize(years);
  r.negative_inflow_years.clear();
  r.stock_shortfall_years.clear();
}

void fill_stock_change(std::span<const double> stock, std::vector<double>& change) {
  for (std::size_t t = 0; t < stock.size(); ++t) {
    change[t] = t == 0 ? stock[0] : stock[t] - stock[t - 1];
  }
}

}  // namespace

void solve_inflow_driven(const SurvivalMatrix& survival, std::span<const double> inflow,
                         DsmResult& r) {
  const std::size_t n = survival.years();
  URBANMINE_ASSERT(inflow.size() == n, "inflow length must equal the survival matrix size");
  prepare(r, n);
  std::copy(inflow.begin(), inflow.end(), r.inflow.begin());
  auto surv = [&survival](std::size_t t, std::size_t c) { return survival(t, c); };
  auto exit_share = [&survival](std::size_t t, std::size_t c) {
    return t == c ? 1.0 - survival(c, c) : survival(t - 1, c) - survival(t, c);
  };
  detail::inflow_driven_kernel(n, surv, exit_share, inflow, r.stock, r.outflow, r.stock_by_cohort,
                               r.outflow_by_cohort);
  fill_stock_change(r.stock, r.stock_change);
}

DsmResult solve_inflow_driven(const SurvivalMatrix& survival, std::span<const double> inflow) {
  DsmResult r;
  solve_inflow_driven(survival, inflow, r);
  return r;
}

void solve_stock_driven(const SurvivalMatrix& survival, std::span<const double> stock,
                        bool correct_negative_inflow, DsmResult& r) {
  const std::size_t n = survival.years();
  URBANMINE_ASSERT(stock.size() == n, "stock length must equal the survival matrix size");
  prepare(r, n);
  std::vector<double> work(4 * n);
  std::vector<unsigned char> corrected(n);
  auto surv = [&survival](std::size_t t, std::size_t c) { return survival(t, c); };
  detail::stock_driven_kernel(n, surv, stock, correct_negative_inflow, r.inflow, r.stock, r.outflow,
                              r.stock_by_cohort, r.outflow_by_cohort, work, corrected);
  for (std::size_t m = 0; m < n; ++m) {
    if (corrected[m] != 0) r.negative_inflow_years.push_back(m);
  }
  fill_stock_change(stock, r.stock_change);
  double scale = 0.0;
  for (double v : stock) scale = std::max(scale, std::fabs(v));
  for (std::size_t t = 0; t < n; ++t) {
    if (!core::within_scaled(r.stock[t] - stock[t], scale, core::kMassBalanceTolerance)) {
      r.stock_shortfall_years.push_back(t);
    }
  }
}

DsmResult solve_stock_driven(const SurvivalMatrix& survival, std::span<const double> stock,
                             bool correct_negative_inflow) {
  DsmResult r;
  solve_stock_driven(survival, stock, correct_negative_inflow, r);
  return r;
}

MassBalance check_mass_balance(const DsmResult& r) {
  MassBalance mb;
  for (std::size_t t = 0; t < r.years; ++t) {
    mb.scale = std::max(
        {mb.scale, std::fabs(r.stock[t]), std::fabs(r.inflow[t]), std::fabs(r.outflow[t])});
  }
  for (std::size_t t = 0; t < r.years; ++t) {
    const double own_change = t == 0 ? r.stock[0] : r.stock[t] - r.stock[t - 1];
    const double residual = r.inflow[t] - r.outflow[t] - own_change;
    if (std::fabs(residual) > mb.max_abs_residual) {
      mb.max_abs_residual = std::fabs(residual);
      mb.worst_year = t;
    }
  }
  mb.ok = core::within_scaled(mb.max_abs_residual, mb.scale, core::kMassBalanceTolerance);
  return mb;
}

core::Result<DsmSolution> solve_case(const DsmCase& dc, const std::string& location) {
  const std::size_t n = dc.time.size();
  auto bad = [&](const std::string& path, const std::string& msg, const std::string& hint) {
    return core::Error::invalid_input(msg, location + ": $." + path, hint);
  };
  if (n == 0) return bad("time", "the time axis is empty", "give at least one year");
  if (n > kMaxYears) {
    return bad(
        "time",
        "the time axis has " + std::to_string(n) + " years, more than " + std::to_string(kMaxYears),
        "shorten the horizon (matrices grow with the square of the years)");
  }
  for (std::size_t t = 1; t < n; ++t) {
    if (dc.time[t] <= dc.time[t - 1]) {
      return bad("time[" + std::to_string(t) + "]",
                 "year " + std::to_string(dc.time[t]) + " does not follow " +
                     std::to_string(dc.time[t - 1]),
                 "list the years in increasing order, one step per year");
    }
  }
  if (dc.lifetime.size() != n) {
    return bad("lifetime",
               "lifetime has " + std::to_string(dc.lifetime.size()) + " cohorts but time has " +
                   std::to_string(n) + " years",
               "give one lifetime parameter per year");
  }
  if (!std::isfinite(dc.age_offset) || dc.age_offset < 0.0 || dc.age_offset > 1.0) {
    return bad("age_offset", "age_offset must be between 0 and 1",
               "use 0 (ODYM) or 0.5 (flodym default)");
  }
  for (std::size_t c = 0; c < n; ++c) {
    URBANMINE_TRY_STATUS(validate(dc.lifetime[c], c, location + ": $.lifetime"));
  }
  const bool inflow_driven = dc.mode == DsmMode::kInflowDriven;
  const auto& series = inflow_driven ? dc.inflow : dc.stock;
  const std::string field = inflow_driven ? "input.inflow" : "input.stock";
  if (series.size() != n) {
    return bad(field,
               field + " has " + std::to_string(series.size()) + " values but time has " +
                   std::to_string(n),
               "give one value per year");
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (!std::isfinite(series[t]) || series[t] < 0.0) {
      return bad(
          field + "[" + std::to_string(t) + "]",
          field + " value " + detail::number_text(series[t]) + " is negative or not a number",
          "give finite values of 0 or more");
    }
  }
  DsmSolution sol;
  sol.survival = make_survival_matrix(dc.lifetime, dc.age_offset);
  sol.result = inflow_driven
                   ? solve_inflow_driven(sol.survival, series)
                   : solve_stock_driven(sol.survival, series, dc.negative_inflow_correction);
  sol.balance = check_mass_balance(sol.result);
  if (!sol.balance.ok) {
    return core::Error::internal("mass balance broken in " + dc.case_id + " at year index " +
                                 std::to_string(sol.balance.worst_year) + ": residual " +
                                 std::to_string(sol.balance.max_abs_residual));
  }
  return sol;
}

}  // namespace urbanmine::mfa
