// SPDX-License-Identifier: Apache-2.0
// The chain on in-memory inputs (tests/model_builder.h): hand-computed flows, the balance checks
// derived from the declared processes and flows, and checks that fire when one flow is perturbed.
#include "chain/chain.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "model/run_model.h"
#include "model_builder.h"

namespace urbanmine::chain {
namespace {

using testing::fixed_years;

TEST(RecycleElement, SplitsFeedByRouteAndAppliesRecovery) {
  std::array<std::array<double, kElementCount>, kRouteCount> rec{};
  rec[0][0] = 0.0;  // pyro Li
  rec[1][0] = 0.9;  // hydro Li
  rec[2][0] = 0.8;  // direct Li
  const RecyclingOutcome out = recycle_element(100.0, {0.2, 0.5, 0.3}, 0, rec);
  EXPECT_DOUBLE_EQ(out.recycled_t[0], 20.0);
  EXPECT_DOUBLE_EQ(out.recycled_t[1], 50.0);
  EXPECT_DOUBLE_EQ(out.recycled_t[2], 30.0);
  EXPECT_DOUBLE_EQ(out.recovered_t[0], 0.0);
  EXPECT_DOUBLE_EQ(out.recovered_t[1], 45.0);
  EXPECT_DOUBLE_EQ(out.recovered_t[2], 24.0);
}

// Two regions, 1,000 vehicles of 50 kWh sold by AAA in 2020 and 400 by BBB in 2021; vehicles
// live 6 years, packs 20 (no replacement); 40 % of packs of scrapped vehicles go to a 3-year
// second life; 80 % of waste collected; 100 t of capacity shared by both regions, routes half
// hydrometallurgy, half direct.
testing::ModelBuilder small_world() {
  testing::ModelBuilder b({"AAA", "BBB"}, {"car"}, {"LFP"}, 2020, 2035);
  b.sales(0, 0, 2020, 1000.0)
      .sales(1, 0, 2021, 400.0)
      .lifetimes(0, fixed_years(6), fixed_years(20))
      .second_life(0, 0.4, fixed_years(3))
      .collection(0.8)
      .capacity(100.0, {0.0, 0.5, 0.5});
  return b;
}

struct ChainRun {
  fleet::FleetResult fleet;
  ChainResult chain;
};

ChainRun run(const testing::ModelBuilder& b, PlantStep* plant = nullptr) {
  auto f = fleet::run_fleet(model::fleet_inputs(b.inputs()));
  EXPECT_TRUE(f.has_value());
  auto c = run_chain(*f, model::chain_inputs(b.inputs()), plant);
  EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().to_string());
  return ChainRun{std::move(*f), std::move(*c)};
}

const Table& table(const ChainResult& c, std::string_view name) {
  const auto it = std::find_if(c.tables.begin(), c.tables.end(),
                               [&](const Table& t) { return t.name == name; });
  EXPECT_NE(it, c.tables.end()) << name;
  return *it;
}

double at(const Table& t, std::vector<std::pair<std::string, std::string>> coords) {
  auto v = t.values.get(coords);
  EXPECT_TRUE(v.has_value());
  return v ? *v : -1.0;
}

std::vector<const BalanceCheck*> failed(const std::vector<BalanceCheck>& checks) {
  std::vector<const BalanceCheck*> out;
  for (const auto& b : checks) {
    if (!b.ok) out.push_back(&b);
  }
  return out;
}

TEST(RunChain, FlowsFollowTheRulesByHand) {
  const ChainRun r = run(small_world());
  // AAA's 50,000 kWh leave vehicles in 2026: 40 % to second life, back as waste in 2029.
  const Table& sl_in = table(r.chain, "end_of_life_to_second_life_kwh");
  EXPECT_DOUBLE_EQ(
      at(sl_in, {{"region", "AAA"}, {"segment", "car"}, {"chemistry", "LFP"}, {"year", "2026"}}),
      20000.0);
  const Table& sl_out = table(r.chain, "second_life_to_waste_kwh");
  EXPECT_DOUBLE_EQ(
      at(sl_out, {{"region", "AAA"}, {"segment", "car"}, {"chemistry", "LFP"}, {"year", "2029"}}),
      20000.0);
  // Waste in 2026: 30,000 kWh = 30 t of Li at 1 kg/kWh; 80 % collected = 24 t.
  const Table& waste = table(r.chain, "end_of_life_t");
  EXPECT_DOUBLE_EQ(at(waste, {{"region", "AAA"}, {"element", "Li"}, {"year", "2026"}}), 30.0);
  const Table& collected = table(r.chain, "waste_to_collection_t");
  EXPECT_DOUBLE_EQ(at(collected, {{"region", "AAA"}, {"element", "Li"}, {"year", "2026"}}), 24.0);
  // Collected battery 24,000 kWh x 0.005 t/kWh = 120 t against 100 t of capacity: 5/6 recycled.
  const Table& battery = table(r.chain, "collected_battery_t");
  EXPECT_DOUBLE_EQ(at(battery, {{"region", "AAA"}, {"year", "2026"}}), 120.0);
  const Table& surplus = table(r.chain, "feedstock_surplus_t");
  EXPECT_NEAR(at(surplus, {{"region", "AAA"}, {"year", "2026"}}), 20.0, 1e-9);
  const Table& recycled = table(r.chain, "collection_to_recycling_t");
  EXPECT_NEAR(
      at(recycled, {{"region", "AAA"}, {"element", "Li"}, {"route", "direct"}, {"year", "2026"}}),
      10.0, 1e-9);
  const Table& recovered = table(r.chain, "recycling_to_secondary_metal_t");
  EXPECT_NEAR(
      at(recovered,
         {{"region", "AAA"}, {"element", "Li"}, {"route", "hydrometallurgy"}, {"year", "2026"}}),
      9.0, 1e-9);
  EXPECT_DOUBLE_EQ(
      at(recovered, {{"region", "AAA"}, {"element", "Li"}, {"route", "direct"}, {"year", "2026"}}),
      0.0);  // the builder's direct route recovers nothing
}

TEST(RunChain, ChecksAreTheIndependentProcessesAndTheHorizonOnly) {
  const ChainRun r = run(small_world());
  EXPECT_TRUE(failed(r.chain.balance).empty());
  std::set<std::string> processes;
  for (const auto& b : r.chain.balance) processes.insert(b.process);
  // Identities by construction (end of life, collection, recycling) are not counted.
  EXPECT_EQ(processes,
            (std::set<std::string>{"use", "second_life", "black_mass_allocation",
                                   std::string(kHorizonProcess), std::string(kTradeProcess)}));
  const std::size_t R = 2, T = 16, E = kElementCount;
  // Per region and year: use and second life in kWh and per element, black-mass allocation per
  // element; per region: the horizon in kWh and per element; per year: world trade per element.
  EXPECT_EQ(r.chain.balance.size(), R * T * (2 + 3 * E) + R * (E + 1) + T * E);
}

// Perturbs one flow (or stock) of one layer at one region and year and rechecks.
std::vector<BalanceCheck> perturbed(const ChainRun& r, std::size_t layer, std::size_t slot,
                                    bool is_stock, std::size_t region, int year, double delta) {
  FlowLayers flows = r.chain.flows;
  auto& values = is_stock ? flows.layers[layer].stocks[slot] : flows.layers[layer].flows[slot];
  values[region * flows.years + static_cast<std::size_t>(year - 2020)] += delta;
  return check_balances(flows, {"AAA", "BBB"}, 2020);
}

bool fired(const std::vector<BalanceCheck>& checks, std::string_view process,
           std::string_view element, std::string_view region) {
  for (const auto* b : failed(checks)) {
    if (b->process == process && b->element == element && b->region == region) return true;
  }
  return false;
}

TEST(BalanceChecks, FireWhenSecondLifeInflowIsPerturbed) {
  const ChainRun r = run(small_world());
  const auto checks = perturbed(r, 1, index(Flow::kToSecondLife), false, 0, 2026, 0.5);
  EXPECT_TRUE(fired(checks, "second_life", "Li", "AAA"));
  EXPECT_FALSE(fired(checks, "use", "Li", "AAA"));
}

TEST(BalanceChecks, FireWhenDemandIsPerturbed) {
  const ChainRun r = run(small_world());
  const auto checks = perturbed(r, 0, index(Flow::kDemand), false, 1, 2021, 1.0);
  EXPECT_TRUE(fired(checks, "use", "kwh", "BBB"));
  EXPECT_TRUE(fired(checks, kHorizonProcess, "kwh", "BBB"));
  EXPECT_FALSE(fired(checks, "use", "kwh", "AAA"));
}

TEST(BalanceChecks, HorizonFiresWhenASinkFlowIsPerturbed) {
  // Lost batteries and recovered metal leave the system: only the horizon can see them.
  const ChainRun r = run(small_world());
  for (Flow f : {Flow::kLost, Flow::kRecovered}) {
    const auto checks = perturbed(r, 2, index(f), false, 0, 2029, 0.01);
    EXPECT_TRUE(fired(checks, kHorizonProcess, kElementCodes[1], "AAA")) << index(f);
    EXPECT_EQ(failed(checks).size(), 1u) << index(f);
  }
}

TEST(BalanceChecks, FireWhenSurplusOrStockIsPerturbed) {
  const ChainRun r = run(small_world());
  auto checks = perturbed(r, 3, index(Flow::kSurplus), false, 0, 2026, 0.25);
  EXPECT_TRUE(fired(checks, "black_mass_allocation", kElementCodes[2], "AAA"));
  EXPECT_TRUE(fired(checks, kHorizonProcess, kElementCodes[2], "AAA"));
  checks = perturbed(r, 0, index(Process::kUse), true, 0, 2035, 5.0);
  EXPECT_TRUE(fired(checks, "use", "kwh", "AAA"));
  EXPECT_TRUE(fired(checks, kHorizonProcess, "kwh", "AAA"));
}

TEST(BalanceChecks, UsedVehicleTradeIsCheckedAndFiresWhenOneEndIsPerturbed) {
  // Half of AAA's vehicles leave for BBB at age 3 (2023): use phases and the world's used-vehicle
  // trade are balanced; a changed export breaks AAA's use phase, its horizon and the world trade.
  model::ModelInputs in = small_world().inputs();
  in.used_exports = {{0, 1, 0, 0.5, 3}};
  auto f = fleet::run_fleet(model::fleet_inputs(in));
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  auto c = run_chain(*f, model::chain_inputs(in), nullptr);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_TRUE(failed(c->balance).empty());
  std::set<std::string> processes;
  for (const auto& b : c->balance) processes.insert(b.process);
  EXPECT_EQ(processes.count(std::string(kUsedVehicleTradeProcess)), 1u);
  const Table& trade = table(*c, "used_vehicle_trade_vehicles");
  EXPECT_NEAR(
      at(trade, {{"region", "AAA"}, {"destination", "BBB"}, {"segment", "car"}, {"year", "2023"}}),
      500.0, 1e-9);
  const Table& imported = table(*c, "used_vehicle_import_to_use_kwh");
  EXPECT_NEAR(
      at(imported, {{"region", "BBB"}, {"segment", "car"}, {"chemistry", "LFP"}, {"year", "2023"}}),
      25000.0, 1e-9);
  FlowLayers flows = c->flows;
  flows.layers[0].flows[index(Flow::kUsedExported)][0 * flows.years + 3] += 10.0;
  const auto checks = check_balances(flows, {"AAA", "BBB"}, 2020);
  EXPECT_TRUE(fired(checks, "use", "kwh", "AAA"));
  EXPECT_TRUE(fired(checks, kHorizonProcess, "kwh", "AAA"));
  EXPECT_TRUE(fired(checks, kUsedVehicleTradeProcess, "kwh", "WORLD"));
  EXPECT_FALSE(fired(checks, "use", "kwh", "BBB"));
}

TEST(SecondLifeCap, InflowBeyondTheCapGoesToWasteAndBalances) {
  // AAA sends 20,000 kWh to second life in 2026 (40 % of 50,000); a 5,000 kWh cap keeps a
  // quarter, the other 15,000 kWh become waste that year.
  testing::ModelBuilder b = small_world();
  b.second_life_cap_kwh(5000.0);
  const ChainRun capped = run(b);
  const ChainRun free = run(small_world());
  const auto sl = [](const ChainRun& r, const char* year) {
    return at(table(r.chain, "end_of_life_to_second_life_kwh"),
              {{"region", "AAA"}, {"segment", "car"}, {"chemistry", "LFP"}, {"year", year}});
  };
  EXPECT_DOUBLE_EQ(sl(capped, "2026"), 5000.0);
  EXPECT_DOUBLE_EQ(sl(free, "2026"), 20000.0);
  const auto waste = [](const ChainRun& r, const char* year) {
    return at(table(r.chain, "end_of_life_t"),
              {{"region", "AAA"}, {"element", "Li"}, {"year", year}});
  };
  EXPECT_DOUBLE_EQ(waste(capped, "2026") - waste(free, "2026"), 15.0);  // 15,000 kWh x 1 kg/kWh
  EXPECT_TRUE(failed(capped.chain.balance).empty());
}

// A plant step that recovers a fixed share of each element and records its calls.
class HalfRecovery final : public PlantStep {
 public:
  core::Result<std::array<double, kElementCount>> recycle(const PlantFeed& feed) override {
    calls.push_back(feed);
    std::array<double, kElementCount> out{};
    for (std::size_t e = 0; e < kElementCount; ++e) out[e] = 0.5 * feed.feed_t[e];
    return out;
  }
  std::vector<PlantFeed> calls;
};

// AAA sells 1,000 vehicles of 50 kWh in 2020 that all leave in 2026: 50,000 kWh = 250 t of
// battery, 50 t of each element. AAA can recycle 100 t a year; BBB, with no waste, has `bbb_t`.
testing::ModelBuilder two_pools(double bbb_t) {
  testing::ModelBuilder b({"AAA", "BBB"}, {"car"}, {"LFP"}, 2020, 2030);
  b.sales(0, 0, 2020, 1000.0)
      .lifetimes(0, fixed_years(6), fixed_years(20))
      .capacity_by_region({100.0, bbb_t}, {0.0, 1.0, 0.0})
      .trade(10.0, 0.02);
  return b;
}

TEST(Trade, SurplusGoesToSpareCapacityElsewhereWithItsMetal) {
  const ChainRun r = run(two_pools(300.0));
  EXPECT_TRUE(failed(r.chain.balance).empty());
  const std::vector<std::pair<std::string, std::string>> aaa = {{"region", "AAA"},
                                                                {"year", "2026"}};
  // 150 t beyond AAA's capacity go to BBB, which has 300 t spare.
  EXPECT_NEAR(at(table(r.chain, "feedstock_shipments_t"),
                 {{"region", "AAA"}, {"destination", "BBB"}, {"year", "2026"}}),
              150.0, 1e-6);
  EXPECT_NEAR(at(table(r.chain, "feedstock_stranded_t"), aaa), 0.0, 1e-6);
  EXPECT_NEAR(at(table(r.chain, "feedstock_transport_cost_usd"), aaa), 1500.0, 1e-3);
  EXPECT_NEAR(at(table(r.chain, "feedstock_transport_co2_t"), aaa), 3.0, 1e-6);
  auto li = [](const char* region) {
    return std::vector<std::pair<std::string, std::string>>{
        {"region", region}, {"element", "Li"}, {"year", "2026"}};
  };
  EXPECT_NEAR(at(table(r.chain, "feedstock_available_t"), li("AAA")), 50.0, 1e-9);
  EXPECT_NEAR(at(table(r.chain, "feedstock_recycled_at_home_t"), li("AAA")), 20.0, 1e-9);
  EXPECT_NEAR(at(table(r.chain, "feedstock_exported_t"), li("AAA")), 30.0, 1e-6);
  EXPECT_NEAR(at(table(r.chain, "feedstock_imported_t"), li("BBB")), 30.0, 1e-6);
  EXPECT_NEAR(at(table(r.chain, "collection_to_black_mass_surplus_t"), li("AAA")), 0.0, 1e-6);
  // BBB recycles the imported 30 t of Li by hydrometallurgy at 90 %.
  EXPECT_NEAR(
      at(table(r.chain, "recycling_to_secondary_metal_t"),
         {{"region", "BBB"}, {"element", "Li"}, {"route", "hydrometallurgy"}, {"year", "2026"}}),
      27.0, 1e-6);
}

TEST(Trade, WhatNoLegalCapacityTakesIsStranded) {
  {
    const ChainRun r = run(two_pools(100.0));  // BBB takes 100 of the 150 t
    EXPECT_TRUE(failed(r.chain.balance).empty());
    EXPECT_NEAR(at(table(r.chain, "feedstock_stranded_t"), {{"region", "AAA"}, {"year", "2026"}}),
                50.0, 1e-6);
    EXPECT_NEAR(at(table(r.chain, "collection_to_black_mass_surplus_t"),
                   {{"region", "AAA"}, {"element", "Li"}, {"year", "2026"}}),
                10.0, 1e-6);
  }
  {
    auto b = two_pools(300.0);
    b.close_route(0, 1);  // AAA -> BBB closed by a rule
    const ChainRun r = run(b);
    EXPECT_TRUE(failed(r.chain.balance).empty());
    EXPECT_DOUBLE_EQ(at(table(r.chain, "feedstock_shipments_t"),
                        {{"region", "AAA"}, {"destination", "BBB"}, {"year", "2026"}}),
                     0.0);
    EXPECT_NEAR(at(table(r.chain, "collection_to_black_mass_surplus_t"),
                   {{"region", "AAA"}, {"element", "Li"}, {"year", "2026"}}),
                30.0, 1e-6);
  }
}

TEST(Trade, WorldCheckFiresWhenAnImportHasNoExport) {
  const ChainRun r = run(two_pools(300.0));
  FlowLayers flows = r.chain.flows;
  flows.layers[1].flows[index(Flow::kShippedIn)][1 * flows.years + 6] += 1.0;  // BBB, 2026
  const auto checks = check_balances(flows, {"AAA", "BBB"}, 2020);
  bool trade_fired = false;
  for (const auto* b : failed(checks)) {
    trade_fired = trade_fired || (b->process == kTradeProcess && b->year == 2026);
  }
  EXPECT_TRUE(trade_fired);
}

TEST(CapacityGrowth, FollowsFeedstockWithALagAndStays) {
  // 1,000 vehicles a year from 2020 to 2024 leave after 6 years: 250 t of battery a year in
  // 2026-2030, none after. No capacity of its own; capacity follows feedstock 2 years later.
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2020, 2034);
  for (int y = 2020; y <= 2024; ++y) b.sales(0, 0, y, 1000.0);
  b.lifetimes(0, fixed_years(6), fixed_years(20))
      .capacity_by_region({0.0}, {0.0, 1.0, 0.0})
      .capacity_growth(0.8, 2);
  const ChainRun r = run(b);
  EXPECT_TRUE(failed(r.chain.balance).empty());
  const Table& cap = table(r.chain, "recycling_capacity_t");
  const Table& stranded = table(r.chain, "feedstock_stranded_t");
  auto at_year = [&](const Table& t, int year) {
    return at(t, {{"region", "AAA"}, {"year", std::to_string(year)}});
  };
  EXPECT_DOUBLE_EQ(at_year(cap, 2027), 0.0);  // feedstock of 2025 was zero
  EXPECT_NEAR(at_year(stranded, 2027), 250.0, 1e-9);
  EXPECT_NEAR(at_year(cap, 2028), 200.0, 1e-9);  // 0.8 x 250 t of 2026
  EXPECT_NEAR(at_year(stranded, 2028), 50.0, 1e-9);
  EXPECT_NEAR(at_year(cap, 2034), 200.0, 1e-9);  // built capacity stays when feedstock ends
}

TEST(ProductionScrap, JoinsFeedstockWhereCellsAreMade) {
  // AAA buys 50,000 kWh in 2020; all cells are made in BBB at a 10 % scrap rate.
  testing::ModelBuilder b({"AAA", "BBB"}, {"car"}, {"LFP"}, 2020, 2030);
  b.sales(0, 0, 2020, 1000.0).production_scrap({0.0, 1.0}, 0.1);
  const ChainRun r = run(b);
  EXPECT_TRUE(failed(r.chain.balance).empty());
  EXPECT_NEAR(at(table(r.chain, "production_scrap_kwh"),
                 {{"region", "BBB"}, {"chemistry", "LFP"}, {"year", "2020"}}),
              5000.0, 1e-9);
  EXPECT_NEAR(at(table(r.chain, "cell_manufacturing_to_recycling_t"),
                 {{"region", "BBB"}, {"element", "Li"}, {"year", "2020"}}),
              5.0, 1e-9);
  EXPECT_DOUBLE_EQ(at(table(r.chain, "cell_manufacturing_to_recycling_t"),
                      {{"region", "AAA"}, {"element", "Li"}, {"year", "2020"}}),
                   0.0);
  // No capacity anywhere: the scrap is stranded in BBB, and the horizon check counts it.
  EXPECT_NEAR(at(table(r.chain, "collection_to_black_mass_surplus_t"),
                 {{"region", "BBB"}, {"element", "Li"}, {"year", "2020"}}),
              5.0, 1e-9);
  FlowLayers flows = r.chain.flows;
  flows.layers[1].flows[index(Flow::kProductionScrap)][1 * flows.years + 0] += 1.0;
  EXPECT_FALSE(failed(check_balances(flows, {"AAA", "BBB"}, 2020)).empty());
}

TEST(RunChain, PlantStepReplacesTheRecoveryAndSeesEachRouteWithFeed) {
  HalfRecovery plant;
  const ChainRun r = run(small_world(), &plant);
  EXPECT_TRUE(failed(r.chain.balance).empty());
  ASSERT_FALSE(plant.calls.empty());
  for (const auto& call : plant.calls) EXPECT_NE(call.route, 0u);  // no pyrometallurgy share
  const Table& recovered = table(r.chain, "recycling_to_secondary_metal_t");
  EXPECT_NEAR(
      at(recovered, {{"region", "AAA"}, {"element", "Li"}, {"route", "direct"}, {"year", "2026"}}),
      5.0, 1e-9);
}

}  // namespace
}  // namespace urbanmine::chain
