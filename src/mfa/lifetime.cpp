// SPDX-License-Identifier: Apache-2.0
// Survival functions of the five lifetime families and the cohort survival matrix.
#include "mfa/lifetime.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "mfa/number_text.h"

namespace urbanmine::mfa {

namespace {

constexpr double kInvSqrt2 = 1.0 / std::numbers::sqrt2;
// make_survival_matrix keeps all run curves (and fills rows) only while they take at most this
// many values (64 KiB), so that the scratch stays small and off the page-fault path.
constexpr std::size_t kRowFillMaxCurveValues = 8192;

// 1 - Phi(z) for the standard normal, accurate in the upper tail.
double normal_sf(double z) { return 0.5 * std::erfc(z * kInvSqrt2); }

struct LogNormalMuSigma {
  double mu;
  double sigma;
};

LogNormalMuSigma lognormal_mu_sigma(const LifetimeParams& p) {
  const double ratio = p.lognormal == LogNormalParameterisation::kMoments
                           ? (p.std * p.std) / (p.mean * p.mean)
                           : (p.mean * p.mean) / (p.std * p.std);
  const double sigma = std::sqrt(std::log1p(ratio));
  const double mu = std::log(p.mean / std::sqrt(1.0 + ratio));
  return {mu, sigma};
}

}  // namespace

std::string_view lifetime_type_name(LifetimeType type) {
  switch (type) {
    case LifetimeType::kFixed:
      return "Fixed";
    case LifetimeType::kNormal:
      return "Normal";
    case LifetimeType::kFoldedNormal:
      return "FoldedNormal";
    case LifetimeType::kLogNormal:
      return "LogNormal";
    case LifetimeType::kWeibull:
      return "Weibull";
    case LifetimeType::kLogistic:
      return "Logistic";
  }
  return "Normal";
}

bool parse_lifetime_type(std::string_view text, LifetimeType& out) {
  for (auto t : {LifetimeType::kFixed, LifetimeType::kNormal, LifetimeType::kFoldedNormal,
                 LifetimeType::kLogNormal, LifetimeType::kWeibull, LifetimeType::kLogistic}) {
    if (lifetime_type_name(t) == text) {
      out = t;
      return true;
    }
  }
  return false;
}

std::string_view lognormal_parameterisation_name(LogNormalParameterisation p) {
  return p == LogNormalParameterisation::kOdym ? "odym" : "moments";
}

bool parse_lognormal_parameterisation(std::string_view text, LogNormalParameterisation& out) {
  if (text == "odym") {
    out = LogNormalParameterisation::kOdym;
  } else if (text == "moments") {
    out = LogNormalParameterisation::kMoments;
  } else {
    return false;
  }
  return true;
}

core::Status validate(const LifetimeParams& p, std::size_t cohort, std::string_view location) {
  const std::string where = std::string(location);
  const std::string idx = "[" + std::to_string(cohort) + "]";
  auto bad = [&](const char* field, const std::string& what, const char* hint) {
    return core::Error::invalid_input(
        std::string("lifetime ") + field + " of cohort " + std::to_string(cohort) + " " + what,
        where + "." + field + idx, hint);
  };
  auto finite = [](double v) { return std::isfinite(v); };
  switch (p.type) {
    case LifetimeType::kFixed:
    case LifetimeType::kNormal:
    case LifetimeType::kFoldedNormal:
    case LifetimeType::kLogNormal:
    case LifetimeType::kLogistic:
      if (!finite(p.mean) || p.mean < 0.0) {
        return bad("mean", "is " + detail::number_text(p.mean) + ", not a finite number >= 0",
                   "give the mean lifetime in years, 0 or more");
      }
      break;
    case LifetimeType::kWeibull:
      if (!finite(p.shape) || p.shape <= 0.0) {
        return bad("shape", "is " + detail::number_text(p.shape) + ", not a finite number > 0",
                   "give the Weibull shape k, greater than 0");
      }
      if (!finite(p.scale) || p.scale <= 0.0) {
        return bad("scale", "is " + detail::number_text(p.scale) + ", not a finite number > 0",
                   "give the Weibull scale lambda in years, greater than 0");
      }
      return {};
  }
  if (p.type == LifetimeType::kFixed) return {};
  // ODYM's rule for a Normal or FoldedNormal mean of 0 (the whole cohort leaves at once) never
  // reads std, so std 0 is accepted there; a negative or non-finite std never is.
  const bool std_unused =
      p.mean == 0.0 && (p.type == LifetimeType::kNormal || p.type == LifetimeType::kFoldedNormal);
  if (std_unused && finite(p.std) && p.std >= 0.0) return {};
  if (!finite(p.std) || p.std <= 0.0) {
    return bad("std", "is " + detail::number_text(p.std) + ", not a finite number > 0",
               "give the standard deviation in years, greater than 0");
  }
  if (p.type == LifetimeType::kLogNormal && p.mean <= 0.0) {
    return bad("mean", "is 0; a LogNormal lifetime needs a mean > 0",
               "give the mean lifetime in years, greater than 0");
  }
  return {};
}

double survival_function(const LifetimeParams& p, double age) {
  switch (p.type) {
    case LifetimeType::kFixed:
      return age < p.mean ? 1.0 : 0.0;
    case LifetimeType::kNormal:
      if (p.mean == 0.0) return 0.0;
      return normal_sf((age - p.mean) / p.std);
    case LifetimeType::kFoldedNormal:
      if (p.mean == 0.0) return 0.0;
      return normal_sf((age - p.mean) / p.std) + normal_sf((age + p.mean) / p.std);
    case LifetimeType::kLogNormal: {
      if (age <= 0.0) return 1.0;
      const auto [mu, sigma] = lognormal_mu_sigma(p);
      return normal_sf((std::log(age) - mu) / sigma);
    }
    case LifetimeType::kWeibull:
      if (age <= 0.0) return 1.0;
      return std::exp(-std::pow(age / p.scale, p.shape));
    case LifetimeType::kLogistic: {
      const double scale = p.std * std::sqrt(3.0) / std::numbers::pi;
      return 1.0 / (1.0 + std::exp((age - p.mean) / scale));
    }
  }
  return 0.0;
}

void survival_curve(const LifetimeParams& p, double age_offset, std::span<double> out) {
  if (p.type == LifetimeType::kLogNormal) {
    // Hoist mu and sigma out of the loop.
    const auto [mu, sigma] = lognormal_mu_sigma(p);
    const double inv = 1.0 / sigma;
    for (std::size_t a = 0; a < out.size(); ++a) {
      const double age = static_cast<double>(a) + age_offset;
      out[a] = age <= 0.0 ? 1.0 : normal_sf((std::log(age) - mu) * inv);
    }
    return;
  }
  for (std::size_t a = 0; a < out.size(); ++a) {
    out[a] = survival_function(p, static_cast<double>(a) + age_offset);
  }
}

void make_survival_matrix(std::span<const LifetimeParams> cohorts, double age_offset,
                          SurvivalMatrix& sm) {
  const std::size_t years = cohorts.size();
  sm.reset(years);
  // Runs of consecutive cohorts with equal parameters share one curve, evaluated once for the
  // longest span the run needs; run r covers cohorts [run_start[r], run_start[r + 1]).
  std::vector<std::size_t> run_start;
  for (std::size_t c = 0; c < years; ++c) {
    if (c == 0 || !(cohorts[c] == cohorts[c - 1])) run_start.push_back(c);
  }
  const std::size_t runs = run_start.size();
  run_start.push_back(years);
  if (runs * years > kRowFillMaxCurveValues) {
    // Many runs (cohort-varying lifetimes): one curve buffer, filled column by column.
    std::vector<double> curve(years);
    for (std::size_t r = 0; r < runs; ++r) {
      survival_curve(cohorts[run_start[r]], age_offset,
                     std::span<double>(curve.data(), years - run_start[r]));
      for (std::size_t c = run_start[r]; c < run_start[r + 1]; ++c) {
        for (std::size_t t = c; t < years; ++t) sm(t, c) = curve[t - c];
      }
    }
    return;
  }
  // Few runs: keep every curve and fill row by row (contiguous writes); row t, cohort c in run r
  // reads curve r at age t - c.
  std::vector<double> curves(runs * years);
  for (std::size_t r = 0; r < runs; ++r) {
    survival_curve(cohorts[run_start[r]], age_offset,
                   std::span<double>(curves.data() + r * years, years - run_start[r]));
  }
  for (std::size_t t = 0; t < years; ++t) {
    for (std::size_t r = 0; r < runs && run_start[r] <= t; ++r) {
      const double* curve = curves.data() + r * years;
      const std::size_t last = std::min(run_start[r + 1], t + 1);
      for (std::size_t c = run_start[r]; c < last; ++c) sm(t, c) = curve[t - c];
    }
  }
}

SurvivalMatrix make_survival_matrix(std::span<const LifetimeParams> cohorts, double age_offset) {
  SurvivalMatrix sm;
  make_survival_matrix(cohorts, age_offset, sm);
  return sm;
}

}  // namespace urbanmine::mfa
