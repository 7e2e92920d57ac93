// SPDX-License-Identifier: Apache-2.0
// Distributions of uncertain inputs. Every distribution is sampled by its inverse CDF from one
// uniform number in (0, 1), so draws can be correlated through a copula (correlation.h) and
// screened on a grid of quantiles (Morris, sensitivity.h).
//
// Parameters (docs/uncertainty.md):
// - normal: mean, sd (>= 0); optional lower/upper truncate it;
// - lognormal: mean, sd of the variable itself (> 0); optional lower/upper truncate it;
// - triangular: lower <= mode <= upper;
// - uniform: lower <= upper;
// - beta: alpha, beta (> 0) on [lower, upper] (default [0, 1]);
// - choice: options (labels) with weights (>= 0, not all zero); a draw returns the index of
//   the option chosen.
// A share (a fraction that must lie in 0-1) is checked: its support must lie inside [0, 1].
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::uncertainty {

enum class DistributionKind { kNormal, kLogNormal, kTriangular, kUniform, kBeta, kChoice };

// Text codes as written in files ("normal", "lognormal", ...); never renamed.
const char* distribution_kind_code(DistributionKind kind);
core::Result<DistributionKind> parse_distribution_kind(const std::string& code);

struct Distribution {
  DistributionKind kind = DistributionKind::kUniform;
  double mean = 0.0;
  double sd = 0.0;
  double mode = 0.0;
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  double alpha = 0.0;
  double beta = 0.0;
  std::vector<std::string> options;  // choice labels
  std::vector<double> weights;       // choice weights, one per option

  // Smallest and largest value a draw can take (for choice: 0 and options - 1).
  double support_lower() const;
  double support_upper() const;
  // The value at quantile u in (0, 1). Precondition: validate() succeeded.
  double quantile(double u) const;
  // The median (the central value used when the input is not drawn).
  double median() const { return quantile(0.5); }
};

// Checks the parameters; `key` names the input in the error (with `location`, e.g. a file and
// line). `is_share`: the value is a fraction, so the support must lie inside [0, 1].
core::Result<void> validate(const Distribution& d, const std::string& key,
                            const std::string& location, bool is_share);

}  // namespace urbanmine::uncertainty
