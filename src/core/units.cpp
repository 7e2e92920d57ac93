// SPDX-License-Identifier: Apache-2.0
// Checked construction of fractions and money arithmetic.
#include "core/units.h"

#include <sstream>
#include <string>

namespace urbanmine::core {

Result<Fraction> Fraction::make(double value, const std::string& location) {
  if (std::isnan(value) || value < 0.0 || value > 1.0) {
    return Error::invalid_input(
        "fraction " + std::to_string(value) + " is outside [0, 1]", location,
        "give a share between 0 and 1 (percentages must be divided by 100)");
  }
  return Fraction(value, 0);
}

Fraction Fraction::checked(double value) {
  URBANMINE_ASSERT(!std::isnan(value) && value >= 0.0 && value <= 1.0,
                   "engine computed a fraction outside [0, 1]");
  return Fraction(value, 0);
}

Result<Money> add(const Money& a, const Money& b) {
  if (a.currency != b.currency || a.price_year != b.price_year) {
    return Error::invalid_input("cannot add " + a.currency + " of " + std::to_string(a.price_year) +
                                    " to " + b.currency + " of " + std::to_string(b.price_year),
                                {}, "convert both amounts to one currency and price year first");
  }
  return Money{a.amount + b.amount, a.currency, a.price_year};
}

Result<int> calendar_year(double value, const std::string& location) {
  if (!std::isfinite(value) || value < kMinCalendarYear || value > kMaxCalendarYear ||
      std::floor(value) != value) {
    std::ostringstream shown;
    shown << value;
    return Error::invalid_input("year " + shown.str() + " is not a whole year in " +
                                    std::to_string(kMinCalendarYear) + "-" +
                                    std::to_string(kMaxCalendarYear),
                                location, "give a calendar year such as 2024");
  }
  return static_cast<int>(value);
}

}  // namespace urbanmine::core
