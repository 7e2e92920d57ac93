// SPDX-License-Identifier: Apache-2.0
// Distances between reference coordinates (the sites of data/plan_sites.csv):
// the transport legs of trade between capacity pools, plant siting and recycled-content sourcing.
#pragma once

namespace urbanmine::plan {

// Mean Earth radius R1 of the IUGG (Moritz 2000, Geodetic Reference System 1980), km.
inline constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle (haversine) distance between two points given in degrees, km. A lower bound of
// the distance goods travel by road, rail or sea.
double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

}  // namespace urbanmine::plan
