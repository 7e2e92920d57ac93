// SPDX-License-Identifier: Apache-2.0
// A synthetic RunResults for writer, report and store tests, built in memory with the table
// names and dimensions of engine/run_results.h. Its numbers are made up for tests (simple growth
// curves, a ten-year lag to end of life, fixed intensities): they are internally consistent
// (collected + lost = end of life; recycled + surplus = collected) so that tests can check the
// writers against sums computed here, but they describe no real market.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "core/dim_array.h"
#include "engine/run_results.h"

namespace urbanmine::testing {

struct FixtureSpec {
  int first_year = 2020;
  int last_year = 2050;
  std::vector<std::string> regions = {"CHN", "USA", "DEU", "KOR", "JPN", "IND", "FRA", "GBR"};
  bool failing_balance = false;
};

inline core::DimArray fixture_zeros(std::vector<core::Dimension> dims) {
  return std::move(core::DimArray::zeros(std::move(dims)).value());
}

inline engine::RunResults make_fixture_results(const FixtureSpec& spec = {}) {
  using core::Dimension;
  using engine::ResultTable;
  const Dimension region(std::string(engine::kDimRegion), spec.regions);
  const Dimension segment(std::string(engine::kDimSegment), {"car_bev", "bus"});
  const Dimension chemistry(std::string(engine::kDimChemistry), {"NMC811", "LFP"});
  const Dimension element(std::string(engine::kDimElement), {"Li", "Ni", "Co", "Mn", "graphite"});
  const Dimension route(std::string(engine::kDimRoute), {"hydrometallurgy", "pyrometallurgy"});
  const Dimension year =
      Dimension::years(std::string(engine::kDimYear), spec.first_year, spec.last_year);
  const std::size_t nr = region.size();
  const std::size_t ny = year.size();
  // Synthetic parameters (not data; repeated for more than eight regions): kWh sold in the first
  // year per region, growth per year, segment and chemistry shares, kg per kWh by chemistry and
  // element, lags and rates.
  const std::vector<double> base_kwh = {4.0e8, 1.5e8, 6.0e7, 2.0e7, 2.5e7, 1.0e7, 3.0e7, 2.5e7};
  const double growth = 1.09;
  const std::vector<double> segment_share = {0.85, 0.15};
  const std::vector<double> chemistry_share = {0.55, 0.45};
  const double kg_per_kwh[2][5] = {{0.11, 0.75, 0.09, 0.09, 1.0}, {0.09, 0.0, 0.0, 0.0, 1.1}};
  const std::size_t life_lag = 10;
  const std::size_t second_life_lag = 5;
  const double second_life_share = 0.2;
  const double collection_rate = 0.6;
  const double battery_kg_per_kwh = 6.0;
  const double route_share[2] = {0.7, 0.3};
  const double recovery[2] = {0.9, 0.6};
  const std::vector<double> capacity_t = {3.0e5, 4.0e4, 6.0e4, 5.0e4, 2.0e4, 5.0e3, 1.0e4, 8.0e3};

  auto inflow = fixture_zeros({region, segment, chemistry, year});
  auto stock = fixture_zeros({region, segment, chemistry, year});
  auto eol = fixture_zeros({region, segment, chemistry, year});
  auto sl_in = fixture_zeros({region, segment, chemistry, year});
  auto sl_out = fixture_zeros({region, segment, chemistry, year});
  auto sl_stock = fixture_zeros({region, segment, chemistry, year});
  auto sales = fixture_zeros({region, segment, year});
  auto demand = fixture_zeros({region, element, year});
  auto eol_t = fixture_zeros({region, element, year});
  auto collected = fixture_zeros({region, element, year});
  auto lost = fixture_zeros({region, element, year});
  auto recycled = fixture_zeros({region, element, route, year});
  auto recovered = fixture_zeros({region, element, route, year});
  auto unrecycled = fixture_zeros({region, element, year});
  auto surplus = fixture_zeros({region, year});
  auto capacity = fixture_zeros({region, year});
  auto share = fixture_zeros({region, element, year});
  std::vector<engine::BalanceCheck> balance;

  for (std::size_t r = 0; r < nr; ++r) {
    for (std::size_t y = 0; y < ny; ++y) {
      double waste_kwh_by_chem[2] = {0.0, 0.0};
      double collected_battery_t = 0.0;
      for (std::size_t s = 0; s < 2; ++s) {
        for (std::size_t c = 0; c < 2; ++c) {
          const double in = base_kwh[r % base_kwh.size()] * segment_share[s] * chemistry_share[c] *
                            std::pow(growth, static_cast<double>(y));
          inflow.at({r, s, c, y}) = in;
          const double out = y >= life_lag ? inflow.at({r, s, c, y - life_lag}) : 0.0;
          eol.at({r, s, c, y}) = out;
          stock.at({r, s, c, y}) = (y > 0 ? stock.at({r, s, c, y - 1}) : 0.0) + in - out;
          sl_in.at({r, s, c, y}) = second_life_share * out;
          sl_out.at({r, s, c, y}) =
              y >= second_life_lag ? sl_in.at({r, s, c, y - second_life_lag}) : 0.0;
          sl_stock.at({r, s, c, y}) = (y > 0 ? sl_stock.at({r, s, c, y - 1}) : 0.0) +
                                      sl_in.at({r, s, c, y}) - sl_out.at({r, s, c, y});
          const double waste = out - sl_in.at({r, s, c, y}) + sl_out.at({r, s, c, y});
          waste_kwh_by_chem[c] += waste;
          collected_battery_t += collection_rate * waste * battery_kg_per_kwh / 1000.0;
          sales.at({r, s, y}) += in / (s == 0 ? 60.0 : 300.0);
          for (std::size_t e = 0; e < 5; ++e) demand.at({r, e, y}) += in * kg_per_kwh[c][e] / 1e3;
        }
      }
      const double cap = capacity_t[r % capacity_t.size()] * std::pow(1.05, static_cast<double>(y));
      capacity.at({r, y}) = cap;
      surplus.at({r, y}) = collected_battery_t - cap;
      const double fed_fraction =
          collected_battery_t > 0.0 ? std::min(1.0, cap / collected_battery_t) : 0.0;
      for (std::size_t e = 0; e < 5; ++e) {
        double waste_t = 0.0;
        for (std::size_t c = 0; c < 2; ++c)
          waste_t += waste_kwh_by_chem[c] * kg_per_kwh[c][e] / 1e3;
        eol_t.at({r, e, y}) = waste_t;
        collected.at({r, e, y}) = collection_rate * waste_t;
        lost.at({r, e, y}) = waste_t - collection_rate * waste_t;
        const double fed = fed_fraction * collection_rate * waste_t;
        unrecycled.at({r, e, y}) = collection_rate * waste_t - fed;
        double rec = 0.0;
        for (std::size_t k = 0; k < 2; ++k) {
          recycled.at({r, e, k, y}) = route_share[k] * fed;
          recovered.at({r, e, k, y}) = route_share[k] * fed * recovery[k];
          rec += route_share[k] * fed * recovery[k];
        }
        share.at({r, e, y}) = demand.at({r, e, y}) > 0.0 ? rec / demand.at({r, e, y}) : 0.0;
        engine::BalanceCheck check;
        check.process = "collection";
        check.region = region.items()[r];
        check.element = element.items()[e];
        check.year = std::stoi(year.items()[y]);
        check.inputs = waste_t;
        check.outputs = collected.at({r, e, y}) + lost.at({r, e, y});
        check.residual = check.inputs - check.outputs;
        check.ok = true;
        balance.push_back(check);
      }
    }
  }
  if (spec.failing_balance) {
    balance.front().residual = 12.5;
    balance.front().ok = false;
  }

  engine::RunResults results;
  results.meta.scenario_name = "fixture";
  results.meta.scenario_path = "tests/fixture.toml";
  results.meta.scenario_hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  results.meta.code_version = "test";
  results.meta.first_year = spec.first_year;
  results.meta.last_year = spec.last_year;
  results.meta.seed = 42;
  results.meta.elapsed_seconds = 0.25;
  auto add = [&](std::string_view name, std::string column, std::string description,
                 core::DimArray values) {
    results.tables.push_back(ResultTable{std::string(name), std::move(column),
                                         std::move(description), std::move(values)});
  };
  add(engine::kTableBatteryInflowKwh, "capacity_kwh", "Battery capacity sold in new vehicles.",
      inflow);
  add(engine::kTableInUseStockKwh, "capacity_kwh", "Battery capacity in use.", stock);
  add(engine::kTableEndOfLifeKwh, "capacity_kwh", "Capacity leaving first use.", eol);
  add(engine::kTableSecondLifeInflowKwh, "capacity_kwh", "Capacity entering second life.", sl_in);
  add(engine::kTableSecondLifeStockKwh, "capacity_kwh", "Capacity in second life.", sl_stock);
  add(engine::kTableSecondLifeOutflowKwh, "capacity_kwh", "Capacity leaving second life.", sl_out);
  add(engine::kTableSalesVehicles, "vehicles", "Vehicles sold.", sales);
  add(engine::kTableMaterialDemandT, "mass_tonnes", "Metal in new batteries.", demand);
  add(engine::kTableEndOfLifeT, "mass_tonnes", "Metal in waste batteries.", eol_t);
  add(engine::kTableCollectedT, "mass_tonnes", "Metal collected for recycling.", collected);
  add(engine::kTableLostOrExportedT, "mass_tonnes", "Metal lost or exported.", lost);
  add(engine::kTableRecycledT, "mass_tonnes", "Metal fed to recycling routes.", recycled);
  add(engine::kTableRecoveredT, "mass_tonnes", "Metal recovered.", recovered);
  add(engine::kTableUnrecycledT, "mass_tonnes", "Collected metal beyond capacity.", unrecycled);
  add(engine::kTableFeedstockSurplusT, "mass_tonnes", "Feedstock minus capacity.", surplus);
  add(engine::kTableRecyclingCapacityT, "mass_tonnes", "Recycling capacity.", capacity);
  add(engine::kTableSecondaryShare, "share_fraction", "Recovered over demand.", share);

  engine::RecordTable policy;
  policy.name = "policy_checks";
  policy.title = "Policy rules checked against this run";
  policy.description = "Synthetic rules for tests <not real>.";
  policy.columns = {"jurisdiction",      "rule",  "year", "required_fraction",
                    "achieved_fraction", "status"};
  policy.rows = {
      {engine::Cell::of("EU27"), engine::Cell::of("Li recovery"), engine::Cell::of(2031.0),
       engine::Cell::of(0.8), engine::Cell::of(0.81), engine::Cell::of("pass")},
      {engine::Cell::of("EU27"), engine::Cell::of("Co recycled content, \"min\""),
       engine::Cell::of(2036.0), engine::Cell::of(0.26), engine::Cell::empty(),
       engine::Cell::of("no data")}};
  results.records.push_back(policy);
  engine::RecordTable ranking;
  ranking.name = "country_ranking";
  ranking.title = "Countries ranked for a recycler";
  ranking.description = "Synthetic scores.";
  ranking.columns = {"rank", "region", "score_fraction"};
  ranking.rows = {{engine::Cell::of(1.0), engine::Cell::of("CHN"), engine::Cell::of(0.9)},
                  {engine::Cell::of(2.0), engine::Cell::of("USA"), engine::Cell::of(0.7)}};
  results.records.push_back(ranking);

  results.findings = {
      {"end_of_life", "End-of-life lithium grows steadily after 2030 as early fleets retire."},
      {"recycling", "China's collected feedstock exceeds its capacity <b>&</b> others' idle."}};
  results.assumptions = {"Synthetic fixture: ten-year battery life (assumption for tests).",
                         "Collection rate 60 % everywhere (assumption for tests)."};
  results.balance = std::move(balance);
  return results;
}

}  // namespace urbanmine::testing
