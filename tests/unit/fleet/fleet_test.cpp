// SPDX-License-Identifier: Apache-2.0
// The fleet model: the vehicle-pack rule against hand-computed responses, and run_fleet on
// in-memory inputs (tests/model_builder.h) against hand counts and single-series solves.
#include "fleet/fleet.h"

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "mfa/dsm.h"

#include "model/run_model.h"
#include "model_builder.h"

namespace urbanmine::fleet {
namespace {

using testing::fixed_years;

TEST(VehiclePackResponse, FixedLifetimesReplaceAFailedPackEveryBatteryLifetime) {
  // Vehicle lives 10 years (in use at ages 0-9), packs 4 years: the original pack fails at age
  // 4 and its replacement at age 8; the vehicle is scrapped at age 10 with a 2-year-old pack.
  const std::size_t T = 15;
  auto u = vehicle_pack_response(std::vector<mfa::LifetimeParams>(T, fixed_years(10)),
                                 std::vector<mfa::LifetimeParams>(T, fixed_years(4)));
  ASSERT_TRUE(u.has_value());
  for (std::size_t t = 0; t < T; ++t) {
    EXPECT_DOUBLE_EQ(u->vehicles[t], t < 10 ? 1.0 : 0.0) << t;
    EXPECT_DOUBLE_EQ(u->replacements[t], (t == 4 || t == 8) ? 1.0 : 0.0) << t;
  }
  // Cohort 3 (sold in year 3) is the same response shifted by three years.
  for (std::size_t t = 3; t < T; ++t) {
    EXPECT_DOUBLE_EQ(u->replacements[3 * T + t], (t == 7 || t == 11) ? 1.0 : 0.0) << t;
  }
}

TEST(VehiclePackResponse, PacksOutlivingTheirVehicleAreNeverReplaced) {
  const std::size_t T = 30;
  auto u = vehicle_pack_response(std::vector<mfa::LifetimeParams>(T, fixed_years(8)),
                                 std::vector<mfa::LifetimeParams>(T, fixed_years(12)));
  ASSERT_TRUE(u.has_value());
  double total = 0.0;
  for (double r : u->replacements) total += r;
  EXPECT_EQ(total, 0.0);
}

TEST(VehiclePackResponse, CohortVaryingBatteryLifetimeFollowsTheInstallationYear) {
  // Packs installed from year 5 on last 2 years instead of 4: the original pack (year 0) fails
  // at 4, its replacement (installed 4, 4-year life) at 8, the next (installed 8) at 10.
  const std::size_t T = 14;
  std::vector<mfa::LifetimeParams> battery(T, fixed_years(4));
  for (std::size_t t = 5; t < T; ++t) battery[t] = fixed_years(2);
  auto u = vehicle_pack_response(std::vector<mfa::LifetimeParams>(T, fixed_years(12)), battery);
  ASSERT_TRUE(u.has_value());
  for (std::size_t t = 0; t < T; ++t) {
    EXPECT_DOUBLE_EQ(u->replacements[t], (t == 4 || t == 8 || t == 10) ? 1.0 : 0.0) << t;
  }
}

TEST(VehiclePackResponse, InvalidLifetimeIsAnError) {
  mfa::LifetimeParams bad;
  bad.type = mfa::LifetimeType::kNormal;
  bad.mean = 10.0;
  bad.std = -1.0;
  auto u = vehicle_pack_response(std::vector<mfa::LifetimeParams>(5, bad),
                                 std::vector<mfa::LifetimeParams>(5, fixed_years(4)));
  EXPECT_FALSE(u.has_value());
}

TEST(RunFleet, HundredVehiclesWithFourYearPacksNeedTwoReplacementsEach) {
  // 100 vehicles of 50 kWh sold in 2020, vehicles 10 years, packs 4 years.
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP", "NMC811"}, 2020, 2034);
  b.sales(0, 0, 2020, 100.0).lifetimes(0, fixed_years(10), fixed_years(4));
  auto f = run_fleet(model::fleet_inputs(b.inputs()));
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  for (int year = 2020; year <= 2034; ++year) {
    const std::size_t t = b.t(year);
    const bool replaced = year == 2024 || year == 2028;
    EXPECT_DOUBLE_EQ(f->replacement_packs[f->rst(0, 0, t)], replaced ? 100.0 : 0.0) << year;
    EXPECT_DOUBLE_EQ(f->in_use_vehicles[f->rst(0, 0, t)], year < 2030 ? 100.0 : 0.0) << year;
    const double new_kwh = (year == 2020 || replaced) ? 5000.0 : 0.0;
    EXPECT_DOUBLE_EQ(f->new_kwh[f->rskt(0, 0, 0, t)], new_kwh) << year;
    EXPECT_DOUBLE_EQ(f->new_kwh[f->rskt(0, 0, 1, t)], 0.0) << year;  // no NMC811 share
    const double eol = (replaced || year == 2030) ? 5000.0 : 0.0;
    EXPECT_DOUBLE_EQ(f->end_of_life_kwh[f->rskt(0, 0, 0, t)], eol) << year;
    EXPECT_DOUBLE_EQ(f->scrapped_kwh[f->rskt(0, 0, 0, t)], year == 2030 ? 5000.0 : 0.0) << year;
  }
}

// Sums of a [r, s, k, t] series over years for region 0, segment 0, chemistry 0.
double total(const FleetResult& f, const std::vector<double>& v) {
  double sum = 0.0;
  for (std::size_t t = 0; t < f.years; ++t) sum += v[f.rskt(0, 0, 0, t)];
  return sum;
}

TEST(ReplacementRule, OldVehiclesWithAFailedPackAreRetiredNotRefitted) {
  // Vehicles 10 years, packs 4, new packs only up to age 5: the first failure (age 4) is
  // replaced, the second (age 8) retires the vehicle with its failed pack.
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2020, 2034);
  b.sales(0, 0, 2020, 100.0).lifetimes(0, fixed_years(10), fixed_years(4));
  auto fin = model::fleet_inputs(b.inputs());
  fin.replacement_probability = {1.0};
  fin.replacement_max_vehicle_age_years = {5.0};
  auto f = run_fleet(fin);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  for (int year = 2020; year <= 2034; ++year) {
    const std::size_t t = b.t(year);
    EXPECT_DOUBLE_EQ(f->replacement_packs[f->rst(0, 0, t)], year == 2024 ? 100.0 : 0.0) << year;
    EXPECT_DOUBLE_EQ(f->in_use_vehicles[f->rst(0, 0, t)], year < 2028 ? 100.0 : 0.0) << year;
    const double eol = (year == 2024 || year == 2028) ? 5000.0 : 0.0;
    EXPECT_DOUBLE_EQ(f->end_of_life_kwh[f->rskt(0, 0, 0, t)], eol) << year;
    EXPECT_DOUBLE_EQ(f->scrapped_kwh[f->rskt(0, 0, 0, t)], 0.0) << year;  // none reach age 10
  }
}

TEST(ReplacementRule, HalfOfFailedPacksReplacedHalvesTheFleetAtEachFailure) {
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2020, 2034);
  b.sales(0, 0, 2020, 100.0).lifetimes(0, fixed_years(10), fixed_years(4));
  auto fin = model::fleet_inputs(b.inputs());
  fin.replacement_probability = {0.5};
  auto f = run_fleet(fin);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  const auto at = [&](const std::vector<double>& v, int year) {
    return v[f->rskt(0, 0, 0, b.t(year))];
  };
  EXPECT_DOUBLE_EQ(f->in_use_vehicles[f->rst(0, 0, b.t(2024))], 50.0);
  EXPECT_DOUBLE_EQ(f->in_use_vehicles[f->rst(0, 0, b.t(2028))], 25.0);
  EXPECT_DOUBLE_EQ(at(f->end_of_life_kwh, 2024), 5000.0);  // 100 failed packs
  EXPECT_DOUBLE_EQ(at(f->end_of_life_kwh, 2028), 2500.0);  // 50 failed replacement packs
  EXPECT_DOUBLE_EQ(at(f->scrapped_kwh, 2030), 1250.0);     // 25 vehicles reach age 10
  EXPECT_DOUBLE_EQ(at(f->new_kwh, 2024), 2500.0);
  // Everything that entered left: 5,000 + 2,500 + 1,250 kWh.
  EXPECT_DOUBLE_EQ(total(*f, f->new_kwh), total(*f, f->end_of_life_kwh));
  EXPECT_DOUBLE_EQ(total(*f, f->new_kwh), 8750.0);
}

TEST(ReplacementRule, DefaultRuleEqualsTheRuleThatReplacesEverything) {
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2015, 2040);
  mfa::LifetimeParams v;
  v.type = mfa::LifetimeType::kNormal;
  v.mean = 14.0;
  v.std = 4.0;
  mfa::LifetimeParams p = v;
  p.mean = 9.0;
  b.lifetimes(0, v, p);
  for (int year = 2015; year <= 2030; ++year) b.sales(0, 0, year, 1000.0 + year);
  auto fin = model::fleet_inputs(b.inputs());
  auto base = run_fleet(fin);
  fin.replacement_probability = {1.0};
  fin.replacement_max_vehicle_age_years = {1000.0};  // finite: takes the retiring path
  auto capped = run_fleet(fin);
  ASSERT_TRUE(base.has_value() && capped.has_value());
  for (std::size_t i = 0; i < base->in_use_kwh.size(); ++i) {
    EXPECT_NEAR(base->in_use_kwh[i], capped->in_use_kwh[i], 1e-9 * (1.0 + base->in_use_kwh[i]));
    EXPECT_NEAR(base->end_of_life_kwh[i], capped->end_of_life_kwh[i],
                1e-9 * (1.0 + base->end_of_life_kwh[i]));
  }
}

TEST(SecondLifeEligibility, PacksOfVehiclesScrappedOlderThanTheLimitAreNotEligible) {
  // Vehicles 10 years (scrapped at age 10), sold in 2020 and 2025: with a limit of 9 years no
  // scrapped pack is eligible; with 10 all are; the limit never changes the fleet itself.
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2020, 2040);
  b.sales(0, 0, 2020, 100.0).sales(0, 0, 2025, 40.0);
  b.lifetimes(0, fixed_years(10), fixed_years(30));
  auto fin = model::fleet_inputs(b.inputs());
  auto none = run_fleet(fin);
  ASSERT_TRUE(none.has_value()) << none.error().to_string();
  EXPECT_EQ(none->scrapped_eligible_kwh, none->scrapped_kwh) << "no limit: every scrapped pack";
  for (const auto& [limit, share] :
       std::vector<std::pair<double, double>>{{9.0, 0.0}, {9.5, 0.0}, {10.0, 1.0}, {25.0, 1.0}}) {
    fin.eligible_max_vehicle_age_years = {limit};
    auto f = run_fleet(fin);
    ASSERT_TRUE(f.has_value()) << f.error().to_string();
    EXPECT_EQ(f->scrapped_kwh, none->scrapped_kwh);
    EXPECT_EQ(f->end_of_life_kwh, none->end_of_life_kwh);
    for (const int year : {2030, 2035}) {
      const std::size_t i = f->rskt(0, 0, 0, b.t(year));
      EXPECT_DOUBLE_EQ(f->scrapped_kwh[i], year == 2030 ? 5000.0 : 2000.0);
      EXPECT_DOUBLE_EQ(f->scrapped_eligible_kwh[i], share * f->scrapped_kwh[i])
          << "limit " << limit << ", year " << year;
    }
  }
}

TEST(SecondLifeEligibility, AnAgeLimitKeepsOnlyTheYoungPartOfASpreadOfScrapping) {
  // Normal vehicle lifetimes spread scrapping over ages: the eligible part is the scrapped
  // response summed over ages up to the limit, segment by segment (the second segment has none).
  testing::ModelBuilder b({"AAA"}, {"car", "bus"}, {"LFP"}, 2015, 2045);
  mfa::LifetimeParams v;
  v.type = mfa::LifetimeType::kNormal;
  v.mean = 12.0;
  v.std = 4.0;
  b.lifetimes(0, v, fixed_years(40)).lifetimes(1, v, fixed_years(40));
  b.sales(0, 0, 2015, 1000.0).sales(0, 1, 2015, 1000.0);
  auto fin = model::fleet_inputs(b.inputs());
  fin.eligible_max_vehicle_age_years = {12.0, std::numeric_limits<double>::infinity()};
  auto f = run_fleet(fin);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  const auto u = vehicle_pack_response(std::vector<mfa::LifetimeParams>(31, v),
                                       std::vector<mfa::LifetimeParams>(31, fixed_years(40)));
  ASSERT_TRUE(u.has_value());
  const double kwh = 1000.0 * b.inputs().pack_kwh[0][0][0];
  double eligible = 0.0;
  double scrapped = 0.0;
  for (int year = 2015; year <= 2045; ++year) {
    const std::size_t t = b.t(year);
    const double expected = year - 2015 <= 12 ? kwh * u->scrapped[t] : 0.0;
    EXPECT_NEAR(f->scrapped_eligible_kwh[f->rskt(0, 0, 0, t)], expected, 1e-9 * kwh) << year;
    EXPECT_DOUBLE_EQ(f->scrapped_eligible_kwh[f->rskt(0, 1, 0, t)],
                     f->scrapped_kwh[f->rskt(0, 1, 0, t)]);
    eligible += f->scrapped_eligible_kwh[f->rskt(0, 0, 0, t)];
    scrapped += f->scrapped_kwh[f->rskt(0, 0, 0, t)];
  }
  // About half of a Normal(12, 4) lifetime ends by age 12.
  EXPECT_GT(eligible, 0.4 * scrapped);
  EXPECT_LT(eligible, 0.6 * scrapped);
}

TEST(SecondLifeEligibility, ANegativeOrNaNLimitIsAnError) {
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2020, 2030);
  auto fin = model::fleet_inputs(b.inputs());
  for (const double bad : {-1.0, std::nan("")}) {
    fin.eligible_max_vehicle_age_years = {bad};
    EXPECT_FALSE(run_fleet(fin).has_value());
  }
  fin.eligible_max_vehicle_age_years = {5.0, 5.0};
  EXPECT_FALSE(run_fleet(fin).has_value()) << "one limit per segment";
}

TEST(UsedExports, ExportedVehiclesAgeAndAreRefittedAndScrappedInTheDestination) {
  // 100 vehicles of 50 kWh sold in AAA in 2020, vehicles 10 years, packs 4: 30 % of them leave
  // for BBB at age 5 (2025). The pack failing at age 8 (2028) is replaced where the vehicle runs,
  // and the vehicles are scrapped at age 10 (2030) there.
  testing::ModelBuilder b({"AAA", "BBB"}, {"car"}, {"LFP"}, 2020, 2034);
  b.sales(0, 0, 2020, 100.0).lifetimes(0, fixed_years(10), fixed_years(4));
  auto fin = model::fleet_inputs(b.inputs());
  fin.used_exports = {{0, 1, 0, 0.3, 5}};
  auto f = run_fleet(fin);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  const auto kwh = [&](const std::vector<double>& v, std::size_t r, int year) {
    return v[f->rskt(r, 0, 0, b.t(year))];
  };
  for (int year = 2020; year <= 2034; ++year) {
    const std::size_t t = b.t(year);
    const bool away = year >= 2025 && year < 2030;
    EXPECT_NEAR(f->in_use_vehicles[f->rst(0, 0, t)], year < 2025 ? 100.0 : (away ? 70.0 : 0.0),
                1e-9)
        << year;
    EXPECT_NEAR(f->in_use_vehicles[f->rst(1, 0, t)], away ? 30.0 : 0.0, 1e-9) << year;
    EXPECT_NEAR(f->used_trade_vehicles[((0 * 2 + 1) * 1 + 0) * f->years + t],
                year == 2025 ? 30.0 : 0.0, 1e-9)
        << year;
    EXPECT_DOUBLE_EQ(f->used_trade_vehicles[((1 * 2 + 0) * 1 + 0) * f->years + t], 0.0);
  }
  EXPECT_NEAR(f->replacement_packs[f->rst(0, 0, b.t(2024))], 100.0, 1e-9);  // before export
  EXPECT_NEAR(f->replacement_packs[f->rst(0, 0, b.t(2028))], 70.0, 1e-9);
  EXPECT_NEAR(f->replacement_packs[f->rst(1, 0, b.t(2028))], 30.0, 1e-9);
  EXPECT_NEAR(kwh(f->scrapped_kwh, 0, 2030), 3500.0, 1e-9);
  EXPECT_NEAR(kwh(f->scrapped_kwh, 1, 2030), 1500.0, 1e-9);
  EXPECT_NEAR(kwh(f->end_of_life_kwh, 1, 2028), 1500.0, 1e-9);  // the failed packs in BBB
  EXPECT_NEAR(kwh(f->new_kwh, 1, 2028), 1500.0, 1e-9);          // their replacements
  EXPECT_NEAR(kwh(f->used_export_kwh, 0, 2025), 1500.0, 1e-9);
  EXPECT_NEAR(kwh(f->used_import_kwh, 1, 2025), 1500.0, 1e-9);
  // Use phase of each region, year by year: new + imported - end of life - exported = change.
  for (std::size_t r = 0; r < 2; ++r) {
    double stock = 0.0;
    for (int year = 2020; year <= 2034; ++year) {
      const double change = kwh(f->new_kwh, r, year) + kwh(f->used_import_kwh, r, year) -
                            kwh(f->end_of_life_kwh, r, year) - kwh(f->used_export_kwh, r, year);
      stock += change;
      EXPECT_NEAR(kwh(f->in_use_kwh, r, year), stock, 1e-9) << r << " " << year;
    }
  }
}

TEST(UsedExports, MovingVehiclesNeverChangesTheWorldTotals) {
  // Normal lifetimes, a replacement age cap and a second-life age limit: exports shift flows
  // between regions, but the world's stock, end of life, demand and eligible packs stay the same.
  testing::ModelBuilder b({"AAA", "BBB", "CCC"}, {"car", "bus"}, {"LFP", "NMC811"}, 2010, 2045);
  mfa::LifetimeParams v;
  v.type = mfa::LifetimeType::kNormal;
  v.mean = 14.0;
  v.std = 4.0;
  mfa::LifetimeParams p = v;
  p.mean = 9.0;
  b.lifetimes(0, v, p).lifetimes(1, v, p);
  for (int year = 2010; year <= 2035; ++year) {
    b.sales(0, 0, year, 1000.0 + 10.0 * year).sales(1, 1, year, 50.0).sales(2, 0, year, 300.0);
  }
  auto fin = model::fleet_inputs(b.inputs());
  fin.replacement_probability = {0.8, 1.0};
  fin.replacement_max_vehicle_age_years = {10.0, 1e9};
  fin.eligible_max_vehicle_age_years = {12.0, 15.0};
  auto home = run_fleet(fin);
  fin.used_exports = {{0, 1, 0, 0.25, 6}, {0, 2, 0, 0.5, 6}, {1, 0, 1, 1.0, 3}};
  auto moved = run_fleet(fin);
  ASSERT_TRUE(home.has_value() && moved.has_value());
  const auto world = [&](const FleetResult& f, const std::vector<double>& values, std::size_t t) {
    double sum = 0.0;
    for (std::size_t r = 0; r < f.regions; ++r)
      for (std::size_t s = 0; s < f.segments; ++s)
        for (std::size_t k = 0; k < f.chemistries; ++k) sum += values[f.rskt(r, s, k, t)];
    return sum;
  };
  double exported = 0.0;
  for (std::size_t t = 0; t < home->years; ++t) {
    for (const auto member : {&FleetResult::in_use_kwh, &FleetResult::end_of_life_kwh,
                              &FleetResult::new_kwh, &FleetResult::scrapped_eligible_kwh}) {
      const double a = world(*home, (*home).*member, t);
      EXPECT_NEAR(world(*moved, (*moved).*member, t), a, 1e-9 * (1.0 + a)) << t;
    }
    exported += world(*moved, moved->used_export_kwh, t);
    EXPECT_NEAR(world(*moved, moved->used_export_kwh, t), world(*moved, moved->used_import_kwh, t),
                1e-9);
  }
  EXPECT_GT(exported, 0.0);
  // All BBB buses leave at age 3, so BBB holds no bus older than 2 years.
  for (std::size_t t = 0; t < moved->years; ++t) {
    const std::size_t i = moved->rskt(1, 1, 0, t);
    EXPECT_LE(moved->in_use_kwh[i], home->in_use_kwh[i] + 1e-9);
  }
}

TEST(UsedExports, BadEntriesAreErrors) {
  testing::ModelBuilder b({"AAA", "BBB"}, {"car"}, {"LFP"}, 2020, 2030);
  auto fin = model::fleet_inputs(b.inputs());
  const std::vector<std::vector<UsedExport>> bad = {
      {{0, 0, 0, 0.1, 5}},                     // to its own origin
      {{0, 2, 0, 0.1, 5}},                     // unknown region
      {{0, 1, 0, 1.5, 5}},                     // share above 1
      {{0, 1, 0, 0.1, 0}},                     // age below 1
      {{0, 1, 0, 0.6, 5}, {0, 1, 0, 0.6, 5}},  // shares sum above 1
      {{0, 1, 0, 0.1, 5}, {0, 1, 0, 0.1, 6}},  // two ages
  };
  for (const auto& entries : bad) {
    fin.used_exports = entries;
    EXPECT_FALSE(run_fleet(fin).has_value());
  }
}

TEST(RunFleet, BatchEqualsOneSolvePerSeries) {
  // Two regions, two segments with different Normal lifetimes, sales in several years: the
  // stock of each series equals a single-series inflow-driven solve on its survival matrix.
  mfa::LifetimeParams car;
  car.type = mfa::LifetimeType::kNormal;
  car.mean = 12.0;
  car.std = 3.0;
  mfa::LifetimeParams bus = car;
  bus.mean = 8.0;
  testing::ModelBuilder b({"AAA", "BBB"}, {"car", "bus"}, {"LFP"}, 2010, 2040);
  b.lifetimes(0, car, fixed_years(30)).lifetimes(1, bus, fixed_years(30));
  for (int year = 2012; year <= 2030; ++year) {
    b.sales(0, 0, year, 10.0 * year - 20000.0).sales(1, 1, year, 3.0).sales(1, 0, year, 7.0);
  }
  const auto fin = model::fleet_inputs(b.inputs());
  auto f = run_fleet(fin);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  for (std::size_t r = 0; r < 2; ++r) {
    for (std::size_t s = 0; s < 2; ++s) {
      const auto sm = mfa::make_survival_matrix(fin.vehicle_lifetime[s], 0.0);
      std::vector<double> inflow(fin.years);
      for (std::size_t t = 0; t < fin.years; ++t) inflow[t] = fin.sales_vehicles[r][s][t] * 50.0;
      const auto one = mfa::solve_inflow_driven(sm, inflow);
      for (std::size_t t = 0; t < fin.years; ++t) {
        EXPECT_NEAR(f->in_use_kwh[f->rskt(r, s, 0, t)], one.stock[t], 1e-9 * (1.0 + one.stock[t]));
        EXPECT_NEAR(f->scrapped_kwh[f->rskt(r, s, 0, t)], one.outflow[t],
                    1e-9 * (1.0 + one.outflow[t]));
      }
    }
  }
}

TEST(RunFleet, MismatchedSizesAreAnError) {
  testing::ModelBuilder b({"AAA"}, {"car"}, {"LFP"}, 2020, 2024);
  auto fin = model::fleet_inputs(b.inputs());
  fin.pack_kwh[0][0].pop_back();
  EXPECT_FALSE(run_fleet(fin).has_value());
}

TEST(CohortResponseBatch, AppliesTheResponseAndRejectsBadSizes) {
  // Response: half of a cohort shows up one year later.
  const std::size_t T = 3;
  std::vector<double> response(T * T, 0.0);
  for (std::size_t c = 0; c + 1 < T; ++c) response[c * T + c + 1] = 0.5;
  const std::vector<std::span<const double>> responses = {response};
  const std::vector<double> input = {2.0, 4.0, 8.0};
  std::vector<double> out(T, -1.0);
  const std::vector<mfa::ResponseSeries> series = {{0, input}};
  ASSERT_TRUE(mfa::apply_cohort_response_batch(responses, T, series, out).has_value());
  EXPECT_EQ(out, (std::vector<double>{0.0, 1.0, 2.0}));
  const std::vector<mfa::ResponseSeries> unknown = {{1, input}};
  EXPECT_FALSE(mfa::apply_cohort_response_batch(responses, T, unknown, out).has_value());
  EXPECT_FALSE(mfa::apply_cohort_response_batch(responses, T + 1, series, out).has_value());
}

}  // namespace
}  // namespace urbanmine::fleet
