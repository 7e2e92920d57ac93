// SPDX-License-Identifier: Apache-2.0
// Monte Carlo statistics of one output cell from all its draws (exact, not a sketch): the
// percentiles P5, P25, P50, P75, P95 (Hyndman and Fan type 7, linear between order
// statistics, as R's default), the mean and the Monte Carlo standard error of each.
//
// - Mean: summed in ascending order of value (Neumaier compensation), so the result depends
//   only on the multiset of draws, never on the order in which threads or ranks produced
//   them. Its standard error is sd / sqrt(n).
// - Percentile p: its standard error is estimated from the distribution-free confidence
//   interval of a quantile: the order statistics at ranks n p -/+ z sqrt(n p (1 - p))
//   (binomial normal approximation, z = 1.96) span a 95 % interval, so se = (x_hi - x_lo) /
//   (2 z). It needs no density estimate and is exact as n grows for a continuous output.
#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace urbanmine::uncertainty {

inline constexpr std::array<double, 5> kPercentiles = {0.05, 0.25, 0.50, 0.75, 0.95};
inline constexpr std::array<const char*, 5> kPercentileNames = {"p5", "p25", "p50", "p75", "p95"};

struct Summary {
  std::size_t draws = 0;
  double mean = 0.0;
  double mean_se = 0.0;
  double sd = 0.0;  // sample standard deviation (n - 1)
  std::array<double, kPercentiles.size()> percentile{};
  std::array<double, kPercentiles.size()> percentile_se{};
};

// Type-7 quantile of ascending `sorted` values at probability p in [0, 1].
double sorted_quantile(std::span<const double> sorted, double p);

// Sorts `values` in place and summarises them. Empty input gives a zero Summary.
Summary summarize(std::span<double> values);

}  // namespace urbanmine::uncertainty
