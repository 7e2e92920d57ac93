// SPDX-License-Identifier: Apache-2.0
// Internal to mfa: the cohort loops shared by the single-series solves (mfa/dsm.h) and the batch
// solves (mfa/batch.h). Both paths run this same code on the same survival values, which is why
// a batch result equals the single-series result bit for bit.
//
// A survival accessor `surv(t, c)` returns S[t][c] for c <= t; `exit_share(t, c)` returns the
// share of cohort c's inflow that leaves during year t: 1 - S[c][c] for t == c, else
// S[t-1][c] - S[t][c]. Both accessors must return identical doubles for identical survival
// values (the batch path precomputes exit shares with the same expressions).
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>

namespace urbanmine::mfa::detail {

// Inflow-driven: s_c[t][c] = inflow[c] * S[t][c] and o_c[t][c] = inflow[c] * exit_share(t, c)
// (flodym's form; ODYM's s_c[t-1][c] - s_c[t][c] differs from it only by round-off).
// `stock` and `outflow` get the row sums (summed over c = 0..t in order). `stock_by_cohort` and
// `outflow_by_cohort` are n*n row-major or empty; when given, every entry is written (0 above the
// diagonal), so the buffers need no initialisation.
template <class Survival, class ExitShare>
void inflow_driven_kernel(std::size_t n, const Survival& surv, const ExitShare& exit_share,
                          std::span<const double> inflow, std::span<double> stock,
                          std::span<double> outflow, std::span<double> stock_by_cohort,
                          std::span<double> outflow_by_cohort) {
  const bool keep_stock = !stock_by_cohort.empty();
  const bool keep_outflow = !outflow_by_cohort.empty();
  for (std::size_t t = 0; t < n; ++t) {
    double stock_sum = 0.0;
    double outflow_sum = 0.0;
    double* stock_row = keep_stock ? stock_by_cohort.data() + t * n : nullptr;
    double* outflow_row = keep_outflow ? outflow_by_cohort.data() + t * n : nullptr;
    for (std::size_t c = 0; c <= t; ++c) {
      const double cohort_stock = inflow[c] * surv(t, c);
      const double cohort_outflow = inflow[c] * exit_share(t, c);
      stock_sum += cohort_stock;
      outflow_sum += cohort_outflow;
      if (keep_stock) stock_row[c] = cohort_stock;
      if (keep_outflow) outflow_row[c] = cohort_outflow;
    }
    if (keep_stock) std::fill(stock_row + t + 1, stock_row + n, 0.0);
    if (keep_outflow) std::fill(outflow_row + t + 1, outflow_row + n, 0.0);
    stock[t] = stock_sum;
    outflow[t] = outflow_sum;
  }
}

// Stock-driven, forward year by year, with ODYM's optional negative-inflow correction (rules in
// tests/data/dsm/README.md). `stock_by_cohort` (n*n) is required working storage and holds the
// result; `row` is scratch of n values. `outflow_by_cohort` is n*n or empty. Writes `inflow`,
// `stock` (row sums of stock_by_cohort after the solve), `outflow` (row sums of o_c) and sets
// corrected[m] = 1 for each year the correction triggered (when `corrected` is not empty).
template <class Survival>
void stock_driven_kernel(std::size_t n, const Survival& surv, std::span<const double> target,
                         bool correct_negative_inflow, std::span<double> inflow,
                         std::span<double> stock, std::span<double> outflow,
                         std::span<double> stock_by_cohort, std::span<double> outflow_by_cohort,
                         std::span<double> row, std::span<unsigned char> corrected) {
  double* sc = stock_by_cohort.data();
  std::fill(stock_by_cohort.begin(), stock_by_cohort.end(), 0.0);
  for (std::size_t m = 0; m < n; ++m) {
    double remaining = 0.0;
    for (std::size_t c = 0; c < m; ++c) {
      row[c] = sc[(m - 1) * n + c] - sc[m * n + c];
      remaining += sc[m * n + c];
    }
    const double gap = target[m] - remaining;
    if (!corrected.empty()) corrected[m] = 0;
    // ODYM never corrects the first year (its stock is >= 0 for valid input).
    if (correct_negative_inflow && m > 0 && gap < 0.0) {
      inflow[m] = 0.0;
      if (!corrected.empty()) corrected[m] = 1;
      const double share = remaining != 0.0 ? -gap / remaining : 0.0;
      for (std::size_t c = 0; c < m; ++c) row[c] += share * sc[m * n + c];
      for (std::size_t t = m; t < n; ++t) {
        for (std::size_t c = 0; c < m; ++c) sc[t * n + c] *= (1.0 - share);
      }
      row[m] = 0.0;
    } else {
      const double s_mm = surv(m, m);
      const double inflow_m = s_mm != 0.0 ? gap / s_mm : 0.0;
      inflow[m] = inflow_m;
      for (std::size_t t = m; t < n; ++t) sc[t * n + m] = inflow_m * surv(t, m);
      row[m] = inflow_m * (1.0 - s_mm);
    }
    double outflow_sum = 0.0;
    for (std::size_t c = 0; c <= m; ++c) outflow_sum += row[c];
    outflow[m] = outflow_sum;
    if (!outflow_by_cohort.empty()) {
      double* out_row = outflow_by_cohort.data() + m * n;
      std::copy(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(m + 1), out_row);
      std::fill(out_row + m + 1, out_row + n, 0.0);
    }
  }
  for (std::size_t t = 0; t < n; ++t) {
    double stock_sum = 0.0;
    for (std::size_t c = 0; c <= t; ++c) stock_sum += sc[t * n + c];
    stock[t] = stock_sum;
  }
}

}  // namespace urbanmine::mfa::detail
