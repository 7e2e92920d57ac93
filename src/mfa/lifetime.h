// SPDX-License-Identifier: Apache-2.0
// Lifetime distributions for cohort stock models and the survival matrix they give.
//
// Conventions follow ODYM and flodym (see tests/data/dsm/README.md): S[t][c] = SF_c(t - c + a),
// where SF_c is the survival function (1 - CDF) of cohort c's lifetime and a is the age offset
// (0 for ODYM and flodym inflow_at="end", 0.5 for flodym's default inflow_at="middle").
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace urbanmine::mfa {

enum class LifetimeType { kFixed, kNormal, kFoldedNormal, kLogNormal, kWeibull, kLogistic };

// How LogNormal's (mean M, std S) inputs become (mu, sigma).
//   kMoments (flodym): the distribution has mean M and standard deviation S.
//   kOdym (ODYM):      the ratio is inverted (r = M^2/S^2); the mean is M, the std is M^2/S.
enum class LogNormalParameterisation { kOdym, kMoments };

// Text codes used in files ("Fixed", "Normal", ...); never renamed.
std::string_view lifetime_type_name(LifetimeType type);
bool parse_lifetime_type(std::string_view text, LifetimeType& out);
std::string_view lognormal_parameterisation_name(LogNormalParameterisation p);
bool parse_lognormal_parameterisation(std::string_view text, LogNormalParameterisation& out);

// Parameters of one cohort's lifetime, in years. Which fields count depends on the type:
// Fixed: mean. Normal, FoldedNormal: mean and std of the normal before folding. LogNormal: mean,
// std and the parameterisation. Weibull: shape (k) and scale (lambda), location 0. Logistic
// (Busch et al. 2024): mean and std of the logistic distribution, whose scale is
// std * sqrt(3) / pi; SF(age) = 1 / (1 + exp((age - mean) / scale)).
struct LifetimeParams {
  LifetimeType type = LifetimeType::kNormal;
  double mean = 0.0;
  double std = 0.0;
  double shape = 0.0;
  double scale = 0.0;
  LogNormalParameterisation lognormal = LogNormalParameterisation::kMoments;

  bool operator==(const LifetimeParams&) const = default;
};

// Checks one cohort's parameters: finite, std/shape/scale > 0 where used, mean >= 0 (> 0 for
// LogNormal). A Normal or FoldedNormal cohort with mean 0 may have std 0 (std is unused there).
// `location` prefixes the error location, e.g. "case.json: $.lifetime".
core::Status validate(const LifetimeParams& params, std::size_t cohort, std::string_view location);

// SF(age): the share of a cohort still alive at `age` years (age may be fractional).
// ODYM special cases: a Normal/FoldedNormal mean of 0 gives 0 everywhere (all leaves at once).
double survival_function(const LifetimeParams& params, double age);

// Survival of one cohort at ages offset, offset+1, ..., offset+(n-1); out.size() == n.
void survival_curve(const LifetimeParams& params, double age_offset, std::span<double> out);

// Lower-triangular T x T survival matrix, row t (year of observation), column c (cohort),
// row-major: value(t, c) = values[t * T + c]; entries with c > t are exactly 0.
class SurvivalMatrix {
 public:
  SurvivalMatrix() = default;
  explicit SurvivalMatrix(std::size_t years) : years_(years), values_(years * years, 0.0) {}

  // Resizes to years x years, keeping capacity, and zeroes the entries above the diagonal
  // (c > t); the caller fills the others.
  void reset(std::size_t years) {
    years_ = years;
    values_.resize(years * years);
    for (std::size_t t = 0; t + 1 < years; ++t) {
      std::fill(values_.begin() + static_cast<std::ptrdiff_t>(t * years + t + 1),
                values_.begin() + static_cast<std::ptrdiff_t>((t + 1) * years), 0.0);
    }
  }

  std::size_t years() const { return years_; }
  double operator()(std::size_t t, std::size_t c) const { return values_[t * years_ + c]; }
  double& operator()(std::size_t t, std::size_t c) { return values_[t * years_ + c]; }
  std::span<const double> values() const { return values_; }

 private:
  std::size_t years_ = 0;
  std::vector<double> values_;
};

// Survival matrix for cohort parameters `cohorts` (one per year). Cohorts with equal parameters
// share one curve evaluation. Precondition: every cohort passed validate().
SurvivalMatrix make_survival_matrix(std::span<const LifetimeParams> cohorts, double age_offset);
// The same into `out` (reset to cohorts.size() years; reusing it across calls avoids allocation).
void make_survival_matrix(std::span<const LifetimeParams> cohorts, double age_offset,
                          SurvivalMatrix& out);

}  // namespace urbanmine::mfa
