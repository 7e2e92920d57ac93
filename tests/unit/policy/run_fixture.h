// SPDX-License-Identifier: Apache-2.0
// A synthetic RunResults for the cooperation tests: three EU members (DEU, FRA, POL), KOR and
// CHN; elements Li, Ni, Co, Mn, graphite, Cu; years 2020-2035; two routes. Values follow simple
// closed forms (fixture_* functions) so that tests can compute expected ratios by hand. Also
// writes the run as long-form CSVs (region,element,[route,]year,mass_tonnes), the layout that
// `urbanmine policy check RUN` reads.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "core/dim_array.h"
#include "engine/run_results.h"

namespace urbanmine::testing {

inline const std::vector<std::string> kFixtureRegions{"DEU", "FRA", "POL", "KOR", "CHN"};
inline const std::vector<std::string> kFixtureElements{"Li", "Ni", "Co", "Mn", "graphite", "Cu"};
inline const std::vector<std::string> kFixtureRoutes{"hydrometallurgy", "pyrometallurgy"};
inline constexpr int kFixtureFirstYear = 2020;
inline constexpr int kFixtureLastYear = 2035;

// Demand (t) of a region, element and year: grows 10 % a year from a region-specific base.
inline double fixture_demand(std::size_t region_idx, std::size_t element_idx, int year) {
  const double base =
      1000.0 * static_cast<double>(region_idx + 1) + 100.0 * static_cast<double>(element_idx + 1);
  double v = base;
  for (int y = kFixtureFirstYear; y < year; ++y) v *= 1.1;
  return v;
}
// End of life: 20 % of demand; collected: 60 % of end of life; recycled: all collected, split
// 70/30 between the routes; recovered: the route's recovery fraction of recycled.
inline double fixture_eol(std::size_t r, std::size_t e, int y) {
  return 0.2 * fixture_demand(r, e, y);
}
inline double fixture_collected(std::size_t r, std::size_t e, int y) {
  return 0.6 * fixture_eol(r, e, y);
}
inline double fixture_route_share(std::size_t route) { return route == 0 ? 0.7 : 0.3; }
inline double fixture_recovery(std::size_t element_idx, std::size_t route) {
  // Li is not recovered by pyrometallurgy; Ni and Co at 0.98; others at 0.9 / 0.5.
  if (element_idx == 0) return route == 0 ? 0.9 : 0.0;
  if (element_idx == 1 || element_idx == 2) return 0.98;
  return route == 0 ? 0.9 : 0.5;
}
inline double fixture_recovered(std::size_t r, std::size_t e, int y) {
  double total = 0.0;
  for (std::size_t route = 0; route < kFixtureRoutes.size(); ++route) {
    total += fixture_collected(r, e, y) * fixture_route_share(route) * fixture_recovery(e, route);
  }
  return total;
}
// Feedstock surplus (t of battery): region-specific, CHN negative (idle capacity).
inline double fixture_surplus(std::size_t r, int y) {
  const double base[] = {5000.0, 3000.0, 8000.0, -1000.0, -20000.0};
  return base[r] + 100.0 * static_cast<double>(y - kFixtureFirstYear);
}

inline engine::RunResults make_fixture_run() {
  using core::DimArray;
  using core::Dimension;
  const Dimension region("region", kFixtureRegions);
  const Dimension element("element", kFixtureElements);
  const Dimension route("route", kFixtureRoutes);
  const Dimension year = Dimension::years("year", kFixtureFirstYear, kFixtureLastYear);
  auto rey = [&](auto f) {
    DimArray a = *DimArray::zeros({region, element, year});
    for (std::size_t r = 0; r < region.size(); ++r)
      for (std::size_t e = 0; e < element.size(); ++e)
        for (std::size_t y = 0; y < year.size(); ++y)
          a.at({r, e, y}) = f(r, e, kFixtureFirstYear + static_cast<int>(y));
    return a;
  };
  auto rery = [&](auto f) {
    DimArray a = *DimArray::zeros({region, element, route, year});
    for (std::size_t r = 0; r < region.size(); ++r)
      for (std::size_t e = 0; e < element.size(); ++e)
        for (std::size_t k = 0; k < route.size(); ++k)
          for (std::size_t y = 0; y < year.size(); ++y)
            a.at({r, e, k, y}) = f(r, e, k, kFixtureFirstYear + static_cast<int>(y));
    return a;
  };
  engine::RunResults run;
  run.meta.scenario_name = "fixture";
  run.meta.first_year = kFixtureFirstYear;
  run.meta.last_year = kFixtureLastYear;
  run.tables.push_back(
      {std::string(engine::kTableMaterialDemandT), "mass_tonnes", "demand", rey(fixture_demand)});
  run.tables.push_back(
      {std::string(engine::kTableEndOfLifeT), "mass_tonnes", "end of life", rey(fixture_eol)});
  run.tables.push_back(
      {std::string(engine::kTableCollectedT), "mass_tonnes", "collected", rey(fixture_collected)});
  run.tables.push_back({std::string(engine::kTableRecycledT), "mass_tonnes", "recycled",
                        rery([](std::size_t r, std::size_t e, std::size_t k, int y) {
                          return fixture_collected(r, e, y) * fixture_route_share(k);
                        })});
  run.tables.push_back({std::string(engine::kTableRecoveredT), "mass_tonnes", "recovered",
                        rery([](std::size_t r, std::size_t e, std::size_t k, int y) {
                          return fixture_collected(r, e, y) * fixture_route_share(k) *
                                 fixture_recovery(e, k);
                        })});
  DimArray surplus = *DimArray::zeros({region, year});
  for (std::size_t r = 0; r < region.size(); ++r)
    for (std::size_t y = 0; y < year.size(); ++y)
      surplus.at({r, y}) = fixture_surplus(r, kFixtureFirstYear + static_cast<int>(y));
  run.tables.push_back(
      {std::string(engine::kTableFeedstockSurplusT), "mass_tonnes", "surplus", surplus});
  return run;
}

// Writes each table of `run` to DIR/<name>.csv in long form.
inline void write_fixture_run_dir(const engine::RunResults& run, const std::string& dir) {
  for (const auto& t : run.tables) {
    std::ofstream out(dir + "/" + t.name + ".csv");
    const auto& dims = t.values.dims();
    for (const auto& d : dims) out << d.name() << ",";
    out << t.value_column << "\n";
    std::vector<std::size_t> idx(dims.size(), 0);
    const auto data = t.values.data();
    for (std::size_t flat = 0; flat < data.size(); ++flat) {
      for (std::size_t d = 0; d < dims.size(); ++d) out << dims[d].items()[idx[d]] << ",";
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", data[flat]);
      out << buf << "\n";
      for (std::size_t d = dims.size(); d-- > 0;) {
        if (++idx[d] < dims[d].size()) break;
        idx[d] = 0;
      }
    }
  }
}

}  // namespace urbanmine::testing
