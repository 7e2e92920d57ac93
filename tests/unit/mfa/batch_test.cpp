// SPDX-License-Identifier: Apache-2.0
// The batch API (mfa/batch.h): curve sharing, validation, buffer contract, and agreement with the
// reference cases and the single-series solves.
#include "mfa/batch.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/dsm.h"

#include "test_support.h"

namespace urbanmine::mfa {
namespace {

LifetimeParams weibull(double shape, double scale) {
  LifetimeParams p;
  p.type = LifetimeType::kWeibull;
  p.shape = shape;
  p.scale = scale;
  return p;
}

LifetimeParams normal(double mean, double std_dev) {
  LifetimeParams p;
  p.type = LifetimeType::kNormal;
  p.mean = mean;
  p.std = std_dev;
  return p;
}

TEST(LifetimeTable, EqualProfilesShareOneIdAndEqualCohortsShareOneCurve) {
  LifetimeTable table(10);
  std::vector<LifetimeParams> varying;
  for (int c = 0; c < 10; ++c) varying.push_back(weibull(2.0 + 0.1 * (c % 3), 12.0));
  auto a = table.add(varying);
  auto b = table.add(varying);
  auto u = table.add_uniform(weibull(2.0, 12.0));
  ASSERT_TRUE(a && b && u);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *u);
  EXPECT_EQ(table.profile_count(), 2U);
  EXPECT_EQ(table.curve_count(), 3U);  // shapes 2.0, 2.1, 2.2; the uniform one reuses 2.0
  // The same parameters at another age offset are another curve.
  auto shifted = table.add_uniform(weibull(2.0, 12.0), 0.5);
  ASSERT_TRUE(shifted);
  EXPECT_EQ(table.curve_count(), 4U);
}

TEST(LifetimeTable, FieldsTheTypeDoesNotUseDoNotSplitCurves) {
  LifetimeTable table(5);
  auto plain = weibull(3.0, 10.0);
  auto noisy = plain;
  noisy.mean = 42.0;  // unused by Weibull
  noisy.std = 7.0;
  ASSERT_TRUE(table.add_uniform(plain));
  ASSERT_TRUE(table.add_uniform(noisy));
  EXPECT_EQ(table.curve_count(), 1U);
  EXPECT_EQ(table.profile_count(), 1U);
}

TEST(LifetimeTable, SurvivalMatrixEqualsMakeSurvivalMatrixExactly) {
  const std::size_t years = 30;
  std::vector<LifetimeParams> cohorts;
  for (std::size_t c = 0; c < years; ++c) cohorts.push_back(normal(8.0 + 0.25 * c, 3.0));
  LifetimeTable table(years);
  auto id = table.add(cohorts, 0.5);
  ASSERT_TRUE(id);
  const auto want = make_survival_matrix(cohorts, 0.5);
  const auto got = table.survival_matrix(*id);
  for (std::size_t i = 0; i < years * years; ++i) ASSERT_EQ(got.values()[i], want.values()[i]);
}

TEST(LifetimeTable, RejectsBadProfilesNamingTheCohortAndLeavesTheTableUnchanged) {
  LifetimeTable table(4);
  std::vector<LifetimeParams> cohorts(4, normal(10.0, 2.0));
  cohorts[2].std = -1.0;
  auto bad = table.add(cohorts, 0.0, "lifetimes.csv segment=bus");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().location, "lifetimes.csv segment=bus.std[2]");
  EXPECT_EQ(table.profile_count(), 0U);
  EXPECT_EQ(table.curve_count(), 0U);

  auto short_profile = table.add(std::vector<LifetimeParams>(3, normal(10.0, 2.0)));
  ASSERT_FALSE(short_profile);
  EXPECT_NE(short_profile.error().message.find("3 cohorts"), std::string::npos);

  auto bad_offset = table.add_uniform(normal(10.0, 2.0), 1.5);
  ASSERT_FALSE(bad_offset);
  EXPECT_EQ(bad_offset.error().code, core::ErrorCode::kInvalidInput);
}

TEST(BatchSolve, RejectsUnknownIdsWrongLengthsAndBadValuesNamingTheSeries) {
  LifetimeTable table(3);
  auto id = table.add_uniform(normal(5.0, 1.0));
  ASSERT_TRUE(id);
  const std::vector<double> good = {1.0, 2.0, 3.0};
  const std::vector<double> short_series = {1.0, 2.0};
  const std::vector<double> nan_series = {1.0, std::numeric_limits<double>::quiet_NaN(), 3.0};
  const std::vector<double> negative = {1.0, -2.0, 3.0};

  std::vector<InflowSeries> unknown = {{*id, good}, {*id + 7, good}};
  auto r1 = solve_inflow_driven_batch(table, unknown);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().location, "series[1].lifetime");

  std::vector<InflowSeries> wrong_length = {{*id, short_series}};
  auto r2 = solve_inflow_driven_batch(table, wrong_length);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().location, "series[0].inflow");

  std::vector<InflowSeries> not_finite = {{*id, good}, {*id, nan_series}};
  auto r3 = solve_inflow_driven_batch(table, not_finite);
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().location, "series[1].inflow[1]");

  std::vector<StockSeries> negative_stock = {{*id, negative}};
  auto r4 = solve_stock_driven_batch(table, negative_stock);
  ASSERT_FALSE(r4);
  EXPECT_EQ(r4.error().location, "series[0].stock[1]");
  EXPECT_EQ(r4.error().code, core::ErrorCode::kInvalidInput);
}

TEST(BatchSolve, RejectsBuffersThatAreTooSmall) {
  LifetimeTable table(3);
  auto id = table.add_uniform(normal(5.0, 1.0));
  ASSERT_TRUE(id);
  const std::vector<double> inflow = {1.0, 2.0, 3.0};
  std::vector<InflowSeries> series = {{*id, inflow}, {*id, inflow}};
  std::vector<double> stock(6);
  std::vector<double> outflow(6);
  std::vector<double> by_cohort(17);  // needs 2 * 3 * 3 = 18
  BatchOptions options;
  options.outflow_by_cohort = true;
  BatchBuffers buffers;
  buffers.stock = stock;
  buffers.outflow = outflow;
  buffers.outflow_by_cohort = by_cohort;
  auto status = solve_inflow_driven_batch(table, series, options, buffers);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("outflow_by_cohort"), std::string::npos);
}

TEST(BatchSolve, OverwritesEveryElementOfReusedBuffers) {
  const std::size_t years = 12;
  LifetimeTable table(years);
  auto id = table.add_uniform(weibull(2.5, 6.0));
  ASSERT_TRUE(id);
  std::vector<double> inflow(years);
  for (std::size_t t = 0; t < years; ++t) inflow[t] = 10.0 + static_cast<double>(t);
  std::vector<InflowSeries> series = {{*id, inflow}, {*id, inflow}};
  const double poison = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> stock(2 * years, poison);
  std::vector<double> outflow(2 * years, poison);
  std::vector<double> sbc(2 * years * years, poison);
  std::vector<double> obc(2 * years * years, poison);
  BatchOptions options;
  options.stock_by_cohort = true;
  options.outflow_by_cohort = true;
  ASSERT_TRUE(
      solve_inflow_driven_batch(table, series, options, {stock, outflow, {}, {}, sbc, obc}));
  for (double v : stock) ASSERT_TRUE(std::isfinite(v));
  for (double v : outflow) ASSERT_TRUE(std::isfinite(v));
  for (double v : sbc) ASSERT_TRUE(std::isfinite(v));
  for (double v : obc) ASSERT_TRUE(std::isfinite(v));
  EXPECT_EQ(obc[0 * years + 5], 0.0);  // above the diagonal of series 0
}

// Every reference case, solved through the batch API, equals the single-series solution
// bit for bit (and so reproduces the reference as DsmReference checks).
TEST(BatchSolve, ReproducesEveryReferenceCaseExactlyLikeTheSingleSeriesSolve) {
  for (const char* name :
       {"s01_inflow_fixed_const_T40", "s02_inflow_normal_const_T60",
        "s03_inflow_lognormal_odym_const_T50", "s04_inflow_foldednormal_cohort_T100",
        "s05_inflow_weibull_cohort_T80", "s06_stock_normal_cohort_T100",
        "s07_stock_normal_negative_inflow_corrected_T60",
        "s08_flodym_inflow_lognormal_middle_T60"}) {
    auto outcome = engine::solve_dsm_file(testing::test_data(std::string("dsm/") + name + ".json"));
    ASSERT_TRUE(outcome) << name;
    const auto& dc = outcome->dsm_case;
    const auto& single = outcome->solution.result;
    LifetimeTable table(dc.time.size());
    auto id = table.add(dc.lifetime, dc.age_offset);
    ASSERT_TRUE(id) << name;
    BatchOptions options;
    options.stock_by_cohort = true;
    options.outflow_by_cohort = true;
    options.negative_inflow_correction = dc.negative_inflow_correction;
    core::Result<BatchResult> batch = BatchResult{};
    if (dc.mode == DsmMode::kInflowDriven) {
      std::vector<InflowSeries> series = {{*id, dc.inflow}};
      batch = solve_inflow_driven_batch(table, series, options);
    } else {
      std::vector<StockSeries> series = {{*id, dc.stock}};
      batch = solve_stock_driven_batch(table, series, options);
    }
    ASSERT_TRUE(batch) << name << ": " << batch.error().to_string();
    const std::size_t n = dc.time.size();
    for (std::size_t t = 0; t < n; ++t) {
      ASSERT_EQ(batch->stock(0)[t], single.stock[t]) << name << " year " << t;
      ASSERT_EQ(batch->outflow(0)[t], single.outflow[t]) << name << " year " << t;
      ASSERT_EQ(batch->inflow(0)[t], single.inflow[t]) << name << " year " << t;
    }
    for (std::size_t i = 0; i < n * n; ++i) {
      ASSERT_EQ(batch->stock_by_cohort(0)[i], single.stock_by_cohort[i]) << name << " " << i;
      ASSERT_EQ(batch->outflow_by_cohort(0)[i], single.outflow_by_cohort[i]) << name << " " << i;
    }
  }
}

}  // namespace
}  // namespace urbanmine::mfa
