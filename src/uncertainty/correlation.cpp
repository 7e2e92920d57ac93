// SPDX-License-Identifier: Apache-2.0
// Gaussian copula with a Cholesky factor (correlation.h).
#include "uncertainty/correlation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "uncertainty/rng.h"
#include "uncertainty/special.h"

namespace urbanmine::uncertainty {

core::Result<CopulaSampler> CopulaSampler::create(
    std::vector<std::string> inputs, const std::vector<RankCorrelation>& correlations) {
  CopulaSampler s;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    index[inputs[i]] = i;
    s.keys_.push_back(input_key(inputs[i]));
  }
  s.correlated_.assign(inputs.size(), false);
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const auto& c : correlations) {
    const std::string where = c.location.empty() ? c.first + " ~ " + c.second : c.location;
    const auto a = index.find(c.first);
    const auto b = index.find(c.second);
    if (a == index.end() || b == index.end()) {
      const std::string missing = a == index.end() ? c.first : c.second;
      return core::Error::invalid_input(
          "correlation names unknown uncertain input '" + missing + "'", where,
          "correlate only inputs given in [uncertainty]");
    }
    if (a->second == b->second) {
      return core::Error::invalid_input("input '" + c.first + "' is correlated with itself", where,
                                        "remove this correlation");
    }
    if (!std::isfinite(c.spearman) || c.spearman <= -1.0 || c.spearman >= 1.0) {
      return core::Error::invalid_input(
          "rank correlation of '" + c.first + "' and '" + c.second + "' must lie in (-1, 1)", where,
          "use a coefficient strictly between -1 and 1");
    }
    const auto key = std::minmax(a->second, b->second);
    if (!seen.insert(key).second) {
      return core::Error::invalid_input(
          "correlation of '" + c.first + "' and '" + c.second + "' is given twice", where,
          "keep one entry per pair");
    }
    s.correlated_[a->second] = true;
    s.correlated_[b->second] = true;
  }
  std::map<std::size_t, std::size_t> position;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (s.correlated_[i]) {
      position[i] = s.members_.size();
      s.members_.push_back(i);
    }
  }
  const std::size_t n = s.members_.size();
  std::vector<double> m(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) m[i * n + i] = 1.0;
  for (const auto& c : correlations) {
    const std::size_t i = position[index[c.first]];
    const std::size_t j = position[index[c.second]];
    const double r = 2.0 * std::sin(std::numbers::pi * c.spearman / 6.0);
    m[i * n + j] = r;
    m[j * n + i] = r;
  }
  s.cholesky_.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = m[i * n + j];
      for (std::size_t k = 0; k < j; ++k) sum -= s.cholesky_[i * n + k] * s.cholesky_[j * n + k];
      if (i == j) {
        constexpr double kMinPivot = 1e-12;
        if (sum <= kMinPivot) {
          return core::Error::invalid_input(
              "the rank correlations involving '" + inputs[s.members_[i]] +
                  "' are inconsistent (the correlation matrix is not positive definite)",
              "uncertainty.correlation", "weaken or remove one of the correlations");
        }
        s.cholesky_[i * n + i] = std::sqrt(sum);
      } else {
        s.cholesky_[i * n + j] = sum / s.cholesky_[j * n + j];
      }
    }
  }
  return s;
}

void CopulaSampler::uniforms(std::uint64_t seed, std::uint64_t draw,
                             std::vector<double>& out) const {
  out.resize(keys_.size());
  for (std::size_t i = 0; i < keys_.size(); ++i) out[i] = uniform(seed, keys_[i], draw);
  const std::size_t n = members_.size();
  if (n == 0) return;
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = normal_quantile(out[members_[i]]);
  for (std::size_t i = 0; i < n; ++i) {
    double v = 0.0;
    for (std::size_t k = 0; k <= i; ++k) v += cholesky_[i * n + k] * z[k];
    // Keep the uniform strictly inside (0, 1) for the inverse CDFs.
    constexpr double kEdge = 1e-16;
    out[members_[i]] = std::clamp(normal_cdf(v), kEdge, 1.0 - kEdge);
  }
}

}  // namespace urbanmine::uncertainty
