// SPDX-License-Identifier: Apache-2.0
// Exact Monte Carlo summaries (statistics.h).
#include "uncertainty/statistics.h"

#include <algorithm>
#include <cmath>

namespace urbanmine::uncertainty {

namespace {

constexpr double kZ95 = 1.959963984540054;

// Neumaier-compensated sum, in the order given.
struct CompensatedSum {
  double sum = 0.0;
  double carry = 0.0;
  void add(double v) {
    const double t = sum + v;
    if (std::fabs(sum) >= std::fabs(v)) {
      carry += (sum - t) + v;
    } else {
      carry += (v - t) + sum;
    }
    sum = t;
  }
  double value() const { return sum + carry; }
};

// The order statistic at 1-based rank `rank`, clamped to [1, n].
double order_statistic(std::span<const double> sorted, double rank) {
  const double n = static_cast<double>(sorted.size());
  const double r = std::clamp(rank, 1.0, n);
  return sorted[static_cast<std::size_t>(r) - 1];
}

}  // namespace

double sorted_quantile(std::span<const double> sorted, double p) {
  if (sorted.empty()) return 0.0;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Summary summarize(std::span<double> values) {
  Summary s;
  s.draws = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  CompensatedSum sum;
  for (const double v : values) sum.add(v);
  s.mean = sum.value() / n;
  CompensatedSum squares;
  for (const double v : values) squares.add((v - s.mean) * (v - s.mean));
  s.sd = values.size() > 1 ? std::sqrt(squares.value() / (n - 1.0)) : 0.0;
  s.mean_se = s.sd / std::sqrt(n);
  for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
    const double p = kPercentiles[i];
    s.percentile[i] = sorted_quantile(values, p);
    const double half_width = kZ95 * std::sqrt(n * p * (1.0 - p));
    const double x_lo = order_statistic(values, std::floor(n * p - half_width));
    const double x_hi = order_statistic(values, std::ceil(n * p + half_width));
    s.percentile_se[i] = (x_hi - x_lo) / (2.0 * kZ95);
  }
  return s;
}

}  // namespace urbanmine::uncertainty
