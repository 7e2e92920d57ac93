// SPDX-License-Identifier: Apache-2.0
// Units as types. Only meaningful arithmetic compiles: Tonnes + Tonnes, Tonnes * Fraction,
// Tonnes / Tonnes (a plain ratio); Tonnes + Year does not. Conversions are named functions.
// All quantities are doubles; calendar years are integers.
#pragma once

#include <cmath>
#include <compare>
#include <string>

#include "core/result.h"

namespace urbanmine::core {

// A double tagged with its unit. Tag types are empty structs; see the aliases below.
template <typename Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double value) : value_(value) {}

  constexpr double value() const { return value_; }

  constexpr Quantity operator+(Quantity other) const { return Quantity(value_ + other.value_); }
  constexpr Quantity operator-(Quantity other) const { return Quantity(value_ - other.value_); }
  constexpr Quantity operator-() const { return Quantity(-value_); }
  constexpr Quantity& operator+=(Quantity other) {
    value_ += other.value_;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity other) {
    value_ -= other.value_;
    return *this;
  }
  constexpr Quantity operator*(double factor) const { return Quantity(value_ * factor); }
  constexpr Quantity operator/(double divisor) const { return Quantity(value_ / divisor); }
  // The ratio of two quantities of one unit is a plain number.
  constexpr double operator/(Quantity other) const { return value_ / other.value_; }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  double value_ = 0.0;
};

template <typename Tag>
constexpr Quantity<Tag> operator*(double factor, Quantity<Tag> q) {
  return q * factor;
}

struct TonnesTag {};
struct KilowattHoursTag {};
struct YearsTag {};
struct KgPerKwhTag {};

using Tonnes = Quantity<TonnesTag>;                // metric tonnes (1,000 kg)
using KilowattHours = Quantity<KilowattHoursTag>;  // battery capacity, kWh
using Years = Quantity<YearsTag>;                  // a duration in years
using KgPerKwh = Quantity<KgPerKwhTag>;            // material intensity, kg per kWh of pack

inline constexpr double kKgPerTonne = 1000.0;
inline constexpr double kKwhPerGwh = 1.0e6;

// Tonnes of material held by `capacity` at `intensity` kg per kWh.
constexpr Tonnes tonnes_from_kwh(KilowattHours capacity, KgPerKwh intensity) {
  return Tonnes(capacity.value() * intensity.value() / kKgPerTonne);
}
constexpr double gwh_from_kwh(KilowattHours capacity) { return capacity.value() / kKwhPerGwh; }
constexpr KilowattHours kwh_from_gwh(double gwh) { return KilowattHours(gwh * kKwhPerGwh); }

// A calendar year (an integer); Year + Years is not defined on purpose: step with next().
class Year {
 public:
  constexpr Year() = default;
  constexpr explicit Year(int value) : value_(value) {}
  constexpr int value() const { return value_; }
  constexpr Year next() const { return Year(value_ + 1); }
  constexpr Year plus_years(int n) const { return Year(value_ + n); }
  // Whole years from `earlier` to this year.
  constexpr int years_since(Year earlier) const { return value_ - earlier.value_; }
  constexpr auto operator<=>(const Year&) const = default;

 private:
  int value_ = 0;
};

// A share in [0, 1]. Construct from user input with Fraction::make (returns an error when out of
// range or NaN); Fraction::checked asserts and is for values the engine computed itself.
class Fraction {
 public:
  constexpr Fraction() = default;
  static Result<Fraction> make(double value, const std::string& location = {});
  static Fraction checked(double value);
  static constexpr Fraction one() { return Fraction(1.0, 0); }
  static constexpr Fraction zero() { return Fraction(0.0, 0); }

  constexpr double value() const { return value_; }
  constexpr Fraction complement() const { return Fraction(1.0 - value_, 0); }
  constexpr Fraction operator*(Fraction other) const { return Fraction(value_ * other.value_, 0); }
  constexpr auto operator<=>(const Fraction&) const = default;

 private:
  constexpr Fraction(double value, int /*unchecked*/) : value_(value) {}
  double value_ = 0.0;
};

template <typename Tag>
constexpr Quantity<Tag> operator*(Quantity<Tag> q, Fraction f) {
  return Quantity<Tag>(q.value() * f.value());
}
template <typename Tag>
constexpr Quantity<Tag> operator*(Fraction f, Quantity<Tag> q) {
  return q * f;
}

// An amount of money with its currency (ISO 4217, e.g. "USD") and price year (the dollar year).
struct Money {
  double amount = 0.0;
  std::string currency = "USD";
  int price_year = 0;
};

// Sum of two amounts; an error when currency or price year differ (convert first).
Result<Money> add(const Money& a, const Money& b);

// The calendar years an input may name (data, scenarios, prices).
inline constexpr int kMinCalendarYear = 1900;
inline constexpr int kMaxCalendarYear = 2200;

// `value` as a calendar year; an error (naming `location`) unless it is a whole number in
// kMinCalendarYear..kMaxCalendarYear. Use it before any double becomes an int year: converting an
// out-of-range double to int is undefined behaviour.
Result<int> calendar_year(double value, const std::string& location);

}  // namespace urbanmine::core
