// SPDX-License-Identifier: Apache-2.0
// Robust ranking building blocks (see robust.h).
#include "market/robust.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace urbanmine::market {
namespace {

using core::Error;

constexpr double kLowPercentile = 0.05;
constexpr double kHighPercentile = 0.95;

core::Status check_columns(const std::vector<std::string>& codes,
                           const std::vector<CriterionColumn>& columns) {
  if (columns.empty()) return Error::invalid_input("no criterion to rank by");
  for (const auto& c : columns) {
    if (c.values.size() != codes.size()) {
      return Error::invalid_input("criterion " + c.name + " has " +
                                  std::to_string(c.values.size()) + " values for " +
                                  std::to_string(codes.size()) + " countries");
    }
    if (!(c.resolution >= 0.0)) {
      return Error::invalid_input("criterion " + c.name + ": resolution must be >= 0");
    }
  }
  return {};
}

}  // namespace

core::Result<std::vector<std::optional<double>>> ratio_to_best(const CriterionColumn& column) {
  std::optional<double> best;
  for (const auto& v : column.values) {
    if (!v) continue;
    if (!std::isfinite(*v) || *v < 0.0) {
      return Error::invalid_input("criterion " + column.name +
                                  " has a negative or non-finite value");
    }
    best = !best ? *v : (column.higher_is_better ? std::max(*best, *v) : std::min(*best, *v));
  }
  std::vector<std::optional<double>> out;
  for (const auto& v : column.values) {
    if (!v) {
      out.emplace_back();
    } else if (column.higher_is_better) {
      out.emplace_back(*best > 0.0 ? *v / *best : 0.0);
    } else {
      out.emplace_back(*v > 0.0 ? *best / *v : 1.0);
    }
  }
  return out;
}

std::vector<std::string> constant_criteria(const std::vector<CriterionColumn>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) {
    std::optional<double> lo, hi;
    for (const auto& v : c.values) {
      if (!v) continue;
      lo = lo ? std::min(*lo, *v) : *v;
      hi = hi ? std::max(*hi, *v) : *v;
    }
    if (!lo || *hi - *lo <= c.resolution) out.push_back(c.name);
  }
  return out;
}

core::Result<std::vector<RobustRank>> robust_rank(const std::vector<std::string>& codes,
                                                  const std::vector<CriterionColumn>& columns,
                                                  const std::vector<double>& weights,
                                                  double score_resolution) {
  URBANMINE_TRY_STATUS(check_columns(codes, columns));
  if (weights.size() != columns.size()) {
    return Error::invalid_input("one weight per criterion is needed");
  }
  double sum = 0.0;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) return Error::invalid_input("weights must be >= 0");
    sum += w;
  }
  if (!(sum > 0.0)) return Error::invalid_input("at least one weight must be positive");
  std::vector<std::vector<std::optional<double>>> ratios;
  for (const auto& c : columns) {
    auto r = ratio_to_best(c);
    if (!r) return r.error();
    ratios.push_back(std::move(*r));
  }
  std::vector<RobustRank> out(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    out[i].code = codes[i];
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (!ratios[k][i]) {
        out[i].parts.emplace_back();
        continue;
      }
      const double part = weights[k] / sum * *ratios[k][i];
      out[i].parts.emplace_back(part);
      out[i].total += part;
    }
  }
  for (auto& a : out) {
    a.rank = 1;
    for (const auto& b : out) {
      if (b.total > a.total + score_resolution) ++a.rank;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const RobustRank& a, const RobustRank& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.code < b.code;
  });
  return out;
}

core::Result<std::vector<RankRange>> dirichlet_rank_ranges(
    const std::vector<std::string>& codes, const std::vector<CriterionColumn>& columns, int draws,
    std::uint64_t seed, double score_resolution) {
  URBANMINE_TRY_STATUS(check_columns(codes, columns));
  if (draws < 1) return Error::invalid_input("draws must be >= 1");
  std::mt19937_64 rng(seed);
  // Dirichlet(1, ..., 1): independent Exp(1) draws scaled to sum 1.
  std::exponential_distribution<double> exp1(1.0);
  std::vector<std::vector<int>> ranks(codes.size());
  std::vector<double> w(columns.size());
  for (int d = 0; d < draws; ++d) {
    for (auto& x : w) x = exp1(rng);
    auto r = robust_rank(codes, columns, w, score_resolution);
    if (!r) return r.error();
    for (const auto& row : *r) {
      const auto i =
          static_cast<std::size_t>(std::find(codes.begin(), codes.end(), row.code) - codes.begin());
      ranks[i].push_back(row.rank);
    }
  }
  std::vector<RankRange> out;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto& r = ranks[i];
    std::sort(r.begin(), r.end());
    const auto at = [&](double q) {
      return r[static_cast<std::size_t>(std::floor(q * static_cast<double>(r.size() - 1)))];
    };
    out.push_back(
        RankRange{codes[i], r.front(), r.back(), at(kLowPercentile), at(kHighPercentile)});
  }
  return out;
}

}  // namespace urbanmine::market
