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
#include <utility>

namespace urbanmine::mfa::detail {

// Inflow-driven: s_c[t][c] = inflow[c] * S[t][c] and o_c[t][c] = inflow[c] * exit_share(t, c)
// (flodym's form; ODYM's s_c[t-1][c] - s_c[t][c] differs from it only by round-off).
// `stock` and `outflow` get the row sums (four interleaved partial sums, in a fixed order).
// `stock_by_cohort` and `outflow_by_cohort` are n*n row-major or empty; when given, every entry is
// written (0 above the diagonal), so the buffers need no initialisation.
// The loop of inflow_driven_kernel, with the by-cohort stores chosen at compile time.
template <bool kKeepStock, bool kKeepOutflow, class Survival, class ExitShare>
void inflow_driven_rows(std::size_t n, const Survival& surv, const ExitShare& exit_share,
                        std::span<const double> inflow, std::span<double> stock,
                        std::span<double> outflow, double* stock_by_cohort,
                        double* outflow_by_cohort) {
  // Four partial sums per row break the add-latency chain (the loop is otherwise bound by it);
  // the order is fixed, so results are deterministic and equal between the two paths.
  constexpr std::size_t kLanes = 4;
  for (std::size_t t = 0; t < n; ++t) {
    double stock_acc[kLanes] = {0.0, 0.0, 0.0, 0.0};
    double outflow_acc[kLanes] = {0.0, 0.0, 0.0, 0.0};
    double* stock_row = kKeepStock ? stock_by_cohort + t * n : nullptr;
    double* outflow_row = kKeepOutflow ? outflow_by_cohort + t * n : nullptr;
    const std::size_t count = t + 1;
    std::size_t c = 0;
    for (; c + kLanes <= count; c += kLanes) {
      for (std::size_t lane = 0; lane < kLanes; ++lane) {
        const double cohort_stock = inflow[c + lane] * surv(t, c + lane);
        const double cohort_outflow = inflow[c + lane] * exit_share(t, c + lane);
        stock_acc[lane] += cohort_stock;
        outflow_acc[lane] += cohort_outflow;
        if constexpr (kKeepStock) stock_row[c + lane] = cohort_stock;
        if constexpr (kKeepOutflow) outflow_row[c + lane] = cohort_outflow;
      }
    }
    for (; c < count; ++c) {
      const double cohort_stock = inflow[c] * surv(t, c);
      const double cohort_outflow = inflow[c] * exit_share(t, c);
      stock_acc[0] += cohort_stock;
      outflow_acc[0] += cohort_outflow;
      if constexpr (kKeepStock) stock_row[c] = cohort_stock;
      if constexpr (kKeepOutflow) outflow_row[c] = cohort_outflow;
    }
    if constexpr (kKeepStock) std::fill(stock_row + count, stock_row + n, 0.0);
    if constexpr (kKeepOutflow) std::fill(outflow_row + count, outflow_row + n, 0.0);
    stock[t] = (stock_acc[0] + stock_acc[1]) + (stock_acc[2] + stock_acc[3]);
    outflow[t] = (outflow_acc[0] + outflow_acc[1]) + (outflow_acc[2] + outflow_acc[3]);
  }
}

template <class Survival, class ExitShare>
void inflow_driven_kernel(std::size_t n, const Survival& surv, const ExitShare& exit_share,
                          std::span<const double> inflow, std::span<double> stock,
                          std::span<double> outflow, std::span<double> stock_by_cohort,
                          std::span<double> outflow_by_cohort) {
  double* sbc = stock_by_cohort.empty() ? nullptr : stock_by_cohort.data();
  double* obc = outflow_by_cohort.empty() ? nullptr : outflow_by_cohort.data();
  if (sbc != nullptr && obc != nullptr) {
    inflow_driven_rows<true, true>(n, surv, exit_share, inflow, stock, outflow, sbc, obc);
  } else if (sbc != nullptr) {
    inflow_driven_rows<true, false>(n, surv, exit_share, inflow, stock, outflow, sbc, obc);
  } else if (obc != nullptr) {
    inflow_driven_rows<false, true>(n, surv, exit_share, inflow, stock, outflow, sbc, obc);
  } else {
    inflow_driven_rows<false, false>(n, surv, exit_share, inflow, stock, outflow, sbc, obc);
  }
}

// Stock-driven, forward year by year, with ODYM's optional negative-inflow correction (rules in
// tests/data/dsm/README.md), computed row by row: row m of s_c is final once year m is solved,
// because a correction in year m only scales rows t >= m. Instead of rescaling every future row
// at each correction (ODYM), each cohort carries the product of its (1 - f) factors and its
// later entries are (inflow[c] * S[t][c]) * factor. That is ODYM's arithmetic exactly for
// cohorts corrected at most once, and within a few ulps otherwise; it makes the solve O(T^2)
// however many corrections there are, and needs only O(T) working storage.
//
// `work` is scratch of 4 * n values. `stock_by_cohort` and `outflow_by_cohort` are n*n or empty;
// when given, every entry is written. Writes `inflow`, `stock` (row sums of s_c), `outflow` (row
// sums of o_c) and sets corrected[m] = 1 for each year the correction triggered, 0 otherwise
// (when `corrected` is not empty).
template <class Survival>
void stock_driven_kernel(std::size_t n, const Survival& surv, std::span<const double> target,
                         bool correct_negative_inflow, std::span<double> inflow,
                         std::span<double> stock, std::span<double> outflow,
                         std::span<double> stock_by_cohort, std::span<double> outflow_by_cohort,
                         std::span<double> work, std::span<unsigned char> corrected) {
  double* prev = work.data();             // final s_c row m-1
  double* cur = work.data() + n;          // s_c row m
  double* out_row = work.data() + 2 * n;  // o_c row m
  double* factor = work.data() + 3 * n;   // product of (1 - f) since each cohort's creation
  for (std::size_t m = 0; m < n; ++m) {
    double remaining = 0.0;
    for (std::size_t c = 0; c < m; ++c) {
      cur[c] = (inflow[c] * surv(m, c)) * factor[c];
      remaining += cur[c];
    }
    for (std::size_t c = 0; c < m; ++c) out_row[c] = prev[c] - cur[c];
    const double gap = target[m] - remaining;
    if (!corrected.empty()) corrected[m] = 0;
    // ODYM never corrects the first year (its stock is >= 0 for valid input).
    if (correct_negative_inflow && m > 0 && gap < 0.0) {
      inflow[m] = 0.0;
      if (!corrected.empty()) corrected[m] = 1;
      const double share = remaining != 0.0 ? -gap / remaining : 0.0;
      for (std::size_t c = 0; c < m; ++c) {
        out_row[c] += share * cur[c];
        cur[c] *= (1.0 - share);
        factor[c] *= (1.0 - share);
      }
      cur[m] = 0.0;
      out_row[m] = 0.0;
    } else {
      const double s_mm = surv(m, m);
      const double inflow_m = s_mm != 0.0 ? gap / s_mm : 0.0;
      inflow[m] = inflow_m;
      cur[m] = inflow_m * s_mm;
      out_row[m] = inflow_m * (1.0 - s_mm);
    }
    factor[m] = 1.0;
    double stock_sum = 0.0;
    double outflow_sum = 0.0;
    for (std::size_t c = 0; c <= m; ++c) {
      stock_sum += cur[c];
      outflow_sum += out_row[c];
    }
    stock[m] = stock_sum;
    outflow[m] = outflow_sum;
    if (!stock_by_cohort.empty()) {
      double* row = stock_by_cohort.data() + m * n;
      std::copy(cur, cur + m + 1, row);
      std::fill(row + m + 1, row + n, 0.0);
    }
    if (!outflow_by_cohort.empty()) {
      double* row = outflow_by_cohort.data() + m * n;
      std::copy(out_row, out_row + m + 1, row);
      std::fill(row + m + 1, row + n, 0.0);
    }
    std::swap(prev, cur);
  }
}

}  // namespace urbanmine::mfa::detail
