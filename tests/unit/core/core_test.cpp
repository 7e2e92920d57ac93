// SPDX-License-Identifier: Apache-2.0
// Core types: errors and their exit codes, Result, units, fractions, DimArray, tolerance.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "core/dim_array.h"
#include "core/error.h"
#include "core/result.h"
#include "core/tolerance.h"
#include "core/units.h"

namespace urbanmine::core {
namespace {

TEST(ErrorCodes, MapToExitCodesAndHttpStatuses) {
  EXPECT_EQ(exit_code_for(ErrorCode::kInvalidInput), 3);
  EXPECT_EQ(exit_code_for(ErrorCode::kIo), 4);
  EXPECT_EQ(exit_code_for(ErrorCode::kInternal), 5);
  EXPECT_EQ(http_status_for(ErrorCode::kInvalidInput), 400);
  EXPECT_EQ(http_status_for(ErrorCode::kNotFound), 404);
  EXPECT_EQ(error_code_name(ErrorCode::kConflict), "conflict");
}

TEST(ErrorText, NamesLocationMessageAndHint) {
  const auto e = Error::invalid_input("bad value", "f.csv:3:share", "fix it");
  EXPECT_EQ(e.to_string(), "f.csv:3:share: bad value (fix it)");
}

TEST(DiagnosticsCollect, EveryProblemAndStrictTurnsWarningsIntoErrors) {
  Diagnostics d;
  d.add_warning(Error::invalid_input("w", "a"));
  EXPECT_FALSE(d.has_errors());
  EXPECT_TRUE(d.has_errors(/*strict=*/true));
  d.add_error(Error::invalid_input("e1", "b"));
  d.add_error(Error::invalid_input("e2", "c"));
  EXPECT_EQ(d.error_count(), 2U);
  const auto summary = d.to_error();
  EXPECT_NE(summary.message.find("e1"), std::string::npos);
  EXPECT_NE(summary.message.find("e2"), std::string::npos);
}

Result<int> half(int x) {
  if (x % 2 != 0) return Error::invalid_input("odd");
  return x / 2;
}

TEST(ResultType, HoldsValueOrError) {
  EXPECT_EQ(*half(4), 2);
  EXPECT_FALSE(half(3).has_value());
  EXPECT_EQ(half(3).error().message, "odd");
}

TEST(Units, OnlyMeaningfulArithmetic) {
  const Tonnes a(10.0);
  const Tonnes b(5.0);
  EXPECT_DOUBLE_EQ((a + b).value(), 15.0);
  EXPECT_DOUBLE_EQ(a / b, 2.0);
  EXPECT_DOUBLE_EQ((a * Fraction::checked(0.25)).value(), 2.5);
  EXPECT_DOUBLE_EQ(tonnes_from_kwh(KilowattHours(1000.0), KgPerKwh(0.1)).value(), 0.1);
  EXPECT_EQ(Year(2023).years_since(Year(2010)), 13);
  static_assert(!std::is_invocable_v<std::plus<>, Tonnes, KilowattHours>);
  static_assert(!std::is_invocable_v<std::plus<>, Tonnes, Year>);
}

TEST(Fractions, RejectOutOfRangeAndNaN) {
  EXPECT_TRUE(Fraction::make(0.5).has_value());
  EXPECT_FALSE(Fraction::make(1.2).has_value());
  EXPECT_FALSE(Fraction::make(-0.1).has_value());
  EXPECT_FALSE(Fraction::make(std::numeric_limits<double>::quiet_NaN()).has_value());
}

TEST(MoneyAdd, RefusesMixedPriceYears) {
  EXPECT_TRUE(add(Money{1, "USD", 2023}, Money{2, "USD", 2023}).has_value());
  EXPECT_FALSE(add(Money{1, "USD", 2019}, Money{2, "USD", 2023}).has_value());
}

TEST(DimArrayOps, SumAndSliceByName) {
  auto arr =
      DimArray::zeros({Dimension("region", {"KOR", "USA"}), Dimension::years("year", 2020, 2022),
                       Dimension("element", {"Li", "Ni"})});
  ASSERT_TRUE(arr.has_value());
  ASSERT_TRUE(arr->set({{"region", "USA"}, {"year", "2021"}, {"element", "Ni"}}, 7.0));
  ASSERT_TRUE(arr->set({{"element", "Li"}, {"region", "KOR"}, {"year", "2020"}}, 2.0));
  auto by_region = arr->sum_to({"region"});
  ASSERT_TRUE(by_region.has_value());
  EXPECT_DOUBLE_EQ(by_region->at({0}), 2.0);
  EXPECT_DOUBLE_EQ(by_region->at({1}), 7.0);
  auto usa = arr->slice("region", "USA");
  ASSERT_TRUE(usa.has_value());
  EXPECT_EQ(usa->dims().size(), 2U);
  EXPECT_DOUBLE_EQ(*usa->get({{"year", "2021"}, {"element", "Ni"}}), 7.0);
  EXPECT_DOUBLE_EQ(arr->total(), 9.0);
  EXPECT_FALSE(arr->slice("region", "FRA").has_value());
  EXPECT_FALSE(arr->sum_over("chemistry").has_value());
}

TEST(DimArrayOps, RejectMismatchedShapes) {
  auto a = DimArray::zeros({Dimension("region", {"KOR"})});
  auto b = DimArray::zeros({Dimension("element", {"Li"})});
  EXPECT_FALSE(a->add(*b).has_value());
  EXPECT_FALSE(DimArray::zeros({Dimension("x", {"a"}), Dimension("x", {"b"})}).has_value());
}

TEST(ToleranceHelper, RelativeAndAbsolute) {
  EXPECT_TRUE(approx_equal(1.0, 1.0 + 1e-12));
  EXPECT_FALSE(approx_equal(1.0, 1.0 + 1e-6));
  EXPECT_TRUE(approx_equal(0.0, 1e-13));
}

}  // namespace
}  // namespace urbanmine::core
