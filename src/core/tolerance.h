// SPDX-License-Identifier: Apache-2.0
// The one shared comparison of doubles: |a - b| <= abs + rel * max(|a|, |b|).
#pragma once

#include <algorithm>
#include <cmath>

namespace urbanmine::core {

struct Tolerance {
  double rel = 1e-9;   // relative part
  double abs = 1e-12;  // absolute part, for values near zero
};

inline constexpr Tolerance kDefaultTolerance{};
// Mass balances are checked to this (issue: 1e-9 relative).
inline constexpr Tolerance kMassBalanceTolerance{1e-9, 1e-9};

inline bool approx_equal(double a, double b, Tolerance tol = kDefaultTolerance) {
  return std::fabs(a - b) <= tol.abs + tol.rel * std::max(std::fabs(a), std::fabs(b));
}

// Residual |a - b| within tol relative to a scale (e.g. the largest stock in a series).
inline bool within_scaled(double residual, double scale, Tolerance tol = kDefaultTolerance) {
  return std::fabs(residual) <= tol.abs + tol.rel * std::fabs(scale);
}

}  // namespace urbanmine::core
