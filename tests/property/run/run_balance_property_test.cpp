// SPDX-License-Identifier: Apache-2.0
// Property: for random scenarios (seeded; the seed is printed on failure), no flow is negative,
// over the whole horizon everything that entered use is either still in use, in second life,
// lost, recovered, left as residue or black-mass surplus (summed from the written tables), and
// the chain's balance checks fire when any one checked flow or stock is perturbed at a random
// region and year (compute_run itself refuses a run whose checks fail, so asserting that they
// hold would prove nothing).
#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"

#include "chain/chain.h"
#include "fleet/fleet.h"
#include "model/run_model.h"
#include "model/scenario.h"
#include "test_support.h"

namespace urbanmine::engine {

using model::chain_inputs;
using model::compute_run;
using model::fleet_inputs;
using model::ModelInputs;
using model::resolve_scenario;
using results::kElementCodes;
namespace {

constexpr int kScenarios = 20;

std::string random_scenario(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto pick = [&](double lo, double hi) { return lo + (hi - lo) * u(rng); };
  std::ostringstream os;
  os.precision(17);
  const char* region_sets[] = {"[\"all\"]", "[\"EU27\"]", "[\"KOR\", \"CHN\", \"USA\"]",
                               "[\"EUROPE\", \"JPN\"]", "[\"ROW\", \"IND\"]"};
  const int first = 2005 + static_cast<int>(pick(0, 12));
  const int last = std::max(first + 3, 2020 + static_cast<int>(pick(0, 40)));
  os << "[scenario]\nname = \"random\"\nfirst_year = " << first << "\nlast_year = " << last
     << "\nregions = " << region_sets[static_cast<int>(pick(0, 4.999))] << "\n";
  if (u(rng) < 0.5) os << "lifetime_data_scenario = \"Long duration\"\n";
  os << "[sales]\nbackcast_growth = " << pick(0.0, 0.5) << "\n";
  os << "[[sales.growth]]\nfrom_year = 2024\nto_year = 2100\ngrowth_rate_per_year = "
     << pick(-0.2, 0.3) << "\n";
  // Chemistry target with shares summing to one.
  const char* chems[] = {"LFP", "NMC811", "NCA", "SIB", "NMC622"};
  double a = pick(0, 1), b = pick(0, 1 - a), c = pick(0, 1 - a - b);
  os << "[[chemistry_share]]\nregion = \"all\"\nyear = " << 2025 + static_cast<int>(pick(0, 20))
     << "\nshares = { " << chems[0] << " = " << a << ", " << chems[1] << " = " << b << ", "
     << chems[2] << " = " << c << ", " << chems[3] << " = " << (1.0 - a - b - c) << " }\n";
  os << "[[pack_size]]\nsegment = \"car_bev\"\nyear = 2035\nkwh_per_vehicle = " << pick(30, 120)
     << "\n";
  const char* dists[] = {"Normal", "FoldedNormal", "LogNormal", "Weibull", "Fixed"};
  for (const char* seg : {"car_bev", "bus", "truck"}) {
    const char* d = dists[static_cast<int>(pick(0, 4.999))];
    os << "[lifetime." << seg << "]\n";
    for (const char* item : {"vehicle", "battery"}) {
      os << item << " = { distribution = \"" << d << "\"";
      if (std::string(d) == "Weibull") {
        os << ", weibull_shape = " << pick(1.5, 5) << ", weibull_scale_years = " << pick(4, 25);
      } else {
        os << ", mean_years = " << pick(2, 25) << ", sd_years = " << pick(0.5, 6);
      }
      os << " }\n";
    }
    if (u(rng) < 0.5) {
      os << "[[lifetime." << seg
         << ".battery_by_cohort]]\nfrom_year = 2030\nmean_years = " << pick(5, 20)
         << "\nsd_years = " << pick(1, 5) << "\n";
    }
  }
  os << "[second_life]\nshare = " << pick(0, 1)
     << "\nlifetime = { distribution = \"Normal\", mean_years = " << pick(2, 15)
     << ", sd_years = " << pick(1, 5) << " }\n";
  os << "[[collection]]\nregion = \"all\"\nyear = 2015\ncollection_fraction = " << pick(0, 1)
     << "\n[[collection]]\nregion = \"all\"\nyear = 2040\ncollection_fraction = " << pick(0, 1)
     << "\n";
  const double h = pick(0, 1), p = pick(0, 1 - h);
  os << "[[recycling_capacity]]\nregion = \"WORLD\"\nyear = 2030\ncapacity_t_per_year = "
     << pick(0, 5e6) << "\nroutes = { hydrometallurgy = " << h << ", pyrometallurgy = " << p
     << ", direct = " << (1.0 - h - p) << " }\n";
  os << "[recovery_fraction.direct]\nLi = " << pick(0, 1) << "\n";
  return os.str();
}

double table_total(const RunResults& r, std::string_view name, const std::string& region,
                   const std::string& element, std::optional<std::string> year) {
  const ResultTable* t = r.find(name);
  auto a = t->values.slice("region", region);
  auto b = a->slice("element", element);
  if (year) b = b->slice("year", *year);
  return b->total();
}

TEST(RunBalanceProperty, RandomScenariosConserveMassEverywhere) {
  const unsigned long long seed = 20261126ULL;
  std::mt19937_64 rng(seed);
  RunOptions options;
  options.data_dir = testing::source_path("data");
  for (int i = 0; i < kScenarios; ++i) {
    const std::string toml = random_scenario(rng);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", scenario " + std::to_string(i) + ":\n" + toml);
    auto res = run_scenario_text(toml, "random.toml", options);
    ASSERT_TRUE(res.has_value()) << res.error().to_string();
    for (const auto& t : res->tables) {
      ASSERT_TRUE(t.values.all_finite()) << t.name;
      if (t.name != kTableFeedstockSurplusT) {
        ASSERT_GE(t.values.min_value(), 0.0) << t.name;
      }
    }
    // Whole-horizon conservation per region and element, from the tables alone.
    const std::string last = std::to_string(res->meta.last_year);
    const RecordTable* regions = res->find_records(kRecordsRegions);
    for (const auto& row : regions->rows) {
      const std::string& region = row[0].text;
      for (const char* el : kElementCodes) {
        const double in = table_total(*res, kTableMaterialDemandT, region, el, std::nullopt) +
                          table_total(*res, kTableProductionScrapT, region, el, std::nullopt) +
                          table_total(*res, kTableFeedstockImportedT, region, el, std::nullopt);
        const double use_stock = table_total(*res, kTableInUseStockT, region, el, last);
        const double sl_stock = table_total(*res, kTableSecondLifeStockT, region, el, last);
        const double lost = table_total(*res, kTableLostOrExportedT, region, el, std::nullopt);
        const double recovered = table_total(*res, kTableRecoveredT, region, el, std::nullopt);
        const double residue = table_total(*res, kTableRecyclingResidueT, region, el, std::nullopt);
        const double surplus = table_total(*res, kTableUnrecycledT, region, el, std::nullopt);
        const double exported =
            table_total(*res, kTableFeedstockExportedT, region, el, std::nullopt);
        const double out = use_stock + sl_stock + lost + recovered + residue + surplus + exported;
        ASSERT_NEAR(in, out, 1e-9 * std::max(1.0, in)) << region << " " << el;
        ASSERT_LE(recovered, in + 1e-9 * std::max(1.0, in)) << region << " " << el;
      }
    }
  }
}

TEST(RunBalanceProperty, PerturbingAnyCheckedFlowFiresACheck) {
  const unsigned long long seed = 20261203ULL;
  std::mt19937_64 rng(seed);
  core::Diagnostics data_diags;
  const io::RunData data = io::load_run_data(testing::source_path("data"), data_diags);
  ASSERT_FALSE(data_diags.has_errors()) << data_diags.to_error().to_string();
  for (int i = 0; i < kScenarios / 4; ++i) {
    const std::string toml = random_scenario(rng);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", scenario " + std::to_string(i) + ":\n" + toml);
    core::Diagnostics diags;
    const io::ScenarioSpec spec = io::parse_scenario_toml(toml, "random.toml", diags);
    const ModelInputs in = resolve_scenario(spec, data, diags);
    ASSERT_FALSE(diags.has_errors()) << diags.to_error().to_string();
    auto fleet = fleet::run_fleet(fleet_inputs(in));
    ASSERT_TRUE(fleet.has_value()) << fleet.error().to_string();
    auto chain = chain::run_chain(*fleet, chain_inputs(in), nullptr);
    ASSERT_TRUE(chain.has_value()) << chain.error().to_string();
    for (const auto& b : chain->balance) ASSERT_TRUE(b.ok) << b.process << " " << b.region;
    const chain::FlowLayers& flows = chain->flows;
    // Every flow and stock that a non-identity process or the horizon reads, in every layer.
    for (std::size_t l = 0; l < flows.layers.size(); ++l) {
      for (std::size_t f = 0; f < chain::kFlowCount; ++f) {
        if (flows.layers[l].flows[f].empty()) continue;
        const auto& def = chain::kFlows[f];
        const bool checked = !chain::kProcesses[chain::index(def.from)].identity ||
                             !chain::kProcesses[chain::index(def.to)].identity;
        if (!checked) continue;
        std::uniform_int_distribution<std::size_t> pick(0, flows.regions * flows.years - 1);
        const std::size_t cell = pick(rng);
        // Larger than the tolerance of any check the flow enters (1e-9 of the largest term,
        // which is at most the layer's largest value times the number of years).
        double largest = 0.0;
        for (const auto& values : flows.layers[l].flows)
          for (double x : values) largest = std::max(largest, std::fabs(x));
        chain::FlowLayers bad = flows;
        bad.layers[l].flows[f][cell] += 1e-6 * (1.0 + largest * static_cast<double>(flows.years));
        const auto checks = chain::check_balances(bad, in.regions, in.first_year);
        const bool fired = std::any_of(checks.begin(), checks.end(),
                                       [](const chain::BalanceCheck& b) { return !b.ok; });
        EXPECT_TRUE(fired) << "layer " << flows.layers[l].name << ", flow " << f << ", cell "
                           << cell;
      }
    }
  }
}

}  // namespace
}  // namespace urbanmine::engine
