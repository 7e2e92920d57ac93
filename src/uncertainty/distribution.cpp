// SPDX-License-Identifier: Apache-2.0
// Distribution checks and inverse CDFs (distribution.h).
#include "uncertainty/distribution.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "uncertainty/special.h"

namespace urbanmine::uncertainty {

namespace {

std::string num(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// Log-space parameters of a lognormal with arithmetic mean m and sd s.
struct LogParams {
  double mu = 0.0;
  double sigma = 0.0;
};
LogParams log_params(double mean, double sd) {
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  return {std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}

// Maps u in (0, 1) into the CDF range [cdf(lower), cdf(upper)] of a truncated distribution.
double truncate_u(double u, double cdf_lower, double cdf_upper) {
  return cdf_lower + u * (cdf_upper - cdf_lower);
}

core::Error bad(const std::string& key, const std::string& location, const std::string& what,
                const std::string& hint) {
  return core::Error::invalid_input("uncertain input '" + key + "': " + what,
                                    location.empty() ? key : location, hint);
}

}  // namespace

const char* distribution_kind_code(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kNormal:
      return "normal";
    case DistributionKind::kLogNormal:
      return "lognormal";
    case DistributionKind::kTriangular:
      return "triangular";
    case DistributionKind::kUniform:
      return "uniform";
    case DistributionKind::kBeta:
      return "beta";
    case DistributionKind::kChoice:
      return "choice";
  }
  return "uniform";
}

core::Result<DistributionKind> parse_distribution_kind(const std::string& code) {
  for (const auto kind :
       {DistributionKind::kNormal, DistributionKind::kLogNormal, DistributionKind::kTriangular,
        DistributionKind::kUniform, DistributionKind::kBeta, DistributionKind::kChoice}) {
    if (code == distribution_kind_code(kind)) return kind;
  }
  return core::Error::invalid_input("unknown distribution '" + code + "'", {},
                                    "use normal, lognormal, triangular, uniform, beta or choice");
}

double Distribution::support_lower() const {
  switch (kind) {
    case DistributionKind::kNormal:
      return lower;
    case DistributionKind::kLogNormal:
      return std::max(0.0, lower);
    case DistributionKind::kTriangular:
    case DistributionKind::kUniform:
      return lower;
    case DistributionKind::kBeta:
      return std::isfinite(lower) ? lower : 0.0;
    case DistributionKind::kChoice:
      return 0.0;
  }
  return lower;
}

double Distribution::support_upper() const {
  switch (kind) {
    case DistributionKind::kNormal:
    case DistributionKind::kLogNormal:
    case DistributionKind::kTriangular:
    case DistributionKind::kUniform:
      return upper;
    case DistributionKind::kBeta:
      return std::isfinite(upper) ? upper : 1.0;
    case DistributionKind::kChoice:
      return options.empty() ? 0.0 : static_cast<double>(options.size() - 1);
  }
  return upper;
}

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistributionKind::kNormal: {
      if (sd == 0.0) return mean;
      const double lo = std::isfinite(lower) ? normal_cdf((lower - mean) / sd) : 0.0;
      const double hi = std::isfinite(upper) ? normal_cdf((upper - mean) / sd) : 1.0;
      const double x = mean + sd * normal_quantile(truncate_u(u, lo, hi));
      return std::clamp(x, lower, upper);
    }
    case DistributionKind::kLogNormal: {
      if (sd == 0.0) return mean;
      const LogParams lp = log_params(mean, sd);
      const double lo = std::isfinite(lower) && lower > 0.0
                            ? normal_cdf((std::log(lower) - lp.mu) / lp.sigma)
                            : 0.0;
      const double hi =
          std::isfinite(upper) ? normal_cdf((std::log(upper) - lp.mu) / lp.sigma) : 1.0;
      const double x = std::exp(lp.mu + lp.sigma * normal_quantile(truncate_u(u, lo, hi)));
      return std::clamp(x, support_lower(), upper);
    }
    case DistributionKind::kTriangular: {
      const double width = upper - lower;
      if (width == 0.0) return lower;
      const double f = (mode - lower) / width;
      if (u < f) return lower + std::sqrt(u * width * (mode - lower));
      return upper - std::sqrt((1.0 - u) * width * (upper - mode));
    }
    case DistributionKind::kUniform:
      return lower + u * (upper - lower);
    case DistributionKind::kBeta: {
      const double lo = support_lower();
      const double hi = support_upper();
      return lo + (hi - lo) * beta_quantile(u, alpha, beta);
    }
    case DistributionKind::kChoice: {
      double total = 0.0;
      for (const double w : weights) total += w;
      double cumulative = 0.0;
      for (std::size_t i = 0; i < weights.size(); ++i) {
        cumulative += weights[i];
        if (u * total < cumulative) return static_cast<double>(i);
      }
      return static_cast<double>(weights.size() - 1);
    }
  }
  return mean;
}

core::Result<void> validate(const Distribution& d, const std::string& key,
                            const std::string& location, bool is_share) {
  auto finite = [](double v) { return std::isfinite(v); };
  switch (d.kind) {
    case DistributionKind::kNormal:
    case DistributionKind::kLogNormal:
      if (!finite(d.mean)) return bad(key, location, "mean is missing or not finite", "set mean");
      if (!finite(d.sd) || d.sd < 0.0) {
        return bad(key, location, "sd must be a finite number >= 0, got " + num(d.sd),
                   "give a standard deviation of zero or more");
      }
      if (d.kind == DistributionKind::kLogNormal && d.mean <= 0.0) {
        return bad(key, location, "a lognormal needs mean > 0, got " + num(d.mean),
                   "use normal for quantities that can be zero or negative");
      }
      if (d.lower > d.upper) {
        return bad(key, location,
                   "lower bound " + num(d.lower) + " is above upper bound " + num(d.upper),
                   "swap lower and upper");
      }
      if (d.sd > 0.0 && finite(d.lower) && finite(d.upper) && d.lower == d.upper) {
        return bad(key, location, "lower equals upper for a distribution with sd > 0",
                   "widen the bounds or set sd = 0");
      }
      break;
    case DistributionKind::kTriangular:
      if (!finite(d.lower) || !finite(d.upper) || !finite(d.mode)) {
        return bad(key, location, "a triangular needs lower, mode and upper",
                   "set all three, lower <= mode <= upper");
      }
      if (d.lower > d.upper) {
        return bad(key, location,
                   "lower bound " + num(d.lower) + " is above upper bound " + num(d.upper),
                   "swap lower and upper");
      }
      if (d.mode < d.lower || d.mode > d.upper) {
        return bad(key, location, "mode " + num(d.mode) + " is outside [lower, upper]",
                   "put the mode between the bounds");
      }
      break;
    case DistributionKind::kUniform:
      if (!finite(d.lower) || !finite(d.upper)) {
        return bad(key, location, "a uniform needs finite lower and upper", "set lower and upper");
      }
      if (d.lower > d.upper) {
        return bad(key, location,
                   "lower bound " + num(d.lower) + " is above upper bound " + num(d.upper),
                   "swap lower and upper");
      }
      break;
    case DistributionKind::kBeta:
      if (!finite(d.alpha) || !finite(d.beta) || d.alpha <= 0.0 || d.beta <= 0.0) {
        return bad(key, location, "a beta needs alpha > 0 and beta > 0",
                   "set alpha and beta, e.g. alpha = 8, beta = 2");
      }
      if (d.support_lower() >= d.support_upper()) {
        return bad(key, location,
                   "lower bound " + num(d.support_lower()) + " is not below upper bound " +
                       num(d.support_upper()),
                   "swap lower and upper");
      }
      break;
    case DistributionKind::kChoice: {
      if (d.options.empty() || d.options.size() != d.weights.size()) {
        return bad(key, location, "a choice needs options and one weight per option",
                   "write options = [\"a\", \"b\"] and weights = [0.5, 0.5]");
      }
      double total = 0.0;
      for (const double w : d.weights) {
        if (!finite(w) || w < 0.0) {
          return bad(key, location, "choice weights must be >= 0", "fix the weights");
        }
        total += w;
      }
      if (total <= 0.0) return bad(key, location, "choice weights are all zero", "fix the weights");
      return {};
    }
  }
  if (is_share && (d.support_lower() < 0.0 || d.support_upper() > 1.0)) {
    return bad(key, location,
               "is a share (0-1) but its distribution can take values in [" +
                   num(d.support_lower()) + ", " + num(d.support_upper()) + "]",
               "bound it inside 0-1: set lower/upper (truncation) or use beta or triangular");
  }
  return {};
}

}  // namespace urbanmine::uncertainty
