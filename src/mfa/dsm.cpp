// SPDX-License-Identifier: Apache-2.0
// Cohort stock model solves (ODYM/flodym conventions) and their mass-balance check.
#include "mfa/dsm.h"

#include <algorithm>
#include <cmath>

#include "core/assert.h"
#include "core/tolerance.h"

namespace urbanmine::mfa {

namespace {

DsmResult allocate(std::size_t years) {
  DsmResult r;
  r.years = years;
  r.stock_by_cohort.assign(years * years, 0.0);
  r.outflow_by_cohort.assign(years * years, 0.0);
  r.stock.assign(years, 0.0);
  r.outflow.assign(years, 0.0);
  r.inflow.assign(years, 0.0);
  r.stock_change.assign(years, 0.0);
  return r;
}

void fill_totals(DsmResult& r) {
  const std::size_t n = r.years;
  for (std::size_t t = 0; t < n; ++t) {
    double s = 0.0;
    double o = 0.0;
    for (std::size_t c = 0; c <= t; ++c) {
      s += r.stock_by_cohort[t * n + c];
      o += r.outflow_by_cohort[t * n + c];
    }
    r.stock[t] = s;
    r.outflow[t] = o;
  }
}

void fill_stock_change(std::span<const double> stock, std::vector<double>& change) {
  for (std::size_t t = 0; t < stock.size(); ++t) {
    change[t] = t == 0 ? stock[0] : stock[t] - stock[t - 1];
  }
}

}  // namespace

DsmResult solve_inflow_driven(const SurvivalMatrix& survival, std::span<const double> inflow) {
  const std::size_t n = survival.years();
  URBANMINE_ASSERT(inflow.size() == n, "inflow length must equal the survival matrix size");
  DsmResult r = allocate(n);
  std::copy(inflow.begin(), inflow.end(), r.inflow.begin());
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t c = 0; c <= t; ++c) {
      const double s = inflow[c] * survival(t, c);
      r.stock_by_cohort[t * n + c] = s;
      r.outflow_by_cohort[t * n + c] =
          t == c ? inflow[c] - s : r.stock_by_cohort[(t - 1) * n + c] - s;
    }
  }
  fill_totals(r);
  fill_stock_change(r.stock, r.stock_change);
  return r;
}

DsmResult solve_stock_driven(const SurvivalMatrix& survival, std::span<const double> stock,
                             bool correct_negative_inflow) {
  const std::size_t n = survival.years();
  URBANMINE_ASSERT(stock.size() == n, "stock length must equal the survival matrix size");
  DsmResult r = allocate(n);
  auto sc = [&](std::size_t t, std::size_t c) -> double& { return r.stock_by_cohort[t * n + c]; };
  auto oc = [&](std::size_t t, std::size_t c) -> double& { return r.outflow_by_cohort[t * n + c]; };
  for (std::size_t m = 0; m < n; ++m) {
    double remaining = 0.0;
    for (std::size_t c = 0; c < m; ++c) {
      oc(m, c) = sc(m - 1, c) - sc(m, c);
      remaining += sc(m, c);
    }
    const double gap = stock[m] - remaining;
    if (correct_negative_inflow && gap < 0.0) {
      r.inflow[m] = 0.0;
      r.negative_inflow_years.push_back(m);
      const double f = remaining != 0.0 ? -gap / remaining : 0.0;
      for (std::size_t c = 0; c < m; ++c) oc(m, c) += f * sc(m, c);
      for (std::size_t t = m; t < n; ++t) {
        for (std::size_t c = 0; c < m; ++c) sc(t, c) *= (1.0 - f);
      }
      continue;
    }
    const double s_mm = survival(m, m);
    const double inflow_m = s_mm != 0.0 ? gap / s_mm : 0.0;
    r.inflow[m] = inflow_m;
    for (std::size_t t = m; t < n; ++t) sc(t, m) = inflow_m * survival(t, m);
    oc(m, m) = inflow_m * (1.0 - s_mm);
  }
  fill_totals(r);
  fill_stock_change(stock, r.stock_change);
  return r;
}

MassBalance check_mass_balance(const DsmResult& r) {
  MassBalance mb;
  for (std::size_t t = 0; t < r.years; ++t) {
    mb.scale = std::max(
        {mb.scale, std::fabs(r.stock[t]), std::fabs(r.inflow[t]), std::fabs(r.outflow[t])});
  }
  for (std::size_t t = 0; t < r.years; ++t) {
    const double residual = r.inflow[t] - r.outflow[t] - r.stock_change[t];
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
      return bad(field + "[" + std::to_string(t) + "]",
                 field + " value " + std::to_string(series[t]) + " is negative or not a number",
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
