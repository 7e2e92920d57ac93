// SPDX-License-Identifier: Apache-2.0
// Morris and Sobol designs and estimators (sensitivity.h).
#include "uncertainty/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "uncertainty/rng.h"
#include "uncertainty/statistics.h"

namespace urbanmine::uncertainty {

namespace {

// Streams of the generator used by the designs (the dimension argument of uniform()).
constexpr std::uint64_t kStreamA = 0;
constexpr std::uint64_t kStreamB = 1;
constexpr std::uint64_t kBootstrapKey = 0x626f6f7473747261ULL;
constexpr std::uint64_t kMorrisStartStream = 2;
constexpr std::uint64_t kMorrisOrderStream = 3;

std::size_t uniform_index(double u, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
}

struct SobolSums {
  std::vector<double> first;
  std::vector<double> total;
  double variance = 0.0;
};

// The estimators on the base rows listed in `rows` (with repeats, for the bootstrap).
SobolSums sobol_on(const SaltelliDesign& d, std::span<const double> y,
                   const std::vector<std::size_t>& rows) {
  const std::size_t n_base = d.base_samples;
  const std::size_t k = d.inputs;
  const double n = static_cast<double>(rows.size());
  double mean = 0.0;
  for (const std::size_t j : rows) mean += y[j] + y[n_base + j];
  mean /= 2.0 * n;
  double var = 0.0;
  for (const std::size_t j : rows) {
    var += (y[j] - mean) * (y[j] - mean) + (y[n_base + j] - mean) * (y[n_base + j] - mean);
  }
  var /= 2.0 * n - 1.0;
  SobolSums s;
  s.variance = var;
  s.first.assign(k, 0.0);
  s.total.assign(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0.0;
    double total = 0.0;
    for (const std::size_t j : rows) {
      const double fa = y[j];
      const double fb = y[n_base + j];
      const double fab = y[(2 + i) * n_base + j];
      first += fb * (fab - fa);
      total += (fa - fab) * (fa - fab);
    }
    s.first[i] = var > 0.0 ? first / n / var : 0.0;
    s.total[i] = var > 0.0 ? total / (2.0 * n) / var : 0.0;
  }
  return s;
}

Interval interval_of(double estimate, std::vector<double>& resampled, double confidence) {
  Interval iv;
  iv.estimate = estimate;
  if (resampled.empty()) {
    iv.lower = iv.upper = estimate;
    return iv;
  }
  std::sort(resampled.begin(), resampled.end());
  const double tail = (1.0 - confidence) / 2.0;
  iv.lower = sorted_quantile(resampled, tail);
  iv.upper = sorted_quantile(resampled, 1.0 - tail);
  return iv;
}

std::vector<std::size_t> bootstrap_rows(std::uint64_t seed, std::size_t resample, std::size_t n) {
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) {
    rows[j] = uniform_index(uniform(seed, kBootstrapKey, resample, j), n);
  }
  return rows;
}

}  // namespace

SaltelliDesign saltelli_design(std::size_t base_samples, const std::vector<std::string>& inputs,
                               std::uint64_t seed) {
  SaltelliDesign d;
  d.base_samples = base_samples;
  d.inputs = inputs.size();
  const std::size_t k = d.inputs;
  d.points.assign(d.rows() * k, 0.0);
  std::vector<std::uint64_t> keys;
  for (const auto& name : inputs) keys.push_back(input_key(name));
  for (std::size_t j = 0; j < base_samples; ++j) {
    for (std::size_t i = 0; i < k; ++i) {
      const double a = uniform(seed, keys[i], j, kStreamA);
      const double b = uniform(seed, keys[i], j, kStreamB);
      d.points[j * k + i] = a;
      d.points[(base_samples + j) * k + i] = b;
      for (std::size_t m = 0; m < k; ++m) {
        d.points[((2 + m) * base_samples + j) * k + i] = m == i ? b : a;
      }
    }
  }
  return d;
}

SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> y,
                           std::size_t resamples, double confidence, std::uint64_t seed) {
  const std::size_t n = design.base_samples;
  const std::size_t k = design.inputs;
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  const SobolSums point = sobol_on(design, y, all);
  std::vector<std::vector<double>> first_bs(k), total_bs(k);
  for (std::size_t b = 0; b < resamples; ++b) {
    const SobolSums s = sobol_on(design, y, bootstrap_rows(seed, b, n));
    for (std::size_t i = 0; i < k; ++i) {
      first_bs[i].push_back(s.first[i]);
      total_bs[i].push_back(s.total[i]);
    }
  }
  SobolIndices out;
  out.variance = point.variance;
  for (std::size_t i = 0; i < k; ++i) {
    out.first.push_back(interval_of(point.first[i], first_bs[i], confidence));
    out.total.push_back(interval_of(point.total[i], total_bs[i], confidence));
  }
  return out;
}

MorrisDesign morris_design(std::size_t trajectories, const std::vector<std::string>& inputs,
                           std::size_t levels, std::uint64_t seed) {
  MorrisDesign d;
  d.trajectories = trajectories;
  d.inputs = inputs.size();
  d.levels = levels;
  const std::size_t k = d.inputs;
  const std::size_t jump = levels / 2;
  const double delta = static_cast<double>(jump) / static_cast<double>(levels);
  d.points.reserve(d.rows() * k);
  std::vector<std::uint64_t> keys;
  for (const auto& name : inputs) keys.push_back(input_key(name));
  auto to_u = [&](std::size_t level) {
    return (static_cast<double>(level) + 0.5) / static_cast<double>(levels);
  };
  for (std::size_t t = 0; t < trajectories; ++t) {
    std::vector<std::size_t> level(k);
    std::vector<double> order_key(k);
    for (std::size_t i = 0; i < k; ++i) {
      level[i] = uniform_index(uniform(seed, keys[i], t, kMorrisStartStream), levels);
      order_key[i] = uniform(seed, keys[i], t, kMorrisOrderStream);
    }
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return order_key[a] < order_key[b]; });
    for (std::size_t i = 0; i < k; ++i) d.points.push_back(to_u(level[i]));
    for (const std::size_t i : order) {
      const bool up = level[i] + jump <= levels - 1;
      level[i] = up ? level[i] + jump : level[i] - jump;
      d.changed.push_back(i);
      d.delta.push_back(up ? delta : -delta);
      for (std::size_t m = 0; m < k; ++m) d.points.push_back(to_u(level[m]));
    }
  }
  return d;
}

std::vector<MorrisEffect> morris_effects(const MorrisDesign& design, std::span<const double> y,
                                         std::size_t resamples, double confidence,
                                         std::uint64_t seed) {
  const std::size_t k = design.inputs;
  const std::size_t r = design.trajectories;
  // effects[i][t]: the elementary effect of input i in trajectory t.
  std::vector<std::vector<double>> effects(k, std::vector<double>(r, 0.0));
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t step = 0; step < k; ++step) {
      const std::size_t row = t * (k + 1) + step;
      const std::size_t i = design.changed[t * k + step];
      effects[i][t] = (y[row + 1] - y[row]) / design.delta[t * k + step];
    }
  }
  auto mean_abs = [&](std::size_t i, const std::vector<std::size_t>& rows) {
    double s = 0.0;
    for (const std::size_t t : rows) s += std::fabs(effects[i][t]);
    return s / static_cast<double>(rows.size());
  };
  std::vector<std::size_t> all(r);
  std::iota(all.begin(), all.end(), 0);
  std::vector<std::vector<double>> bs(k);
  for (std::size_t b = 0; b < resamples; ++b) {
    const auto rows = bootstrap_rows(seed, b, r);
    for (std::size_t i = 0; i < k; ++i) bs[i].push_back(mean_abs(i, rows));
  }
  std::vector<MorrisEffect> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    double mu = 0.0;
    for (const double e : effects[i]) mu += e;
    mu /= static_cast<double>(r);
    double var = 0.0;
    for (const double e : effects[i]) var += (e - mu) * (e - mu);
    out[i].mu = mu;
    out[i].sigma = r > 1 ? std::sqrt(var / static_cast<double>(r - 1)) : 0.0;
    out[i].mu_star = interval_of(mean_abs(i, all), bs[i], confidence);
  }
  return out;
}

}  // namespace urbanmine::uncertainty
