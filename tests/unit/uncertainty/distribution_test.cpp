// SPDX-License-Identifier: Apache-2.0
// Distributions: inverse CDFs against closed forms, and the checks that name the bad key.
#include "uncertainty/distribution.h"

#include <cmath>

#include <gtest/gtest.h>

#include "uncertainty/special.h"

namespace urbanmine::uncertainty {
namespace {

TEST(Special, NormalQuantileMatchesKnownValues) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(0.05), -1.6448536269514722, 1e-13);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-9);
  for (double p = 0.001; p < 1.0; p += 0.0137)
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-14);
}

TEST(Special, BetaCdfMatchesClosedFormForIntegerParameters) {
  // I_x(2, 5) = 1 - (1 - x)^6 - 6 x (1 - x)^5.
  for (double x = 0.05; x < 1.0; x += 0.1) {
    const double expected = 1.0 - std::pow(1.0 - x, 6) - 6.0 * x * std::pow(1.0 - x, 5);
    EXPECT_NEAR(beta_cdf(x, 2.0, 5.0), expected, 1e-13) << x;
    EXPECT_NEAR(beta_cdf(beta_quantile(expected, 2.0, 5.0), 2.0, 5.0), expected, 1e-12);
  }
  EXPECT_NEAR(beta_quantile(0.5, 3.0, 3.0), 0.5, 1e-12);
}

TEST(Distribution, QuantilesFollowTheirDefinitions) {
  Distribution tri;
  tri.kind = DistributionKind::kTriangular;
  tri.lower = 10;
  tri.mode = 15;
  tri.upper = 20;
  EXPECT_DOUBLE_EQ(tri.quantile(0.5), 15.0);
  EXPECT_NEAR(tri.quantile(0.125), 10.0 + std::sqrt(0.125 * 10 * 5), 1e-12);

  Distribution uni;
  uni.kind = DistributionKind::kUniform;
  uni.lower = 2;
  uni.upper = 4;
  EXPECT_DOUBLE_EQ(uni.quantile(0.25), 2.5);

  Distribution ln;
  ln.kind = DistributionKind::kLogNormal;
  ln.mean = 10;
  ln.sd = 3;
  const double sigma2 = std::log1p(0.09);
  EXPECT_NEAR(ln.median(), std::exp(std::log(10.0) - sigma2 / 2.0), 1e-12);

  Distribution tn;  // normal truncated to [0, 1]: every quantile inside
  tn.kind = DistributionKind::kNormal;
  tn.mean = 0.9;
  tn.sd = 0.2;
  tn.lower = 0.0;
  tn.upper = 1.0;
  EXPECT_LE(tn.quantile(0.999999), 1.0);
  EXPECT_GE(tn.quantile(1e-9), 0.0);
  // Truncated median: the point that splits the truncated mass in two.
  const double lo = normal_cdf(-4.5);
  const double hi = normal_cdf(0.5);
  EXPECT_NEAR(normal_cdf((tn.median() - 0.9) / 0.2), (lo + hi) / 2.0, 1e-12);

  Distribution choice;
  choice.kind = DistributionKind::kChoice;
  choice.options = {"a", "b", "c"};
  choice.weights = {1, 2, 1};
  EXPECT_EQ(choice.quantile(0.2), 0.0);
  EXPECT_EQ(choice.quantile(0.6), 1.0);
  EXPECT_EQ(choice.quantile(0.8), 2.0);
}

TEST(Distribution, NegativeSdIsAnErrorNamingTheKey) {
  Distribution d;
  d.kind = DistributionKind::kNormal;
  d.mean = 15;
  d.sd = -1;
  const auto r = validate(d, "lifetime.car_bev.battery.mean_years", "s.toml:3", false);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("lifetime.car_bev.battery.mean_years"), std::string::npos);
  EXPECT_NE(r.error().message.find("sd"), std::string::npos);
  EXPECT_EQ(r.error().location, "s.toml:3");
}

TEST(Distribution, LowerAboveUpperIsAnError) {
  Distribution d;
  d.kind = DistributionKind::kUniform;
  d.lower = 0.9;
  d.upper = 0.5;
  const auto r = validate(d, "collection.fraction", "", true);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("above upper"), std::string::npos);
}

TEST(Distribution, ShareThatCanExceedOneIsAnError) {
  Distribution d;
  d.kind = DistributionKind::kNormal;
  d.mean = 0.5;
  d.sd = 0.1;
  auto r = validate(d, "second_life.share", "", true);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("second_life.share"), std::string::npos);
  EXPECT_NE(r.error().message.find("share"), std::string::npos);
  d.lower = 0.0;
  d.upper = 1.0;
  EXPECT_TRUE(validate(d, "second_life.share", "", true));

  Distribution tri;
  tri.kind = DistributionKind::kTriangular;
  tri.lower = 0.8;
  tri.mode = 0.95;
  tri.upper = 1.05;
  EXPECT_FALSE(validate(tri, "recovery.hydrometallurgy.Li", "", true));
  EXPECT_TRUE(validate(tri, "pack_size.factor", "", false));

  Distribution beta;
  beta.kind = DistributionKind::kBeta;
  beta.alpha = 8;
  beta.beta = 2;
  EXPECT_TRUE(validate(beta, "collection.fraction", "", true));
  beta.upper = 2.0;
  EXPECT_FALSE(validate(beta, "collection.fraction", "", true));
}

TEST(Distribution, KindCodesRoundTrip) {
  for (const char* code : {"normal", "lognormal", "triangular", "uniform", "beta", "choice"}) {
    const auto k = parse_distribution_kind(code);
    ASSERT_TRUE(k);
    EXPECT_STREQ(distribution_kind_code(*k), code);
  }
  EXPECT_FALSE(parse_distribution_kind("gaussian"));
}

}  // namespace
}  // namespace urbanmine::uncertainty
