// SPDX-License-Identifier: Apache-2.0
#include "plan/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace urbanmine::plan {

double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  const double to_rad = std::numbers::pi / 180.0;
  const double p1 = lat1_deg * to_rad, p2 = lat2_deg * to_rad;
  const double dp = p2 - p1, dl = (lon2_deg - lon1_deg) * to_rad;
  const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace urbanmine::plan
