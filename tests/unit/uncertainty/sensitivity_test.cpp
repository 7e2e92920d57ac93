// SPDX-License-Identifier: Apache-2.0
// Sobol indices against the Ishigami function's analytic values; Morris on a linear function.
#include "uncertainty/sensitivity.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace urbanmine::uncertainty {
namespace {

// Ishigami and Homma (1990) with a = 7, b = 0.1 on x_i ~ U(-pi, pi). Analytic indices
// (Sobol' and Levitan 1999): S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424,
// ST3 = 0.2437. Tolerance: 0.03 absolute at N = 2^15 base samples (the estimators' standard
// errors there are about 0.005-0.01), and each bootstrap 95 % interval must contain the
// analytic value with a margin of 0.01.
TEST(Sobol, IshigamiIndicesMatchTheAnalyticValues) {
  constexpr double kA = 7.0;
  constexpr double kB = 0.1;
  const double pi = std::numbers::pi;
  const double v1 = 0.5 * std::pow(1 + kB * std::pow(pi, 4) / 5, 2);
  const double v2 = kA * kA / 8;
  const double v13 = std::pow(kB, 2) * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const double s_exact[] = {v1 / v, v2 / v, 0.0};
  const double st_exact[] = {(v1 + v13) / v, v2 / v, v13 / v};
  ASSERT_NEAR(s_exact[0], 0.3139, 1e-4);
  ASSERT_NEAR(st_exact[2], 0.2437, 1e-4);

  constexpr std::size_t kBase = 1U << 15U;
  const auto design = saltelli_design(kBase, {"x1", "x2", "x3"}, 2026);
  ASSERT_EQ(design.rows(), kBase * 5);
  std::vector<double> y(design.rows());
  for (std::size_t r = 0; r < design.rows(); ++r) {
    const auto u = design.row(r);
    const double x1 = -pi + 2 * pi * u[0];
    const double x2 = -pi + 2 * pi * u[1];
    const double x3 = -pi + 2 * pi * u[2];
    y[r] = std::sin(x1) + kA * std::pow(std::sin(x2), 2) + kB * std::pow(x3, 4) * std::sin(x1);
  }
  const auto idx = sobol_indices(design, y, 200, 0.95, 1);
  EXPECT_NEAR(idx.variance, v, 0.03 * v);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(idx.first[i].estimate, s_exact[i], 0.03) << "S" << i + 1;
    EXPECT_NEAR(idx.total[i].estimate, st_exact[i], 0.03) << "ST" << i + 1;
    EXPECT_LE(idx.first[i].lower - 0.01, s_exact[i]) << "S" << i + 1;
    EXPECT_GE(idx.first[i].upper + 0.01, s_exact[i]) << "S" << i + 1;
    EXPECT_LE(idx.total[i].lower - 0.01, st_exact[i]) << "ST" << i + 1;
    EXPECT_GE(idx.total[i].upper + 0.01, st_exact[i]) << "ST" << i + 1;
    EXPECT_LT(idx.total[i].upper - idx.total[i].lower, 0.1);
  }
}

TEST(Sobol, DesignRowsShareColumnsAsSaltelliPrescribes) {
  const auto d = saltelli_design(4, {"a", "b"}, 5);
  for (std::size_t j = 0; j < 4; ++j) {
    const auto a = d.row(j);
    const auto b = d.row(4 + j);
    const auto ab0 = d.row(8 + j);
    const auto ab1 = d.row(12 + j);
    EXPECT_EQ(ab0[0], b[0]);
    EXPECT_EQ(ab0[1], a[1]);
    EXPECT_EQ(ab1[0], a[0]);
    EXPECT_EQ(ab1[1], b[1]);
    EXPECT_NE(a[0], b[0]);
  }
}

// y = 5 u1 + u2 (+ 0 u3) on the uniforms: every elementary effect equals its coefficient.
TEST(Morris, LinearFunctionEffectsEqualTheCoefficients) {
  const auto d = morris_design(20, {"u1", "u2", "u3"}, 4, 11);
  ASSERT_EQ(d.rows(), 20U * 4U);
  std::vector<double> y(d.rows());
  for (std::size_t r = 0; r < d.rows(); ++r) {
    const auto u = d.row(r);
    y[r] = 5 * u[0] + u[1];
  }
  const auto e = morris_effects(d, y, 100, 0.95, 3);
  EXPECT_NEAR(e[0].mu_star.estimate, 5.0, 1e-12);
  EXPECT_NEAR(e[0].mu, 5.0, 1e-12);
  EXPECT_NEAR(e[0].sigma, 0.0, 1e-9);
  EXPECT_NEAR(e[1].mu_star.estimate, 1.0, 1e-12);
  EXPECT_NEAR(e[2].mu_star.estimate, 0.0, 1e-12);
}

// y = u1 * u2: input 1 and 2 interact (sigma > 0), input 3 does nothing.
TEST(Morris, InteractionShowsAsSpread) {
  const auto d = morris_design(50, {"u1", "u2", "u3"}, 6, 4);
  std::vector<double> y(d.rows());
  for (std::size_t r = 0; r < d.rows(); ++r) y[r] = d.row(r)[0] * d.row(r)[1];
  const auto e = morris_effects(d, y, 100, 0.95, 3);
  EXPECT_GT(e[0].sigma, 0.05);
  EXPECT_GT(e[0].mu_star.estimate, 0.2);
  EXPECT_LE(e[0].mu_star.lower, e[0].mu_star.estimate);
  EXPECT_GE(e[0].mu_star.upper, e[0].mu_star.estimate);
  EXPECT_EQ(e[2].mu_star.estimate, 0.0);
}

}  // namespace
}  // namespace urbanmine::uncertainty
