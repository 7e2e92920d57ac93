// SPDX-License-Identifier: Apache-2.0
// Monte Carlo percentiles against an analytic case, common random numbers, rank correlation.
#include "uncertainty/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "uncertainty/correlation.h"
#include "uncertainty/distribution.h"
#include "uncertainty/rng.h"
#include "uncertainty/special.h"

namespace urbanmine::uncertainty {
namespace {

Distribution normal(double mean, double sd) {
  Distribution d;
  d.kind = DistributionKind::kNormal;
  d.mean = mean;
  d.sd = sd;
  return d;
}

// y = 3 + 2 x1 - 1.5 x2 + x3 with independent normal inputs is normal with mean
// 3 + 2 m1 - 1.5 m2 + m3 and sd sqrt(4 s1^2 + 2.25 s2^2 + s3^2). Tolerance: every percentile
// within 4 of its reported Monte Carlo standard errors and within 5 % of the output sd (about 3
// standard errors at P5 and P95); the reported standard errors within 30 % of the asymptotic sqrt(p
// (1 - p) / n) / f(x_p).
TEST(Statistics, PercentilesOfALinearModelMatchTheNormalDistribution) {
  const std::vector<std::string> names = {"x1", "x2", "x3"};
  const std::vector<Distribution> dists = {normal(10, 2), normal(-4, 3), normal(1, 0.5)};
  const auto sampler = CopulaSampler::create(names, {});
  ASSERT_TRUE(sampler);
  constexpr std::size_t kDraws = 20000;
  std::vector<double> y(kDraws);
  std::vector<double> u;
  for (std::size_t k = 0; k < kDraws; ++k) {
    sampler->uniforms(42, k, u);
    y[k] =
        3 + 2 * dists[0].quantile(u[0]) - 1.5 * dists[1].quantile(u[1]) + dists[2].quantile(u[2]);
  }
  const double mean = 3 + 2 * 10 - 1.5 * -4 + 1;
  const double sd = std::sqrt(4 * 4 + 2.25 * 9 + 0.25);
  const Summary s = summarize(y);
  EXPECT_EQ(s.draws, kDraws);
  EXPECT_NEAR(s.mean, mean, 4 * s.mean_se);
  EXPECT_NEAR(s.mean_se, sd / std::sqrt(double(kDraws)), 0.05 * sd / std::sqrt(double(kDraws)));
  for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
    const double p = kPercentiles[i];
    const double exact = mean + sd * normal_quantile(p);
    EXPECT_NEAR(s.percentile[i], exact, 4 * s.percentile_se[i]) << kPercentileNames[i];
    EXPECT_NEAR(s.percentile[i], exact, 0.05 * sd) << kPercentileNames[i];
    const double density = std::exp(-0.5 * std::pow(normal_quantile(p), 2)) / (sd * 2.5066282746);
    const double asymptotic_se = std::sqrt(p * (1 - p) / double(kDraws)) / density;
    EXPECT_NEAR(s.percentile_se[i], asymptotic_se, 0.3 * asymptotic_se) << kPercentileNames[i];
  }
}

TEST(Statistics, SummaryDoesNotDependOnTheOrderOfDraws) {
  std::vector<double> a(1001);
  for (std::size_t k = 0; k < a.size(); ++k) a[k] = std::sin(double(k)) * 1e6 + 1e-3 * double(k);
  std::vector<double> b(a.rbegin(), a.rend());
  std::rotate(b.begin(), b.begin() + 300, b.end());
  const Summary sa = summarize(a);
  const Summary sb = summarize(b);
  EXPECT_EQ(sa.mean, sb.mean);  // bit for bit
  EXPECT_EQ(sa.sd, sb.sd);
  EXPECT_EQ(sa.percentile, sb.percentile);
}

TEST(Statistics, Type7QuantileInterpolates) {
  const std::vector<double> v = {1, 2, 3, 4, 5};
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 0.1), 1.4);
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 1.0), 5.0);
}

TEST(Rng, DrawOfAnInputDoesNotDependOnTheOtherInputs) {
  const auto alone = CopulaSampler::create({"second_life.share"}, {});
  const auto many = CopulaSampler::create({"pack_size.factor", "second_life.share", "z"}, {});
  ASSERT_TRUE(alone && many);
  std::vector<double> ua, um;
  for (std::uint64_t k : {0ULL, 1ULL, 9999ULL}) {
    alone->uniforms(7, k, ua);
    many->uniforms(7, k, um);
    EXPECT_EQ(ua[0], um[1]);  // bit for bit
    EXPECT_GT(ua[0], 0.0);
    EXPECT_LT(ua[0], 1.0);
  }
  EXPECT_NE(uniform(7, input_key("a"), 0), uniform(8, input_key("a"), 0));
  EXPECT_NE(uniform(7, input_key("a"), 0), uniform(7, input_key("b"), 0));
}

TEST(Rng, UniformsAreUniform) {
  constexpr int kBins = 10;
  constexpr int kDraws = 100000;
  std::array<int, kBins> counts{};
  for (int k = 0; k < kDraws; ++k) ++counts[std::size_t(uniform(1, 2, std::uint64_t(k)) * kBins)];
  double chi2 = 0;
  for (int c : counts) chi2 += std::pow(c - kDraws / kBins, 2) / (kDraws / kBins);
  EXPECT_LT(chi2, 27.88);  // chi-square, 9 degrees of freedom, p = 0.001
}

std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> idx(v.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < idx.size(); ++i) r[idx[i]] = double(i);
  return r;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / double(a.size());
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / double(b.size());
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

TEST(Correlation, GaussianCopulaGivesTheRequestedRankCorrelation) {
  const auto s =
      CopulaSampler::create({"a", "b", "c"}, {{"a", "b", 0.7, ""}, {"b", "c", -0.4, ""}});
  ASSERT_TRUE(s);
  constexpr std::size_t kDraws = 20000;
  std::vector<double> a(kDraws), b(kDraws), c(kDraws), u;
  for (std::size_t k = 0; k < kDraws; ++k) {
    s->uniforms(3, k, u);
    a[k] = u[0];
    b[k] = u[1];
    c[k] = u[2];
  }
  // Sampling sd of Spearman's rho at n = 20000 is about 0.005; tolerance 0.02.
  EXPECT_NEAR(pearson(ranks(a), ranks(b)), 0.7, 0.02);
  EXPECT_NEAR(pearson(ranks(b), ranks(c)), -0.4, 0.02);
}

TEST(Correlation, BadCorrelationsNameTheInputs) {
  auto r = CopulaSampler::create({"a", "b"}, {{"a", "nope", 0.5, "f.toml:9"}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nope"), std::string::npos);
  EXPECT_EQ(r.error().location, "f.toml:9");
  EXPECT_FALSE(CopulaSampler::create({"a", "b"}, {{"a", "b", 1.5, ""}}));
  // a~b 0.9, b~c 0.9, a~c -0.9 is not a correlation matrix.
  EXPECT_FALSE(CopulaSampler::create(
      {"a", "b", "c"}, {{"a", "b", 0.9, ""}, {"b", "c", 0.9, ""}, {"a", "c", -0.9, ""}}));
}

}  // namespace
}  // namespace urbanmine::uncertainty
