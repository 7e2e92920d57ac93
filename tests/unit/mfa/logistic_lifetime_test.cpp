// SPDX-License-Identifier: Apache-2.0
// The Logistic lifetime law (Busch et al. 2024): scale = std * sqrt(3) / pi, half the cohort
// gone at the mean, symmetric tails, and its name in files.
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "mfa/lifetime.h"

namespace urbanmine::mfa {
namespace {

LifetimeParams logistic(double mean, double std) {
  LifetimeParams p;
  p.type = LifetimeType::kLogistic;
  p.mean = mean;
  p.std = std;
  return p;
}

TEST(LogisticLifetime, HalfSurvivesAtTheMeanAndTailsFollowTheScale) {
  const LifetimeParams p = logistic(17.0, 4.0);
  const double scale = 4.0 * std::sqrt(3.0) / std::numbers::pi;  // 2.205 years
  EXPECT_DOUBLE_EQ(survival_function(p, 17.0), 0.5);
  // SF(mean + s ln 3) = 1/4 and SF(mean - s ln 3) = 3/4.
  EXPECT_NEAR(survival_function(p, 17.0 + scale * std::log(3.0)), 0.25, 1e-15);
  EXPECT_NEAR(survival_function(p, 17.0 - scale * std::log(3.0)), 0.75, 1e-15);
  EXPECT_GT(survival_function(p, 0.0), 0.9995);
}

TEST(LogisticLifetime, NameParsesAndBadStdIsRejected) {
  LifetimeType t = LifetimeType::kNormal;
  ASSERT_TRUE(parse_lifetime_type("Logistic", t));
  EXPECT_EQ(t, LifetimeType::kLogistic);
  EXPECT_EQ(lifetime_type_name(LifetimeType::kLogistic), "Logistic");
  EXPECT_TRUE(validate(logistic(15.0, 4.0), 0, "x").has_value());
  EXPECT_FALSE(validate(logistic(15.0, 0.0), 0, "x").has_value());
  EXPECT_FALSE(validate(logistic(-1.0, 4.0), 0, "x").has_value());
}

}  // namespace
}  // namespace urbanmine::mfa
